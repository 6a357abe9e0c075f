import Foundation
import Testing

@testable import QBRCore

@Suite struct FormatTests {
    @Test func numbersGroupAndRoundHalfUp() {
        #expect(Format.number(1_234_567) == "1,234,567")
        #expect(Format.number(Decimal(string: "1234.5")!, scale: 2) == "1,234.50")
        #expect(Format.number(Decimal(string: "0.125")!, scale: 2) == "0.13")
        #expect(Format.number(Decimal(string: "-1234.5")!) == "-1,235")
        #expect(Format.number(Decimal(string: "-0.4")!) == "0")
        #expect(Format.plain(Decimal(string: "12.50")!) == "12.5")
    }

    @Test func moneyUsesTheContractCurrency() {
        #expect(Format.money(240_000, currency: "USD") == "$240,000")
        #expect(Format.money(Decimal(string: "1200.6")!, currency: "EUR") == "€1,201")
        #expect(Format.money(-6_000, currency: "GBP") == "-£6,000")
        #expect(Format.money(5_000, currency: "CHF") == "CHF 5,000")
    }

    @Test func compactMoney() {
        #expect(Format.compactMoney(240_000, currency: "USD") == "$240K")
        #expect(Format.compactMoney(36_500, currency: "USD") == "$36.5K")
        #expect(Format.compactMoney(1_250_000, currency: "USD") == "$1.25M")
        #expect(Format.compactMoney(2_000_000_000, currency: "EUR") == "€2B")
        #expect(Format.compactMoney(950, currency: "USD") == "$950")
        #expect(Format.compactMoney(-30_000, currency: "USD") == "-$30K")
    }
}
