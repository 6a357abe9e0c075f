import QBRCore

/// One account's document in the formats asked for.
public struct RenderedDocument: Sendable {
    /// The Markdown (always rendered: the HTML is made from it).
    public let markdown: String
    /// The HTML deck, when asked for.
    public let html: String?

    /// Runs the whole pipeline for one account: metrics → view model → Markdown → HTML.
    public static func render(
        _ account: Account, asOf: Day, template: String, formats: Set<OutputFormat>, renderer: DocumentRenderer,
        edition: Edition = .internal, generator: String
    ) throws(TemplateError) -> RenderedDocument {
        let model = ReviewViewModel(
            account: account, asOf: asOf, edition: edition, playbooks: renderer.playbooks, generator: generator)
        let context = model.context()
        let markdown = try renderer.markdown(context: context, template: template)
        let html =
            formats.contains(.html)
            ? try renderer.html(fromMarkdown: markdown, title: context["title"] as? String ?? "", generator: generator)
            : nil
        return RenderedDocument(markdown: markdown, html: html)
    }
}
