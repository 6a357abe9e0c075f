/// A problem found in a user's file, with where it is and what was expected.
///
/// Printed as `file:line:column: error: field.path: message`, the shape compilers use, so editors and CI
/// logs turn it into a link.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Error (the input cannot be used) or warning (it can, but something looks wrong).
    public enum Severity: String, Sendable {
        case error, warning
    }

    /// Error or warning.
    public var severity: Severity
    /// File name as the user gave it (`-` is shown as `<stdin>`).
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// Field path such as `outcomes[2].target`, when the problem is in one field.
    public var path: String?
    /// A sentence saying what is wrong and what was expected.
    public var message: String

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
        path: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }

    /// The text users read: a sentence, or `file:line:column: error: message` lines.
    public var description: String {
        var location = file ?? ""
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        let prefix = location.isEmpty ? "" : location + ": "
        let field = path.map { $0.isEmpty ? "" : $0 + ": " } ?? ""
        return "\(prefix)\(severity.rawValue): \(field)\(message)"
    }
}
