import QBRCore

/// One account's document in the formats asked for.
public struct RenderedDocument: Sendable {
    /// The Markdown (always rendered: the HTML is made from it).
    public let markdown: String
    /// The HTML deck or page, when asked for.
    public let html: String?
    /// The Markdown with its speaker notes, as the HTML and PowerPoint decks present it: `markdown` itself, but
    /// for the customer edition without `notes`, whose written Markdown leaves them out.
    public let presented: String

    /// Runs the whole pipeline for one account: metrics → playbooks → view model → Markdown → HTML. With
    /// `strict`, a variable the template would leave blank is an error naming the template, line and name.
    /// The customer edition's Markdown has no speaker notes unless `notes` (the HTML deck always has them).
    public static func render(
        _ account: Account, asOf: Day, template: String, formats: Set<OutputFormat>, renderer: DocumentRenderer,
        edition: Edition = .internal, mermaid: Bool = false, strict: Bool = false, previous: MonthSnapshot? = nil,
        notes: Bool = false
    ) throws(TemplateError) -> RenderedDocument {
        let model = ReviewViewModel(
            account: account, asOf: asOf, edition: edition, settings: renderer.config.settings,
            playbooks: renderer.playbooks, company: renderer.config.company, mermaid: mermaid, previous: previous,
            teamRoadmap: renderer.config.roadmap)
        return try render(
            model: model, template: template, formats: formats, renderer: renderer, strict: strict, notes: notes)
    }

    /// Renders `template` from a view model already built, so several documents of one account share its
    /// metrics and playbook selection.
    public static func render(
        model: ReviewViewModel, template: String, formats: Set<OutputFormat>, renderer: DocumentRenderer,
        strict: Bool = false, notes: Bool = false
    ) throws(TemplateError) -> RenderedDocument {
        let context = RenderTimings.measure(.template) { model.context(document: template) }
        if strict {
            let missing = try renderer.blankVariables(context: context, template: template)
            if !missing.isEmpty { throw TemplateError.missingVariables(missing) }
        }
        let markdown = try RenderTimings.measure(.template) { () throws(TemplateError) in
            try renderer.markdown(context: context, template: template)
        }
        let written = model.edition == .customer && !notes ? SpeakerNotes.removed(from: markdown) : markdown
        guard formats.contains(.html) else { return RenderedDocument(markdown: written, html: nil, presented: markdown) }
        // Charts are drawn only for a document that places one (the monthly summary and checklists do not).
        let charts = RenderTimings.measure(.charts) {
            ByteSearch.contains(markdown, "<!-- qbr:chart ")
                ? ChartSet(account: model.account, metrics: model.metrics, edition: model.edition).charts : [:]
        }
        let title = model.title(DocumentKind(template).title)
        let html = try renderer.html(fromMarkdown: markdown, title: title, charts: charts)
        return RenderedDocument(markdown: written, html: html, presented: markdown)
    }
}
