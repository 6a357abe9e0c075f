import Foundation

/// One account's key metrics for one month, as a run recorded them: what "since last month" compares with.
public struct MonthSnapshot: Hashable, Sendable {
    /// `YYYY-MM` of the run's `as_of`.
    public let month: String
    /// Health score, when known.
    public let health: Decimal?
    /// NRR, when the account had revenue movements.
    public let nrr: Decimal?
    /// Ending ARR (or contract ARR).
    public let arr: Decimal?
    /// Latest monthly active users.
    public let monthlyActiveUsers: Int?

    /// Creates a snapshot.
    public init(month: String, health: Decimal?, nrr: Decimal?, arr: Decimal?, monthlyActiveUsers: Int?) {
        self.month = month
        self.health = health
        self.nrr = nrr
        self.arr = arr
        self.monthlyActiveUsers = monthlyActiveUsers
    }

    /// The snapshot of `account` at `metrics.asOf`.
    public init(_ account: Account, metrics: AccountMetrics) {
        month = MonthSnapshot.month(of: metrics.asOf)
        health = metrics.health?.score
        nrr = metrics.retention?.nrr
        arr = metrics.retention?.endingARR ?? account.profile.contract?.arr
        monthlyActiveUsers = account.usage?.monthlyActiveUsers.last
    }

    /// `YYYY-MM`.
    public static func month(of day: Day) -> String { String(day.description.prefix(7)) }
}
