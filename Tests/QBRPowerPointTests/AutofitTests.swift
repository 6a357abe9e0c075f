import Foundation
import QBRCore
import QBRRender
import XCTest

@testable import QBRPowerPoint

final class AutofitTests: XCTestCase {
    func testShortTextKeepsItsSize() {
        let box = Box(x: 0, y: 0, width: 10 * Box.inch, height: 2 * Box.inch)
        let fit = Autofit.fit([TextParagraph(runs: [TextRun(text: "A short line")])], size: 18, box: box)
        XCTAssertEqual(fit.scale, 1)
        XCTAssertEqual(fit.reduction, 0)
        XCTAssertEqual(Autofit.element(scale: 1, reduction: 0), "<a:normAutofit/>")
    }

    func testOverflowingTextShrinksAndTheFileSaysHowMuch() {
        let paragraph = TextParagraph(runs: [TextRun(text: String(repeating: "many words in a row ", count: 40))])
        let box = Box(x: 0, y: 0, width: 6 * Box.inch, height: Box.inch)
        let fit = Autofit.fit([paragraph, paragraph], size: 18, box: box)
        XCTAssertLessThan(fit.scale, 1)
        XCTAssertGreaterThanOrEqual(fit.scale, Autofit.smallestScale)
        XCTAssertGreaterThan(fit.reduction, 0)
        XCTAssertEqual(
            Autofit.element(scale: 0.625, reduction: 0.2),
            "<a:normAutofit fontScale=\"62500\" lnSpcReduction=\"20000\"/>")
        // Fits at the scale chosen, unless at the floor.
        if fit.scale > Autofit.smallestScale {
            XCTAssertLessThanOrEqual(
                Autofit.height(
                    [paragraph, paragraph], size: 18, width: box.width, scale: fit.scale, reduction: fit.reduction),
                box.height)
        }
    }

    func testMoreTextNeverGetsALargerScale() {
        let box = Box(x: 0, y: 0, width: 8 * Box.inch, height: 3 * Box.inch)
        var last = 1.0
        for count in stride(from: 1, through: 60, by: 5) {
            let paragraphs = (0..<count).map {
                TextParagraph(runs: [TextRun(text: "Item \($0) of a longer list of things")], kind: .bullet)
            }
            let scale = Autofit.fit(paragraphs, size: 18, box: box).scale
            XCTAssertLessThanOrEqual(scale, last)
            last = scale
        }
    }

    func testWideCharactersCountAsWide() {
        XCTAssertGreaterThan(Autofit.ems("漢字漢字"), Autofit.ems("abcd"))
        XCTAssertEqual(Autofit.lines("", size: 18, width: Box.inch), 1)
    }

    func testACrowdedSlideCarriesTheScaleInItsXML() throws {
        let items = (1...30).map { "- Point number \($0), said at some length so that it takes a line of its own" }
        let deck = try parts(
            try PowerPointWriter(design: .builtIn(TeamConfig())).deck(
                try markdownDeck("## Crowded\n\n" + items.joined(separator: "\n"))))
        let slide = try text(deck, "ppt/slides/slide1.xml")
        XCTAssertTrue(slide.contains("<a:normAutofit fontScale=\""), slide)
        XCTAssertTrue(slide.contains("lnSpcReduction=\""))
    }
}
