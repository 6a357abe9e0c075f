/// Which audience a document is for (README, "The documents").
public enum Edition: String, CaseIterable, Sendable {
    /// What the customer sees: outcomes, value, adoption, roadmap, asks.
    case customer
    /// The CSM's prep edition: adds health, risk reasons, opportunity confidence and ARR, notes.
    case `internal`
}
