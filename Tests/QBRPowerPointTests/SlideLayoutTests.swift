import Foundation
import QBRCore
import QBRRender
import XCTest

@testable import QBRPowerPoint

final class SlideLayoutTests: XCTestCase {
    /// A table too long for a slide goes on over as many slides as it needs, the header repeated on each, the
    /// title "… (continued)", the notes on the first; nothing is lost and the text after it follows it.
    func testLongTableContinuesOnTheNextSlides() throws {
        let rows = (1...45).map {
            "| \($0) | Task number \($0) with a fairly long description that wraps | Owner \($0) |"
        }
        let markdown =
            "## Action plan\n\nIntro.\n\n| # | Action | Owner |\n| ---: | --- | --- |\n" + rows.joined(separator: "\n")
            + "\n\nClosing words.\n\n<!-- notes -->\n\nSay it.\n"
        let writer = PowerPointWriter(design: .builtIn(TeamConfig()))
        let placed = writer.placed(try markdownDeck(markdown))
        XCTAssertGreaterThan(placed.count, 2)
        XCTAssertEqual(placed[0].title, "Action plan")
        XCTAssertTrue(placed.dropFirst().allSatisfy { $0.title == "Action plan (continued)" })
        XCTAssertEqual(placed[0].notes.map(\.text), ["Say it."])
        XCTAssertTrue(placed.dropFirst().allSatisfy(\.notes.isEmpty))
        var numbers: [String] = []
        for slide in placed {
            for shape in slide.shapes {
                guard case .table(let table, let box, _, let heights, _) = shape else { continue }
                XCTAssertEqual(table.header.map { $0.map(\.text).joined() }, ["#", "Action", "Owner"])
                XCTAssertLessThanOrEqual(
                    box.y + heights.reduce(0, +), BuiltInDesign.bodyBox.y + BuiltInDesign.bodyBox.height)
                numbers += table.rows.map { $0[0].map(\.text).joined() }
            }
        }
        XCTAssertEqual(numbers, (1...45).map(String.init))
        guard case .text(let closing, _, _, _, _, _) = try XCTUnwrap(placed.last?.shapes.last) else { return XCTFail() }
        XCTAssertEqual(closing.map(\.text), ["Closing words."])
        // In the file: the header row on every slide's table.
        let deck = try parts(try writer.deck(try markdownDeck(markdown)))
        let withTables = try slideNames(deck).filter { try text(deck, $0).contains("<a:tbl>") }
        XCTAssertEqual(
            withTables.count,
            placed.filter { $0.shapes.contains { if case .table = $0 { return true } else { return false } } }.count)
        for name in withTables {
            XCTAssertTrue(try text(deck, name).contains("<a:t>Owner</a:t>"), name)
        }
    }

    func testShortTableStaysOnItsSlide() throws {
        let placed = PowerPointWriter(design: .builtIn(TeamConfig())).placed(
            try markdownDeck("## Small\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n"))
        XCTAssertEqual(placed.count, 1)
    }

    func testExampleDecksNeedNoContinuation() throws {
        for file in ["northwind.yaml", "contoso-health.json", "bluebird-bakery.yaml"] {
            let placed = PowerPointWriter(design: .builtIn(TeamConfig())).placed(try exampleDeck(file))
            XCTAssertFalse(placed.contains { $0.title.hasSuffix("(continued)") }, file)
            for slide in placed {
                for shape in slide.shapes {
                    let box: Box
                    switch shape {
                    case .text(_, let b, _, _, _, _), .chart(_, let b): box = b
                    case .table(_, let b, _, let rows, _):
                        box = Box(x: b.x, y: b.y, width: b.width, height: rows.reduce(0, +))
                    }
                    XCTAssertLessThanOrEqual(box.y + box.height, BuiltInDesign.height, "\(file): \(slide.title)")
                    XCTAssertLessThanOrEqual(box.x + box.width, BuiltInDesign.width, "\(file): \(slide.title)")
                }
            }
        }
    }
}
