import Foundation
import QBRCore
import QBRRender
import XCTest

@testable import QBRPowerPoint

final class PowerPointWriterTests: XCTestCase {
    func testTwoRendersAreByteIdentical() throws {
        let writer = PowerPointWriter(design: .builtIn(TeamConfig()))
        let first = try writer.deck(try exampleDeck())
        let second = try writer.deck(try exampleDeck())
        XCTAssertEqual(first, second)
        XCTAssertGreaterThan(first.count, 10_000)
        // Another date: other timestamps, other bytes.
        var later = try exampleDeck()
        later = DeckSource(
            slides: later.slides, charts: later.charts, title: later.title, asOf: exampleAsOf.adding(days: 1))
        XCTAssertNotEqual(try writer.deck(later), first)
    }

    func testEntriesInAFixedOrderContentTypesFirst() throws {
        let bytes = try PowerPointWriter(design: .builtIn(TeamConfig())).deck(try exampleDeck())
        // The first local file header names [Content_Types].xml.
        let name = String(decoding: bytes[30..<(30 + 19)], as: UTF8.self)
        XCTAssertEqual(name, "[Content_Types].xml")
    }

    func testOneSlidePerHTMLSlideWithItsHeading() throws {
        let source = try exampleDeck()
        let deck = try parts(try PowerPointWriter(design: .builtIn(TeamConfig())).deck(source))
        let slides = slideNames(deck)
        let titles = try slides.map { try XCTUnwrap(title(try text(deck, $0))) }
        XCTAssertEqual(titles.filter { !$0.hasSuffix("(continued)") }.count, source.slides.count)
        XCTAssertEqual(titles.first, "Northwind Traders")
        XCTAssertTrue(titles.contains("Outcomes: committed vs achieved"))
        XCTAssertTrue(titles.contains("Revenue & renewal (internal)"))
        // Every part listed in [Content_Types].xml, every XML part well-formed.
        let types = try text(deck, "[Content_Types].xml")
        for name in slides { XCTAssertTrue(types.contains("PartName=\"/\(name)\""), name) }
        for (name, data) in deck where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
            XCTAssertTrue(isWellFormed(data), name)
        }
    }

    func testCustomerEditionHasNoWaterfall() throws {
        let customer = try parts(
            try PowerPointWriter(design: .builtIn(TeamConfig())).deck(try exampleDeck(edition: .customer)))
        let charts = customer.keys.filter { $0.hasPrefix("ppt/charts/chart") && $0.hasSuffix(".xml") }
        XCTAssertFalse(try charts.contains { try text(customer, $0).contains("ARR waterfall") })
        XCTAssertTrue(try charts.contains { try text(customer, $0).contains("Monthly active users") })
    }

    func testEveryPartAndRelationshipTargetExists() throws {
        let deck = try parts(try PowerPointWriter(design: .builtIn(TeamConfig())).deck(try exampleDeck()))
        for (name, data) in deck where name.hasSuffix(".rels") {
            let xml = String(decoding: data, as: UTF8.self)
            let source = name.replacingOccurrences(of: "_rels/", with: "").replacingOccurrences(of: ".rels", with: "")
            for tag in MarkupScan.tags("Relationship", in: xml[...]) where tag["TargetMode"] != "External" {
                let target = try XCTUnwrap(OOXML.resolve(tag["Target"] ?? "", from: source))
                XCTAssertNotNil(deck[target], "\(name) → \(target)")
            }
        }
    }
}
