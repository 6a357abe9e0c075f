import Foundation
import Testing

@testable import QBRCore

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite("ValueSummary")
struct ValueSummaryTests {
    private let items = [
        ValueRealized(category: "Cost savings", description: "Fewer contractors", amount: 120_000, confirmed: true),
        ValueRealized(category: "Revenue", description: "Faster quotes", amount: 60_000),
        ValueRealized(category: "Cost savings", description: "Licence consolidation", amount: 30_000),
        ValueRealized(description: "Audit hours", amount: 15_000, confirmed: true),
    ]

    @Test("confirmed / estimated split and total")
    func split() {
        // confirmed = 120000 + 15000 = 135000; estimated = 60000 + 30000 = 90000; total = 225000
        let summary = ValueSummary(items, contractARR: 240_000)
        #expect(summary.confirmed == 135_000)
        #expect(summary.estimated == 90_000)
        #expect(summary.total == 225_000)
    }

    @Test("ROI multiple = total ÷ contract ARR")
    func roi() {
        // 225000 ÷ 240000 = 0.9375
        #expect(ValueSummary(items, contractARR: 240_000).roiMultiple == dec("0.9375"))
        // 225000 ÷ 75000 = 3
        #expect(ValueSummary(items, contractARR: 75_000).roiMultiple == 3)
    }

    @Test("ROI multiple is nil without a positive contract ARR")
    func roiNil() {
        #expect(ValueSummary(items, contractARR: 0).roiMultiple == nil)
        #expect(ValueSummary(items, contractARR: nil).roiMultiple == nil)
        #expect(ValueSummary(items, contractARR: -1).roiMultiple == nil)
    }

    @Test("categories in first-seen order; missing category → Other")
    func categories() {
        let summary = ValueSummary(items, contractARR: 240_000)
        #expect(summary.categories.map(\.name) == ["Cost savings", "Revenue", "Other"])
        // Cost savings: confirmed 120000, estimated 30000, total 150000
        #expect(summary.categories[0].confirmed == 120_000)
        #expect(summary.categories[0].estimated == 30_000)
        #expect(summary.categories[0].total == 150_000)
        #expect(summary.categories[1].confirmed == 0)
        #expect(summary.categories[1].estimated == 60_000)
        #expect(summary.categories[2].confirmed == 15_000)
        #expect(summary.categories[2].total == 15_000)
        // category totals add back up to the total
        #expect(summary.categories.map(\.total).reduce(0, +) == summary.total)
    }

    @Test("first-seen order is not alphabetical")
    func orderNotAlphabetical() {
        let summary = ValueSummary(
            [
                ValueRealized(category: "Risk reduction", amount: 1),
                ValueRealized(amount: 2),
                ValueRealized(category: "Cost savings", amount: 3),
                ValueRealized(category: "Risk reduction", amount: 4),
            ], contractARR: nil)
        #expect(summary.categories.map(\.name) == ["Risk reduction", "Other", "Cost savings"])
        #expect(summary.categories[0].estimated == 5)
    }

    @Test("an explicit \"Other\" category merges with uncategorised items")
    func explicitOther() {
        let summary = ValueSummary(
            [ValueRealized(amount: 10), ValueRealized(category: "Other", amount: 5, confirmed: true)],
            contractARR: nil)
        #expect(summary.categories.count == 1)
        #expect(summary.categories[0].total == 15)
    }

    @Test("no items: zero totals, zero ROI with a positive ARR")
    func empty() {
        let summary = ValueSummary([], contractARR: 100_000)
        #expect(summary.total == 0)
        #expect(summary.confirmed == 0)
        #expect(summary.estimated == 0)
        #expect(summary.categories.isEmpty)
        #expect(summary.roiMultiple == 0)
    }

    @Test("decimal amounts stay exact")
    func decimalAmounts() {
        // 0.10 + 0.20 = 0.30 exactly
        let summary = ValueSummary(
            [ValueRealized(amount: dec("0.10"), confirmed: true), ValueRealized(amount: dec("0.20"), confirmed: true)],
            contractARR: dec("0.60"))
        #expect(summary.confirmed == dec("0.3"))
        #expect(summary.roiMultiple == dec("0.5"))
    }
}
