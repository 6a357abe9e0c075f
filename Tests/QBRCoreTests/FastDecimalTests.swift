import Foundation
import Testing

@testable import QBRCore

/// Formatting through integers gives exactly what Foundation's rounding and text give.
@Suite struct FastDecimalTests {
    @Test func theFastPathIsTakenOnThisPlatform() {
        #expect(FastDecimal.layoutIsKnown)
        #expect(FastDecimal.grouped(Decimal(string: "1234.5")!, scale: 2) == "1,234.50")
    }

    @Test(arguments: [
        "0", "-0.4", "0.5", "-0.5", "1.005", "2.675", "0.125", "999.995", "1234567.891", "-1234567.891", "240000",
        "0.0925", "1e-7", "-1e-7", "99999999999.9999", "18446744073709551615", "1e18", "-1e18", "0.000000000000000000001",
    ])
    func edgeValuesMatchTheSlowPath(text: String) throws {
        let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        for scale in 0...3 {
            #expect(Format.number(value, scale: scale) == Format.groupedSlowly(value, scale: scale), "\(text) @\(scale)")
        }
    }

    @Test func manyValuesMatchTheSlowPath() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...15, using: &generator)
            let mantissa = Int64.random(in: 0..<Int64(pow(10.0, Double(digits))), using: &generator)
            let exponent = Int.random(in: -9...4, using: &generator)
            let value = Decimal(sign: Bool.random() ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
            let scale = Int.random(in: 0...3, using: &generator)
            #expect(Format.number(value, scale: scale) == Format.groupedSlowly(value, scale: scale), "\(value) @\(scale)")
        }
        // Arithmetic results (divisions) have long mantissas: rounded in 128 bits, with the slow way's result.
        let third = Decimal(1) / Decimal(3)
        #expect(Format.number(third * 100, scale: 1) == "33.3")
    }

    /// Quotients and products (38-digit mantissas, as NRR, attainment and converted amounts are) round in 128
    /// bits to exactly what Foundation's rounding gives, halves included.
    @Test func quotientsMatchTheSlowPath() throws {
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = [Decimal(2) / 3, Decimal(-2) / 3, Decimal(1) / 8, Decimal(5) / 1000, Decimal(1_000_000) / 7]
        for _ in 0..<20_000 {
            let numerator = Decimal(Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator))
            let denominator = Decimal(Int64.random(in: 1...9_999_999, using: &generator))
            let quotient = numerator / denominator
            values.append(quotient)
            values.append(quotient * Decimal(Int.random(in: 1...1000, using: &generator)) / 100)
        }
        for value in values {
            for scale in 0...3 {
                #expect(Format.number(value, scale: scale) == Format.groupedSlowly(value, scale: scale), "\(value) @\(scale)")
                // A percentage reads the ratio two decimals further instead of multiplying it by 100.
                #expect(Format.percent(value, scale: scale) == Format.groupedSlowly(value * 100, scale: scale) + "%", "\(value) @\(scale)")
            }
            // The sign of money is the sign of its rounding: "-$0" is never written.
            #expect(Format.isNegativeWhenRounded(value) == (value.rounded(0) < 0), "\(value)")
        }
        #expect(Format.money(Decimal(string: "-0.4")!, currency: "USD") == "$0")
        #expect(Format.money(Decimal(string: "-0.5")!, currency: "USD") == "-$1")
    }
}

/// Stored figures written through integers read exactly as `Decimal.description` writes them.
@Suite struct ExactTextTests {
    @Test func matchesDescription() {
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = [0, -0, 100, 1200, Decimal(string: "0.000")!, Decimal(string: "12.50")!, Decimal(string: "-0.0001")!,
            Decimal(string: "1e-7")!, Decimal(string: "18446744073709551615")!, Decimal(2) / 3, Decimal(-200) / 7]
        for _ in 0..<50_000 {
            let mantissa = UInt64.random(in: 0...[9, 999, 999_999, 999_999_999_999, UInt64.max / 2].randomElement(using: &generator)!, using: &generator)
            values.append(Decimal(sign: Bool.random(using: &generator) ? .minus : .plus, exponent: Int.random(in: -25...25, using: &generator), significand: Decimal(mantissa)))
        }
        for value in values { #expect(Format.exact(value) == value.description, "\(value)") }
    }
}

/// Comparing through integers orders Decimals as Foundation does.
@Suite struct DecimalCompareTests {
    @Test func ordersAsFoundationDoes() {
        var generator = SystemRandomNumberGenerator()
        func random() -> Decimal {
            switch Int.random(in: 0...5, using: &generator) {
            case 0: return Decimal(Int.random(in: -3...3, using: &generator))
            case 1: return Decimal(Int64.random(in: -1_000_000...1_000_000, using: &generator)) / Decimal(Int64.random(in: 1...999, using: &generator))
            default:
                let mantissa = UInt64.random(in: 0...[9, 9_999, 99_999_999, 999_999_999_999_999].randomElement(using: &generator)!, using: &generator)
                return Decimal(sign: Bool.random(using: &generator) ? .minus : .plus, exponent: Int.random(in: -12...12, using: &generator), significand: Decimal(mantissa))
            }
        }
        for _ in 0..<50_000 {
            let a = random(), b = Bool.random(using: &generator) ? random() : a * 10 / 10
            let expected = a == b ? 0 : (a < b ? -1 : 1)
            #expect(FastDecimal.compare(a, b) == expected, "\(a) vs \(b)")
        }
        #expect(FastDecimal.compare(Decimal(string: "0.000")!, 0) == 0)
        #expect(FastDecimal.compare(Decimal(string: "1.50")!, Decimal(string: "1.5")!) == 0)
        #expect(FastDecimal.compare(Decimal(string: "-2")!, Decimal(string: "-10")!) == 1)
        #expect(FastDecimal.compare(Decimal(string: "1e-30")!, Decimal(string: "1e30")!) == -1)
    }
}

/// Compact money without Decimal division gives what the division gave.
@Suite struct CompactMoneyTests {
    @Test func matchesDividingTheDecimal() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let mantissa = Int64.random(in: 0..<10_000_000_000_000, using: &generator)
            let value = Decimal(sign: .plus, exponent: Int.random(in: -3...0, using: &generator), significand: Decimal(mantissa))
            for (power, scale) in [(3, 1), (6, 2), (9, 2)] {
                var divisor = Decimal(1)
                for _ in 0..<power { divisor *= 10 }
                #expect(
                    Format.plain(value, maxScale: scale, dividedBy: power) == Format.plain(value / divisor, maxScale: scale),
                    "\(value) ÷ 10^\(power)")
            }
        }
        #expect(Format.compactMoney(999_950, currency: "USD") == "$1,000K")
        #expect(Format.compactMoney(1_049.6, currency: "USD") == "$1K")
    }
}
