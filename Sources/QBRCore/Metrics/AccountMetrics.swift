import Foundation

/// Every derived metric of the README's Metrics section for one account at one date: a pure function of both.
public struct AccountMetrics: Hashable, Sendable {
    /// The run date.
    public let asOf: Day
    /// Retention, when the account has revenue movements.
    public let retention: RevenueRetention?
    /// NRR band against the account's segment benchmark.
    public let nrrBand: NRRBand?
    /// Expansion hiding contraction and churn (NRR ≥ 100%, GRR < 90%).
    public let grrMasking: Bool
    /// Progress of each outcome, in input order.
    public let outcomes: [OutcomeProgress]
    /// Value realized totals.
    public let value: ValueSummary
    /// seats_active ÷ seats.
    public let seatUtilization: Decimal?
    /// Monthly active users change over the last three months.
    public let usageTrend90d: Decimal?
    /// Health score and band.
    public let health: HealthAssessment?
    /// Renewal date − as_of; negative when the renewal date has passed.
    public let daysToRenewal: Int?
    /// as_of − the sponsor's `since` date.
    public let daysSinceSponsorChange: Int?
    /// Why expansion talk is or is not yet earned.
    public let expansionReadiness: ExpansionReadiness
    /// Opportunity pipeline.
    public let pipeline: Pipeline
    /// NRR if the weighted pipeline closes.
    public let nrrWithWeightedPipeline: Decimal?

    /// Derives every metric of `account` at `asOf`.
    public init(_ account: Account, asOf: Day, settings: MetricSettings = .standard) {
        self.asOf = asOf
        let profile = account.profile
        retention = account.revenue.map(RevenueRetention.init)
        nrrBand = retention?.band(segment: profile.segment, settings: settings)
        grrMasking = retention?.masksChurn(settings: settings) ?? false
        let windowStart = profile.contract?.start
        outcomes = account.outcomes.map { OutcomeProgress($0, asOf: asOf, windowStart: windowStart) }
        value = ValueSummary(account.valueRealized, contractARR: profile.contract?.arr)
        seatUtilization = AdoptionMetrics.seatUtilization(
            seatsActive: account.usage?.seatsActive, seats: profile.contract?.seats)
        usageTrend90d = AdoptionMetrics.usageTrend90d(account.usage?.monthlyActiveUsers ?? [])
        health = HealthAssessment(account.health, settings: settings)
        daysToRenewal = profile.contract?.renewal.map { asOf.days(until: $0) }
        daysSinceSponsorChange = profile.executiveSponsor?.since.map { $0.days(until: asOf) }
        expansionReadiness = ExpansionReadiness(outcomes: outcomes, value: value, health: health)
        pipeline = Pipeline(account.opportunities)
        nrrWithWeightedPipeline = retention?.nrr(adding: pipeline.weightedARR)
    }
}

/// Expansion follows demonstrated value: at least one outcome achieved, confirmed value above zero, and
/// health not red (unknown health does not block).
public struct ExpansionReadiness: Hashable, Sendable {
    /// At least one outcome is achieved.
    public let outcomeAchieved: Bool
    /// Confirmed value realized is above zero.
    public let valueConfirmed: Bool
    /// Health is not red.
    public let healthNotRed: Bool

    /// All three conditions hold.
    public var isReady: Bool { outcomeAchieved && valueConfirmed && healthNotRed }

    /// Evaluates the three conditions.
    public init(outcomes: [OutcomeProgress], value: ValueSummary, health: HealthAssessment?) {
        outcomeAchieved = outcomes.contains { $0.status == .achieved }
        valueConfirmed = value.confirmed > 0
        healthNotRed = health?.band != .red
    }
}
