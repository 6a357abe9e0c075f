import Foundation

/// `== != < <= > >=`.
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Only `==` and `!=` apply to text and booleans.
    var isOrdering: Bool { self != .equal && self != .notEqual }

    func compare(_ lhs: RuleValue, _ rhs: RuleValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            switch self {
            case .equal: return a == b
            case .notEqual: return a != b
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        default:
            // Types are checked when the rule is parsed; text compares case-insensitively.
            let same: Bool
            if case .text(let a) = lhs, case .text(let b) = rhs {
                same = a.lowercased() == b.lowercased()
            } else {
                same = lhs == rhs
            }
            return self == .notEqual ? !same : same
        }
    }
}
