import Foundation
import Testing

@testable import QBRCore

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite("Pipeline")
struct PipelineTests {
    @Test("weighted pipeline = Σ estimated ARR × confidence")
    func weighted() {
        // 40000 × 0.6 + 25000 × 0.3 + 10000 × 1 = 24000 + 7500 + 10000 = 41500; total 75000
        let pipeline = Pipeline([
            Opportunity(name: "More seats", kind: .seats, estimatedARR: 40_000, confidence: dec("0.6")),
            Opportunity(name: "Analytics", kind: .upsell, estimatedARR: 25_000, confidence: dec("0.3")),
            Opportunity(name: "Signed", kind: .crossSell, estimatedARR: 10_000, confidence: 1),
        ])
        #expect(pipeline.weightedARR == 41_500)
        #expect(pipeline.totalARR == 75_000)
    }

    @Test("missing confidence counts 0; missing ARR counts 0")
    func missing() {
        // 30000 × 0 (no confidence) + 0 (no ARR) × 0.9 + 20000 × 0.25 = 5000; total 50000
        let pipeline = Pipeline([
            Opportunity(name: "Unqualified", estimatedARR: 30_000),
            Opportunity(name: "Unsized", confidence: dec("0.9")),
            Opportunity(name: "Qualified", estimatedARR: 20_000, confidence: dec("0.25")),
        ])
        #expect(pipeline.weightedARR == 5_000)
        #expect(pipeline.totalARR == 50_000)
    }

    @Test("empty pipeline is zero")
    func empty() {
        let pipeline = Pipeline([])
        #expect(pipeline.weightedARR == 0)
        #expect(pipeline.totalARR == 0)
    }
}
