import Foundation
import QBRTemplate
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

    /// Lints the built-in templates and playbooks with the files of `templates` and `playbooks` over them;
    /// `roles` are the team's own task-owner roles (`qbr.yaml` `roles:`).
    public static func run(templates: String?, playbooks: String?, roles: [String: String] = [:]) -> Result {
        var diagnostics: [Diagnostic] = []
        var missingFolder = false
        var library: PlaybookLibrary?
        do {
            let loaded = try PlaybookLibrary(overridesFrom: playbooks, roles: roles)
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

/// Checks templates by compiling them against the declared view model (``ReviewShape``, ``PortfolioShape``,
/// ``ShellShape``): the same compiler that renders them, so what it accepts renders and what it reports is
/// what a render would get wrong.
struct TemplateLinter {
    /// The run's playbooks: their flags are names, and their task details are templates too.
    let playbooks: PlaybookLibrary?

    /// The root of the review documents.
    var review: ObjectShape { ReviewShape.root(flags: playbooks?.flags.map(\.name) ?? []) }

    /// Lints every template of a run (built-ins overridden by `directory`) and every playbook task detail.
    func lint(overridesFrom directory: String?) throws(TemplateError) -> [Diagnostic] {
        lint(sources: try TemplateLibrary.sources(overridesFrom: directory))
    }

    /// Lints `sources` (every template of a run by name, with where each came from).
    func lint(sources: [String: (text: String, origin: String)]) -> [Diagnostic] {
        let origins = sources.mapValues(\.origin)
        // Syntax first, file by file, so every broken file is reported, not the first.
        var diagnostics: [Diagnostic] = []
        var parsed: [String: String] = [:]
        for (name, source) in sources {
            do throws(TemplateSyntaxErrors) {
                _ = try TemplateSet(sources: [name: source.text], escaping: TemplateLibrary.escaping)
                parsed[name] = source.text
            } catch {
                // A built-in's `default-` twin repeats its errors; report the file once.
                guard !name.hasPrefix("default-") else { continue }
                diagnostics += error.errors.map {
                    Diagnostic(
                        .error, "Mustache syntax: \($0.message)", file: origins[$0.file] ?? $0.file, line: $0.line,
                        column: $0.column)
                }
            }
        }
        var details: [String: (id: String, playbook: Playbook, task: PlaybookTask)] = [:]
        for playbook in playbooks?.playbooks ?? [] {
            for task in playbook.tasks {
                guard let detail = task.detail else { continue }
                let name = DocumentRenderer.detailName("\(playbook.id)/\(task.key)")
                parsed[name] = detail
                details[name] = ("\(playbook.id)/\(task.key)", playbook, task)
            }
        }
        guard let set = try? TemplateSet(sources: parsed, escaping: TemplateLibrary.escaping) else { return diagnostics }
        // Each entry point is compiled against the root it is rendered with; partials and parents are checked
        // where they are included, in the context they are included in.
        var findings: [Finding] = []
        var included = Set<String>()
        for name in set.names where !name.hasPrefix("default-") && !name.hasPrefix("partials/") {
            let compilation = set.compile(name, root: .object(root(for: name)))
            findings += compilation.findings
            included.formUnion(compilation.templates)
        }
        // A partial no document includes is still checked, against the review's root.
        for name in set.names where name.hasPrefix("partials/") && !included.contains(name) {
            findings += set.compile(name, root: .object(review)).findings
        }
        var seen = Set<String>()
        for finding in findings {
            let diagnostic: Diagnostic
            if let detail = details[finding.file] {
                let start = detail.task.detailStart
                let line = (start?.line ?? 1) + finding.line - 1
                let column = finding.line == 1 ? (start?.column ?? 1) + finding.column - 1 : finding.column
                diagnostic = Diagnostic(
                    finding.isWarning ? .warning : .error,
                    "task \"\(detail.task.key)\" detail: \(finding.message)", file: detail.playbook.origin, line: line,
                    column: column)
            } else {
                diagnostic = Diagnostic(
                    finding.isWarning ? .warning : .error, finding.message, file: origins[finding.file] ?? finding.file,
                    line: finding.line, column: finding.column)
            }
            // One finding per tag: a cycle met from two documents is still one mistake.
            guard seen.insert("\(diagnostic.file ?? ""):\(diagnostic.line ?? 0):\(diagnostic.column ?? 0)").inserted
            else { continue }
            diagnostics.append(diagnostic)
        }
        return diagnostics.sorted {
            ($0.file ?? "", $0.line ?? 0, $0.column ?? 0) < ($1.file ?? "", $1.line ?? 0, $1.column ?? 0)
        }
    }

    /// The root a template is rendered with.
    func root(for name: String) -> ObjectShape {
        if name.hasSuffix(".html") { return ShellShape.root }
        if name == "portfolio.md" { return PortfolioShape.overview }
        if name == "portfolio-page.md" { return PortfolioShape.accountPage }
        return review
    }
}
