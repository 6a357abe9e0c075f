import Foundation
import QBRTemplate
import Synchronization
import QBRCore

/// The Mustache templates of one run: the defaults compiled into the binary, overridden file by file by a
/// user's folder (`--templates DIR`). Parsed once, compiled once per shape of data, then shared by every render.
public struct TemplateLibrary: Sendable {
    /// The parsed templates, keyed by name (`qbr.md`, `partials/outcomes.md`, `deck.html`).
    let set: TemplateSet
    /// Where each template came from (`Templates/qbr.md.mustache` or the user's path), for messages.
    let origins: [String: String]
    /// Each template's text as written.
    let texts: [String: String]
    /// Compilations by template name and root shape, made on first use.
    private let compilations = Compilations()

    /// The default templates only.
    public static func builtIn() throws(TemplateError) -> TemplateLibrary {
        try TemplateLibrary(overridesFrom: nil)
    }

    /// The defaults with every `*.mustache` file under `directory` replacing or adding to them.
    public init(overridesFrom directory: String?) throws(TemplateError) {
        let sources = try Self.sources(overridesFrom: directory)
        try self.init(sources: sources)
    }

    /// The templates of `sources` (name → text and origin).
    init(sources: [String: (text: String, origin: String)]) throws(TemplateError) {
        let origins = sources.mapValues(\.origin)
        do throws(TemplateSyntaxErrors) {
            set = try TemplateSet(sources: sources.mapValues(\.text), escaping: Self.escaping)
        } catch {
            throw TemplateError(error.errors.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }[0], origins: origins)
        }
        self.origins = origins
        self.texts = sources.mapValues(\.text)
    }

    /// This library with `sources` added (name → text and origin), the templates it has not parsed again.
    func adding(_ sources: [String: (text: String, origin: String)]) throws(TemplateError) -> TemplateLibrary {
        var origins = self.origins
        var texts = self.texts
        for (name, source) in sources {
            origins[name] = source.origin
            texts[name] = source.text
        }
        do throws(TemplateSyntaxErrors) {
            return TemplateLibrary(set: try set.adding(sources.mapValues(\.text)), origins: origins, texts: texts)
        } catch {
            throw TemplateError(error.errors.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }[0], origins: origins)
        }
    }

    private init(set: TemplateSet, origins: [String: String], texts: [String: String]) {
        self.set = set
        self.origins = origins
        self.texts = texts
    }

    /// Markdown templates escape for Markdown, everything else (the HTML shells) for HTML; each partial by its
    /// own name.
    static let escaping: @Sendable (String) -> Escaping = { name in
        name.hasSuffix(".md") ? .markdown : .htmlWithQuotes
    }

    /// `name` compiled against `root`, once per run; a template that includes itself is an error at the tag.
    func compiled(_ name: String, root: ObjectShape) throws(TemplateError) -> CompiledTemplate {
        let compilation = compilation(name, root: root)
        guard let template = compilation.template else {
            throw TemplateError.unknown(name: name, available: documentNames)
        }
        if let cycle = compilation.findings.first(where: { $0.kind == .cycle || $0.kind == .tooDeep }) {
            throw TemplateError(cycle, origins: origins)
        }
        return template
    }

    /// The compilation of `name` against `root`, with its findings.
    func compilation(_ name: String, root: ObjectShape) -> Compilation {
        compilations.get(name, root: root) { set.compile(name, root: .object(root)) }
    }

    /// The source of every template of a run by name: the built-ins (also under `default-NAME`), replaced or
    /// extended by the `*.mustache` files of `directory`. Not parsed; `qbr lint` checks each file on its own.
    static func sources(overridesFrom directory: String?) throws(TemplateError)
        -> [String: (text: String, origin: String)]
    {
        var sources: [String: (text: String, origin: String)] = [:]
        for (path, text) in BuiltInFiles.templates {
            sources[Self.name(of: path)] = (text, "Templates/" + path)
            // Also under default-, so a team's qbr.md can inherit the built-in one: {{<default-qbr.md}}.
            sources["default-" + Self.name(of: path)] = (text, "Templates/" + path)
        }
        if let directory {
            for (path, text) in try Self.readFolder(directory) {
                sources[Self.name(of: path)] = (text, (directory as NSString).appendingPathComponent(path))
            }
        }
        return sources
    }

    /// Every template's name and text, in name order, for fingerprints of a run.
    public var sourceText: String {
        texts.sorted { $0.key < $1.key }.map { "\($0.key)\n\($0.value)" }.joined(separator: "\u{0}")
    }

    /// Names of the documents (top-level Markdown templates, not partials) that can be rendered.
    public var documentNames: [String] {
        origins.keys.filter {
            $0.hasSuffix(".md") && !$0.hasPrefix("partials/") && !$0.hasPrefix("default-") && $0 != "portfolio.md"
                && $0 != "portfolio-page.md"
        }
            .map { String($0.dropLast(3)) }.sorted()
    }

    /// `qbr.md.mustache` → `qbr.md`; `partials/outcomes.md.mustache` → `partials/outcomes.md`.
    static func name(of path: String) -> String {
        path.hasSuffix(".mustache") ? String(path.dropLast(".mustache".count)) : path
    }

    private static func readFolder(_ directory: String) throws(TemplateError) -> [(String, String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw TemplateError.missingFolder(directory) }
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        // Templates resolve only inside the folder: the walk does not enter linked folders, and a file that is
        // a link to somewhere outside the folder is refused rather than read.
        let inside = URL(fileURLWithPath: directory).resolvingSymlinksInPath().standardizedFileURL.path
        var files: [(String, String)] = []
        for case let path as String in walker where path.hasSuffix(".mustache") {
            let full = (directory as NSString).appendingPathComponent(path)
            let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL.path
            guard resolved.hasPrefix(inside.hasSuffix("/") ? inside : inside + "/") else {
                throw TemplateError.outsideFolder(file: full, target: resolved)
            }
            guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8)
            else { throw TemplateError.unreadable(full) }
            files.append((path, text))
        }
        return files
    }
}

