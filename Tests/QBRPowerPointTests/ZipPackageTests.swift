import Foundation
import XCTest
import ZIPFoundation

@testable import QBRPowerPoint

final class ZipPackageTests: XCTestCase {
    func testRoundTripWithFixedDatesAndOrder() throws {
        var package = ZipPackage()
        package.add("b/second.xml", xml: "<b/>")
        package.add("[Content_Types].xml", xml: "<Types/>")
        package.add("a/first.bin", Data([0, 1, 2, 255]))
        package.add("b/second.xml", xml: "<ignored/>")
        let date = Date(timeIntervalSince1970: 1_760_486_400)  // 2025-10-15
        let bytes = try package.archive(date: date)
        XCTAssertEqual(try package.archive(date: date), bytes)
        let archive = try Archive(data: bytes, accessMode: .read)
        let entries = Array(archive)
        XCTAssertEqual(entries.map(\.path), ["[Content_Types].xml", "b/second.xml", "a/first.bin"])
        for entry in entries {
            let modified = try XCTUnwrap(entry.fileAttributes[.modificationDate] as? Date)
            XCTAssertEqual(
                Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: modified).year,
                2025)
        }
        let parts = try ZipPackage.read(bytes)
        XCTAssertEqual(parts["a/first.bin"], Data([0, 1, 2, 255]))
        XCTAssertEqual(parts["b/second.xml"], Data("<b/>".utf8))
        XCTAssertThrowsError(try ZipPackage.read(Data("not a zip".utf8)))
    }

    func testRelationshipNamesAndTargets() {
        XCTAssertEqual(OOXML.relationshipsName(of: "ppt/slides/slide1.xml"), "ppt/slides/_rels/slide1.xml.rels")
        XCTAssertEqual(OOXML.relationshipsName(of: "[Content_Types].xml"), "_rels/[Content_Types].xml.rels")
        XCTAssertEqual(OOXML.resolve("../media/a.png", from: "ppt/slideMasters/slideMaster1.xml"), "ppt/media/a.png")
        XCTAssertEqual(OOXML.resolve("/ppt/theme/theme1.xml", from: "ppt/presentation.xml"), "ppt/theme/theme1.xml")
        XCTAssertNil(OOXML.resolve("../../../etc/passwd", from: "ppt/slides/slide1.xml"))
        let rels = OOXML.relationshipsPart([("rId1", OOXML.Rel.hyperlink, "https://x.test/?a=1&b=<2>", true)])
        XCTAssertTrue(rels.contains("Target=\"https://x.test/?a=1&amp;b=&lt;2&gt;\" TargetMode=\"External\""))
        XCTAssertTrue(isWellFormed(Data(rels.utf8)))
    }
}
