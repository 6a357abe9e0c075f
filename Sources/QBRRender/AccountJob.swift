import QBRCore
import QBRPlaybooks

/// Everything qbr writes for one account at one date, as `qbr render` and `qbr batch` both ask for it: its
/// reviews in an edition and its playbook checklists. The metrics and playbook selection are computed once
/// per edition and shared by every document of the account.
public struct AccountJob {
    /// One file's worth of output.
    public struct Output: Sendable {
        /// The document: `qbr`, `ebr`, `summary`, or `playbook:<id>` for a checklist.
        public let document: String
        /// The file name, without a folder: `qbr.md`, `qbr.internal.html`, `playbook-churn-risk.md`.
        public let fileName: String
        /// The format of `contents`.
        public let format: OutputFormat
        /// The file's text (empty for a PowerPoint deck, whose slides are in `deck`).
        public let contents: String
        /// For a PowerPoint deck (format `pptx`): the slides and charts a PowerPoint writer turns into the file.
        public var deck: DeckSource? = nil
    }

    let account: Account
    let asOf: Day
    let renderer: DocumentRenderer
    let formats: Set<OutputFormat>
    let mermaid: Bool
    let previous: MonthSnapshot?
    /// Keep the speaker notes in the customer edition's Markdown (`--notes`).
    let notes: Bool
    private var models: [Edition: ReviewViewModel] = [:]

    /// A job for `account` at `asOf`, in `formats`; `previous` is the account's month on record (batch history).
    public init(
        account: Account, asOf: Day, renderer: DocumentRenderer, formats: Set<OutputFormat>, mermaid: Bool = false,
        previous: MonthSnapshot? = nil, notes: Bool = false
    ) {
        self.account = account
        self.asOf = asOf
        self.renderer = renderer
        self.formats = formats
        self.mermaid = mermaid
        self.previous = previous
        self.notes = notes
    }

    /// The view model of `edition`, built on first use.
    public mutating func model(_ edition: Edition) -> ReviewViewModel {
        if let model = models[edition] { return model }
        // Metrics and playbooks are the same in every edition: computed for the first one only.
        if let other = models.values.first {
            let model = other.edition(edition)
            models[edition] = model
            return model
        }
        let model = ReviewViewModel(
            account: account, asOf: asOf, edition: edition, settings: renderer.config.settings,
            playbooks: renderer.playbooks, company: renderer.config.company, mermaid: mermaid, previous: previous,
            teamRoadmap: renderer.config.roadmap)
        models[edition] = model
        return model
    }

    /// `kind` in `edition` (its default edition when nil), one output per format. With `strict`, a variable the
    /// template would leave blank is an error naming the template, line and name.
    public mutating func review(_ kind: DocumentKind, edition: Edition? = nil, strict: Bool = false)
        throws(TemplateError) -> [Output]
    {
        let edition = edition ?? kind.defaultEdition
        let rendered = try RenderedDocument.render(
            model: model(edition), template: kind.id, formats: formats, renderer: renderer, strict: strict,
            notes: notes)
        var outputs: [Output] = []
        if formats.contains(.markdown) {
            outputs.append(
                Output(
                    document: kind.id, fileName: kind.fileName(edition: edition, format: .markdown), format: .markdown,
                    contents: rendered.markdown))
        }
        if let html = rendered.html {
            outputs.append(
                Output(document: kind.id, fileName: kind.fileName(edition: edition, format: .html), format: .html, contents: html))
        }
        if formats.contains(.pptx), kind.hasSlides {
            let model = model(edition)
            let deck = DeckSource(
                markdown: rendered.presented, model: model, title: model.title(kind.title), renderer: renderer)
            outputs.append(
                Output(
                    document: kind.id, fileName: kind.fileName(edition: edition, format: .pptx), format: .pptx, contents: "",
                    deck: deck))
        }
        return outputs
    }

    /// The checklists of the account (always the internal edition: they are the team's working documents): one
    /// per triggered playbook, and one for each playbook of `existing` (ids of checklists already written) so
    /// that its ticks move under "No longer triggered" instead of vanishing. `previousFile` returns last time's
    /// Markdown of a playbook's checklist.
    public mutating func checklists(existing: [String], previousFile: (String) -> String?) throws(TemplateError)
        -> [Output]
    {
        let checklists = try renderer.checklists(
            model: model(.internal), existing: existing, formats: formats, previousFile: previousFile)
        var outputs: [Output] = []
        for checklist in checklists {
            let name = DocumentKind.checklistName(playbookID: checklist.playbookID)
            let document = "playbook:\(checklist.playbookID)"
            if formats.contains(.markdown) {
                outputs.append(Output(document: document, fileName: name + ".md", format: .markdown, contents: checklist.markdown))
            }
            if let html = checklist.html {
                outputs.append(Output(document: document, fileName: name + ".html", format: .html, contents: html))
            }
        }
        return outputs
    }
}
