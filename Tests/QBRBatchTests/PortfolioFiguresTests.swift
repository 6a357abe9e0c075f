import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRRender
import Testing

@testable import QBRBatch

/// Issue 12: portfolio figures a VP can sign — failed runs that damage nothing, an index that merges honestly,
/// money in more than one currency.
@Suite struct FailedRunTests {
    let base = BatchRunTests()
    static let october = Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0)
    static let november = Day(year: 2026, month: 11, day: 15) ?? Day(dayNumber: 0)

    func run(_ source: URL, out: URL, asOf: Day) throws -> BatchRun.Report {
        try BatchRun(
            renderer: try base.renderer(), options: .init(out: out.path, asOf: asOf, jobs: 2, formats: [.markdown])
        ).run(source: source.path)
    }

    static let header = "account.id,account.name,account.tier,account.contract.arr,revenue.starting_arr,health.score\n"

    @Test func aRunInWhichNothingLoadsLeavesLastMonthAsItWas() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.csv")
        try (Self.header + "A,Alpha,3,100000,100000,70\nB,Beta,3,50000,50000,30\n").write(to: good, atomically: true, encoding: .utf8)
        let top = dir.appendingPathComponent("out")
        _ = try run(good, out: top, asOf: Self.october)
        let out = top.appendingPathComponent("2026-10")
        let index = try Data(contentsOf: out.appendingPathComponent("index.md"))
        let manifest = try Data(contentsOf: out.appendingPathComponent("manifest.json"))
        let pointer = try Data(contentsOf: top.appendingPathComponent("index.md"))
        // Headers that match no column: every row fails. Nothing is replaced, and the run says why.
        let bad = dir.appendingPathComponent("bad.csv")
        try "Customer,Revenue\nAcme,100\nGlobex,200\n".write(to: bad, atomically: true, encoding: .utf8)
        let error = try #require(throws: BatchRun.NothingRendered.self) { try run(bad, out: top, asOf: Self.november) }
        #expect(!error.isEmpty && error.failures.count == 2)
        #expect(error.description.contains("none of its 2 records could be rendered"))
        #expect(try Data(contentsOf: out.appendingPathComponent("index.md")) == index)
        #expect(try Data(contentsOf: out.appendingPathComponent("manifest.json")) == manifest)
        // No November folder is left behind, and the top still points at October.
        #expect(!FileManager.default.fileExists(atPath: top.appendingPathComponent("2026-11").path))
        #expect(try Data(contentsOf: top.appendingPathComponent("index.md")) == pointer)
        let history = try HistoryStore(path: top.appendingPathComponent("history.sqlite").path)
        #expect(try history.count(month: "2026-11") == 0)
        #expect(try history.previousPortfolio(before: "2026-12")?.month == "2026-10")
        // An empty source: exit 66's error, nothing written either (a CSV of only a header is refused by the reader).
        let header = dir.appendingPathComponent("empty.csv")
        try Self.header.write(to: header, atomically: true, encoding: .utf8)
        #expect(try #require(throws: BatchRun.NothingRendered.self) { try run(header, out: top, asOf: Self.november) }.isEmpty)
        let empty = dir.appendingPathComponent("empty.yaml")
        try "[]\n".write(to: empty, atomically: true, encoding: .utf8)
        let nothing = try #require(throws: BatchRun.NothingRendered.self) { try run(empty, out: top, asOf: Self.november) }
        #expect(nothing.isEmpty)
        #expect(try Data(contentsOf: out.appendingPathComponent("index.md")) == index)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".qbr-run").path))
        #expect(!FileManager.default.fileExists(atPath: top.appendingPathComponent("2026-11").path))
    }

    @Test func aFailingAccountKeepsItsDocumentsAndIsNamedOutOfTheTotals() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.csv")
        // A is red and $300K: at-risk ARR is A's.
        let rows = "A,Alpha,3,300000,300000,30\nB,Beta,3,50000,50000,80\n"
        try (Self.header + rows).write(to: source, atomically: true, encoding: .utf8)
        let top = dir.appendingPathComponent("out")
        _ = try run(source, out: top, asOf: Self.october)
        let summary = top.appendingPathComponent("2026-10/accounts/A/summary.md")
        let before = try Data(contentsOf: summary)
        #expect(try String(contentsOf: top.appendingPathComponent("2026-10/index.md"), encoding: .utf8).contains("| $300,000 |"))

        // November: A's row fails validation. Its documents stay, it is named, its ARR is in no total.
        try (Self.header + rows.replacingOccurrences(of: "A,Alpha,3,300000", with: "A,Alpha,3,lots"))
            .write(to: source, atomically: true, encoding: .utf8)
        let report = try run(source, out: top, asOf: Self.november)
        let out = top.appendingPathComponent("2026-11")
        #expect(report.accounts == 1 && report.failures.count == 1)
        let failure = try #require(report.failures.first)
        #expect(failure.id == "A" && failure.name == "Alpha" && failure.location == "\(source.path) row 2")
        #expect(failure.diagnostics.first?.description.hasPrefix("\(source.path) row 2: error: account.contract.arr:") == true)
        #expect(failure.diagnostics.first?.description.hasSuffix("[account A, Alpha]") == true)
        #expect(try Data(contentsOf: summary) == before)
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(index.contains("1 accounts as of 15 Nov 2026 · **1 could not be rendered** (listed below)"))
        #expect(index.contains("## Could not be rendered"))
        #expect(index.contains("| A | Alpha | \(source.path) row 2 | account.contract.arr: expected a number"))
        #expect(index.contains("| $300,000 (not in totals) |"))
        // At-risk ARR no longer holds A, and says so rather than silently.
        #expect(index.contains("| 100.0% | 100.0% | $0 | $0 |"))
        let history = try HistoryStore(path: top.appendingPathComponent("history.sqlite").path)
        #expect(try history.count(month: "2026-11") == 1)
        #expect(try history.previous(before: "2026-12", ids: ["A"])["A"]?.month == "2026-10")
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        let failed = try #require((root["failures"] as? [[String: Any]])?.first)
        #expect(failed["id"] as? String == "A" && failed["name"] as? String == "Alpha")
        let renderedBefore = try #require(failed["rendered_before"] as? [String: Any])
        #expect(renderedBefore["id"] as? String == "A")
        // Its last good documents are October's, where they stay: the paths lead there from November's folder.
        let paths = (renderedBefore["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(!paths.isEmpty && paths.allSatisfy { $0.hasPrefix("../2026-10/accounts/A/") })
        #expect(paths.allSatisfy { FileManager.default.fileExists(atPath: out.appendingPathComponent($0).path) })
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("accounts/A").path))

        // December: A is fixed, and keeps its folder; the month before it failed in is what it compares with.
        try (Self.header + rows).write(to: source, atomically: true, encoding: .utf8)
        let fixed = try run(source, out: top, asOf: Day(year: 2026, month: 12, day: 15) ?? Self.november)
        #expect(fixed.accounts == 2 && fixed.failures.isEmpty)
        #expect(FileManager.default.fileExists(atPath: top.appendingPathComponent("2026-12/accounts/A/summary.md").path))
        #expect(!FileManager.default.fileExists(atPath: top.appendingPathComponent("2026-12/accounts/A-2").path))
        #expect(try Data(contentsOf: summary) == before)
    }

    @Test func aFailedAccountsRowOfAnEarlierRunOfTheSameMonthIsRemoved() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.csv")
        let rows = "A,Alpha,3,300000,300000,30\nB,Beta,3,50000,50000,80\n"
        try (Self.header + rows).write(to: source, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        _ = try run(source, out: out, asOf: Self.october)
        try (Self.header + rows.replacingOccurrences(of: "300000,300000", with: "300000,x"))
            .write(to: source, atomically: true, encoding: .utf8)
        _ = try run(source, out: out, asOf: Self.october)
        let history = try HistoryStore(path: out.appendingPathComponent("history.sqlite").path)
        #expect(try history.count(month: "2026-10") == 1)
    }
}

