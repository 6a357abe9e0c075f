import Foundation

/// A parsed rule: the tree the evaluator walks. Every metric is already resolved, so evaluation cannot
/// meet an unknown name or a type mismatch.
indirect enum RuleExpression: Sendable {
    /// `left op right`, with the source span for messages.
    case comparison(RuleOperand, ComparisonOperator, RuleOperand)
    /// A bare boolean metric or flag: `expansion.ready`, `flags.renewal_risk`.
    case test(RuleOperand)
    /// `true` / `false`.
    case constant(Bool)
    /// `metric is missing` (true) / `metric is present` (false): never unknown.
    case presence(RuleOperand, missing: Bool)
    /// `metric in [a, b]`: equal to one of the values (text case-insensitively).
    case membership(RuleOperand, [RuleValue])
    case and([RuleExpression])
    case or([RuleExpression])
    case not(RuleExpression)
}

/// One side of a comparison.
enum RuleOperand: Sendable {
    case metric(MetricDefinition)
    case flag(name: String, rule: Rule)
    case literal(RuleValue)
    /// A part that did not parse; only ever in a rule that is refused.
    case invalid

    func value(_ facts: AccountFacts) -> RuleValue? {
        switch self {
        case .invalid: return nil
        case .metric(let metric): return metric.value(facts)
        case .flag(_, let rule):
            switch rule.evaluate(facts) {
            case .yes: return .boolean(true)
            case .no: return .boolean(false)
            case .unknown: return nil
            }
        case .literal(let value): return value
        }
    }
}

extension RuleOperand {
    /// The operand said in the account's numbers, or what is missing ("no executive sponsor is named").
    func phrase(_ facts: AccountFacts) -> String? {
        switch self {
        case .metric(let metric):
            guard let value = metric.value(facts) else {
                return metric.absent.isEmpty ? "\(metric.path) is not in the account data" : metric.absent
            }
            return metric.phrase(value, facts)
        case .flag(let name, let rule):
            let reasons = rule.reasons(facts)
            return reasons.isEmpty
                ? "\(name.replacingOccurrences(of: "_", with: " ")) does not hold" : reasons.joined(separator: "; ")
        case .literal, .invalid: return nil
        }
    }
}

extension RuleExpression {
    func evaluate(_ facts: AccountFacts) -> Truth {
        switch self {
        case .constant(let value): return Truth(value)
        case .presence(let operand, let missing):
            return Truth((operand.value(facts) == nil) == missing)
        case .membership(let operand, let values):
            guard let value = operand.value(facts) else { return .unknown }
            return Truth(values.contains { ComparisonOperator.equal.compare(value, $0) })
        case .test(let operand):
            guard case .boolean(let value)? = operand.value(facts) else { return .unknown }
            return Truth(value)
        case .comparison(let lhs, let op, let rhs):
            guard let left = lhs.value(facts), let right = rhs.value(facts) else { return .unknown }
            return Truth(op.compare(left, right))
        case .not(let inner): return !inner.evaluate(facts)
        case .and(let terms):
            var result = Truth.yes
            for term in terms {
                switch term.evaluate(facts) {
                case .no: return .no
                case .unknown: result = .unknown
                case .yes: break
                }
            }
            return result
        case .or(let terms):
            var result = Truth.no
            for term in terms {
                switch term.evaluate(facts) {
                case .yes: return .yes
                case .unknown: result = .unknown
                case .no: break
                }
            }
            return result
        }
    }

    /// The clauses that make this expression true, each said in the account's numbers ("usage fell 25%
    /// over 90 days"). Empty when the expression is not true.
    func reasons(_ facts: AccountFacts) -> [String] {
        guard evaluate(facts) == .yes else { return [] }
        switch self {
        case .constant: return []
        case .presence(let operand, _), .membership(let operand, _):
            return operand.phrase(facts).map { [$0] } ?? []
        case .test(let operand), .comparison(let operand, _, _):
            switch operand {
            case .metric(let metric):
                guard let value = metric.value(facts) else { return [] }
                return [metric.phrase(value, facts)]
            case .flag(let name, let rule):
                let reasons = rule.reasons(facts)
                // `flags.x == false` holds because the flag does not: say so rather than nothing.
                return reasons.isEmpty ? ["\(name.replacingOccurrences(of: "_", with: " ")) does not hold"] : reasons
            case .literal, .invalid:
                if case .comparison(_, _, let rhs) = self, case .metric(let metric) = rhs,
                    let value = metric.value(facts)
                {
                    return [metric.phrase(value, facts)]
                }
                return []
            }
        case .not(let inner): return inner.facts(facts)
        case .and(let terms): return unique(terms.flatMap { $0.reasons(facts) })
        case .or(let terms): return unique(terms.flatMap { $0.reasons(facts) })
        }
    }

    /// What the metrics under a negation stand at, whatever their truth: "not green" reads as "health is
    /// yellow (score 62)".
    private func facts(_ facts: AccountFacts) -> [String] {
        switch self {
        case .constant: return []
        case .presence(let operand, _), .membership(let operand, _):
            return operand.phrase(facts).map { [$0] } ?? []
        case .test(let operand), .comparison(let operand, _, _):
            if case .metric(let metric) = operand, let value = metric.value(facts) {
                return [metric.phrase(value, facts)]
            }
            if case .flag(let name, _) = operand {
                return ["\(name.replacingOccurrences(of: "_", with: " ")) does not hold"]
            }
            return []
        case .not(let inner): return inner.facts(facts)
        case .and(let terms), .or(let terms): return unique(terms.flatMap { $0.facts(facts) })
        }
    }

    private func unique(_ phrases: [String]) -> [String] {
        var seen = Set<String>()
        return phrases.filter { seen.insert($0).inserted }
    }
}
