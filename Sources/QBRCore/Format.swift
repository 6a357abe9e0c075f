import Foundation

/// Locale-independent number, money, percent and date formatting, so output is byte-identical on every
/// machine (no NumberFormatter, no time zones).
public enum Format {
    /// Groups thousands with commas and shows exactly `scale` decimals: 1234.5 → "1,234.50" at scale 2.
    public static func number(_ value: Decimal, scale: Int = 0) -> String {
        if let fast = FastDecimal.grouped(value, scale: scale) { return fast }
        return groupedSlowly(value, scale: scale)
    }

    /// ``number(_:scale:)`` through Foundation's Decimal rounding and text, for values outside 64 bits.
    static func groupedSlowly(_ value: Decimal, scale: Int) -> String {
        let rounded = value.rounded(scale)
        let negative = rounded < 0
        let text = (negative ? -rounded : rounded).description
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        let integer = parts.first ?? "0"
        var fraction = parts.count > 1 ? parts[1] : ""
        fraction += String(repeating: "0", count: max(0, scale - fraction.count))
        var grouped = ""
        for (offset, digit) in integer.reversed().enumerated() {
            if offset > 0 && offset % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let body = String(grouped.reversed()) + (scale > 0 ? "." + fraction.prefix(scale) : "")
        return (negative && rounded != 0 ? "-" : "") + body
    }

    /// The exact value as `Decimal.description` writes it ("12.5", "-0.0001", "1200"), for stored figures (the
    /// manifest, the history); through integers when the value fits in 64 bits.
    public static func exact(_ value: Decimal) -> String {
        FastDecimal.text(value) ?? value.description
    }

    /// Up to `maxScale` decimals with trailing zeros dropped: 45 → "45", 0.125 → "0.13", 12.5 → "12.5".
    public static func plain(_ value: Decimal, maxScale: Int = 2) -> String {
        var text = number(value, scale: maxScale)
        if text.utf8.contains(UInt8(ascii: ".")) {  // bytes: String.contains(String) is Foundation's search
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// `plain(value / 10^power, maxScale:)` without dividing a Decimal (exact, and much faster when it fits).
    static func plain(_ value: Decimal, maxScale: Int, dividedBy power: Int) -> String {
        guard var text = FastDecimal.grouped(value, scale: maxScale, dividedBy: power) else {
            var divisor = Decimal(1)
            for _ in 0..<power { divisor *= 10 }
            return plain(value / divisor, maxScale: maxScale)
        }
        if text.utf8.contains(UInt8(ascii: ".")) {  // bytes: String.contains(String) is Foundation's search
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Whole currency units with the currency's symbol: "$240,000", "€1,200", "CHF 5,000".
    public static func money(_ value: Decimal, currency: String) -> String {
        let (symbol, isPrefix) = symbol(for: currency)
        let digits = number(abs(value), scale: 0)
        let sign = isNegativeWhenRounded(value) ? "-" : ""
        return isPrefix ? sign + symbol + digits : sign + symbol + " " + digits
    }

    /// Whether `value` rounded to whole units is below zero (so "-$0" is never written), without Foundation's
    /// rounding when the value fits in 64 bits.
    static func isNegativeWhenRounded(_ value: Decimal) -> Bool {
        if let (negative, magnitude) = FastDecimal.scaledInteger(value, scale: 0) { return negative && magnitude != 0 }
        return value.rounded(0) < 0
    }

    /// Compact money for headlines: "$240K", "$36.5K", "$1.25M".
    public static func compactMoney(_ value: Decimal, currency: String) -> String {
        let (symbol, isPrefix) = symbol(for: currency)
        let magnitude = abs(value)
        let digits: String
        if magnitude >= 1_000_000_000 {
            digits = plain(magnitude, maxScale: 2, dividedBy: 9) + "B"
        } else if magnitude >= 1_000_000 {
            digits = plain(magnitude, maxScale: 2, dividedBy: 6) + "M"
        } else if magnitude >= 1_000 {
            digits = plain(magnitude, maxScale: 1, dividedBy: 3) + "K"
        } else {
            digits = number(magnitude, scale: 0)
        }
        let sign = isNegativeWhenRounded(value) ? "-" : ""
        return isPrefix ? sign + symbol + digits : sign + symbol + " " + digits
    }

    /// A ratio as a percentage: 1.12 → "112.0%" at scale 1.
    public static func percent(_ ratio: Decimal, scale: Int = 0) -> String {
        // The ratio read at two more decimals is its hundredfold, with no Decimal multiplication.
        (FastDecimal.grouped(ratio, scale: scale, dividedBy: -2) ?? number(ratio * 100, scale: scale)) + "%"
    }

    /// Prefixes "+" to positive values ("+$36,000", "+25%"); negatives already carry "-".
    public static func signed(_ text: String, isPositive: Bool) -> String {
        isPositive ? "+" + text : text
    }

    /// "31 Oct 2026".
    public static func longDate(_ day: Day) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(day.day) \(months[day.month - 1]) \(day.year)"
    }

    private static func symbol(for currency: String) -> (String, Bool) {
        switch currency.uppercased() {
        case "USD": return ("$", true)
        case "EUR": return ("€", true)
        case "GBP": return ("£", true)
        case "JPY", "CNY": return ("¥", true)
        case "INR": return ("₹", true)
        case "CAD": return ("CA$", true)
        case "AUD": return ("A$", true)
        default: return (currency.uppercased(), false)
        }
    }
}
