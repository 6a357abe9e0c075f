import Foundation

/// How an account's NRR compares with its segment's benchmark.
public enum NRRBand: String, Codable, CaseIterable, Sendable {
    /// Meets the enterprise benchmark (≥ 120% by default).
    case bestInClass = "best-in-class"
    /// Meets the mid-market benchmark (≥ 110% by default).
    case strong
    /// Meets the smb benchmark (≥ 100% by default).
    case healthy
    /// Growing, but under the segment's benchmark.
    case belowBenchmark = "below benchmark"
    /// NRR under 100%: the account is shrinking.
    case shrinking
}

/// Retention figures of one account's (or a portfolio's) ARR movements.
public struct RevenueRetention: Hashable, Sendable {
    /// ARR at the start.
    public let startingARR: Decimal
    /// Starting + expansion − contraction − churn.
    public let endingARR: Decimal
    /// Ending ÷ starting; nil when starting ARR is zero.
    public let nrr: Decimal?
    /// (Starting − contraction − churn) ÷ starting, never above 1; nil when starting ARR is zero.
    public let grr: Decimal?
    /// Ending − starting.
    public let netChange: Decimal

    /// Computes retention from the movements.
    public init(_ revenue: Revenue) {
        startingARR = revenue.startingARR
        endingARR = revenue.startingARR + revenue.expansion - revenue.contraction - revenue.churn
        nrr = endingARR.divided(by: revenue.startingARR)
        grr = (revenue.startingARR - revenue.contraction - revenue.churn).divided(by: revenue.startingARR)
            .map { Swift.min($0, 1) }
        netChange = endingARR - startingARR
    }

    /// Portfolio retention: ARR-weighted (Σ ending ÷ Σ starting), not the mean of the accounts' ratios.
    public init(portfolio revenues: [Revenue]) {
        var total = Revenue(startingARR: 0)
        for revenue in revenues {
            total.startingARR += revenue.startingARR
            total.expansion += revenue.expansion
            total.contraction += revenue.contraction
            total.churn += revenue.churn
        }
        self.init(total)
    }

    /// The NRR band for `segment` (its benchmark, or the default one when nil).
    public func band(segment: Segment?, settings: MetricSettings = .standard) -> NRRBand? {
        guard let nrr else { return nil }
        let benchmark = segment.flatMap { settings.nrrBenchmarks[$0] } ?? settings.defaultNRRBenchmark
        if nrr >= benchmark.threshold { return benchmark.label }
        return nrr >= 1 ? .belowBenchmark : .shrinking
    }

    /// True when NRR ≥ 100% while GRR is under the masking threshold (90%): expansion hides a retention problem.
    public func masksChurn(settings: MetricSettings = .standard) -> Bool {
        guard let nrr, let grr else { return false }
        return nrr >= 1 && grr < settings.grrMaskingBelow
    }

    /// NRR if `additionalARR` (an open pipeline) closes on top of the ending ARR.
    public func nrr(adding additionalARR: Decimal) -> Decimal? {
        (endingARR + additionalARR).divided(by: startingARR)
    }
}