@Suite struct HonestIndexTests {
    let base = BatchRunTests()

    func run(_ source: URL, out: URL, asOf: Day, shard: (Int, Int)? = nil, config: TeamConfig = TeamConfig()) throws {
        _ = try BatchRun(
            renderer: DocumentRenderer(templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn(), config: config),
            options: .init(out: out.path, asOf: asOf, jobs: 2, shard: shard, formats: [.markdown])
        ).run(source: source.path)
    }

    func sample(_ count: Int, asOf: Day, in dir: URL, name: String) throws -> URL {
        var text = ""
        SamplePortfolio(count: count, seed: 21, asOf: asOf).write(.json) { text += $0 }
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func theSameAccountInTwoRunsOrTheSameRunTwiceIsRefused() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try sample(30, asOf: BatchRunTests.asOf, in: dir, name: "p.json")
        let full = dir.appendingPathComponent("full")
        let shard = dir.appendingPathComponent("s1")
        try run(source, out: full, asOf: BatchRunTests.asOf)
        try run(source, out: shard, asOf: BatchRunTests.asOf, shard: (1, 3))
        let renderer = try base.renderer()
        let out = dir.appendingPathComponent("merged").path
        let twice = try #require(throws: PortfolioIndex.IndexError.self) {
            try PortfolioIndex.build(folders: [full.path, shard.path], out: out, renderer: renderer, formats: [.markdown])
        }
        // Each folder stands for its latest month's run, and is named so.
        #expect(twice.message.contains("is in two runs: \(full.path)/2026-10 and \(shard.path)/2026-10"))
        #expect(twice.message.hasPrefix("account ACC-"))
        let same = try #require(throws: PortfolioIndex.IndexError.self) {
            try PortfolioIndex.build(folders: [shard.path, shard.path + "/"], out: out, renderer: renderer, formats: [.markdown])
        }
        #expect(same.message.contains("the same run is given twice"))
        // A copy of a run's folder is the same run too.
        let copy = dir.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: shard.appendingPathComponent("2026-10/manifest.json"), to: copy.appendingPathComponent("manifest.json"))
        #expect(throws: PortfolioIndex.IndexError.self) {
            try PortfolioIndex.build(folders: [shard.path, copy.path], out: out, renderer: renderer, formats: [.markdown])
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/index.md"))
        #expect(!FileManager.default.fileExists(atPath: out + "/2026-10/index.md"))
        #expect(!FileManager.default.fileExists(atPath: out + "/2026-10/manifest.json"))
    }

    @Test func threeShardsReproduceTheUnshardedOverviewSinceLastMonthIncluded() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let september = Day(year: 2026, month: 9, day: 15) ?? BatchRunTests.asOf
        // Mixed currencies with rates, and accounts gone in October: every part of the overview is exercised.
        let rates = CurrencyRates(reporting: "USD", rates: ["EUR": 1.08, "GBP": 1.27])
        var config = TeamConfig()
        config.currencies = rates
        func mixed(_ url: URL) throws {
            var text = try String(contentsOf: url, encoding: .utf8)
            var index = 0
            while let range = text.range(of: "\"currency\":\"USD\"") {
                text.replaceSubrange(range, with: "\"currency\":\"\(["usd", "EUR", "GBP"][index % 3])\"")
                index += 1
            }
            try text.replacingOccurrences(of: "\"currency\":\"usd\"", with: "\"currency\":\"USD\"")
                .write(to: url, atomically: true, encoding: .utf8)
        }
        let before = try sample(48, asOf: september, in: dir, name: "sep.json")
        let now = try sample(45, asOf: BatchRunTests.asOf, in: dir, name: "oct.json")
        try mixed(before)
        try mixed(now)
        let full = dir.appendingPathComponent("full")
        try run(before, out: full, asOf: september, config: config)
        try run(now, out: full, asOf: BatchRunTests.asOf, config: config)
        for k in 1...3 {
            let shard = dir.appendingPathComponent("shards/s\(k)")
            try run(before, out: shard, asOf: september, shard: (k, 3), config: config)
            try run(now, out: shard, asOf: BatchRunTests.asOf, shard: (k, 3), config: config)
        }
        let merged = dir.appendingPathComponent("merged")
        // Each shard folder holds September and October: the latest, October, is merged, into merged/2026-10/.
        let merge = try PortfolioIndex.build(
            folders: (1...3).map { dir.appendingPathComponent("shards/s\($0)").path }, out: merged.path,
            renderer: DocumentRenderer(templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn(), config: config),
            formats: [.markdown])
        #expect(merge.accounts == 45)
        let unsharded = try String(contentsOf: full.appendingPathComponent("2026-10/index.md"), encoding: .utf8)
        let index = try String(contentsOf: merged.appendingPathComponent("2026-10/index.md"), encoding: .utf8)
        // Links are relative to the merged month's folder: ../../shards/sK/2026-10/accounts/…
        #expect(index.contains("](../../shards/s1/2026-10/accounts/") && !index.contains("](/"))
        var relinked = index
        for k in 1...3 { relinked = relinked.replacingOccurrences(of: "](../../shards/s\(k)/2026-10/accounts/", with: "](accounts/") }
        #expect(relinked == unsharded)
        #expect(unsharded.contains("Since 2026-09: NRR"))
        #expect(unsharded.contains("Accounts on record in 2026-09 and missing from this month's source"))
        #expect(unsharded.contains("All amounts are in USD") && unsharded.contains("1 EUR = 1.08 USD · 1 GBP = 1.27 USD"))
        // The merged manifest: every account once, paths relative to --out.
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: merged.appendingPathComponent("2026-10/manifest.json"))) as? [String: Any])
        let accounts = try #require(root["accounts"] as? [[String: Any]])
        #expect(Set(accounts.compactMap { $0["id"] as? String }).count == 45)
        let paths = accounts.flatMap { ($0["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }
        #expect(!paths.isEmpty && paths.allSatisfy { $0.hasPrefix("../../shards/s") })
        #expect((root["merged_from"] as? [String]) == (1...3).map { "../../shards/s\($0)/2026-10" })

        // September, on request: its own folder beside October's; mixed months without it are refused.
        let earlier = try PortfolioIndex.build(
            folders: (1...3).map { dir.appendingPathComponent("shards/s\($0)").path }, out: merged.path,
            renderer: try base.renderer(), formats: [.markdown], month: "2026-09")
        #expect(earlier.accounts == 48 && earlier.folder == merged.appendingPathComponent("2026-09").path)
        #expect(try String(contentsOf: merged.appendingPathComponent("index.md"), encoding: .utf8)
            .contains("Latest month: **[October 2026](2026-10/index.md)**"))
        let mixed = try #require(throws: PortfolioIndex.IndexError.self) {
            try PortfolioIndex.build(
                folders: [dir.appendingPathComponent("shards/s1/2026-09").path, dir.appendingPathComponent("shards/s2").path],
                out: merged.path, renderer: try base.renderer(), formats: [.markdown])
        }
        #expect(mixed.message.contains("differs from") && mixed.message.contains("--month"))
    }
}

