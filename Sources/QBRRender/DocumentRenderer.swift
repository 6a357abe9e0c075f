import Foundation
import Mustache
import QBRCore
import QBRPlaybooks

/// The output formats of a document.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// GitHub-flavoured Markdown, slides separated by `---`.
    case markdown = "md"
    /// One self-contained HTML5 slide deck.
    case html
}

/// Renders documents: view model → Markdown (Mustache) → HTML (cmark-gfm) inside the deck shell.
public struct DocumentRenderer: Sendable {
    /// The templates, parsed once.
    public let templates: TemplateLibrary
    /// The playbooks and flags, parsed once; nil renders without them.
    public let playbooks: PlaybookLibrary?
    /// Each task's detail template by task id (`churn-risk/escalations`), parsed once.
    let details: [String: MustacheTemplate]

    /// Creates a renderer over `templates` and `playbooks`.
    public init(templates: TemplateLibrary, playbooks: PlaybookLibrary? = nil) {
        self.templates = templates
        self.playbooks = playbooks
        var details: [String: MustacheTemplate] = [:]
        for playbook in playbooks?.playbooks ?? [] {
            for task in playbook.tasks {
                guard let detail = task.detail else { continue }
                // The loader already parsed it once to report syntax errors; this copy is Markdown-escaped.
                details["\(playbook.id)/\(task.key)"] = try? MustacheTemplate(
                    string: TemplateLibrary.prepared(detail, name: "detail.md"))
            }
        }
        self.details = details
    }

    /// Merges the view model into the Markdown template `name` (`qbr` → `qbr.md.mustache`).
    public func markdown(_ model: ReviewViewModel, template name: String) throws(TemplateError) -> String {
        try markdown(context: model.context(), template: name)
    }

    /// Merges a prepared context into the Markdown template `name`.
    public func markdown(context: [String: Any], template name: String) throws(TemplateError) -> String {
        guard let template = templates.template(name + ".md") else {
            throw TemplateError.unknown(name: name, available: templates.documentNames)
        }
        return Self.tidy(template.render(context, library: templates.library))
    }

    /// Turns a rendered Markdown deck into the self-contained HTML deck, one slide per top-level `---`.
    public func html(fromMarkdown markdown: String, title: String, generator: String) throws(TemplateError) -> String {
        try htmlShell(slides: slides(fromMarkdown: markdown), title: title, generator: generator)
    }

    /// Turns a Markdown document that is not a deck (a checklist) into a self-contained HTML page.
    public func htmlPage(fromMarkdown markdown: String, title: String, generator: String) throws(TemplateError) -> String {
        guard let shell = templates.template("page.html") else {
            throw TemplateError.unknown(name: "page.html", available: Array(templates.origins.keys).sorted())
        }
        let context: [String: Any] = [
            "title": title, "lang": "en", "generator": generator, "html": MarkdownDocument(markdown).html(),
        ]
        return shell.render(context, library: templates.library)
    }

    /// The cmark-gfm stage alone: the HTML of each slide of a Markdown deck.
    public func slides(fromMarkdown markdown: String) -> [String] {
        MarkdownDocument(markdown).slideHTML()
    }

    /// Wraps slide HTML (already rendered by cmark-gfm) in `deck.html.mustache`.
    public func htmlShell(slides: [String], title: String, generator: String) throws(TemplateError) -> String {
        guard let shell = templates.template("deck.html") else {
            throw TemplateError.unknown(name: "deck.html", available: Array(templates.origins.keys).sorted())
        }
        let context: [String: Any] = [
            "title": title, "lang": "en", "generator": generator, "slide_count": slides.count,
            "slides": slides.enumerated().map { ["number": $0.offset + 1, "html": $0.element] as [String: Any] },
        ]
        return shell.render(context, library: templates.library)
    }

    /// Collapses the blank lines left where sections were skipped, so the Markdown reads as if hand-written
    /// (at most one blank line in a row, none at the start, one newline at the end).
    static func tidy(_ markdown: String) -> String {
        var lines: [Substring] = []
        var blank = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
            blank = isBlank ? blank + 1 : 0
            if isBlank && (blank > 1 || lines.isEmpty) { continue }
            lines.append(isBlank ? "" : line)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
