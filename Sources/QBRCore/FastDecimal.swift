import Foundation

/// Formatting of the Decimals that fit in 64 bits (every amount, ratio and count an account has) with integer
/// arithmetic: Foundation's rounding and `description` took a twentieth of a batch run. The results are those of
/// `Format.groupedSlowly` (rounding half away from zero, as `NSDecimalRound`'s `.plain`), which a test checks
/// over many values; anything else goes the slow way.
package enum FastDecimal {
    private static let powers: [UInt64] = (0...19).map { exponent in
        (0..<exponent).reduce(UInt64(1)) { value, _ in value * 10 }
    }
    // 10^0 … 10^38, every power below a 128-bit mantissa's largest value.
    private static let widePowers: [UInt128] = (0...38).map { exponent in
        (0..<exponent).reduce(UInt128(1)) { value, _ in value * 10 }
    }

    /// `value` rounded to `scale` decimals with thousands grouped ("1,234.50"); nil when it does not fit.
    static func grouped(_ value: Decimal, scale: Int, dividedBy power: Int = 0) -> String? {
        // value ÷ 10^power at `scale` decimals is value at `scale - power`: no Decimal division, exactly.
        guard scale >= 0, scale <= 6, let (negative, scaled) = scaledInteger(value, scale: scale - power) else {
            return nil
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(32)
        var rest = scaled
        var written = 0
        // Digits from the right: the fraction, then the integer part with a comma every three digits.
        repeat {
            if written == scale && scale > 0 { digits.append(UInt8(ascii: ".")) }
            let integerDigits = written - scale
            if integerDigits > 0 && integerDigits % 3 == 0 { digits.append(UInt8(ascii: ",")) }
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
            written += 1
        } while rest > 0 || written <= scale
        if negative && scaled != 0 { digits.append(UInt8(ascii: "-")) }
        digits.reverse()
        return String(decoding: digits, as: UTF8.self)
    }

    /// |value| × 10^scale rounded half away from zero, and its sign; nil beyond 64 bits.
    static func scaledInteger(_ value: Decimal, scale: Int) -> (negative: Bool, magnitude: UInt64)? {
        guard layoutIsKnown else { return nil }
        guard let parts = RawDecimal(value) else { return nil }
        let shift = parts.exponent + scale
        guard parts.wide >> 64 == 0 else {
            // A quotient's mantissa runs to 38 digits: rounded to the scale in 128 bits (exactly, as Foundation's
            // rounding is), the result usually fits.
            let drop = -shift
            guard drop > 0, drop < widePowers.count else { return nil }
            let divisor = widePowers[drop]
            var magnitude = parts.wide / divisor
            if (parts.wide % divisor) * 2 >= divisor { magnitude += 1 }
            guard magnitude >> 64 == 0 else { return nil }
            return (parts.negative, UInt64(magnitude))
        }
        var magnitude: UInt64
        if shift >= 0 {
            guard shift < powers.count else { return parts.mantissa == 0 ? (parts.negative, 0) : nil }
            let (product, overflow) = parts.mantissa.multipliedReportingOverflow(by: powers[shift])
            guard !overflow else { return nil }
            magnitude = product
        } else {
            let drop = -shift
            guard drop < powers.count else { return (parts.negative, 0) }
            let divisor = powers[drop]
            magnitude = parts.mantissa / divisor
            let remainder = parts.mantissa % divisor
            if remainder >= divisor - remainder { magnitude += 1 }
        }
        return (parts.negative, magnitude)
    }

    /// -1, 0 or 1 as `a` is below, equal to or above `b`, as Foundation's comparison says, without aligning
    /// the two Decimals' exponents by Decimal multiplication (the loader checks every number against a range).
    package static func compare(_ a: Decimal, _ b: Decimal) -> Int {
        if layoutIsKnown, let x = RawDecimal(a), let y = RawDecimal(b), x.wide >> 64 == 0, y.wide >> 64 == 0 {
            let signX = x.wide == 0 ? 0 : (x.negative ? -1 : 1), signY = y.wide == 0 ? 0 : (y.negative ? -1 : 1)
            if signX != signY { return signX < signY ? -1 : 1 }
            if signX == 0 { return 0 }
            // Both the same sign: compare magnitudes at the smaller exponent, in 128 bits when that fits.
            let low = min(x.exponent, y.exponent)
            let shiftX = x.exponent - low, shiftY = y.exponent - low
            if shiftX < 20, shiftY < 20 {
                let (mx, overflowX) = x.wide.multipliedReportingOverflow(by: widePowers[shiftX])
                let (my, overflowY) = y.wide.multipliedReportingOverflow(by: widePowers[shiftY])
                if !overflowX, !overflowY {
                    let magnitude = mx == my ? 0 : (mx < my ? -1 : 1)
                    return signX > 0 ? magnitude : -magnitude
                }
            }
        }
        return a == b ? 0 : (a < b ? -1 : 1)
    }

    /// `value.description` ("12.5", "-0.0001", "1200") built from the parts; nil beyond 64 bits.
    static func text(_ value: Decimal) -> String? {
        guard layoutIsKnown, let parts = RawDecimal(value), parts.wide >> 64 == 0 else { return nil }
        if parts.mantissa == 0 { return "0" }
        var digits = Array(String(parts.mantissa).utf8)
        if parts.exponent >= 0 {
            digits += repeatElement(UInt8(ascii: "0"), count: parts.exponent)
        } else {
            let point = digits.count + parts.exponent
            if point <= 0 {
                digits = [UInt8(ascii: "0"), UInt8(ascii: ".")] + repeatElement(UInt8(ascii: "0"), count: -point) + digits
            } else {
                digits.insert(UInt8(ascii: "."), at: point)
            }
        }
        return (parts.negative ? "-" : "") + String(decoding: digits, as: UTF8.self)
    }

    /// Whether this Foundation lays a Decimal out as read below; checked once against the public API, so a
    /// Foundation that changes it only loses the fast path.
    static let layoutIsKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let samples = ["-1234.56", "0", "240000", "0.0925", "-7", "18446744073709551615", "1234567890123456789012345678.9"]
        let third = Decimal(1) / Decimal(3)
        return (samples.compactMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) } + [third, -third * 7])
            .allSatisfy { value in
                guard let parts = RawDecimal(value) else { return false }
                // The mantissa in two 64-bit halves, rebuilt through Foundation's own arithmetic.
                let high = Decimal(UInt64(truncatingIfNeeded: parts.wide >> 64)), low = Decimal(parts.mantissa)
                let significand = high * (Decimal(UInt64.max) + 1) + low
                let rebuilt = Decimal(sign: parts.negative ? .minus : .plus, exponent: parts.exponent, significand: significand)
                return rebuilt == value && (parts.wide == 0 || parts.exponent == value.exponent)
            }
    }()
}

