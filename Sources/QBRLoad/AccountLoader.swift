import Foundation
import QBRCore
import Yams

/// Loads one account from a YAML or JSON file (or standard input) and validates it against DESIGN.md §1.
public enum AccountLoader {
    /// Loads the account at `path`; `-` reads standard input.
    public static func load(path: String) throws(AccountLoadError) -> LoadedAccount {
        let name = path == "-" ? "<stdin>" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw AccountLoadError(.unreadable, [Diagnostic(.error, "no such file", file: name)])
            }
            guard !isDirectory.boolValue, let contents = FileManager.default.contents(atPath: path) else {
                let reason =
                    isDirectory.boolValue ? "is a folder, not an account file" : "cannot be read (permissions?)"
                throw AccountLoadError(.unreadable, [Diagnostic(.error, reason, file: name)])
            }
            data = contents
        }
        return try load(data: data, name: name)
    }

    /// Loads an account from the bytes of a YAML or JSON document; `name` is used in diagnostics.
    public static func load(data: Data, name: String) throws(AccountLoadError) -> LoadedAccount {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a BOM from Windows editors
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "is not UTF-8 text", file: name)])
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AccountLoadError(
                .invalid, [Diagnostic(.error, "is empty: expected an account in YAML or JSON", file: name)])
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw AccountLoadError(.invalid, [Diagnostic(.error, "holds no document", file: name)])
            }
            root = node
        } catch let error as AccountLoadError {
            throw error
        } catch {
            throw AccountLoadError(.invalid, [syntaxDiagnostic(error, file: name)])
        }
        return try load(node: root, name: name)
    }

    /// Reads one account from a YAML node tree (a list item of a portfolio file, a CSV row made into a tree).
    package static func load(node root: Node, name: String) throws(AccountLoadError) -> LoadedAccount {
        let session = ReadSession(file: name)
        let account = AccountReader(session: session).read(root)
        let diagnostics = session.diagnostics.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        guard let account else {
            let errors = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity == .warning }
            throw AccountLoadError(.invalid, capped(errors, file: name))
        }
        return LoadedAccount(account: account, warnings: capped(diagnostics, file: name), source: name)
    }

    /// Most diagnostics one file reports; a list of a million bad values says so in one line, not a million.
    public static let maxDiagnostics = 50

    static func capped(_ diagnostics: [Diagnostic], file: String) -> [Diagnostic] {
        guard diagnostics.count > maxDiagnostics else { return diagnostics }
        let rest = diagnostics.count - maxDiagnostics
        let errors = diagnostics.dropFirst(maxDiagnostics).filter { $0.severity == .error }.count
        return Array(diagnostics.prefix(maxDiagnostics)) + [
            Diagnostic(
                errors > 0 ? .error : .warning,
                "\(rest) more problem\(rest == 1 ? "" : "s") not shown (\(errors) of them errors); fix these first",
                file: file)
        ]
    }

    /// A YAML/JSON syntax error as one diagnostic with the parser's line and column.
    package static func syntaxDiagnostic(_ error: any Error, file: String) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return Diagnostic(.error, "cannot be parsed: \(error)", file: file)
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " \($0.text)" } ?? ""
            return Diagnostic(
                .error, "is not valid YAML or JSON: \(problem)\(during)", file: file, line: mark.line,
                column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                .error, "key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) appears twice in one mapping",
                file: file, line: context.mark.line, column: context.mark.column)
        case .reader(let problem, _, _, _):
            return Diagnostic(.error, "cannot be read as text: \(problem)", file: file)
        default:
            return Diagnostic(.error, "cannot be parsed: \(yamlError)", file: file)
        }
    }
}
