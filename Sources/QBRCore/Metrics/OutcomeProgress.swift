import Foundation

/// Where an outcome stands at `as_of`.
public enum OutcomeStatus: String, Codable, CaseIterable, Sendable {
    /// Attainment ≥ 100%.
    case achieved
    /// Progress keeps pace with the time elapsed in the committed_on → due window.
    case onTrack = "on track"
    /// Progress lags the time elapsed.
    case atRisk = "at risk"
    /// Past due and under 100%.
    case missed
}

/// Attainment and status of one outcome at a date.
public struct OutcomeProgress: Hashable, Sendable {
    /// Share of the committed change achieved (1 = 100%); nil when it cannot be computed.
    public let attainment: Decimal?
    /// Share of the committed_on → due window elapsed at `as_of`, 0–1; nil without both dates.
    public let elapsed: Decimal?
    /// Achieved, on track, at risk or missed.
    public let status: OutcomeStatus
    /// Actual − baseline (the change the customer has seen), when both are known.
    public let change: Decimal?

    /// Computes progress of `outcome` at `asOf`; `windowStart` stands in for a missing `committed_on`.
    public init(_ outcome: Outcome, asOf: Day, windowStart: Day? = nil) {
        attainment = Self.attainment(outcome)
        change = outcome.actual.flatMap { actual in outcome.baseline.map { actual - $0 } }

        let start = outcome.committedOn ?? windowStart
        if let start, let due = outcome.due, due > start {
            let share = Decimal(start.days(until: asOf)) / Decimal(start.days(until: due))
            elapsed = Swift.min(Swift.max(share, 0), 1)
        } else if let due = outcome.due, asOf >= due {
            elapsed = 1
        } else {
            elapsed = nil
        }

        let progress = attainment ?? 0
        // A target equal to its baseline commits to no change: short of it, there is no progress to keep pace.
        let noChangeCommitted = outcome.target != nil && outcome.target == outcome.baseline
        if Self.reachedTarget(outcome) || progress >= 1 {
            status = .achieved
        } else if let due = outcome.due, asOf > due {
            status = .missed
        } else if noChangeCommitted {
            status = .atRisk
        } else if progress >= (elapsed ?? 0) {
            status = .onTrack
        } else {
            status = .atRisk
        }
    }

    /// (actual − baseline) ÷ (target − baseline); without a baseline actual ÷ target (increase) or
    /// target ÷ actual (decrease). Nil without an actual or target, or when the denominator is zero.
    public static func attainment(_ outcome: Outcome) -> Decimal? {
        guard let actual = outcome.actual, let target = outcome.target else { return nil }
        if let baseline = outcome.baseline {
            return (actual - baseline).divided(by: target - baseline)
        }
        switch outcome.direction {
        case .increase: return actual.divided(by: target)
        case .decrease: return target.divided(by: actual)
        }
    }

    /// The actual is at or beyond the target in the outcome's direction. This catches the cases the
    /// ratio cannot express (target equal to baseline, a decrease to zero).
    static func reachedTarget(_ outcome: Outcome) -> Bool {
        guard let actual = outcome.actual, let target = outcome.target else { return false }
        switch outcome.direction {
        case .increase: return actual >= target && (outcome.baseline.map { target >= $0 } ?? true)
        case .decrease: return actual <= target && (outcome.baseline.map { target <= $0 } ?? true)
        }
    }
}