/// A Decimal's parts read from its bytes: exponent (Int8), then a byte whose high 4 bits are the mantissa's
/// length in 16-bit words and whose bit 3 is the sign, then eight little-endian words of mantissa from byte 4.
struct RawDecimal {
    let exponent: Int
    let negative: Bool
    /// The whole mantissa, up to 128 bits.
    let wide: UInt128
    /// The mantissa when it fits in 64 bits (truncated otherwise; check `wide` first).
    var mantissa: UInt64 { UInt64(truncatingIfNeeded: wide) }

    init?(_ value: Decimal) {
        var copy = value
        let parsed: (Int, Bool, Int, UInt128) = withUnsafeBytes(of: &copy) { bytes in
            let exponent = Int(Int8(bitPattern: bytes[0]))
            let length = Int(bytes[1] >> 4)
            let negative = bytes[1] & 0x08 != 0
            var mantissa: UInt128 = 0
            for word in 0..<min(length, 8) {
                let low = UInt128(bytes[4 + 2 * word]), high = UInt128(bytes[5 + 2 * word])
                mantissa |= (low | high << 8) << (16 * UInt128(word))
            }
            return (exponent, negative, length, mantissa)
        }
        guard parsed.2 <= 8 else { return nil }
        exponent = parsed.0
        negative = parsed.1
        wide = parsed.3
    }
}
