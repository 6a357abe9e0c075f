import Foundation
import QBRCore

/// `qbr check` of one account file: every schema problem, the plausibility warnings located at their field's
/// line, and the readiness score. Kept out of the executable so it is tested like the rest of the pipeline.
public struct AccountCheck: Sendable {
    /// How the file fared.
    public enum Status: String, Encodable, Sendable {
        /// Loads, no warning.
        case ok
        /// Loads, with warnings.
        case warnings
        /// Does not load.
        case invalid
        /// Does not exist.
        case missing
    }

    /// The file as named in messages (`<stdin>` for `-`).
    public let file: String
    /// How it fared.
    public let status: Status
    /// The account's profile, when it loads.
    public let account: AccountProfile?
    /// Errors, warnings and plausibility warnings, in line order.
    public let diagnostics: [Diagnostic]
    /// For each diagnostic, the plausibility check's id (nil for schema errors and warnings).
    public let checks: [String?]
    /// The readiness score, when the account loads.
    public let readiness: Readiness?

    /// Checks the account file at `path` (`-` for standard input) as of `asOf`. A file that does not load
    /// still has its plausibility checked on every field that did load. `churnPlaybookApplies` says whether a
    /// playbook about churn matches the account (the CLI asks the playbook library; false without one).
    public static func check(
        _ path: String, asOf: Day, churnPlaybookApplies: (Account, AccountMetrics) -> Bool = { _, _ in false }
    ) -> AccountCheck {
        let name = path == "-" ? "<stdin>" : path
        let loaded: LoadedAccount
        var stdin: Data?
        func located(_ account: Account) -> [(Diagnostic, String?)] {
            let metrics = AccountMetrics(account, asOf: asOf)
            let warnings = Plausibility.warnings(
                account, metrics: metrics, churnPlaybookApplies: churnPlaybookApplies(account, metrics))
            let locator = (stdin ?? FileManager.default.contents(atPath: path)).flatMap(FieldLocator.init(data:))
            return warnings.map { warning in
                let location = locator?.location(of: warning.path)
                return (
                    warning.diagnostic(file: name, line: location?.line, column: location?.column),
                    warning.check.rawValue
                )
            }
        }
        do {
            if path == "-" {
                let data = try InputFile.read("-", limit: InputLimits.maxAccountFileBytes, what: "an account file")
                stdin = data
                loaded = try AccountLoader.load(data: data, name: name)
            } else {
                loaded = try AccountLoader.load(path: path)
            }
        } catch {
            // The fields that loaded are still checked: an error does not hide a renewal already past.
            var entries: [(Diagnostic, String?)] = error.diagnostics.map { ($0, nil) }
            if error.kind == .invalid, let partial = error.partial { entries += located(partial) }
            entries.sort { ($0.0.line ?? 0, $0.0.column ?? 0) < ($1.0.line ?? 0, $1.0.column ?? 0) }
            return AccountCheck(
                file: name, status: error.kind == .unreadable ? .missing : .invalid, account: nil,
                diagnostics: entries.map(\.0), checks: entries.map(\.1), readiness: nil)
        }
        let account = loaded.account
        let plausibility = located(account)
        var entries: [(Diagnostic, String?)] = loaded.warnings.map { ($0, nil) } + plausibility
        entries.sort { ($0.0.line ?? 0, $0.0.column ?? 0) < ($1.0.line ?? 0, $1.0.column ?? 0) }
        return AccountCheck(
            file: name, status: entries.isEmpty ? .ok : .warnings, account: account.profile,
            diagnostics: entries.map(\.0), checks: entries.map(\.1),
            readiness: Readiness(account, warnings: plausibility.count))
    }

    /// Every diagnostic, then the readiness line (or why there is none).
    public var text: String {
        var lines = diagnostics.map(\.description)
        if let readiness, let account {
            lines.append("\(account.id) \(account.name): \(readiness.summary)")
        } else if status == .invalid {
            let errors = diagnostics.filter { $0.severity == .error }.count
            lines.append("\(file): not checked for readiness: \(errors) error\(errors == 1 ? "" : "s")")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The file's entry of `qbr check --json`.
    public var report: CheckReport.Account {
        CheckReport.Account(
            file: file, status: status, id: account?.id, name: account?.name,
            diagnostics: zip(diagnostics, checks).map { diagnostic, check in
                CheckReport.Diagnostic(
                    severity: diagnostic.severity.rawValue, line: diagnostic.line, column: diagnostic.column,
                    path: diagnostic.path, message: diagnostic.message, check: check)
            },
            readiness: readiness.map { readiness in
                CheckReport.Readiness(
                    score: readiness.score,
                    sections: .init(
                        present: readiness.sectionsPresent, missing: readiness.sectionsMissing,
                        total: Readiness.sections.count),
                    narrative: .init(
                        present: readiness.narrativeFilled.map(\.rawValue),
                        missing: readiness.narrativeMissing.map(\.rawValue),
                        total: NarrativeSlot.allCases.count),
                    warnings: readiness.warnings, missing: readiness.missing)
            })
    }
}

/// The JSON shape of `qbr check --json`.
public struct CheckReport: Encodable, Sendable {
    /// Part of the report.
    public struct Diagnostic: Encodable, Sendable {
        let severity: String
        let line, column: Int?
        let path: String?
        let message: String
        /// The plausibility check's id; null for schema errors and warnings.
        let check: String?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(severity, forKey: .severity)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(path, forKey: .path)
            try container.encode(message, forKey: .message)
            try container.encode(check, forKey: .check)
        }

        enum CodingKeys: String, CodingKey {
            case severity, line, column, path, message, check
        }
    }
    /// Part of the report.
    public struct Items: Encodable, Sendable {
        let present, missing: [String]
        let total: Int
    }
    /// Part of the report.
    public struct Readiness: Encodable, Sendable {
        let score: Int
        let sections: Items
        let narrative: Items
        let warnings: Int
        let missing: [String]
    }
    /// Part of the report.
    public struct Account: Encodable, Sendable {
        let file: String
        let status: AccountCheck.Status
        let id, name: String?
        let diagnostics: [Diagnostic]
        let readiness: Readiness?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(status, forKey: .status)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(diagnostics, forKey: .diagnostics)
            try container.encode(readiness, forKey: .readiness)
        }

        enum CodingKeys: String, CodingKey {
            case file, status, id, name, diagnostics, readiness
        }
    }
    let asOf: String
    let accounts: [Account]

    /// The report of `accounts` checked as of `asOf`.
    public init(asOf: String, accounts: [Account]) {
        self.asOf = asOf
        self.accounts = accounts
    }

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", accounts
    }
}
