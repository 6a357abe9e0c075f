import Foundation
import QBRCore
import QBRTemplate
import Testing

@testable import QBRRender

@Suite struct FigureTests {
    @Test func percentsAndSignedDeltas() {
        #expect(Format.percent(Decimal(string: "1.125")!, scale: 1) == "112.5%")
        #expect(Format.percent(Decimal(string: "0.175")!) == "18%")
        let trend = Figure.percent(Decimal(string: "-0.25")!)
        #expect(trend.text == "-25%" && trend.form("signed") == "-25%")
        let nrr = Figure.percent(Decimal(string: "1.03")!, scale: 1)
        #expect(nrr.form("points") == "+3.0 pts")
        #expect(Figure.money(30_000, currency: "USD").form("signed_compact") == "+$30K")
        #expect(Figure.money(0, currency: "USD").form("signed") == "$0")
    }

    @Test func datesAndQuantities() {
        #expect(Format.longDate(exampleAsOf) == "15 Oct 2026")
        #expect(Figure.quantity(45, unit: "days").text == "45 days")
        #expect(Figure.quantity(64, unit: "%").text == "64%")
        #expect(Figure.quantity(Decimal(string: "79.0")!, unit: nil).text == "79")
        #expect(Figure.quantity(-3, unit: "days", signed: true).text == "-3 days")
        #expect(Figure.quantity(27, unit: "days", signed: true).text == "+27 days")
        #expect(Figure.date(exampleAsOf).form("long") == "15 Oct 2026")
        #expect(Figure.count(1204).text == "1,204" && Figure.count(1204).form("raw") == "1204")
        #expect(Figure.multiple(Decimal(string: "0.9375")!).text == "0.9×")
    }
}

extension Figure {
    /// The form `name` (`signed`, `raw`…) as text, nil when the figure has none.
    func form(_ name: String) -> String? {
        guard let index = shape.index(of: name) else { return nil }
        switch field(at: index) {
        case .text(let text): return text
        case .int(let number): return String(number)
        default: return nil
        }
    }
}
