import Foundation
import QBRCore
import QBRLoad
import Yams

/// One cell of a CSV or SQLite row read as a spreadsheet writes it, by the type of the schema field it holds:
/// `$12,500.00` and `12.500,00 €` (with `decimal: ","`), `85%` in a ratio field, `11/30/2026`, `yes`, `Enterprise`,
/// `usd`, `Tier 3`. The result is the canonical text the account reader takes (`12500.00`, `0.85`, `2026-11-30`),
/// the same text every time; a form that could be read two ways is a problem naming the setting that decides.
/// Text that is no spreadsheet form at all is passed on as it is, so the reader reports it in its usual words
/// (`expected a number, found "lots"`). YAML and JSON account files never come here: they stay strict.
enum SpreadsheetValue {
    /// What a cell becomes.
    enum Read {
        /// A scalar for the reader.
        case text(String)
        /// A list or map given as JSON in the cell.
        case node(Node)
        /// Why the cell cannot be read, in words for the row's message.
        case problem(String)
    }

    /// What a cell is read with besides its text.
    struct Context {
        var settings: ImportSettings
        /// The account's currency from its row (`account.contract.currency`), nil when the row has none (USD).
        var currency: String?
    }

    static func read(_ raw: String, as target: ImportPath, context: Context, location: String) -> Read {
        switch target.form {
        case .wholeList, .wholeMap:
            return structured(raw, target: target, location: location)
        case .value, .mapEntry, .listItem:
            return scalar(raw, type: target.type, path: target.dotted, context: context)
        }
    }

    /// Only a list or map field reads JSON from a cell; a single ask may be written as plain text.
    private static func structured(_ raw: String, target: ImportPath, location: String) -> Read {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("[") || trimmed.hasPrefix("{") else { return .text(raw) }
        do {
            // Parsed within the limits of one account (no alias bomb in a cell).
            guard let node = try AccountLoader.parse(text: trimmed, name: location, limits: .account) else {
                return .text(raw)
            }
            return .node(node)
        } catch {
            let problem = error.diagnostics.first
            let place = problem?.line.map { " (line \($0), column \(problem?.column ?? 1) of the cell)" } ?? ""
            return .problem("the JSON in this cell cannot be read: \(problem?.message ?? "\(error)")\(place)")
        }
    }

    static func scalar(_ raw: String, type: SchemaType, path: String, context: Context) -> Read {
        switch type {
        case .number(let minimum, let maximum):
            let money = minimum == 0 && maximum == nil
            let ratio = minimum == 0 && (maximum == 1 || maximum == 10)
            return number(raw, money: money, ratio: ratio, whole: false, path: path, context: context)
        case .integer:
            var text = raw.trimmingCharacters(in: .whitespaces)
            if path == "account.tier", text.lowercased().hasPrefix("tier") {
                // "Tier 3", "tier-3": the tier is the number.
                text = String(text.dropFirst(4)).trimmingCharacters(in: CharacterSet(charactersIn: " -_"))
            }
            return number(text, money: false, ratio: false, whole: true, path: path, context: context)
        case .boolean:
            switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "yes", "1": return .text("true")
            case "false", "no", "0": return .text("false")
            default: return .text(raw)
            }
        case .date:
            return date(raw, format: context.settings.dateFormat)
        case .choice(let allowed):
            let canonical = String(
                raw.trimmingCharacters(in: .whitespaces).lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
            return .text(allowed.contains(canonical) ? canonical : raw)
        case .currency:
            let code = raw.trimmingCharacters(in: .whitespaces)
            return .text(code.count == 3 && code.allSatisfy { $0.isASCII && $0.isLetter } ? code.uppercased() : raw)
        default:
            return .text(raw)
        }
    }

    // MARK: Numbers

    /// Symbols and the ISO codes they may stand for; a symbol another currency shares is fine for any of them.
    static let symbols: [String: Set<String>] = [
        "$": ["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"], "US$": ["USD"], "€": ["EUR"], "£": ["GBP"],
        "¥": ["JPY", "CNY"], "₹": ["INR"], "₩": ["KRW"], "CHF": ["CHF"], "R$": ["BRL"], "kr": ["SEK", "NOK", "DKK"],
    ]