/// A template that cannot be used.
public enum TemplateError: Error, CustomStringConvertible, Sendable {
    /// A Mustache syntax error, with where it is.
    case syntax(file: String, line: Int?, column: Int?, message: String, sourceLine: String?)
    /// `--templates` names a folder that does not exist.
    case missingFolder(String)
    /// A template file cannot be read or is not UTF-8.
    case unreadable(String)
    /// A file of a `--templates` folder is a symbolic link to a file outside the folder.
    case outsideFolder(file: String, target: String)
    /// No template of that name.
    case unknown(name: String, available: [String])
    /// `--strict`: variables the render would leave blank, with where they are.
    case missingVariables([Diagnostic])

    /// The text users read: a sentence, or `file:line:column: error: message` lines.
    public var description: String {
        switch self {
        case .syntax(let file, let line, let column, let message, let sourceLine):
            let location = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }
                .joined(separator: ":")
            var text = "\(location): error: Mustache syntax: \(Self.readable(message))"
            if let sourceLine, let column {
                text += "\n    \(sourceLine)\n    \(String(repeating: " ", count: max(0, column - 1)))^"
            }
            return text
        case .missingFolder(let path): return "\(path): error: template folder does not exist"
        case .unreadable(let path): return "\(path): error: cannot read template (not UTF-8 text?)"
        case .outsideFolder(let file, let target):
            return
                "\(file): error: links to \(target), outside the template folder; templates are read only from inside it"
        case .unknown(let name, let available):
            return "error: no template named \"\(name)\"; available: \(available.joined(separator: ", "))"
        case .missingVariables(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        }
    }

    /// The error of a syntax error in the template `error.file`, located in its origin.
    init(_ error: TemplateSyntaxError, origins: [String: String]) {
        self = .syntax(
            file: origins[error.file] ?? error.file, line: error.line, column: error.column, message: error.message,
            sourceLine: error.sourceLine)
    }

    /// The error of a compiler finding, located in its origin.
    init(_ finding: Finding, origins: [String: String]) {
        self = .syntax(
            file: origins[finding.file] ?? finding.file, line: finding.line, column: finding.column,
            message: finding.message, sourceLine: nil)
    }

    static func readable(_ message: String) -> String {
        switch message {
        case "sectionCloseNameIncorrect": return "the closing tag does not match the open section"
        case "unfinishedName": return "a tag is not closed with }}"
        case "expectedSectionEnd": return "a section is opened but never closed"
        default: return message
        }
    }
}

/// Compiled templates by name and root shape, shared by the copies of a library across threads.
final class Compilations: Sendable {
    private struct Key: Hashable {
        let name: String
        let shape: ObjectIdentifier
    }
    private let cache = Mutex<[Key: Compilation]>([:])

    func get(_ name: String, root: ObjectShape, compile: () -> Compilation) -> Compilation {
        let key = Key(name: name, shape: ObjectIdentifier(root))
        if let found = cache.withLock({ $0[key] }) { return found }
        // Compiled outside the lock: two threads may both compile once, and either result is the same.
        let compilation = compile()
        cache.withLock { $0[key] = compilation }
        return compilation
    }
}

extension Escaping {
    /// `{{name}}` in an HTML shell: the five characters that can end text or an attribute value, quoted or
    /// single-quoted, become entities.
    static let htmlWithQuotes = Escaping { text, output in
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
    }

    /// `{{name}}` in a Markdown template: the text reads as itself, never as Markdown syntax or HTML.
    static let markdown = Escaping { text, output in output.append(contentsOf: MarkdownEscaping.escape(text).utf8) }
}
