import Foundation
import QBRCore
import QBRLoad
import QBRRender
import XCTest

@testable import QBRPowerPoint

final class TemplateTests: XCTestCase {
    let brand = examples.appendingPathComponent("team/brand.pptx").path
    let layouts = ["title": "Tidewater Title", "content": "Tidewater Content"]

    /// The layout part each slide's relationships point at.
    func layoutsUsed(_ deck: [String: Data]) throws -> [String] {
        try slideNames(deck).map { slide in
            let rels = try text(deck, OOXML.relationshipsName(of: slide))
            let tag = try XCTUnwrap(
                MarkupScan.tags("Relationship", in: rels[...]).first { $0["Type"] == OOXML.Rel.slideLayout })
            return try XCTUnwrap(OOXML.resolve(tag["Target"] ?? "", from: slide))
        }
    }

    func layoutName(_ xml: String) -> String? { MarkupScan.tags("p:cSld", in: xml[...]).first?["name"] }

    func testEverySlideUsesALayoutOfTheTeamsFile() throws {
        let design = try PowerPointTemplate.load(path: brand, layouts: layouts)
        let deck = try parts(try PowerPointWriter(design: design).deck(try exampleDeck()))
        let template = try ZipPackage.read(try Data(contentsOf: URL(fileURLWithPath: brand)))
        let used = try layoutsUsed(deck)
        XCTAssertEqual(used.count, slideNames(deck).count)
        for part in Set(used) {
            // The layout is the template's own part, copied byte for byte, with one of the names asked for.
            XCTAssertEqual(deck[part], template[part], part)
            XCTAssertTrue(
                ["Tidewater Title", "Tidewater Content"].contains(layoutName(try text(deck, part)) ?? ""), part)
        }
        XCTAssertEqual(layoutName(try text(deck, used[0])), "Tidewater Title")
        XCTAssertEqual(layoutName(try text(deck, used[1])), "Tidewater Content")
        // Its master, theme, logo and footer come along.
        XCTAssertEqual(deck["ppt/slideMasters/slideMaster1.xml"], template["ppt/slideMasters/slideMaster1.xml"])
        XCTAssertTrue(try text(deck, "ppt/theme/theme1.xml").contains("0B7A75"))
        XCTAssertTrue(
            try text(deck, "ppt/slideMasters/slideMaster1.xml").contains("Tidewater Software · Customer Success"))
        XCTAssertTrue(deck.keys.contains { $0.hasPrefix("ppt/media/") })
        // Its own slides do not.
        XCTAssertEqual(slideNames(deck).count, PowerPointWriter(design: design).placed(try exampleDeck()).count)
        for (name, data) in deck where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
            XCTAssertTrue(isWellFormed(data), name)
        }
        // The slide size is the template's.
        XCTAssertTrue(
            try text(deck, "ppt/presentation.xml").contains(
                "<p:sldSz cx=\"\(design.slideWidth)\" cy=\"\(design.slideHeight)\"/>"))
    }

    func testDefaultLayoutNamesAndConfig() throws {
        // Without names, a template whose layouts are not called "Title Slide" / "Title and Content" falls back on
        // the layouts of those types.
        let design = try PowerPointTemplate.load(path: brand)
        XCTAssertEqual(design.titleLayout.name, "Tidewater Title")
        XCTAssertEqual(design.contentLayout.name, "Tidewater Content")
        // qbr.yaml names the template and its layouts, relative to itself.
        let config = try TeamConfigLoader.load(path: examples.appendingPathComponent("team/qbr.yaml").path).config
        XCTAssertEqual(
            config.pptxTemplate.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
            URL(fileURLWithPath: brand).standardizedFileURL.path)
        XCTAssertEqual(config.pptxLayouts, layouts)
        XCTAssertEqual(try PowerPointWriter(config: config).design.contentLayout.name, "Tidewater Content")
        XCTAssertEqual(try PowerPointWriter(config: TeamConfig()).design.origin, "built-in")
    }

    func testBadTemplatesAreNamedWithWhatIsWrong() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-template-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func failure(_ path: String, layouts: [String: String] = [:]) -> PowerPointTemplateError? {
            do {
                _ = try PowerPointTemplate.load(path: path, layouts: layouts)
                return nil
            } catch { return error }
        }
        let missing = try XCTUnwrap(failure(folder.appendingPathComponent("nope.pptx").path))
        XCTAssertTrue(missing.isMissing)
        XCTAssertTrue(
            missing.description.contains("nope.pptx: error: PowerPoint template: no such file"), missing.description)

        let text = folder.appendingPathComponent("text.pptx")
        try Data("not a zip".utf8).write(to: text)
        let notZip = try XCTUnwrap(failure(text.path))
        XCTAssertFalse(notZip.isMissing)
        XCTAssertTrue(notZip.description.contains("text.pptx"))
        XCTAssertTrue(notZip.reason.contains("not a zip archive"), notZip.reason)

        var package = ZipPackage()
        package.add("word/document.xml", xml: "<w/>")
        let docx = folder.appendingPathComponent("letter.pptx")
        try package.archive(date: Date(timeIntervalSince1970: 0)).write(to: docx)
        XCTAssertTrue(try XCTUnwrap(failure(docx.path)).reason.contains("no ppt/presentation.xml"))

        let wrongName = try XCTUnwrap(failure(brand, layouts: ["content": "Two Columns Please"]))
        XCTAssertTrue(wrongName.reason.contains("no layout named \"Two Columns Please\""), wrongName.reason)
        XCTAssertTrue(wrongName.reason.contains("\"Tidewater Content\""), wrongName.reason)

        // A template whose master refers to a part it does not hold.
        var parts = try ZipPackage.read(try Data(contentsOf: URL(fileURLWithPath: brand)))
        parts["ppt/theme/theme1.xml"] = nil
        var broken = ZipPackage()
        for name in parts.keys.sorted() { broken.add(name, parts[name]!) }
        let damaged = folder.appendingPathComponent("damaged.pptx")
        try broken.archive(date: Date(timeIntervalSince1970: 0)).write(to: damaged)
        XCTAssertTrue(try XCTUnwrap(failure(damaged.path)).reason.contains("damaged"))
    }

    func testBuiltInMasterHasTheThemeLogoAndCompany() throws {
        let logo =
            "data:image/svg+xml;base64,"
            + Data("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 32\"/>".utf8).base64EncodedString()
        let config = TeamConfig(
            company: "Tidewater & Co", logoDataURI: logo, colors: ["accent": "#0b7a75", "text": "rgb(23, 32, 42)"],
            fonts: ["headings": "Georgia, serif", "body": "'Inter', system-ui"])
        let deck = try parts(try PowerPointWriter(design: .builtIn(config)).deck(try exampleDeck()))
        let theme = try text(deck, "ppt/theme/theme1.xml")
        XCTAssertTrue(theme.contains("<a:accent1><a:srgbClr val=\"0B7A75\"/></a:accent1>"))
        XCTAssertTrue(theme.contains("<a:dk1><a:srgbClr val=\"17202A\"/></a:dk1>"))
        XCTAssertTrue(theme.contains("<a:majorFont><a:latin typeface=\"Georgia\"/>"))
        XCTAssertTrue(theme.contains("<a:minorFont><a:latin typeface=\"Inter\"/>"))
        let master = try text(deck, "ppt/slideMasters/slideMaster1.xml")
        XCTAssertTrue(master.contains("<a:t>Tidewater &amp; Co</a:t>"))
        XCTAssertTrue(master.contains("<p:pic>"))
        XCTAssertNotNil(deck["ppt/media/logo.svg"])
        XCTAssertTrue(try text(deck, "[Content_Types].xml").contains("Extension=\"svg\""))
        XCTAssertTrue(try text(deck, "ppt/presentation.xml").contains("<p:sldSz cx=\"12192000\" cy=\"6858000\"/>"))
    }
}
