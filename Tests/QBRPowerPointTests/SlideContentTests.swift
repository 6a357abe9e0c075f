import Foundation
import QBRCore
import QBRRender
import XCTest

@testable import QBRPowerPoint

final class SlideContentTests: XCTestCase {
    func read(_ markdown: String) throws -> [SlideContent] {
        try markdownDeck(markdown).slides.map(SlideReader.read)
    }

    func testHeadingParagraphsAndNestedLists() throws {
        let slides = try read(
            """
            # Deck

            Opening line

            ---

            ## Plan

            Intro with **bold**, *italic*, `code` and [a link](https://example.com/x?a=1&b=2).

            - one
              - one.a
                - one.a.i
            - two

            3. third
            4. fourth
            """)
        XCTAssertEqual(slides.count, 2)
        XCTAssertEqual(slides[0].title, "Deck")
        XCTAssertTrue(slides[0].opensWithTitle)
        XCTAssertEqual(slides[1].title, "Plan")
        XCTAssertFalse(slides[1].opensWithTitle)
        guard case .text(let paragraphs) = slides[1].blocks.first else { return XCTFail("no text block") }
        XCTAssertEqual(
            paragraphs.map(\.text),
            ["Intro with bold, italic, code and a link.", "one", "one.a", "one.a.i", "two", "third", "fourth"])
        XCTAssertEqual(paragraphs.map(\.level), [0, 0, 1, 2, 0, 0, 0])
        XCTAssertEqual(paragraphs[1].kind, .bullet)
        XCTAssertEqual(paragraphs[5].kind, .numbered(start: 3))
        XCTAssertEqual(paragraphs[6].kind, .numbered(start: 4))
        let runs = paragraphs[0].runs
        XCTAssertTrue(runs.contains { $0.text == "bold" && $0.bold })
        XCTAssertTrue(runs.contains { $0.text == "italic" && $0.italic })
        XCTAssertTrue(runs.contains { $0.text == "code" && $0.code })
        XCTAssertTrue(runs.contains { $0.text == "a link" && $0.link == "https://example.com/x?a=1&b=2" })
    }

    func testTheFirstHeadingIsTheTitleWhereverItStands() throws {
        let slides = try read("Kicker line\n\n## The title\n\nBody\n\n## A second heading\n")
        XCTAssertEqual(slides[0].title, "The title")
        XCTAssertFalse(slides[0].opensWithTitle)
        guard case .text(let paragraphs) = slides[0].blocks.first else { return XCTFail("no text") }
        XCTAssertEqual(paragraphs.map(\.text), ["Kicker line", "Body", "A second heading"])
        XCTAssertTrue(paragraphs[2].runs.allSatisfy(\.bold))
    }

    func testLinksBecomeHyperlinkRelationshipsAndUnsafeOnesText() throws {
        let deck = try parts(
            try PowerPointWriter(design: .builtIn(TeamConfig())).deck(
                try markdownDeck("## Links\n\n[site](https://example.com/a&b) and [bad](javascript:alert(1))\n")))
        let rels = try text(deck, "ppt/slides/_rels/slide1.xml.rels")
        XCTAssertTrue(rels.contains("Target=\"https://example.com/a&amp;b\" TargetMode=\"External\""), rels)
        XCTAssertFalse(rels.contains("javascript"))
        let slide = try text(deck, "ppt/slides/slide1.xml")
        XCTAssertTrue(slide.contains("<a:hlinkClick r:id=\"rIdL1\"/>"))
        XCTAssertEqual(slide.components(separatedBy: "hlinkClick").count, 2)
        XCTAssertTrue(runTexts(slide).joined().contains("site and bad"))
    }

    func testTablesKeepHeaderCellsAndAlignment() throws {
        let slides = try read(
            """
            ## Table

            | Name | Amount | Note |
            | :--- | ---: | :---: |
            | A | $1 | x |
            | B | $2 |
            """)
        guard case .table(let table) = slides[0].blocks.first else { return XCTFail("no table") }
        XCTAssertEqual(table.header.map { $0.map(\.text).joined() }, ["Name", "Amount", "Note"])
        XCTAssertEqual(table.alignments, [.left, .right, .center])
        XCTAssertEqual(table.rows.map { $0.map { $0.map(\.text).joined() } }, [["A", "$1", "x"], ["B", "$2", ""]])
        let deck = try parts(
            try PowerPointWriter(design: .builtIn(TeamConfig())).deck(
                try markdownDeck("## T\n\n| a | b |\n| --- | ---: |\n| 1 | 2 |\n")))
        let slide = try text(deck, "ppt/slides/slide1.xml")
        XCTAssertTrue(slide.contains("<a:tblPr firstRow=\"1\""))
        XCTAssertTrue(slide.contains("<a:pPr algn=\"r\"/>"))
    }

    func testChartMarkersStandInForTheirTables() throws {
        let chart = NativeChart(
            name: "value", title: "Value", kind: .stackedBar, categories: ["A"],
            series: [.init(name: "Confirmed", values: [5], paint: .accent)], numberFormat: "0", axis: nil, summary: "")
        let source = try markdownDeck(
            "## Outcomes\n\n<!-- qbr:chart value table -->\n\n| a |\n| --- |\n| 1 |\n\n<!-- qbr:chart missing -->\n\nAfter\n",
            charts: ["value": chart])
        let content = SlideReader.read(source.slides[0])
        XCTAssertEqual(content.blocks.count, 2)
        XCTAssertEqual(content.blocks.first, SlideBlock.charts(["value"]))
    }
}
