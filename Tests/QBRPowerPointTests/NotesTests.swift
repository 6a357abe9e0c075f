import Foundation
import QBRCore
import QBRRender
import XCTest

@testable import QBRPowerPoint

final class NotesTests: XCTestCase {
    func testNotesGoToTheSlidesNotesPage() throws {
        let deck = try parts(
            try PowerPointWriter(design: .builtIn(TeamConfig())).deck(
                try markdownDeck(
                    "## One\n\nShown.\n\n<!-- notes -->\n\nSay **this** first.\n\n- and this\n\n---\n\n## Two\n\nNo notes.\n"
                )))
        let rels = try text(deck, "ppt/slides/_rels/slide1.xml.rels")
        XCTAssertTrue(rels.contains("Target=\"../notesSlides/notesSlide1.xml\""))
        let notes = try text(deck, "ppt/notesSlides/notesSlide1.xml")
        XCTAssertEqual(runTexts(notes), ["Say ", "this", " first.", "and this"])
        XCTAssertTrue(notes.contains("<p:ph type=\"body\" idx=\"1\"/>"))
        XCTAssertFalse(runTexts(try text(deck, "ppt/slides/slide1.xml")).contains { $0.contains("Say") })
        XCTAssertNil(deck["ppt/notesSlides/notesSlide2.xml"])
        XCTAssertTrue(
            try text(deck, "ppt/notesSlides/_rels/notesSlide1.xml.rels").contains("../notesMasters/notesMaster1.xml"))
        XCTAssertTrue(try text(deck, "ppt/presentation.xml").contains("<p:notesMasterIdLst>"))
    }

    /// The customer's written Markdown leaves the notes out (it is the file sent); the deck, like the HTML deck,
    /// keeps them on the notes pages for the presenter.
    func testCustomerDeckKeepsThePresentersNotes() throws {
        let source = try exampleDeck(edition: .customer)
        XCTAssertTrue(source.slides.contains { $0.notes != nil })
        let deck = try parts(try PowerPointWriter(design: .builtIn(TeamConfig())).deck(source))
        XCTAssertTrue(deck.keys.contains { $0.hasPrefix("ppt/notesSlides/notesSlide") })
    }

    func testExampleNotes() throws {
        let source = try exampleDeck()
        let deck = try parts(try PowerPointWriter(design: .builtIn(TeamConfig())).deck(source))
        let notes = deck.keys.filter { $0.hasPrefix("ppt/notesSlides/notesSlide") }
        XCTAssertEqual(notes.count, source.slides.filter { $0.notes != nil }.count)
        XCTAssertTrue(
            try notes.contains { try text(deck, $0).contains("Open with the outcome Priya Raman cares most about") })
    }
}
