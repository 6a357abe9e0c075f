import QBRCore

/// An account file that cannot be used, with every problem found in it (not only the first).
public struct AccountLoadError: Error, CustomStringConvertible, Sendable {
    /// Why the file could not be used at all.
    public enum Kind: Sendable {
        /// The file does not exist or cannot be read (sysexits 66).
        case unreadable
        /// The file was read but its content is not a valid account (sysexits 65).
        case invalid
        /// A portfolio source that was read and holds no record at all: an empty list, a CSV of only a header,
        /// a folder without account files, a table or query without rows. No input, not bad data (sysexits 66
        /// in `qbr batch`).
        case empty
    }

    /// Unreadable, invalid or empty.
    public let kind: Kind
    /// The errors, then any warnings, in file order.
    public let diagnostics: [Diagnostic]
    /// The account as far as it loaded (every field without an error), when the document was read at all:
    /// `qbr check` runs its plausibility checks on it.
    public let partial: Account?

    /// Creates an error.
    public init(_ kind: Kind, _ diagnostics: [Diagnostic], partial: Account? = nil) {
        self.kind = kind
        self.diagnostics = diagnostics
        self.partial = partial
    }

    /// The text users read: a sentence, or `file:line:column: error: message` lines.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// An account that loaded, with the warnings (unknown keys) found on the way.
public struct LoadedAccount: Sendable {
    /// The account.
    public let account: Account
    /// Warnings; the account is usable despite them.
    public let warnings: [Diagnostic]
    /// The name the file was loaded under (`<stdin>` for `-`).
    public let source: String
}
