import QBRCore

/// A rule that cannot be used: a syntax error, an unknown metric or a type mismatch, at a column of the
/// rule text. The loader turns the column into the file's line and column.
public struct RuleError: Error, Sendable, Equatable {
    /// What is wrong, in a sentence.
    public let message: String
    /// 0-based offset (in characters) into the rule text.
    public let offset: Int
    /// Length of the offending part, for the caret line.
    public let length: Int
}

/// Every error of one rule, in the order they stand in the rule text.
public struct RuleErrors: Error, Sendable, Equatable {
    /// The errors, by offset; never empty.
    public let errors: [RuleError]

    /// The first error.
    public var first: RuleError { errors[0] }
}

/// Something in a rule that works but should be written differently (a deprecated metric name).
public struct RuleWarning: Sendable, Equatable {
    /// What to write instead, in a sentence.
    public let message: String
    /// 0-based offset (in characters) into the rule text.
    public let offset: Int
    /// Length of the part concerned.
    public let length: Int
}
