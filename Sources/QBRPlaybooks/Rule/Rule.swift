import QBRCore

/// A condition written by a CS leader (`health.band == "red" or adoption.usage_trend_90d <= -20%`), parsed
/// and type-checked once, then evaluated per account.
public struct Rule: Sendable {
    /// The rule as written.
    public let source: String
    /// Old metric names the rule uses, each with the name to write instead; the rule works.
    public let warnings: [RuleWarning]
    let expression: RuleExpression

    /// Parses `source` against `vocabulary`; unknown metrics, type mismatches and syntax errors throw here,
    /// every one of them, at load time, never while rendering.
    public init(_ source: String, vocabulary: RuleVocabulary = RuleVocabulary()) throws(RuleErrors) {
        self.source = source
        var errors: [RuleError] = []
        let tokens = RuleLexer.tokens(source, errors: &errors)
        var parser = RuleParser(tokens: tokens, source: source, vocabulary: vocabulary)
        self.expression = parser.parse()
        errors += parser.errors
        if !errors.isEmpty {
            var seen = Set<Int>()
            // One error per spot: a bad character the lexer reported is not reported again by the parser.
            let unique = errors.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
                .map(\.element).filter { seen.insert($0.offset).inserted }
            throw RuleErrors(errors: unique)
        }
        self.warnings = parser.warnings
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
