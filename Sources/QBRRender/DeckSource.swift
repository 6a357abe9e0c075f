import QBRCore

/// What a deck writer of another format (PowerPoint) needs from one rendered deck: its slides as cmark-gfm
/// trees (the same split as the HTML deck), its charts as figures, its title and date.
public struct DeckSource: Sendable {
    /// The slides, in order, with their speaker notes.
    public let slides: [SlideTree]
    /// The native charts the slides place, by name.
    public let charts: [String: NativeChart]
    /// "Northwind Traders — Quarterly Business Review Q3 2026".
    public let title: String
    /// The review's date (`--as-of`): the file's fixed timestamps.
    public let asOf: Day

    /// A deck of `slides` and `charts`.
    public init(slides: [SlideTree], charts: [String: NativeChart], title: String, asOf: Day) {
        self.slides = slides
        self.charts = charts
        self.title = title
        self.asOf = asOf
    }

    /// The deck of rendered `markdown`, its charts built from `model`'s account and metrics.
    public init(markdown: String, model: ReviewViewModel, title: String, renderer: DocumentRenderer) {
        let charts =
            ByteSearch.contains(markdown, "<!-- qbr:chart ")
            ? ChartSet.native(account: model.account, metrics: model.metrics, edition: model.edition) : [:]
        self.init(
            slides: renderer.slideTrees(fromMarkdown: markdown, charts: Set(charts.keys)), charts: charts, title: title,
            asOf: model.metrics.asOf)
    }
}
