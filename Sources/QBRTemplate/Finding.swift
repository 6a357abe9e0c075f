/// Something the compiler found; `description` is `file:line:column: error: message` (or `warning:`).
public struct Finding: Sendable, CustomStringConvertible, Equatable {
    /// What kind of problem it is.
    public enum Kind: Sendable, Equatable {
        /// A name no enclosing object declares.
        case unknownName
        /// A `{{$block}}` inside `{{<parent}}` that the parent never defines.
        case unknownBlock
        /// A section over an object whose body uses names of one of the object's lists.
        case notAList
        /// A `{{>partial}}` naming no template of the set.
        case missingPartial
        /// Sections, partials and blocks nested deeper than the compiler goes (``Compiler/maximumNesting``); the
        /// part below renders nothing.
        case tooDeep
        /// A `{{<parent}}` naming no template of the set.
        case missingParent
        /// A partial or parent that includes itself.
        case cycle
    }

    /// What kind of problem it is.
    public let kind: Kind
    /// The template name where the tag is.
    public let file: String
    /// The 1-based line of the tag's name.
    public let line: Int
    /// The 1-based column of the tag's name (after `{{#`), where an editor should point.
    public let column: Int
    /// A sentence, with a did-you-mean when there is one.
    public let message: String
    /// The name, path or template the message suggests, e.g. `outcomes.items[].attainment`.
    public let suggestion: String?
    /// Whether this is only a warning.
    public let isWarning: Bool

    /// Creates a finding.
    public init(
        kind: Kind, file: String, line: Int, column: Int, message: String, suggestion: String? = nil,
        isWarning: Bool = false
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.suggestion = suggestion
        self.isWarning = isWarning
    }

    /// `file:line:column: error: message`.
    public var description: String {
        "\(file):\(line):\(column): \(isWarning ? "warning" : "error"): \(message)"
    }
}

/// A syntax error in one template.
public struct TemplateSyntaxError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The template name.
    public let file: String
    /// The 1-based line of the offending tag.
    public let line: Int
    /// The 1-based column of the offending tag.
    public let column: Int
    /// What is wrong.
    public let message: String
    /// The text of the offending line, without its line ending.
    public let sourceLine: String

    /// Creates a syntax error.
    public init(file: String, line: Int, column: Int, message: String, sourceLine: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `file:line:column: error: Mustache syntax: message`, then the line and a caret under the column.
    public var description: String {
        // Copy tabs from the source so the caret lines up in terminals.
        var caret = ""
        for (offset, character) in sourceLine.enumerated() where offset < column - 1 {
            caret.append(character == "\t" ? "\t" : " ")
        }
        return "\(file):\(line):\(column): error: Mustache syntax: \(message)\n    \(sourceLine)\n    \(caret)^"
    }
}

/// Every syntax error of every template of a set.
public struct TemplateSyntaxErrors: Error, Sendable, CustomStringConvertible {
    /// The errors, sorted by file, line and column.
    public let errors: [TemplateSyntaxError]

    /// Wraps errors.
    public init(errors: [TemplateSyntaxError]) {
        self.errors = errors
    }

    /// One error description per paragraph.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
