import Foundation
import QBRTemplate
import QBRCore
import QBRLoad
import Yams

/// The playbooks and flags of one run: the defaults compiled into the binary, replaced or extended file by
/// file by a user's folder (`--playbooks DIR`), and adjusted by files that hold only `id:` with `enabled`,
/// `priority` or `excludes`. Every rule is parsed and type-checked here, once.
public struct PlaybookLibrary: Sendable {
    /// Enabled playbooks, highest `priority` first, then by id.
    public let playbooks: [Playbook]
    /// Named flags in definition order; templates see them as `flags.NAME`.
    public let flags: [(name: String, rule: Rule)]
    /// The roles a task may name as its owner: the built-in ones, then the team's (`qbr.yaml` `roles:`).
    public let roles: [Role]

    /// The keys of a playbook file.
    static let keys = ["id", "title", "kind", "summary", "when", "flags", "tasks", "enabled", "priority", "excludes"]
    /// The keys only a whole playbook has: a file with `id:` and none of them adjusts the playbook of that id.
    static let definingKeys = ["title", "kind", "summary", "when", "tasks"]

    /// The text of a built-in playbook file (`churn-risk.yaml`), for scaffolding a team's folder.
    public static func builtInSource(_ fileName: String) -> String? { BuiltInPlaybooks.files[fileName] }

    /// The built-in playbooks only.
    public static func builtIn() throws(PlaybookLoadError) -> PlaybookLibrary {
        try PlaybookLibrary(overridesFrom: nil)
    }

    /// The built-in playbooks with each `*.yaml`/`*.yml` file of `directory` replacing the built-in file of
    /// the same name or adding to them; a file that only adjusts a playbook (`id:` with `enabled`, `priority`
    /// or `excludes`) keeps the built-in file of its name. `roles` are the team's own (`qbr.yaml` `roles:`).
    public init(overridesFrom directory: String?, roles: [String: String] = [:]) throws(PlaybookLoadError) {
        var files: [String: (text: String, origin: String)] = [:]
        for (name, text) in BuiltInPlaybooks.files { files[name] = (text, "Playbooks/" + name) }
        var adjustments: [(origin: String, text: String)] = []
        if let directory {
            for (name, text) in try Self.readFolder(directory) {
                let origin = (directory as NSString).appendingPathComponent(name)
                if files[name] != nil, Self.isAdjustment(text) {
                    adjustments.append((origin, text))
                } else {
                    files[name] = (text, origin)
                }
            }
        }
        try self.init(
            files: files.sorted { $0.key < $1.key }.map { ($0.value.origin, $0.value.text) } + adjustments,
            roles: roles)
    }

    /// Whether `text` only adjusts a playbook (`id:` and none of title, kind, summary, when, tasks).
    static func isAdjustment(_ text: String) -> Bool {
        guard YAMLGuard.check(text, file: "", limits: .playbook) == nil,
            case .mapping(let mapping)? = try? Yams.compose(yaml: text)
        else { return false }
        let keys = mapping.keys.compactMap(\.scalar?.string)
        return keys.contains("id") && !keys.contains { definingKeys.contains($0) }
    }

