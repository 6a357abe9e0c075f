import Foundation
import QBRCore
import QBRLoad
import QBRRender
import XCTest

@testable import QBRPowerPoint

final class ChartPartTests: XCTestCase {
    /// The numbers cached in a chart part, series by series (`c:ser` → its `c:numCache` points, nil for a gap).
    func series(_ xml: String) -> [String: [Decimal?]] {
        var result: [String: [Decimal?]] = [:]
        for ser in MarkupScan.elements("c:ser", in: xml) {
            let name = runTexts(String(ser).replacingOccurrences(of: "c:v>", with: "a:t>")).first ?? ""
            guard let cache = MarkupScan.elements("c:numCache", in: String(ser)).first else { continue }
            let count = Int(MarkupScan.tags("c:ptCount", in: cache).first?["val"] ?? "0") ?? 0
            var values = [Decimal?](repeating: nil, count: count)
            for point in MarkupScan.elements("c:pt", in: String(cache)) {
                let index = Int(MarkupScan.tags("c:pt", in: point).first?["idx"] ?? "") ?? 0
                let value = runTexts(String(point).replacingOccurrences(of: "c:v>", with: "a:t>")).first ?? ""
                values[index] = Decimal(string: value)
            }
            result[name] = values
        }
        return result
    }

    func chartParts(_ deck: [String: Data]) throws -> [String: String] {
        var charts: [String: String] = [:]
        for name in deck.keys where name.hasPrefix("ppt/charts/chart") && name.hasSuffix(".xml") {
            let xml = try text(deck, name)
            charts[runTexts(xml).first ?? ""] = xml
        }
        return charts
    }

    func testSeriesHoldTheAccountsFigures() throws {
        let account = try AccountLoader.load(path: examples.appendingPathComponent("northwind.yaml").path).account
        let deck = try parts(try PowerPointWriter(design: .builtIn(TeamConfig())).deck(try exampleDeck()))
        let charts = try chartParts(deck)
        XCTAssertEqual(
            Set(charts.keys),
            [
                "Outcomes: committed vs achieved", "Value realized by category", "Monthly active users",
                "Health score trend", "ARR waterfall",
            ])

        let users = series(try XCTUnwrap(charts["Monthly active users"]))["Monthly active users"]
        XCTAssertEqual(users, account.usage?.monthlyActiveUsers.map { Decimal($0) })

        let value = series(try XCTUnwrap(charts["Value realized by category"]))
        XCTAssertEqual(value["Confirmed"], [165_000, nil])
        XCTAssertEqual(value["Estimated"], [nil, 60_000])

        let waterfall = series(try XCTUnwrap(charts["ARR waterfall"]))
        let revenue = try XCTUnwrap(account.revenue)
        XCTAssertEqual(
            waterfall["ARR"],
            [
                revenue.startingARR, nil, nil, nil,
                revenue.startingARR + revenue.expansion - revenue.contraction - revenue.churn,
            ])
        XCTAssertEqual(waterfall["Expansion"]?[1], revenue.expansion)
        XCTAssertEqual(waterfall["Losses"]?[2], revenue.contraction)
        XCTAssertEqual(waterfall["Base"]?[1], revenue.startingARR)

        let health = series(try XCTUnwrap(charts["Health score trend"]))["Health score"]
        XCTAssertEqual(health, (account.health?.history ?? []).map { Optional($0) } + [82])

        let outcomes = series(try XCTUnwrap(charts["Outcomes: committed vs achieved"]))
        let metrics = AccountMetrics(account, asOf: exampleAsOf)
        XCTAssertEqual(
            outcomes["Attainment (% of target)"], metrics.outcomes.map { $0.attainment.map { ($0 * 100).rounded(1) } })
        XCTAssertEqual(outcomes["Target"], [100, 100, 100])
        // Status in words beside each outcome, as in the HTML.
        XCTAssertTrue(
            try XCTUnwrap(charts["Outcomes: committed vs achieved"]).contains("Automate freight audit: At risk"))
    }

    func testChartsAreNativeWithAnEmbeddedWorkbook() throws {
        let deck = try parts(try PowerPointWriter(design: .builtIn(TeamConfig())).deck(try exampleDeck()))
        let slides = try slideNames(deck).map { try text(deck, $0) }
        XCTAssertTrue(
            slides.contains {
                $0.contains("<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">")
            })
        XCTAssertFalse(
            deck.keys.contains { $0.hasPrefix("ppt/media/") && $0.hasSuffix(".png") }, "no pictures of charts")
        let rels = try text(deck, "ppt/charts/_rels/chart1.xml.rels")
        XCTAssertTrue(rels.contains("relationships/package\" Target=\"../embeddings/Microsoft_Excel_Worksheet1.xlsx\""))
        XCTAssertTrue(try text(deck, "ppt/charts/chart1.xml").contains("<c:externalData r:id=\"rId1\">"))
        // The workbook holds the same figures as the chart's cache.
        let workbook = try ZipPackage.read(try XCTUnwrap(deck["ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx"]))
        let sheet = try text(workbook, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(isWellFormed(Data(sheet.utf8)))
        let chart = try text(deck, "ppt/charts/chart1.xml")
        for (_, values) in series(chart) {
            for value in values.compactMap({ $0 }) { XCTAssertTrue(sheet.contains("<v>\(value)</v>"), "\(value)") }
        }
        for name in [
            "[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels", "xl/styles.xml",
        ] {
            XCTAssertTrue(isWellFormed(try XCTUnwrap(workbook[name])), name)
        }
    }

    func testChartColoursComeFromTheTheme() throws {
        let deck = try parts(
            try PowerPointWriter(design: .builtIn(TeamConfig(colors: ["accent": "#0b7a75"]))).deck(try exampleDeck()))
        XCTAssertTrue(
            try text(deck, "ppt/theme/theme1.xml").contains("<a:accent1><a:srgbClr val=\"0B7A75\"/></a:accent1>"))
        let charts = try chartParts(deck)
        XCTAssertTrue(try XCTUnwrap(charts["Monthly active users"]).contains("<a:schemeClr val=\"accent1\"/>"))
    }

    func testWorkbookColumns() {
        XCTAssertEqual(Workbook.column(0), "A")
        XCTAssertEqual(Workbook.column(25), "Z")
        XCTAssertEqual(Workbook.column(26), "AA")
    }
}