@Suite struct CurrencyTests {
    let base = BatchRunTests()

    /// `count` accounts cycling through USD, EUR and GBP, a third of them red.
    static func portfolio(_ count: Int) -> String {
        var text = ""
        for index in 0..<count {
            let currency = ["USD", "EUR", "GBP"][index % 3]
            let arr = 10_000 + (index * 7_919) % 250_000
            text += """
                - account: {id: C\(index), name: Customer \(index), tier: 3, contract: {arr: \(arr), currency: \(currency)}}
                  revenue: {starting_arr: \(arr), expansion: \((index * 31) % 9_000), contraction: \((index * 17) % 3_000), churn: \(index % 7 == 0 ? arr / 10 : 0)}
                  health: {score: \(index % 3 == 0 ? 35 : 75)}

                """
        }
        return text
    }

    func run(_ yaml: String, in dir: URL, currencies: CurrencyRates?) throws -> URL {
        let source = dir.appendingPathComponent("p.yaml")
        try yaml.write(to: source, atomically: true, encoding: .utf8)
        var config = TeamConfig()
        config.currencies = currencies
        let out = dir.appendingPathComponent("out-\(UUID().uuidString)")
        _ = try BatchRun(
            renderer: DocumentRenderer(templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn(), config: config),
            options: .init(out: out.path, asOf: BatchRunTests.asOf, jobs: 2, formats: [.markdown])
        ).run(source: source.path)
        return out.appendingPathComponent(BatchRunTests.month)
    }

