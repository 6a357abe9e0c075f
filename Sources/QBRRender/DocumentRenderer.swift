import Foundation
import QBRCore
import QBRPlaybooks
import QBRTemplate

/// The output formats of a document.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// GitHub-flavoured Markdown, slides separated by `---`.
    case markdown = "md"
    /// One self-contained HTML5 slide deck.
    case html
    /// A native PowerPoint deck (decks only), written by the QBRPowerPoint module from the slides' trees.
    case pptx
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
    /// The shells' `theme` names, built once.
    let theme: Record
    /// Every task detail as a template of its own (`details/churn-risk/escalations.md`), beside the documents'
    /// templates so a detail can use their partials.
    let details: TemplateLibrary

    /// Creates a renderer over `templates`, `playbooks` and the team's `config`.
    public init(
        templates: TemplateLibrary, playbooks: PlaybookLibrary? = nil, config: TeamConfig = TeamConfig()
    ) {
        self.templates = templates
        self.playbooks = playbooks
        self.config = config
        self.theme = Theme.context(config)
        var sources: [String: (text: String, origin: String)] = [:]
        for playbook in playbooks?.playbooks ?? [] {
            for task in playbook.tasks {
                guard let detail = task.detail else { continue }
                sources[Self.detailName("\(playbook.id)/\(task.key)")] = (detail, "\(playbook.id): task \(task.key) detail")
            }
        }
        // The playbook loader has already refused a detail that does not parse.
        self.details = (try? templates.adding(sources)) ?? templates
    }

    /// The template name of a task's detail.
    static func detailName(_ taskID: String) -> String { "details/\(taskID).md" }

    /// Merges the view model into the Markdown template `name` (`qbr` → `qbr.md.mustache`).
    public func markdown(_ model: ReviewViewModel, template name: String) throws(TemplateError) -> String {
        try markdown(context: model.context(document: name), template: name)
    }

    /// Merges a prepared context into the Markdown template `name`.
    public func markdown(context: TemplateValue, template name: String) throws(TemplateError) -> String {
        guard templates.set.contains(name + ".md") else {
            throw TemplateError.unknown(name: name, available: templates.documentNames)
        }
        let template = try templates.compiled(name + ".md", root: Self.shape(of: context))
        func render(_ context: TemplateValue) -> [UInt8] {
            var output: [UInt8] = []
            output.reserveCapacity(16_384)
            template.render(context, into: &output)
            return output
        }
        // The agenda lists the slides the template really renders: a first pass finds them.
        guard case .object(let object) = context, let root = object as? Record, root.shape.index(of: "agenda") != nil,
            template.references.contains(where: { $0.name == "agenda" })
        else { return Self.tidy(render(context)) }
        let draft = render(.object(root.replacing("agenda", with: Agenda.draftItems)))
        guard let titles = Agenda.titles(in: draft) else { return Self.tidy(draft) }
        // The draft's two agenda items are copied once per slide: no second render, when the template writes
        // each item the same way (otherwise, or with no slide to list, the template is rendered again).
        if let spliced = Agenda.splice(draft, titles: titles) { return Self.tidy(spliced) }
        let agenda = titles.enumerated().map { index, title in
            TemplateValue.object(Record(ReviewShape.agendaItem, ["number": index + 1, "title": title]))
        }
        return Self.tidy(render(.object(root.replacing("agenda", with: .list(agenda)))))
    }

    /// A task's detail rendered with the account's names (`context`, the review context of `model`).
    func detail(_ taskID: String, context: TemplateValue, model: ReviewViewModel) throws(TemplateError) -> String {
        let template = try details.compiled(Self.detailName(taskID), root: model.shape)
        return template.render(context)
    }

    static func shape(of context: TemplateValue) -> ObjectShape {
        if case .object(let object) = context { return object.shape }
        return ObjectShape("Empty", [])
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

    /// The same split into slides as ``slides(fromMarkdown:charts:)``, each slide as a cmark-gfm node tree, for
    /// writers of other formats (PowerPoint): a chart marker whose name is in `charts` becomes a `qbr_chart`
    /// node standing in for its table, as the SVG does in HTML.
    public func slideTrees(fromMarkdown markdown: String, charts: Set<String> = []) -> [SlideTree] {
        MarkdownDocument(markdown).slideTrees(charts: charts)
    }

    /// Wraps slides (already rendered by cmark-gfm) in `deck.html.mustache` or `page.html.mustache`.
    public func shell(_ name: String, slides: [Slide], title: String) throws(TemplateError) -> String {
        try RenderTimings.measure(.shell) { () throws(TemplateError) in try shellHTML(name, slides: slides, title: title) }
    }

    private func shellHTML(_ name: String, slides: [Slide], title: String) throws(TemplateError) -> String {
        guard templates.set.contains(name) else {
            throw TemplateError.unknown(name: name, available: Array(templates.origins.keys).sorted())
        }
        let shell = try templates.compiled(name, root: ShellShape.root)
        let context = Record(ShellShape.root) {
            $0.set("title", title)
            $0.set("lang", "en")
            $0.set("generator", "qbr \(QBRVersion.current)")
            $0.set("slide_count", slides.count)
            $0.set("theme", theme)
            $0.set("html", slides.map(\.html).joined())
            $0.set(
                "slides",
                slides.enumerated().map { index, slide in
                    Record(ShellShape.slide, ["number": index + 1, "html": slide.html, "notes": slide.notes])
                })
        }
        var output: [UInt8] = []
        output.reserveCapacity(slides.reduce(8_192) { $0 + $1.html.utf8.count * 2 })
        shell.render(.object(context), into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Collapses the blank lines left where sections were skipped, so the Markdown reads as if hand-written
    /// (at most one blank line in a row, none at the start, one newline at the end).
    static func tidy(_ markdown: [UInt8]) -> String {
        // Works on UTF-8 bytes, a line at a time by index: a line is blank when it holds only spaces and tabs.
        markdown.withUnsafeBufferPointer { bytes in
            String(unsafeUninitializedCapacity: bytes.count + 1) { output in
                var written = 0
                var blankRun = 0
                var start = 0
                while start <= bytes.count {
                    var end = start
                    var isBlank = true
                    while end < bytes.count && bytes[end] != 0x0A {
                        if bytes[end] != 0x20 && bytes[end] != 0x09 { isBlank = false }
                        end += 1
                    }
                    blankRun = isBlank ? blankRun + 1 : 0
                    if !(isBlank && (blankRun > 1 || written == 0)) {
                        if !isBlank, let from = bytes.baseAddress, let to = output.baseAddress {
                            (to + written).update(from: from + start, count: end - start)
                            written += end - start
                        }
                        output[written] = 0x0A
                        written += 1
                    }
                    start = end + 1
                }
                while written > 0 && output[written - 1] == 0x0A { written -= 1 }
                output[written] = 0x0A
                return written + 1
            }
        }
    }
}

extension DocumentRenderer {
    /// `--strict`: the variables rendering `template` with `context` leaves blank, with the template, line and
    /// column of each. Sections that find nothing are not errors: they are how templates leave out what an
    /// account does not have.
    public func blankVariables(context: TemplateValue, template name: String) throws(TemplateError) -> [Diagnostic] {
        let template = try templates.compiled(name + ".md", root: Self.shape(of: context))
        var seen = Set<String>()
        var diagnostics: [Diagnostic] = []
        for reference in template.blankReferences(context) {
            let file = templates.origins[reference.file] ?? reference.file
            guard seen.insert("\(file):\(reference.line):\(reference.column)").inserted else { continue }
            diagnostics.append(
                Diagnostic(
                    .error, "variable \"\(reference.name)\" has no value for this account (--strict)", file: file,
                    line: reference.line, column: reference.column))
        }
        return diagnostics
    }
}
