import QBRCore

/// What rules read: one account and its metrics at the run date.
public struct AccountFacts: Sendable {
    /// The account.
    public let account: Account
    /// Its metrics at `metrics.asOf`.
    public let metrics: AccountMetrics

    /// Derives the metrics of `account` at `asOf`.
    public init(account: Account, asOf: Day, settings: MetricSettings = .standard) {
        self.account = account
        self.metrics = AccountMetrics(account, asOf: asOf, settings: settings)
    }

    /// Uses metrics already derived.
    public init(account: Account, metrics: AccountMetrics) {
        self.account = account
        self.metrics = metrics
    }
}
