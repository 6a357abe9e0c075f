import Foundation
import QBRCore
import Yams

/// Loads one account from a YAML or JSON file (or standard input) and validates it against the account schema (README, "Input: one account").
public enum AccountLoader {
    /// Loads the account at `path`; `-` reads standard input. A file larger than
    /// `InputLimits.maxAccountFileBytes` is refused before it is parsed.
    public static func load(path: String) throws(AccountLoadError) -> LoadedAccount {
        let data = try InputFile.read(path, limit: InputLimits.maxAccountFileBytes, what: "an account file")
        return try load(data: data, name: path == "-" ? "<stdin>" : path)
    }

    /// Loads an account from the bytes of a YAML or JSON document; `name` is used in diagnostics.
    public static func load(data: Data, name: String) throws(AccountLoadError) -> LoadedAccount {
        guard data.count <= InputLimits.maxAccountFileBytes else {
            throw AccountLoadError(.invalid, [InputFile.tooLarge(name, size: data.count, limit: InputLimits.maxAccountFileBytes, what: "an account file")])
        }
        let blank: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        guard data.contains(where: { !blank.contains($0) }) && data != Data([0xEF, 0xBB, 0xBF]) else {
            throw AccountLoadError(
                .invalid, [Diagnostic(.error, "is empty: expected an account in YAML or JSON", file: name)])
        }
        guard let root = try parse(data, name: name, limits: .account) else {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "holds no document", file: name)])
        }
        return try load(node: root, name: name)
    }

    /// Decodes a YAML or JSON document (UTF-8, an optional BOM), checks it against `limits` on the parser's
    /// events before any node is built (`YAMLGuard`), then composes it; nil when it holds no document. Every
    /// refusal carries its line and column.
    package static func parse(_ data: Data, name: String, limits: YAMLLimits) throws(AccountLoadError) -> Node? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a BOM from Windows editors
        // JSON is read directly into nodes when it is well formed and within the limits; anything else goes
        // through libyaml below, which reports it with its place.
        let fast: Node?? = bytes.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            guard FastJSON.looksLikeJSON(buffer) else { return nil }
            return .some(FastJSON.parse(buffer, limits: limits))
        }
        if case .some(.some(let node)) = fast { return node }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw AccountLoadError(.invalid, [InputFile.notUTF8(bytes, file: name)])
        }
        return try parse(text: text, name: name, limits: limits)
    }

    /// `parse(_:name:limits:)` for text already decoded (a CSV cell holding a JSON list).
    package static func parse(text: String, name: String, limits: YAMLLimits) throws(AccountLoadError) -> Node? {
        if let problem = YAMLGuard.check(text, file: name, limits: limits) {
            throw AccountLoadError(.invalid, [problem])
        }
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw AccountLoadError(.invalid, [syntaxDiagnostic(error, file: name)])
        }
    }

    /// Reads one account from a YAML node tree (a list item of a portfolio file, a CSV row made into a tree).
    /// `cellMarks`: the tree was made from a CSV or SQLite row, so a line and column can only come from a
    /// JSON list cell, and count within that cell; they are said so in the message (`export.csv row 12: error:
    /// outcomes[1].target: expected a number… (line 1, column 68 of the cell)`), not printed as `row 12:1:68`.
    package static func load(node root: Node, name: String, cellMarks: Bool = false) throws(AccountLoadError)
        -> LoadedAccount
    {
        let session = ReadSession(file: name)
        let reader = AccountReader(session: session)
        let account = reader.read(root)
        var diagnostics = session.diagnostics.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        if cellMarks {
            diagnostics = diagnostics.map { diagnostic in
                guard let line = diagnostic.line else { return diagnostic }
                var moved = diagnostic
                moved.message += " (line \(line), column \(diagnostic.column ?? 1) of the cell)"
                moved.line = nil
                moved.column = nil
                return moved
            }
        }
        guard let account else {
            let errors = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity == .warning }
            throw AccountLoadError(.invalid, capped(errors, file: name), partial: reader.partial)
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
            if problem.contains("Maximum nesting level") {
                return Diagnostic(
                    .error,
                    "is nested more than \(InputLimits.maxNestingDepth) levels deep (lists and mappings inside each "
                        + "other); an account needs 4", file: file, line: mark.line, column: mark.column)
            }
            if problem == "but found another document" {
                return Diagnostic(
                    .error, "holds a second YAML document (after a `---` line): a file holds one account", file: file,
                    line: mark.line, column: mark.column)
            }
            // Where an unclosed list, mapping or quote started, when the parser noticed on another line.
            var during = context.map { " \($0.text)" } ?? ""
            if let start = context?.mark, start.line != mark.line, start.line > 0 {
                during += " that starts at line \(start.line), column \(start.column)"
            }
            return Diagnostic(
                .error, "is not valid YAML or JSON: \(problem)\(during)", file: file, line: mark.line,
                column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                .error, "key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) appears twice in one mapping",
                file: file, line: context.mark.line, column: context.mark.column)
        case .reader(let problem, let offset, let value, let text):
            let location = offset.flatMap { InputFile.lineAndColumn(ofCharacter: $0, in: text) }
            let message =
                problem.contains("control characters") && value >= 0
                ? "holds the control character " + String(format: "U+%04X", value)
                    + ", which a YAML or JSON file may not contain (write it as an escape inside double quotes, or remove it)"
                : "cannot be read as text: \(problem)"
            return Diagnostic(.error, message, file: file, line: location?.line, column: location?.column)
        default:
            return Diagnostic(.error, "cannot be parsed: \(yamlError)", file: file)
        }
    }
}
