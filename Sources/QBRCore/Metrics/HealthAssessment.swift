import Foundation

/// Health band of a score.
public enum HealthBand: String, Codable, CaseIterable, Sendable {
    case green, yellow, red
}

/// The account's health score (given or computed) and band.
public struct HealthAssessment: Hashable, Sendable {
    /// Score 0–100.
    public let score: Decimal
    /// True when the score was computed from the components, not given.
    public let computed: Bool
    /// Green, yellow or red.
    public let band: HealthBand

    /// The given score, else the weighted mean of the components that have a weight (weights renormalised
    /// over the components present); nil when there is neither.
    public init?(_ health: Health?, settings: MetricSettings = .standard) {
        guard let health else { return nil }
        if let score = health.score {
            self.score = score
            computed = false
        } else {
            var weighted: Decimal = 0
            var weights: Decimal = 0
            for component in health.components {
                guard let weight = settings.healthWeights[component.name.lowercased()] else { continue }
                weighted += component.score * weight
                weights += weight
            }
            guard let mean = weighted.divided(by: weights) else { return nil }
            score = mean
            computed = true
        }
        band = Self.band(of: score, settings: settings)
    }

    /// Green ≥ 75, yellow 50–74, red < 50 (with the default settings).
    public static func band(of score: Decimal, settings: MetricSettings = .standard) -> HealthBand {
        if score >= settings.healthGreenFrom { return .green }
        if score >= settings.healthYellowFrom { return .yellow }
        return .red
    }
}