    /// The ISO 4217 codes an amount may carry (`12,500 USD`, `EUR 9.000,00`); other letters are not a currency.
    static let codes: Set<String> = [
        "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
        "INR", "SGD", "HKD", "KRW", "BRL", "MXN", "ZAR", "ILS", "AED", "SAR", "TRY", "RON", "BGN", "ISK", "TWD",
        "THB", "MYR", "IDR", "PHP", "CLP", "COP", "ARS", "PEN",
    ]

    private static let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]

    static func number(
        _ raw: String, money: Bool, ratio: Bool, whole: Bool, path: String, context: Context
    ) -> Read {
        var text = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{00A0}\u{202F}")))
        let decimal: Character = context.settings.decimal == "," ? "," : "."
        // The plain form needs nothing from a spreadsheet.
        if decimal == ".", NumberText.parse(text) != nil { return .text(text) }
        if decimal == ",", !text.contains("."), !text.contains(","), NumberText.parse(text) != nil { return .text(text) }
        guard text.contains(where: { $0.isASCII && $0.isNumber }) else { return .text(raw) }
        var negative = false
        if text.hasPrefix("(") && text.hasSuffix(")") {
            negative = true  // accounting style
            text = String(text.dropFirst().dropLast())
        }
        if text.hasPrefix("-") || text.hasPrefix("−") {
            negative = true
            text = String(text.dropFirst())
        }
        var percent = false
        if text.hasSuffix("%") {
            percent = true
            text = String(text.dropLast()).trimmingCharacters(in: .whitespaces)
        }
        // A currency symbol or code before or after the amount.
        var currency: String?
        let byLength = symbols.keys.sorted { $0.count > $1.count }
        for symbol in byLength where currency == nil {
            if text.hasPrefix(symbol) {
                currency = symbol
                text = String(text.dropFirst(symbol.count))
            } else if text.hasSuffix(symbol) {
                currency = symbol
                text = String(text.dropLast(symbol.count))
            }
        }
        if currency == nil {
            let letters = text.prefix { $0.isASCII && $0.isLetter }
            let trailing = String(text.reversed().prefix { $0.isASCII && $0.isLetter }.reversed())
            if letters.count == 3, codes.contains(letters.uppercased()) {
                currency = letters.uppercased()
                text = String(text.dropFirst(3))
            } else if trailing.count == 3, codes.contains(trailing.uppercased()) {
                currency = trailing.uppercased()
                text = String(text.dropLast(3))
            }
        }
        text = text.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{00A0}\u{202F}")))
        if text.hasPrefix("-") && !negative {
            negative = true
            text = String(text.dropFirst())
        }
        guard !text.isEmpty, text.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." || $0 == "'" || spaces.contains($0) })
        else { return .text(raw) }
        let shown = shortened(raw.trimmingCharacters(in: .whitespaces))
        if let currency {
            guard money else {
                return .problem("\"\(shown)\" carries a currency, but \(path) is not an amount of money: write the number alone")
            }
            let account = context.currency?.uppercased() ?? "USD"
            let codes = symbols[currency] ?? [currency]
            guard codes.contains(account) else {
                let source = context.currency == nil ? " (account.contract.currency, USD when absent)" : " (account.contract.currency)"
                return .problem(
                    "\"\(shown)\" is in \(codes.sorted().joined(separator: " or ")) but the account's currency is \(account)\(source): "
                        + "amounts are in the contract currency")
            }
        }
        if percent && !ratio {
            return .problem(
                "\"\(shown)\" is a percentage, which is read only in a ratio field (0–1); \(path) is not one: write the number alone")
        }
        guard let digits = plainDigits(text, decimal: decimal) else {
            let other = decimal == "." ? "," : "."
            let setting =
                decimal == "."
                ? "with decimal \".\" (the default) a comma only groups thousands (12,500.00); for decimal commas (1.234,56) "
                    + "add decimal: \",\" under import: in qbr.yaml"
                : "with decimal \",\" a point only groups thousands (12.500,00); for decimal points remove decimal: \",\" "
                    + "from import: in qbr.yaml"
            return .problem("\"\(shown)\" cannot be read as a number: \(setting) (\"\(other)\" is misplaced)")
        }
        var canonical = (negative ? "-" : "") + digits
        if percent, let value = Decimal(string: canonical, locale: Locale(identifier: "en_US_POSIX")) {
            canonical = "\(value / 100)"
        }
        _ = whole  // whole numbers are checked by the reader, which says "expected a whole number"
        return .text(canonical)
    }

    /// `12,500.00` → `12500.00` for decimal `.`; `12.500,00` → `12500.00` for decimal `,`; nil when the grouping is
    /// not thousands (`12,50` with decimal `.`), so the cell is refused rather than read as 1250.
    static func plainDigits(_ text: String, decimal: Character) -> String? {
        let group: Set<Character> = spaces.union(decimal == "." ? [",", "'"] : [".", "'"])
        let parts = text.split(separator: decimal, omittingEmptySubsequences: false)
        guard parts.count <= 2, let integer = parts.first else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : nil
        if let fraction, fraction.isEmpty || !fraction.allSatisfy({ $0.isASCII && $0.isNumber }) { return nil }
        var groups: [Substring] = []
        var separator: Character?
        var current = integer.startIndex
        for index in integer.indices where !(integer[index].isASCII && integer[index].isNumber) {
            guard group.contains(integer[index]) else { return nil }
            if let separator, separator != integer[index] { return nil }
            separator = integer[index]
            groups.append(integer[current..<index])
            current = integer.index(after: index)
        }
        groups.append(integer[current...])
        if groups.count > 1 {
            guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        let digits = groups.joined()
        guard !digits.isEmpty else { return nil }
        return digits + (fraction.map { "." + $0 } ?? "")
    }

    // MARK: Dates

    static func date(_ raw: String, format: ImportSettings.DateFormat?) -> Read {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if Day(iso: text) != nil { return .text(text) }
        // A time after the date (`2026-11-30T00:00:00Z`, `11/30/2026 0:00`): the day is the date as written.
        if let cut = text.firstIndex(where: { $0 == "T" || $0 == " " }), isTime(text[text.index(after: cut)...]) {
            text = String(text[..<cut])
            if Day(iso: text) != nil { return .text(text) }
        }
        guard let separator = text.first(where: { $0 == "/" || $0 == "." || $0 == "-" }) else { return .text(raw) }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts[0].count <= 2, parts[1].count <= 2, let first = Int(parts[0]), let second = Int(parts[1]),
            let year = Int(parts[2])
        else { return .text(raw) }
        let shown = shortened(raw.trimmingCharacters(in: .whitespaces))
        guard parts[2].count == 4 else {
            return .problem("\"\(shown)\" has a two-digit year: write the year with four digits (2026), or YYYY-MM-DD")
        }
        if let format {
            let expected: Character = format == .dayMonthYearDots ? "." : "/"
            guard separator == expected else {
                return .problem(
                    "expected a date \(format.rawValue) (date_format in qbr.yaml) or YYYY-MM-DD, found \"\(shown)\"")
            }
            let (month, day) = format == .monthDayYear ? (first, second) : (second, first)
            guard let date = Day(year: year, month: month, day: day) else {
                return .problem("\"\(shown)\" is no day on the calendar read as \(format.rawValue) (date_format in qbr.yaml)")
            }
            return .text(date.description)
        }
        let monthFirst = Day(year: year, month: first, day: second)
        let dayFirst = Day(year: year, month: second, day: first)
        switch (monthFirst, dayFirst) {
        case (let date?, nil), (nil, let date?):
            return .text(date.description)
        case (let a?, let b?) where a == b:
            return .text(a.description)
        case (let a?, let b?):
            return .problem(
                "\"\(shown)\" is ambiguous: \(long(a)) or \(long(b))? Add date_format: MM/DD/YYYY (or DD/MM/YYYY, "
                    + "DD.MM.YYYY) under import: in qbr.yaml, or write YYYY-MM-DD")
        case (nil, nil):
            return .problem("\"\(shown)\" is no day on the calendar (read as MM/DD/YYYY or as DD/MM/YYYY)")
        }
    }

    private static func isTime(_ text: Substring) -> Bool {
        let clock = text.prefix { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == ".") }
        guard clock.contains(":"), clock.first?.isNumber == true else { return false }
        let rest = text.dropFirst(clock.count).trimmingCharacters(in: .whitespaces).uppercased()
        if ["", "Z", "AM", "PM", "UTC"].contains(rest) { return true }
        // An offset: +02:00, -0500.
        guard let sign = rest.first, sign == "+" || sign == "-" else { return false }
        return rest.dropFirst().allSatisfy { $0.isNumber || $0 == ":" } && rest.count <= 6
    }

    private static func long(_ day: Day) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        return "\(day.day) \(months[day.month - 1]) \(day.year)"
    }
}
