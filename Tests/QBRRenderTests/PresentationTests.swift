import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRRender

/// What a presenter gets in the HTML: charts, speaker notes, Mermaid for Markdown, themes, inheritance.
@Suite struct PresentationTests {
    func northwind() throws -> Account {
        try QBRLoadFacade.load(examples.appendingPathComponent("northwind.yaml").path)
    }

    @Test func speakerNotesAreHiddenAsidesNotSlideText() throws {
        let html = try render(try northwind()).html ?? ""
        #expect(html.contains(#"<aside class="notes" aria-label="Speaker notes">"#))
        #expect(html.contains("<p>Open with the outcome Priya Raman cares most about"))
        #expect(!html.contains("&lt;!-- notes --&gt;") && !html.contains("<!-- notes -->"))
        #expect(html.contains("k === 'n' || k === 'N'"))
        // The slide body ends before the notes.
        let slide = try #require(
            html.components(separatedBy: #"id="slide-3""#).last?.components(separatedBy: "</section>").first)
        let body = try #require(slide.components(separatedBy: "<aside").first)
        #expect(!body.contains("Open with the outcome"))
    }

    @Test func notesMarkerInAccountTextIsJustText() throws {
        var account = try northwind()
        account.narrative?.misses = "<!-- notes --> secret"
        let document = try render(account)
        #expect(document.markdown.contains(#"\<!-- notes --> secret"#))
        #expect(document.html?.contains("&lt;!-- notes --&gt; secret") == true)
    }

    @Test func aChartStandsInForItsTableOnlyWhenItsMarkerSaysSo() throws {
        let document = try render(try northwind())
        // `<!-- qbr:chart outcomes table -->`: the chart replaces the outcomes table in the HTML only.
        #expect(document.markdown.contains("| Outcome | Baseline | Target | Actual | Attainment | Status | Due |"))
        let html = document.html ?? ""
        #expect(html.contains(#"<figure class="chart chart-outcomes"><svg"#))
        #expect(!html.contains("<th>Outcome</th>"))
        // `<!-- qbr:chart value -->`: the chart comes in addition to the table.
        #expect(html.contains(#"<figure class="chart chart-value"><svg"#))
        #expect(html.contains("<th>Category</th>"))
        // The adoption table after the monthly-active-users chart stays.
        #expect(html.contains("<td>Seat utilization</td>"))
        #expect(!html.contains("qbr:chart"))
    }

    @Test func mermaidChartsComeWithTheirTables() throws {
        let document = try RenderedDocument.render(
            try northwind(), asOf: exampleAsOf, template: "qbr", formats: [.markdown, .html], renderer: try renderer(),
            edition: .internal, mermaid: true)
        let markdown = document.markdown
        #expect(markdown.contains("```mermaid\nxychart-beta\n    title \"Outcome attainment, % of target\""))
        #expect(markdown.contains("bar [108, 77, 103]"))
        #expect(
            markdown.contains(
                "```mermaid\npie title Value realized (USD)\n    \"Cost savings\" : 165000\n    \"Revenue\" : 60000\n```"
            ))
        #expect(markdown.contains("line [140, 151, 160, 172, 180, 188]"))
        #expect(markdown.contains("bar [240000, 36000, -6000, 0, 270000]"))
        // Every Mermaid chart is followed by its data table.
        for chart in markdown.components(separatedBy: "```mermaid").dropFirst() {
            let after = chart.components(separatedBy: "```").dropFirst().joined()
            #expect(after.contains("\n| "), "a mermaid chart without its table")
        }
        #expect(document.html?.contains("mermaid") == false)
        let plain = try render(try northwind(), formats: [.markdown]).markdown
        #expect(!plain.contains("```mermaid"))
    }

    @Test func mermaidLabelsCannotBreakTheChart() {
        #expect(MermaidCharts.label(#"Cut "time" ]; x-axis [evil] `code` #1"#) == "Cut time x-axis evil code 1")
        #expect(MermaidCharts.label(String(repeating: "long ", count: 20)).count == 30)
    }

    @Test func summaryIsAPageNotADeck() throws {
        let html = try render(try northwind(), template: "summary").html ?? ""
        #expect(!html.contains(#"class="slide""#))
        #expect(html.contains("<h2>Since last month</h2>"))
        #expect(html.contains("<td>Monthly active users</td>"))
    }

    @Test func teamThemeAndInheritedTemplate() throws {
        let team = examples.appendingPathComponent("team")
        let config = try TeamConfigLoader.load(path: team.appendingPathComponent("qbr.yaml").path).config
        #expect(config.settings.healthGreenFrom == 80)
        let renderer = DocumentRenderer(
            templates: try TemplateLibrary(overridesFrom: config.templates), playbooks: try renderer().playbooks,
            config: config)
        let document = try RenderedDocument.render(
            try northwind(), asOf: exampleAsOf, template: "qbr", formats: [.markdown, .html], renderer: renderer,
            edition: .customer)
        // The team's value slide replaced the default one; every other slide is the default.
        #expect(document.markdown.contains("## What we delivered together"))
        #expect(!document.markdown.contains("## Value realized"))
        #expect(document.markdown.contains("## Outcomes: committed vs achieved"))
        #expect(document.markdown.contains("| Faster carrier capacity for peak season | $60,000 | Not yet |"))
        let html = document.html ?? ""
        #expect(html.contains("--accent: #0b7a75;"))
        #expect(html.contains(".slide h1, .slide h2, .slide h3 { font-family: Georgia, serif; }"))
        #expect(html.contains(#"<img class="logo" src="data:image/svg+xml;base64,"#))
        #expect(html.contains(#"alt="Tidewater Software""#))
        #expect(document.markdown.contains("Prepared by Dana Whitfield and Luis Ortega, Tidewater Software"))
        // The team's thresholds: health 82 is green at ≥ 80.
        let summary = try RenderedDocument.render(
            try northwind(), asOf: exampleAsOf, template: "summary", formats: [.markdown], renderer: renderer)
        #expect(summary.markdown.contains("82 / 100 · 🟢 Green"))
    }

    @Test func unsafeThemeValuesNeverReachTheCSS() throws {
        var config = TeamConfig()
        config.colors["accent"] = "red;}</style><script>alert(1)</script>"
        config.fonts["body"] = "x; background:url(http://evil)"
        config.logoDataURI = "javascript:alert(1)"
        let renderer = DocumentRenderer(templates: try TemplateLibrary.builtIn(), config: config)
        let html =
            try RenderedDocument.render(
                try northwind(), asOf: exampleAsOf, template: "qbr", formats: [.html], renderer: renderer
            ).html ?? ""
        #expect(!html.contains("evil") && !html.contains("alert(1)") && !html.contains("javascript:"))
    }
}
