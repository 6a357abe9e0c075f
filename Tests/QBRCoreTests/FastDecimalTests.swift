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
        // Arithmetic results (divisions) have long mantissas: those go the slow way, with the same result.
        let third = Decimal(1) / Decimal(3)
        #expect(Format.number(third * 100, scale: 1) == "33.3")
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
