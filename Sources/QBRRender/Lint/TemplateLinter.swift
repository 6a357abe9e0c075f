import Foundation
import Mustache
import QBRCore
import QBRLoad
import QBRPlaybooks

/// `qbr lint`: every template and playbook of a run, checked file by file, every problem reported.
public enum Linter {
    /// What a lint run found.
    public struct Result: Sendable {
        /// Errors and warnings, templates first, each file in order of line and column.
        public let diagnostics: [Diagnostic]
        /// `--templates` or `--playbooks` names a folder that does not exist.
        public let missingFolder: Bool
    }

    /// Lints the built-in templates and playbooks with the files of `templates` and `playbooks` over them.
    public static func run(templates: String?, playbooks: String?) -> Result {
        var diagnostics: [Diagnostic] = []
        var missingFolder = false
        var library: PlaybookLibrary?
        do {
            let loaded = try PlaybookLibrary(overridesFrom: playbooks)
            library = loaded
            diagnostics += loaded.warnings
        } catch {
            if error.missingFolder { missingFolder = true }
            diagnostics += error.diagnostics
        }
        do {
            // The flags of the user's playbooks when they load; else the built-in ones.
            let linter = TemplateLinter(playbooks: library ?? (try? PlaybookLibrary.builtIn()))
            diagnostics = try linter.lint(overridesFrom: templates) + diagnostics
        } catch {
            if case .missingFolder = error { missingFolder = true }
            diagnostics.insert(Self.diagnostic(error), at: 0)
        }
        return Result(diagnostics: diagnostics, missingFolder: missingFolder)
    }

    private static func diagnostic(_ error: TemplateError) -> Diagnostic {
        switch error {
        case .missingFolder(let path): return Diagnostic(.error, "template folder does not exist", file: path)
        case .unreadable(let path): return Diagnostic(.error, "cannot read template (not UTF-8 text?)", file: path)
        default: return Diagnostic(.error, error.description)
        }
    }
}

/// Checks templates against the names the view model really provides.
struct TemplateLinter {
    /// The view model's names (Markdown documents).
    let document: NameTree
    /// The view model's names plus `checklist` (the playbook checklist and the partials it may include).
    let checklist: NameTree
    /// The HTML shells' names.
    let shell = NameTree.shell

    init(playbooks: PlaybookLibrary?) {
        document = NameTree.viewModel(playbooks: playbooks)
        var checklist = document
        checklist.merge(tree: NameTree.checklist)
        self.checklist = checklist
    }

    /// Lints every template of a run (built-ins overridden by `directory`), each file on its own.
    func lint(overridesFrom directory: String?) throws(TemplateError) -> [Diagnostic] {
        let sources = try TemplateLibrary.sources(overridesFrom: directory)
        let names = Set(sources.keys)
        let files = sources.filter { !$0.key.hasPrefix("default-") }
            .sorted { ($0.value.origin, $0.key) < ($1.value.origin, $1.key) }
            .flatMap { name, source in lint(name: name, text: source.text, origin: source.origin, templates: names) }
        return files + Self.cycles(overridesFrom: directory)
    }

    /// Templates that include themselves through partials or parents (rendering would never end), once per
    /// tag; only when every template parses (a syntax error is reported on its own).
    static func cycles(overridesFrom directory: String?) -> [Diagnostic] {
        guard let library = try? TemplateLibrary(overridesFrom: directory) else { return [] }
        var seen = Set<String>()
        var diagnostics: [Diagnostic] = []
        for case .syntax(let file, let line, let column, let message, _) in library.inclusionCycles().values
        where seen.insert("\(file):\(line ?? 0):\(column ?? 0)").inserted {
            diagnostics.append(Diagnostic(.error, message, file: file, line: line, column: column))
        }
        return diagnostics.sorted {
            ($0.file ?? "", $0.line ?? 0, $0.column ?? 0) < ($1.file ?? "", $1.line ?? 0, $1.column ?? 0)
        }
    }

    /// The names a template sees at its top level.
    func root(for name: String) -> NameTree {
        if name.hasSuffix(".html") { return shell }
        if name == "portfolio.md" || name == "default-portfolio.md" { return NameTree.portfolio }
        if name == "portfolio-page.md" || name == "default-portfolio-page.md" { return NameTree.portfolioPage }
        if name == "playbook.md" || name.hasPrefix("partials/") { return checklist }
        return document
    }

