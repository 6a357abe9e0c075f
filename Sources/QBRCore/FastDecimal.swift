import Foundation

/// Formatting of the Decimals that fit in 64 bits (every amount, ratio and count an account has) with integer
/// arithmetic: Foundation's rounding and `description` took a twentieth of a batch run. The results are those of
/// `Format.groupedSlowly` (rounding half away from zero, as `NSDecimalRound`'s `.plain`), which a test checks
/// over many values; anything else goes the slow way.
enum FastDecimal {
    private static let powers: [UInt64] = (0...19).map { exponent in
        (0..<exponent).reduce(UInt64(1)) { value, _ in value * 10 }
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
        // A quotient has a long mantissa: rounded to the scale first (the slow path's own first step), it fits.
        guard let parts = RawDecimal(value) ?? (scale >= 0 ? RawDecimal(value.rounded(scale)) : nil) else { return nil }
        let shift = parts.exponent + scale
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
            if (parts.mantissa % divisor) * 2 >= divisor { magnitude += 1 }
        }
        return (parts.negative, magnitude)
    }

    /// Whether this Foundation lays a Decimal out as read below; checked once against the public API, so a
    /// Foundation that changes it only loses the fast path.
    static let layoutIsKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let samples = ["-1234.56", "0", "240000", "0.0925", "-7", "18446744073709551615", "1234567890123456789012345678.9"]
        return samples.allSatisfy { text in
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                let parts = RawDecimal(value)
            else { return text == "1234567890123456789012345678.9" }  // longer than 64 bits: must not parse
            let rebuilt = Decimal(
                sign: parts.negative ? .minus : .plus, exponent: parts.exponent, significand: Decimal(parts.mantissa))
            return rebuilt == value && (parts.mantissa == 0 || parts.exponent == value.exponent)
        }
    }()
}

/// A Decimal's parts read from its bytes: exponent (Int8), then a byte whose high 4 bits are the mantissa's
/// length in 16-bit words and whose bit 3 is the sign, then eight little-endian words of mantissa from byte 4. Nil when the mantissa exceeds 64 bits.
struct RawDecimal {
    let exponent: Int
    let negative: Bool
    let mantissa: UInt64

    init?(_ value: Decimal) {
        var copy = value
        let parsed: (Int, Bool, Int, UInt64) = withUnsafeBytes(of: &copy) { bytes in
            let exponent = Int(Int8(bitPattern: bytes[0]))
            let length = Int(bytes[1] >> 4)
            let negative = bytes[1] & 0x08 != 0
            var mantissa: UInt64 = 0
            for word in 0..<min(length, 4) {
                let low = UInt64(bytes[4 + 2 * word]), high = UInt64(bytes[5 + 2 * word])
                mantissa |= (low | high << 8) << (16 * UInt64(word))
            }
            return (exponent, negative, length, mantissa)
        }
        guard parsed.2 <= 4 else { return nil }
        exponent = parsed.0
        negative = parsed.1
        mantissa = parsed.3
    }
}
