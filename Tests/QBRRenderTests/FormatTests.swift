import Foundation
import Testing

@testable import QBRRender

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

    @Test func percentsAndSignedDeltas() {
        #expect(Format.percent(Decimal(string: "1.125")!, scale: 1) == "112.5%")
        #expect(Format.percent(Decimal(string: "0.175")!) == "18%")
        let trend = Figure.percent(Decimal(string: "-0.25")!)
        #expect(trend.text == "-25%" && trend.child(named: "signed") as? String == "-25%")
        let nrr = Figure.percent(Decimal(string: "1.03")!, scale: 1)
        #expect(nrr.child(named: "points") as? String == "+3.0 pts")
        #expect(Figure.money(30_000, currency: "USD").child(named: "signed_compact") as? String == "+$30K")
        #expect(Figure.money(0, currency: "USD").child(named: "signed") as? String == "$0")
    }

    @Test func datesAndQuantities() {
        #expect(Format.longDate(exampleAsOf) == "15 Oct 2026")
        #expect(Figure.quantity(45, unit: "days").text == "45 days")
        #expect(Figure.quantity(64, unit: "%").text == "64%")
        #expect(Figure.quantity(Decimal(string: "79.0")!, unit: nil).text == "79")
        #expect(Figure.quantity(-3, unit: "days", signed: true).text == "-3 days")
        #expect(Figure.quantity(27, unit: "days", signed: true).text == "+27 days")
        #expect(Figure.date(exampleAsOf).child(named: "long") as? String == "15 Oct 2026")
        #expect(Figure.count(1204).text == "1,204" && Figure.count(1204).child(named: "raw") as? Int == 1204)
        #expect(Figure.multiple(Decimal(string: "0.9375")!).text == "0.9×")
    }
}