    /// Loads playbooks from `(origin, text)` pairs, in order; `roles` are the team's own, id → label.
    public init(files: [(origin: String, text: String)], roles team: [String: String] = [:]) throws(PlaybookLoadError) {
        var diagnostics: [Diagnostic] = []
        var documents: [(origin: String, lines: [[Character]], root: MappingReader, session: ReadSession)] = []
        for file in files {
            let session = ReadSession(file: file.origin)
            // The same guard as account files: no alias bomb, no nesting a thousand deep, before any node is built.
            if let problem = YAMLGuard.check(file.text, file: file.origin, limits: .playbook) {
                diagnostics.append(problem)
                continue
            }
            do {
                guard let node = try Yams.compose(yaml: file.text) else { continue }
                if let root = MappingReader(node, path: .root, known: Self.keys, session: session) {
                    documents.append(
                        (
                            file.origin,
                            file.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(
                                Array.init), root, session
                        ))
                } else {
                    diagnostics += session.diagnostics
                }
            } catch {
                diagnostics.append(AccountLoader.syntaxDiagnostic(error, file: file.origin))
            }
        }
        // Flags first, in file order, so any playbook can use any flag defined before it.
        var vocabulary = RuleVocabulary()
        var flags: [(name: String, rule: Rule)] = []
        for document in documents {
            for pair in document.root.pairs("flags") {
                guard !pair.name.isEmpty, pair.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    document.session.error(
                        "a flag name uses letters, digits and _ only, found \"\(pair.name)\"", at: pair.node,
                        path: pair.path)
                    continue
                }
                if vocabulary.flags[pair.name] != nil {
                    document.session.error("flag \"\(pair.name)\" is defined twice", at: pair.node, path: pair.path)
                    continue
                }
                if let rule = Self.rule(pair.node, path: pair.path, document.lines, document.session, vocabulary) {
                    vocabulary.flags[pair.name] = rule
                    flags.append((pair.name, rule))
                }
            }
        }
        let roles = Role.all(team: team)
        var loaded: [(playbook: Playbook, enabled: Bool, root: MappingReader, session: ReadSession)] = []
        var origins: [String: String] = [:]
        var adjustments: [(root: MappingReader, session: ReadSession)] = []
        for document in documents where document.root.has("id") || !document.root.has("flags") {
            if document.root.has("id"), !Self.definingKeys.contains(where: document.root.has) {
                adjustments.append((document.root, document.session))
                continue
            }
            guard
                let playbook = Self.playbook(
                    document.root, document.origin, document.lines, document.session, vocabulary, roles)
            else { continue }
            if let first = origins[playbook.id] {
                document.session.error(
                    "playbook id \"\(playbook.id)\" is already used by \(first)", at: document.root.value("id"),
                    path: FieldPath.root.key("id"))
                continue
            }
            origins[playbook.id] = document.origin
            loaded.append((playbook, document.root.bool("enabled") != false, document.root, document.session))
        }
        // Adjustments, in file order: a later file wins.
        for adjustment in adjustments {
            guard let id = adjustment.root.text("id") else { continue }
            guard let index = loaded.firstIndex(where: { $0.playbook.id == id }) else {
                let hint =
                    Suggestion.closest(to: id, in: loaded.map(\.playbook.id)).map { " (did you mean \($0)?)" } ?? ""
                adjustment.session.error(
                    "no playbook has the id \"\(id)\"\(hint): a file with only id, enabled, priority and excludes "
                        + "adjusts an existing playbook", at: adjustment.root.value("id"), path: .root.key("id"))
                continue
            }
            if let enabled = adjustment.root.bool("enabled") { loaded[index].enabled = enabled }
            if adjustment.root.has("priority") {
                loaded[index].playbook.priority = Self.priority(adjustment.root) ?? loaded[index].playbook.priority
            }
            if adjustment.root.has("excludes") {
                loaded[index].playbook.excludes = Self.excludes(adjustment.root)
                loaded[index].root = adjustment.root
                loaded[index].session = adjustment.session
            }
        }
        // An exclusion that names no playbook (by id or kind) does nothing: say so where it is written.
        let names = Set(loaded.flatMap { [$0.playbook.id, $0.playbook.kind] })
        for entry in loaded {
            for item in Self.excludeItems(entry.root) where !names.contains(item.name) {
                let hint =
                    Suggestion.closest(to: item.name, in: names.sorted()).map { " (did you mean \($0)?)" } ?? ""
                entry.session.warning(
                    "excludes \"\(item.name)\", which is neither a playbook id nor a kind\(hint)", at: item.node,
                    path: item.path)
            }
        }
        diagnostics += documents.flatMap(\.session.diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw PlaybookLoadError(diagnostics: diagnostics) }
        self.playbooks = loaded.filter(\.enabled).map(\.playbook).sorted {
            ($0.priority, $1.id) > ($1.priority, $0.id)
        }
        self.flags = flags
        self.roles = roles
        self.warnings = diagnostics
        self.sourceText = files.map { "\($0.origin)\n\($0.text)" }.joined(separator: "\u{0}")
    }

    /// Warnings found while loading (unknown keys); the library is usable.
    public let warnings: [Diagnostic]
    /// Every file's origin and text, for fingerprints of a run (`qbr batch` skips unchanged accounts).
    public let sourceText: String

    /// `priority:`, a whole number (higher first).
    static func priority(_ root: MappingReader) -> Int? {
        root.int("priority", range: -1000...1000)
    }

    /// `excludes:`, playbook ids or kinds: a list, or one name. A value that is neither is an error here.
    static func excludes(_ root: MappingReader) -> [String] {
        guard let node = root.value("excludes") else { return [] }
        if case .scalar = node { return root.text("excludes").map { [$0] } ?? [] }
        return root.list("excludes").compactMap { MappingReader.text($0.node, path: $0.path, session: root.session) }
    }

    /// The names of `excludes:` with their nodes, for messages; reports nothing (``excludes(_:)`` did).
    static func excludeItems(_ root: MappingReader) -> [(name: String, node: Node, path: FieldPath)] {
        switch root.value("excludes") {
        case .scalar(let scalar)?:
            return [(scalar.string, .scalar(scalar), FieldPath.root.key("excludes"))]
        case .sequence(let sequence)?:
            return sequence.enumerated().compactMap { offset, node in
                node.scalar.map { ($0.string, node, FieldPath.root.key("excludes").index(offset)) }
            }
        default:
            return []
        }
    }

    private static func playbook(
        _ root: MappingReader, _ origin: String, _ lines: [[Character]], _ session: ReadSession,
        _ vocabulary: RuleVocabulary, _ roles: [Role]
    ) -> Playbook? {
        let id = root.text("id", required: true)
        if let id, !id.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "-" || $0 == "_" }) {
            session.error(
                "an id uses letters, digits, - and _ only, found \"\(id)\"", at: root.value("id"), path: .root.key("id")
            )
        }
        let title = root.text("title", required: true)
        let kind = root.text("kind", required: true)
        let trigger = root.value("when").flatMap { rule($0, path: .root.key("when"), lines, session, vocabulary) }
        if !root.has("when") { root.missing("when") }
        var keys = Set<String>()
        let tasks = root.list("tasks").compactMap { item -> PlaybookTask? in
            guard
                let fields = MappingReader(
                    item.node, path: item.path, known: ["id", "title", "owner", "due", "when", "detail"],
                    session: session)
            else { return nil }
            let title = fields.text("title", required: true)
            let key = fields.text("id") ?? title.map(slug)
            if let key {
                if !keys.insert(key).inserted {
                    session.error(
                        "task id \"\(key)\" is used twice in this playbook; give each task its own id",
                        at: fields.value("id") ?? item.node, path: item.path.key("id"))
                }
            }
            var owner = Role.csm
            if let text = fields.text("owner") {
                if let role = roles.first(where: { $0.id == text }) {
                    owner = role
                } else {
                    let ids = roles.map(\.id)
                    let hint = Suggestion.closest(to: text, in: ids).map { " (did you mean \($0)?)" } ?? ""
                    session.error(
                        "unknown owner role \"\(text)\"\(hint): expected one of \(ids.joined(separator: ", ")) "
                            + "(a team adds its own under roles: in qbr.yaml)",
                        at: fields.value("owner"), path: item.path.key("owner"))
                }
            }
            var due: DueOffset?
            if let text = fields.text("due") {
                switch DueOffset.parse(text) {
                case .success(let offset): due = offset
                case .failure(let error):
                    session.error(error.message, at: fields.value("due"), path: item.path.key("due"))
                }
            }
            let condition = fields.value("when").flatMap {
                rule($0, path: item.path.key("when"), lines, session, vocabulary)
            }
            let detail = fields.text("detail")
            var detailStart: (line: Int, column: Int)?
            if let detail, let node = fields.value("detail") {
                do throws(TemplateSyntaxErrors) {
                    _ = try TemplateSet(sources: ["detail": detail], escaping: { _ in .none })
                } catch {
                    let first = error.errors.first
                    session.error(
                        "the detail is not a valid Mustache template: \(first?.message ?? "\(error)")"
                            + (first.map { " (line \($0.line), column \($0.column) of the detail)" } ?? ""),
                        at: node, path: item.path.key("detail"))
                }
                if let mark = node.mark {
                    // A quoted scalar's text starts one column after its quote.
                    let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
                    detailStart = (mark.line, mark.column + (quoted ? 1 : 0))
                }
            }
            guard let title, let key else { return nil }
            return PlaybookTask(
                key: key, title: title, owner: owner, due: due, condition: condition, detail: detail,
                detailStart: detailStart)
        }
        if !root.has("tasks") {
            root.missing("tasks")
        } else if case .sequence(let sequence)? = root.value("tasks"), sequence.isEmpty {
            session.error(
                "has no tasks: a playbook needs at least one (to switch it off, write enabled: false)",
                at: root.value("tasks"), path: .root.key("tasks"))
        }
        let priority = priority(root) ?? 0
        let excludes = excludes(root)
        guard let id, let title, let kind, let trigger else { return nil }
        return Playbook(
            id: id, title: title, kind: kind, summary: root.text("summary"), trigger: trigger, tasks: tasks,
            origin: origin, priority: priority, excludes: excludes)
    }

    /// Parses the rule in `node`; on failure reports it at the exact line and column with a caret.
    private static func rule(
        _ node: Node, path: FieldPath, _ lines: [[Character]], _ session: ReadSession, _ vocabulary: RuleVocabulary
    ) -> Rule? {
        guard case .scalar(let scalar) = node else {
            session.error("expected a rule as text, found \(describe(node))", at: node, path: path)
            return nil
        }
        func diagnostic(_ severity: Diagnostic.Severity, _ message: String, _ offset: Int, _ length: Int) {
            let location = RuleLocation.locate(offset: offset, in: node, fileLines: lines)
            session.add(
                Diagnostic(
                    severity, message + (location?.snippet(length: length) ?? ""), file: session.file,
                    line: location?.line ?? scalar.mark?.line, column: location?.column ?? scalar.mark?.column,
                    path: path.description))
        }
        do {
            let rule = try Rule(scalar.string, vocabulary: vocabulary)
            for warning in rule.warnings { diagnostic(.warning, warning.message, warning.offset, warning.length) }
            return rule
        } catch {
            for error in error.errors { diagnostic(.error, error.message, error.offset, error.length) }
            return nil
        }
    }

    /// "Re-confirm the executive sponsor" → "re-confirm-the-executive-sponsor".
    static func slug(_ title: String) -> String {
        var result = ""
        for character in title.lowercased() {
            if (character.isLetter && character.isASCII) || character.isNumber {
                result.append(character)
            } else if !result.hasSuffix("-") && !result.isEmpty {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return String(result.prefix(60))
    }

    private static func readFolder(_ directory: String) throws(PlaybookLoadError) -> [(String, String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PlaybookLoadError(
                diagnostics: [Diagnostic(.error, "playbook folder does not exist", file: directory)],
                missingFolder: true)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files: [(String, String)] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw PlaybookLoadError(diagnostics: [Diagnostic(.error, "cannot be read as UTF-8 text", file: path)])
            }
            files.append((name, text))
        }
        return files
    }
}

/// Playbook files that cannot be used, with every problem found.
public struct PlaybookLoadError: Error, CustomStringConvertible, Sendable {
    /// Errors and warnings, file by file.
    public let diagnostics: [Diagnostic]
    /// The `--playbooks` folder does not exist (sysexits 66 rather than 65).
    public var missingFolder = false

    /// Every diagnostic, one a line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// The files of `Playbooks/` compiled into the binary by the EmbedResources plugin.
enum BuiltInPlaybooks {
    /// File name → text, for the YAML files.
    static let files: [String: String] = {
        var result: [String: String] = [:]
        for (path, encoded) in EmbeddedResources.encodedFiles
        where path.hasPrefix("Playbooks/") && (path.hasSuffix(".yaml") || path.hasSuffix(".yml")) {
            guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
                continue
            }
            result[String(path.dropFirst("Playbooks/".count))] = text
        }
        return result
    }()
}
