import Testing

@testable import QBRRender

@Suite struct MarkdownDocumentTests {
    @Test func slidesSplitAtTopLevelThematicBreaksOnly() {
        let markdown = """
            # One

            ---

            ## Two

            ```
            ---
            ```

            - item

              ***

            ---

            ---

            ## Three
            """
        let slides = MarkdownDocument(markdown).slides().map(\.html)
        #expect(slides.count == 3)
        #expect(slides[0] == "<h1>One</h1>\n")
        #expect(slides[1].contains("<pre><code>---\n</code></pre>"))
        #expect(slides[1].contains("<hr />"))  // the break inside the list item stays in its slide
        #expect(slides[2] == "<h2>Three</h2>\n")
    }

    @Test func rawHTMLIsOmittedNotPassedThrough() {
        let html = MarkdownDocument("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> here").html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func javascriptLinksLoseTheirTarget() {
        let html = MarkdownDocument("[click](javascript:alert(1))").html()
        #expect(!html.contains("javascript:"))
    }

    @Test func gfmExtensionsAreAttached() {
        let html = MarkdownDocument(
            "| a | b |\n| :-- | --: |\n| 1 | 2 |\n\n~~old~~ www.example.com\n\n- [x] done\n- [ ] open\n"
        ).html()
        #expect(html.contains("<table>"))
        #expect(html.contains(#"<td style="text-align: right">2</td>"#))
        #expect(!html.contains(" align="))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains(#"<a href="http://www.example.com">"#))
        #expect(html.contains(#"<input type="checkbox" checked="" disabled="" />"#))
    }

    @Test func outlineExposesTheTree() {
        let outline = MarkdownDocument("# Hi *there*").outline()
        #expect(outline.type == "document")
        #expect(outline.all("heading").first?.text == "Hi there")
    }

    /// Every obsolete `align` attribute becomes a style, wherever it is; other text (accents, emoji) is kept.
    @Test func tableAlignmentBecomesAStyleEverywhere() {
        #expect(HTMLCleanup.modernizeTableAlignment("<p>Café 👋</p>") == "<p>Café 👋</p>")
        #expect(
            HTMLCleanup.modernizeTableAlignment(#" align="left">é</td><td align="right">x</td><th align="center">"#)
                == #" style="text-align: left">é</td><td style="text-align: right">x</td><th style="text-align: center">"#)
        #expect(HTMLCleanup.modernizeTableAlignment("") == "")
        #expect(HTMLCleanup.modernizeTableAlignment(#"<td align=""#) == #"<td style="text-align: "#)
    }
}