    @Test func threeCurrenciesWithRatesGiveTheHandSumOverTheManifest() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rates = CurrencyRates(reporting: "USD", rates: ["EUR": 1.08, "GBP": 1.27], asOf: Day(year: 2026, month: 10, day: 1))
        let out = try run(Self.portfolio(2_000), in: dir, currencies: rates)
        // The hand sum: every account of the manifest, its amounts × its currency's rate.
        let data = try Data(contentsOf: out.appendingPathComponent("manifest.json"))
        struct Line: Decodable { let overview: PortfolioOverview.Entry }
        var starting: Decimal = 0, ending: Decimal = 0, retained: Decimal = 0, atRisk: Decimal = 0
        var count = 0
        for raw in data.split(separator: 0x0A) where raw.starts(with: Array(#"{"files":["#.utf8)) {
            let line = raw.last == 0x2C ? raw.dropLast() : raw
            let entry = try JSONDecoder().decode(Line.self, from: Data(line)).overview
            let rate = try #require(rates.rate(entry.currency ?? "USD"))
            let revenue = try #require(entry.revenue)
            starting += revenue.startingARR * rate
            ending += (revenue.startingARR + revenue.expansion - revenue.contraction - revenue.churn) * rate
            retained += (revenue.startingARR - revenue.contraction - revenue.churn) * rate
            if entry.atRisk { atRisk += entry.arr * rate }
            count += 1
        }
        #expect(count == 2_000)
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        let nrr = Format.percent(ending / starting, scale: 1)
        let grr = Format.percent(retained / starting, scale: 1)
        #expect(index.contains("| \(nrr) | \(grr) | \(Format.money(atRisk, currency: "USD")) |"))
        #expect(index.contains("| \(Format.money(starting, currency: "USD")) |"))
        #expect(index.contains("| \(Format.money(ending, currency: "USD")) |"))
        #expect(index.contains("All amounts are in USD, converted at the rates at the end of this page."))
        #expect(index.contains("Rates as of 1 Oct 2026: 1 EUR = 1.08 USD · 1 GBP = 1.27 USD."))
        #expect(!index.contains("€") && !index.contains("£ "))
    }

