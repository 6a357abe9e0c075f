import Foundation
import QBRCore
import QBRLoad
import QBRRender
import XCTest

@testable import QBRPowerPoint

final class XMLTextTests: XCTestCase {
    func testEscapesMarkupAndDropsWhatXMLForbids() {
        XCTAssertEqual(XMLText.escape("a & b < c > d \" e ' f"), "a &amp; b &lt; c &gt; d &quot; e &apos; f")
        XCTAssertEqual(
            XMLText.escape("bell\u{07}null\u{00}esc\u{1B}del\u{7F}c1\u{85}\u{FFFE}\u{FFFF}"), "bellnullescdelc1")
        XCTAssertEqual(XMLText.escape("tab\tline\n"), "tab\tline\n")
        XCTAssertEqual(XMLText.run("two\nlines\r\tx"), "two lines  x")
        XCTAssertEqual(XMLText.escape("]]><![CDATA[ é 🟢 עברית"), "]]&gt;&lt;![CDATA[ é 🟢 עברית")
    }

    /// The hostile account of Tests/Hostile, in every deck and edition: every XML part parses, the text comes back
    /// as the account wrote it, and no `javascript:` link becomes a hyperlink.
    func testHostileAccountGivesWellFormedParts() throws {
        let path = repository.appendingPathComponent("Tests/Hostile/hostile-injection.yaml").path
        let account = try AccountLoader.load(path: path).account
        for template in [DocumentKind.qbr, .ebr] {
            for edition in [Edition.customer, .internal] {
                var job = AccountJob(account: account, asOf: exampleAsOf, renderer: try renderer(), formats: [.pptx])
                let deck = try XCTUnwrap(try job.review(template, edition: edition).first { $0.format == .pptx }?.deck)
                let files = try parts(try PowerPointWriter(design: .builtIn(TeamConfig())).deck(deck))
                for (name, data) in files where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
                    XCTAssertTrue(isWellFormed(data), "\(template) \(edition): \(name) is not well-formed")
                    XCTAssertFalse(
                        String(decoding: data, as: UTF8.self).contains("Target=\"javascript:"),
                        "\(name) links to javascript:")
                }
                let first = try text(files, "ppt/slides/slide1.xml")
                XCTAssertEqual(title(first), account.profile.name)
            }
        }
    }

    func testControlCharactersInMarkdownNeverReachAPart() throws {
        let markdown = "## Title \u{01}x\n\nBody \u{0B} text & <b>not html</b> \u{FFFE}\n"
        let deck = try parts(try PowerPointWriter(design: .builtIn(TeamConfig())).deck(try markdownDeck(markdown)))
        let slide = try XCTUnwrap(deck["ppt/slides/slide1.xml"])
        XCTAssertTrue(isWellFormed(slide))
        let texts = runTexts(String(decoding: slide, as: UTF8.self)).joined()
        XCTAssertTrue(texts.contains("text & not html"), texts)
        XCTAssertFalse(texts.contains("\u{0B}"))
    }
}
