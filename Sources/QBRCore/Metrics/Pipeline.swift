import Foundation

/// The next-phase pipeline.
public struct Pipeline: Hashable, Sendable {
    /// Σ estimated_arr × confidence (an opportunity without a confidence counts 0).
    public let weightedARR: Decimal
    /// Σ estimated_arr.
    public let totalARR: Decimal

    /// Sums `opportunities`.
    public init(_ opportunities: [Opportunity]) {
        var weighted: Decimal = 0
        var total: Decimal = 0
        for opportunity in opportunities {
            let arr = opportunity.estimatedARR ?? 0
            total += arr
            weighted += arr * (opportunity.confidence ?? 0)
        }
        weightedARR = weighted
        totalARR = total
    }
}
