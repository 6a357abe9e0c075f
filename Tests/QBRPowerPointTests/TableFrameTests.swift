import Foundation
import QBRCore
import QBRRender
import XCTest

@testable import QBRPowerPoint

final class TableFrameTests: XCTestCase {
    func testHeaderRowAlignmentAndGrid() throws {
        let table = TableContent(
            alignments: [.none, .right, .center],
            header: [[TextRun(text: "Name")], [TextRun(text: "Amount")], [TextRun(text: "Status")]],
            rows: [[[TextRun(text: "A & B", bold: true)], [TextRun(text: "$1")], [TextRun(text: "On track")]]])
        var text = TextWriter()
        let layout = SlideLayout(design: .builtIn(TeamConfig()))
        let geometry = layout.tableGeometry(table, width: 10 * Box.inch, room: 5 * Box.inch)
        XCTAssertEqual(geometry.columns.reduce(0, +), 10 * Box.inch)
        XCTAssertEqual(geometry.rows.count, 2)
        let xml = TableFrame.xml(
            table, box: Box(x: 0, y: 0, width: 10 * Box.inch, height: Box.inch), columns: geometry.columns,
            rows: geometry.rows, size: geometry.size, id: 4, text: &text)
        let wrapped = "<p:spTree \(OOXML.pmlNamespaces)>\(xml)</p:spTree>"
        XCTAssertTrue(isWellFormed(Data(wrapped.utf8)))
        XCTAssertEqual(xml.components(separatedBy: "<a:tr ").count - 1, 2)
        XCTAssertEqual(xml.components(separatedBy: "<a:gridCol ").count - 1, 3)
        XCTAssertTrue(xml.contains("<a:tblPr firstRow=\"1\" bandRow=\"1\">"))
        XCTAssertTrue(xml.contains("<a:pPr algn=\"r\"/><a:r><a:rPr lang=\"en-US\" sz=\"1400\"/><a:t>$1</a:t>"))
        XCTAssertTrue(xml.contains("<a:pPr algn=\"ctr\"/>"))
        XCTAssertTrue(xml.contains("<a:t>A &amp; B</a:t>"))
        // The header is bold.
        XCTAssertTrue(xml.contains("b=\"1\"/><a:t>Name</a:t>"))
    }

    func testTypeShrinksBeforeATableContinues() {
        let rows = (1...11).map {
            [
                [TextRun(text: "\($0)")], [TextRun(text: "An action described in a sentence of some length")],
                [TextRun(text: "Owner")],
            ]
        }
        let table = TableContent(
            alignments: [.right, .none, .none],
            header: [[TextRun(text: "#")], [TextRun(text: "Action")], [TextRun(text: "Owner")]], rows: rows)
        let layout = SlideLayout(design: .builtIn(TeamConfig()))
        let roomy = layout.tableGeometry(table, width: 10 * Box.inch, room: 20 * Box.inch)
        let tight = layout.tableGeometry(table, width: 10 * Box.inch, room: roomy.rows.reduce(0, +) - Box.inch / 2)
        XCTAssertEqual(roomy.size, 14)
        XCTAssertLessThan(tight.size, 14)
        XCTAssertGreaterThanOrEqual(tight.size, 11)
    }
}
