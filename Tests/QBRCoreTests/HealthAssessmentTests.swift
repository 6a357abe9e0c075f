import Foundation
import Testing

@testable import QBRCore

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite("HealthAssessment")
struct HealthAssessmentTests {
    private let components = [
        HealthComponent(name: "usage", score: 85),
        HealthComponent(name: "engagement", score: 70),
        HealthComponent(name: "support", score: 80),
        HealthComponent(name: "sentiment", score: 75),
    ]

    @Test("a given score wins over the components")
    func givenScoreWins() throws {
        let health = try #require(HealthAssessment(Health(score: 42, components: components)))
        #expect(health.score == 42)
        #expect(!health.computed)
        #expect(health.band == .red)
    }

    @Test("computed weighted mean with default weights")
    func computedMean() throws {
        // 85×.35 + 70×.25 + 80×.20 + 75×.20 = 29.75 + 17.5 + 16 + 15 = 78.25 (weights sum 1)
        let health = try #require(HealthAssessment(Health(components: components)))
        #expect(health.score == dec("78.25"))
        #expect(health.computed)
        #expect(health.band == .green)
    }

    @Test("weights are renormalised over the components present")
    func renormalised() throws {
        // sentiment missing: (29.75 + 17.5 + 16) ÷ (.35 + .25 + .20) = 63.25 ÷ 0.80 = 79.0625
        let health = try #require(HealthAssessment(Health(components: Array(components.prefix(3)))))
        #expect(health.score == dec("79.0625"))
        #expect(health.band == .green)
        // a single component is its own score: 60×.20 ÷ .20 = 60
        let single = try #require(HealthAssessment(Health(components: [HealthComponent(name: "support", score: 60)])))
        #expect(single.score == 60)
        #expect(single.band == .yellow)
    }

    @Test("unknown component names are ignored; names are case-insensitive")
    func unknownIgnored() throws {
        // "Usage" matches usage; "nps" has no weight: 40×.35 + 80×.25 = 14 + 20 = 34; ÷ 0.60 = 56.666…
        let health = try #require(
            HealthAssessment(
                Health(components: [
                    HealthComponent(name: "Usage", score: 40),
                    HealthComponent(name: "engagement", score: 80),
                    HealthComponent(name: "nps", score: 0),
                ])))
        #expect(health.score == dec("34") / dec("0.60"))
        #expect(health.band == .yellow)
    }

    @Test("only unknown components, or none: nil")
    func onlyUnknown() {
        #expect(HealthAssessment(Health(components: [HealthComponent(name: "vibes", score: 90)])) == nil)
        #expect(HealthAssessment(Health()) == nil)
    }

    @Test("nil health → nil")
    func nilHealth() {
        #expect(HealthAssessment(nil) == nil)
    }

    @Test(
        "bands at the boundaries",
        arguments: [
            ("100", HealthBand.green), ("75", .green), ("74.99", .yellow), ("50", .yellow), ("49.99", .red),
            ("0", .red),
        ])
    func bands(score: String, expected: HealthBand) throws {
        #expect(HealthAssessment.band(of: dec(score)) == expected)
        let given = try #require(HealthAssessment(Health(score: dec(score))))
        #expect(given.band == expected)
    }

    @Test("custom weights and thresholds")
    func customSettings() throws {
        var settings = MetricSettings.standard
        settings.healthWeights = ["usage": 1, "support": 3]
        settings.healthGreenFrom = 80
        settings.healthYellowFrom = 60
        // (85×1 + 80×3) ÷ 4 = (85 + 240) ÷ 4 = 81.25 → green at ≥ 80
        let health = try #require(HealthAssessment(Health(components: components), settings: settings))
        #expect(health.score == dec("81.25"))
        #expect(health.band == .green)
        #expect(HealthAssessment.band(of: 79, settings: settings) == .yellow)
        #expect(HealthAssessment.band(of: 59, settings: settings) == .red)
    }
}