    /// The problems of one template: its syntax error, or every unknown name, partial and parent.
    func lint(name: String, text: String, origin: String, templates: Set<String>) -> [Diagnostic] {
        do {
            _ = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            return [
                Diagnostic(
                    .error, "Mustache syntax: \(TemplateError.readable("\(error.error)"))", file: origin,
                    line: error.context.lineNumber, column: error.context.columnNumber)
            ]
        } catch {
            return [Diagnostic(.error, "Mustache syntax: \(error)", file: origin)]
        }
        var diagnostics: [Diagnostic] = []
        func report(_ tag: MustacheTag, _ message: String) {
            diagnostics.append(Diagnostic(.error, message, file: origin, line: tag.line, column: tag.column))
        }
        // The context stack, innermost last; nil is a context of unknown shape (after an unknown section).
        var frames: [NameTree?] = [root(for: name)]
        // For each open section, block or parent: whether it pushed a context.
        var open: [Bool] = []
        for tag in TagScanner.tags(in: text) {
            switch tag.kind {
            case .variable, .section, .inverted:
                let word = tag.kind == .variable ? "variable" : "section"
                var pushed: NameTree?
                switch resolve(tag.name, in: frames) {
                case .found(let tree): pushed = tree
                case .unknownTransform(let transform):
                    report(tag, "unknown transform \"\(transform)\" in \"\(tag.name)\"")
                case .unknown(let shown, let suggestion):
                    let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
                    report(tag, "unknown \(word) \"\(shown)\": no account provides it\(hint)")
                }
                if tag.kind == .section {
                    frames.append(pushed)
                    open.append(true)
                } else if tag.kind == .inverted {
                    open.append(false)
                }
            case .close:
                if open.popLast() == true, frames.count > 1 { frames.removeLast() }
            case .partial, .parent:
                if !templates.contains(tag.name) {
                    let hint =
                        Suggestion.closest(to: tag.name, in: templates.sorted()).map { " (did you mean \"\($0)\"?)" }
                        ?? ""
                    report(
                        tag,
                        "\(tag.kind == .partial ? "partial" : "parent template") \"\(tag.name)\" does not exist\(hint)")
                }
                if tag.kind == .parent { open.append(false) }
            case .block:
                open.append(false)
            }
        }
        return diagnostics
    }

    enum Resolution {
        /// The name exists; the context a section over it pushes (nil: any shape).
        case found(NameTree?)
        /// `shown` (the name up to the first unknown part) exists in no context.
        case unknown(shown: String, suggestion: String?)
        case unknownTransform(String)
    }

    /// The transforms swift-mustache applies to strings, lists and numbers, and the list-position names of
    /// the sequence context (`first()`, `last()`, `index()`, `even()`, `odd()`).
    static let transforms: Set<String> = [
        "empty", "capitalized", "lowercased", "uppercased", "reversed", "first", "last", "count", "sorted",
        "enumerated", "equalzero", "plusone", "minusone", "even", "odd", "index",
    ]

    /// Looks `raw` up as Mustache does: the first part through the context stack, innermost first, the rest
    /// inside what it found.
    func resolve(_ raw: String, in frames: [NameTree?]) -> Resolution {
        var name = raw
        var transforms: [String] = []
        if name.contains("(") {
            let parts = name.split(separator: "(", omittingEmptySubsequences: false).map(String.init)
            transforms = Array(parts.dropLast())
            name = String((parts.last ?? "").prefix { $0 != ")" })
            if let unknown = transforms.first(where: { !Self.transforms.contains($0) }) {
                return .unknownTransform(unknown)
            }
            if name.isEmpty { return .found(NameTree()) }  // the sequence context: first(), last()…
        }
        let found: NameTree?
        if name == "." {
            found = frames.last ?? nil
        } else if name.hasPrefix(".") {
            guard let top = frames.last else { return .found(nil) }
            guard let top else { return .found(nil) }
            switch walk(Array(name.dropFirst().split(separator: ".").map(String.init)), from: top, shownPrefix: ".") {
            case .found(let tree): found = tree
            case let other: return other
            }
        } else {
            let parts = name.split(separator: ".").map(String.init)
            guard let first = parts.first else { return .found(nil) }
            var result: Resolution?
            for frame in frames.reversed() {
                guard let frame else {
                    result = .found(nil)
                    break
                }
                if frame.children[first] != nil {
                    result = walk(parts, from: frame, shownPrefix: "")
                    break
                }
            }
            guard let result else {
                let visible = frames.compactMap { $0 }.flatMap(\.children.keys)
                return .unknown(shown: first, suggestion: Suggestion.closest(to: first, in: Set(visible).sorted()))
            }
            switch result {
            case .found(let tree): found = tree
            case let other: return other
            }
        }
        guard let found, let outermost = transforms.first else { return .found(found?.sectionContext) }
        switch outermost {
        case "first", "last": return .found(found.element?.tree ?? NameTree())
        case "reversed", "sorted": return .found(found.sectionContext)
        default: return .found(NameTree())
        }
    }

    /// Follows `parts` down from `tree`; the tree of the last part, or the first part that is missing.
    private func walk(_ parts: [String], from tree: NameTree, shownPrefix: String) -> Resolution {
        var node = tree
        for (index, part) in parts.enumerated() {
            guard let child = node.children[part] else {
                let before = parts[..<index].joined(separator: ".")
                let shown = shownPrefix + (before.isEmpty ? part : before + "." + part)
                let suggestion = Suggestion.closest(to: part, in: node.children.keys.sorted()).map {
                    shownPrefix + (before.isEmpty ? $0 : before + "." + $0)
                }
                return .unknown(shown: shown, suggestion: suggestion)
            }
            node = child
        }
        return .found(node)
    }
}
