import Foundation

/// The types a rule works with.
public enum RuleType: String, Sendable {
    case number, text, boolean
}

/// A value a metric has for one account, or a literal in a rule.
public enum RuleValue: Hashable, Sendable {
    case number(Decimal)
    case text(String)
    case boolean(Bool)

    /// The type of the value.
    public var type: RuleType {
        switch self {
        case .number: return .number
        case .text: return .text
        case .boolean: return .boolean
        }
    }
}

/// Three-valued truth: a comparison with a metric the account does not have is unknown, not false, so
/// `not (health.band == "green")` does not fire for an account without health data.
public enum Truth: Sendable {
    case yes, no, unknown

    init(_ bool: Bool) { self = bool ? .yes : .no }

    static prefix func ! (truth: Truth) -> Truth {
        switch truth {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return .unknown
        }
    }
}
