import Foundation
import QBRCore
import QBRTemplate
import Testing

@testable import QBRRender

/// The overview a VP reads in two minutes: by segment and by CSM, band moves since last month, long names cut
/// in tables only.
@Suite struct OverviewBreakdownTests {
    static let longName = "Northwind Traders International Holdings and Logistics Subsidiaries Group"

    func overview() throws -> PortfolioOverview {
        var overview = PortfolioOverview(asOf: exampleAsOf)
        let accounts = [
            // Enterprise, Dana: 100,000 → 112,000 (NRR 112.0%, GRR 92.0%), green.
            """
            account: {id: E1, name: Alpha, segment: enterprise, csm: Dana, contract: {arr: 112000}}
            revenue: {starting_arr: 100000, expansion: 20000, contraction: 3000, churn: 5000}
            health: {score: 80}
            """,
            // Enterprise, Sam: 50,000 → 40,000 (NRR 80.0%, GRR 80.0%), red.
            """
            account: {id: E2, name: "\(Self.longName)", segment: enterprise, csm: Sam, contract: {arr: 40000}}
            revenue: {starting_arr: 50000, churn: 10000}
            health: {score: 30}
            """,
            // SMB, Dana: 10,000 flat, yellow.
            """
            account: {id: S1, name: beta, segment: smb, csm: Dana, contract: {arr: 10000}}
            revenue: {starting_arr: 10000}
            health: {score: 60}
            """,
        ]
        for yaml in accounts {
            let account = try loadAccount(yaml)
            overview.add(account, triggered: [], folder: account.profile.id, documents: [])
        }
        return overview
    }

    func table(_ markdown: String, after heading: String) -> [[String]] {
        guard let range = markdown.range(of: heading) else { return [] }
        return markdown[range.upperBound...].split(separator: "\n").prefix { $0.hasPrefix("|") }
            .dropFirst(2).map { line in
                line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            }
    }

    @Test func segmentsAndCSMsHaveTheirOwnRetentionFiguredByHand() throws {
        let markdown = try renderer().markdown(
            context: try overview().context(failed: []), template: "portfolio")
        // Enterprise: starting 150,000, ending 152,000 → NRR 101.3%; GRR (150,000 − 3,000 − 15,000) ÷ 150,000 = 88.0%.
        #expect(
            table(markdown, after: "## By segment") == [
                ["enterprise", "2", "$152,000", "101.3%", "88.0%", "1"], ["smb", "1", "$10,000", "100.0%", "100.0%", "0"],
            ])
        let csms = table(markdown, after: "## By CSM")
        // Dana: 110,000 → 122,000 → NRR 110.9%, GRR (110,000 − 8,000) ÷ 110,000 = 92.7%.
        #expect(csms.first == ["Dana", "2", "$122,000", "110.9%", "92.7%", "0"], "\(csms)")
        #expect(csms.last?.first == "Sam")
    }

    @Test func longNamesAreCutInTablesOnly() throws {
        let markdown = try renderer().markdown(context: try overview().context(failed: []), template: "portfolio")
        #expect(!markdown.contains(Self.longName))
        #expect(markdown.contains(PortfolioOverview.cut(Self.longName)))
        #expect(PortfolioOverview.cut(Self.longName).hasSuffix("…"))
        #expect(PortfolioOverview.cut("Alpha") == "Alpha")
    }

    @Test func bandMovesSinceLastMonthAreListed() throws {
        let comparison = PortfolioOverview.MonthComparison(
            since: "2026-09", moves: [(id: "E2", name: "Gamma", from: "🟢 Green", to: "🔴 Red")],
            missing: [(id: "X9", name: "Gone Ltd")])
        let markdown = try renderer().markdown(
            context: try overview().context(failed: [], comparison: comparison), template: "portfolio")
        #expect(markdown.contains("## Since 2026-09"))
        #expect(markdown.contains("| Gamma | 🟢 Green | 🔴 Red |"))
        #expect(markdown.contains("Gone Ltd"))
    }

    /// The ASCII shortcut of the sort key folds exactly as Foundation does, and other text still goes through
    /// Foundation ("Émile" beside "emile", full-width letters beside ASCII).
    @Test func sortKeyFoldsASCIIAsFoundationDoes() {
        let folding: (String) -> String = {
            $0.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        }
        for name in ["Acme", "AT&T", "zeta GmbH", "A|B *C* #1", "", "MiXeD 123 _-~", "[Z] {y} `x`"] {
            #expect(PortfolioOverview.sortKey(name) == folding(name), "\(name)")
        }
        #expect(PortfolioOverview.sortKey("Émile") == "emile")
        #expect(PortfolioOverview.sortKey("ＡＢＣ") == "abc")
        #expect(["Zed", "émile", "Acme", "AT&T", "beta"].sorted { PortfolioOverview.sortKey($0) < PortfolioOverview.sortKey($1) }
            == ["Acme", "AT&T", "beta", "émile", "Zed"])
    }
}
