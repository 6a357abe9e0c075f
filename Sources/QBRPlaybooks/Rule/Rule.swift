import QBRCore

/// A condition written by a CS leader (`health.band == "red" or usage.trend_90d <= -20%`), parsed and
/// type-checked once, then evaluated per account.
public struct Rule: Sendable {
    /// The rule as written.
    public let source: String
    let expression: RuleExpression

    /// Parses `source` against `vocabulary`; unknown metrics, type mismatches and syntax errors throw here,
    /// at load time, never while rendering.
    public init(_ source: String, vocabulary: RuleVocabulary = RuleVocabulary()) throws(RuleError) {
        self.source = source
        var parser = RuleParser(tokens: try RuleLexer.tokens(source), source: source, vocabulary: vocabulary)
        self.expression = try parser.parse()
    }

    /// True, false or unknown (a metric it needs is missing) for one account.
    public func evaluate(_ facts: AccountFacts) -> Truth { expression.evaluate(facts) }

    /// True only when the rule holds (unknown counts as not holding).
    public func holds(_ facts: AccountFacts) -> Bool { evaluate(facts) == .yes }

    /// The clauses that made the rule true, in the account's numbers; empty when it does not hold.
    public func reasons(_ facts: AccountFacts) -> [String] { expression.reasons(facts) }
}

/// The names a rule may use: the metric catalog and the flags defined so far.
public struct RuleVocabulary: Sendable {
    /// Flags by name (used as `flags.NAME`).
    public var flags: [String: Rule]

    /// Creates a vocabulary with `flags`.
    public init(flags: [String: Rule] = [:]) {
        self.flags = flags
    }
}
