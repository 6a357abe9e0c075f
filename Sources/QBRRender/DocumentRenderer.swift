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

/// Renders documents: view model → Markdown (Mustache) → HTML (cmark-gfm) inside the deck or page shell.
/// Holds everything a run parses once: templates, playbooks, the team's config.
public struct DocumentRenderer: Sendable {
    /// The templates, parsed once.
    public let templates: TemplateLibrary
    /// The playbooks and flags, parsed once; nil renders without them.
    public let playbooks: PlaybookLibrary?
    /// Branding and metric thresholds.
    public let config: TeamConfig
    /// Each task's detail template by task id (`churn-risk/escalations`), parsed once.
    let details: [String: MustacheTemplate]
    /// The shells' `theme` names, built once.
    let theme: [String: String]
    /// Templates that include themselves (see ``TemplateLibrary/inclusionCycles()``), by name, with the error
    /// rendering them throws instead of overflowing the stack.
    let cycles: [String: TemplateError]
    /// The same error for each task detail (by task id) that includes one of those templates.
    let detailCycles: [String: TemplateError]

    /// Creates a renderer over `templates`, `playbooks` and the team's `config`.
    public init(templates: TemplateLibrary, playbooks: PlaybookLibrary? = nil, config: TeamConfig = TeamConfig()) {
        self.templates = templates
        self.playbooks = playbooks
        self.config = config
        self.theme = Theme.context(config)
        let cycles = templates.inclusionCycles()
        var details: [String: MustacheTemplate] = [:]
        var detailCycles: [String: TemplateError] = [:]
        for playbook in playbooks?.playbooks ?? [] {
            for task in playbook.tasks {
                guard let detail = task.detail else { continue }
                // The loader already parsed it once to report syntax errors; this copy is Markdown-escaped.
                details["\(playbook.id)/\(task.key)"] = try? MustacheTemplate(
                    string: TemplateLibrary.prepared(detail, name: "detail.md"))
                for tag in TagScanner.tags(in: detail) where tag.kind == .partial || tag.kind == .parent {
                    if let error = cycles[tag.name] { detailCycles["\(playbook.id)/\(task.key)"] = error }
                }
            }
        }
        self.details = details
        self.cycles = cycles
        self.detailCycles = detailCycles
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
        if let error = cycles[name + ".md"] { throw error }
        return Self.tidy(template.render(context, library: templates.library))
    }

    /// Turns rendered Markdown into one self-contained HTML file: a slide deck when the Markdown has slide
    /// breaks (`---` at the top level), a page otherwise. Chart markers become the SVG in `charts`.
    public func html(fromMarkdown markdown: String, title: String, charts: [String: String] = [:]) throws(TemplateError)
        -> String
    {
        let slides = slides(fromMarkdown: markdown, charts: charts)
        if slides.count > 1 { return try shell("deck.html", slides: slides, title: title) }
        return try shell("page.html", slides: slides, title: title)
    }

    /// The cmark-gfm stage alone: the HTML of each slide (and its speaker notes) of a Markdown document.
    public func slides(fromMarkdown markdown: String, charts: [String: String] = [:]) -> [Slide] {
        var slides: [Slide] = []
        RenderTimings.add(ContinuousClock().measure { slides = MarkdownDocument(markdown).slides(charts: charts) })
        return slides
    }

    /// Wraps slides (already rendered by cmark-gfm) in `deck.html.mustache` or `page.html.mustache`.
    public func shell(_ name: String, slides: [Slide], title: String) throws(TemplateError) -> String {
        guard let shell = templates.template(name) else {
            throw TemplateError.unknown(name: name, available: Array(templates.origins.keys).sorted())
        }
        if let error = cycles[name] { throw error }
        let context: [String: Any] = [
            "title": title, "lang": "en", "generator": "qbr \(QBRVersion.current)", "slide_count": slides.count,
            "theme": theme, "html": slides.map(\.html).joined(),
            "slides": slides.enumerated().map { index, slide -> [String: Any] in
                var entry: [String: Any] = ["number": index + 1, "html": slide.html]
                entry["notes"] = slide.notes
                return entry
            },
        ]
        return shell.render(context, library: templates.library)
    }

    /// Collapses the blank lines left where sections were skipped, so the Markdown reads as if hand-written
    /// (at most one blank line in a row, none at the start, one newline at the end).
    static func tidy(_ markdown: String) -> String {
        // Works on UTF-8 bytes: a line is blank when it holds only spaces and tabs.
        var output: [UInt8] = []
        output.reserveCapacity(markdown.utf8.count + 1)
        var line: [UInt8] = []
        var blankRun = 0
        func endLine() {
            let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            blankRun = isBlank ? blankRun + 1 : 0
            if !(isBlank && (blankRun > 1 || output.isEmpty)) {
                if !isBlank { output += line }
                output.append(0x0A)
            }
            line.removeAll(keepingCapacity: true)
        }
        for byte in markdown.utf8 {
            if byte == 0x0A { endLine() } else { line.append(byte) }
        }
        endLine()
        while output.last == 0x0A { output.removeLast() }
        output.append(0x0A)
        return String(decoding: output, as: UTF8.self)
    }
}