    @Test func withoutRatesEachCurrencyHasItsOwnTotals() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The issue's case: 240,000 USD, 90,000 EUR and 50,000 GBP were "Starting ARR $380,000".
        let yaml = """
            - account: {id: U, name: Usonia, tier: 3, contract: {arr: 240000, currency: USD}}
              revenue: {starting_arr: 240000, expansion: 24000}
            - account: {id: E, name: Europa, tier: 3, contract: {arr: 90000, currency: EUR}}
              revenue: {starting_arr: 90000, churn: 9000}
            - account: {id: G, name: Albion, tier: 3, contract: {arr: 50000, currency: GBP}}
              revenue: {starting_arr: 50000}
            """
        let index = try String(contentsOf: run(yaml, in: dir, currencies: nil).appendingPathComponent("index.md"), encoding: .utf8)
        #expect(!index.contains("380,000"))
        #expect(index.contains("Each currency has its own totals"))
        #expect(index.contains("| Currency | Portfolio NRR | Portfolio GRR | At-risk ARR | Weighted pipeline |"))
        #expect(index.contains("| USD | 110.0% | 100.0% |"))
        #expect(index.contains("| EUR | 90.0% | 90.0% |"))
        #expect(index.contains("| GBP | 100.0% | 100.0% |"))
        #expect(index.contains("| USD | $240,000 | +$24,000 |"))

        // With a rate for EUR only: GBP is named as left out, never added unconverted.
        let partial = try String(
            contentsOf: run(yaml, in: dir, currencies: CurrencyRates(reporting: "USD", rates: ["EUR": 1.1]))
                .appendingPathComponent("index.md"), encoding: .utf8)
        #expect(partial.contains("**1 accounts in a currency without a rate are left out of every total**"))
        #expect(partial.contains("## Left out of the converted totals (no rate for their currency)"))
        #expect(partial.contains("| Albion | £ 50,000 |") || partial.contains("| Albion | £50,000 |"))
        // 240,000 + 90,000 × 1.1 = 339,000.
        #expect(partial.contains("| $339,000 |"))
    }

    @Test func qbrYamlReadsTheRates() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("qbr.yaml")
        try "reporting_currency: USD\nfx_rates: {EUR: 1.08, GBP: 1.27}\nfx_as_of: 2026-10-01\n"
            .write(to: path, atomically: true, encoding: .utf8)
        let config = try TeamConfigLoader.load(path: path.path).config
        #expect(config.currencies == CurrencyRates(reporting: "USD", rates: ["EUR": 1.08, "GBP": 1.27], asOf: Day(year: 2026, month: 10, day: 1)))
        try "fx_rates: {EUR: 1.08}\n".write(to: path, atomically: true, encoding: .utf8)
        #expect(throws: AccountLoadError.self) { try TeamConfigLoader.load(path: path.path) }
        try "reporting_currency: usd\nfx_rates: {EUR: -1}\n".write(to: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: AccountLoadError.self) { try TeamConfigLoader.load(path: path.path) }
        #expect(error.diagnostics.count == 2)
    }
}
