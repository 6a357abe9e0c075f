import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRRender
import Testing

@testable import QBRBatch

@Suite struct BatchRunTests {
    static let asOf = Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0)
    /// The month folder a run of `asOf` writes its documents to.
    static let month = "2026-10"

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func renderer() throws -> DocumentRenderer {
        DocumentRenderer(templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn())
    }

    func run(_ source: String, out: URL, shard: (Int, Int)? = nil) throws -> BatchRun.Report {
        try BatchRun(
            renderer: try renderer(),
            options: .init(out: out.path, asOf: Self.asOf, jobs: 2, shard: shard, formats: [.markdown, .html])
        ).run(source: source)
    }

    @Test func oneBadAccountIsSkippedAndEveryOtherIsWritten() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("portfolio.yaml")
        try """
            - account: {id: T1, name: Tier One, tier: 1, contract: {arr: 100000, renewal: 2026-12-01}}
              revenue: {starting_arr: 100000, expansion: 20000, contraction: 3000, churn: 5000}
              health: {score: 80}
            - account: {id: T2, name: Tier Two, tier: 2, contract: {arr: 50000}}
              revenue: {starting_arr: 50000, churn: 10000}
              health: {score: 40}
            - account: {id: BAD, name: Broken, tier: 7}
            - account: {id: T3, name: Tier Three, tier: 3}
            """.write(to: source, atomically: true, encoding: .utf8)
        let report = try run(source.path, out: dir.appendingPathComponent("top"))
        let out = dir.appendingPathComponent("top/\(Self.month)")
        #expect(report.folder == out.path)
        #expect(report.accounts == 3)
        #expect(report.failures.map(\.location) == ["\(source.path)[2]"])
        #expect(report.failures.first?.diagnostics.first?.path == "account.tier")
        func files(_ id: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("accounts/\(id)").path).sorted()
        }
        // Tier 1: EBR and QBR; tier 2: QBR; tier 3: the summary only; every tier the summary and checklists.
        #expect(try files("T1").contains("ebr.md") && files("T1").contains("qbr.html") && files("T1").contains("summary.md"))
        #expect(try !files("T2").contains("ebr.md") && files("T2").contains("qbr.md") && files("T2").contains("playbook-churn-risk.md"))
        #expect(try files("T3") == ["summary.html", "summary.md"])
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        // ARR-weighted: (100000+20000-3000-5000 + 50000-10000) / 150000 = 152000 / 150000 = 101.3%;
        // GRR (150000 − 3000 − 15000) / 150000 = 88.0%.
        #expect(index.contains("| 101.3% | 88.0% |"))
        #expect(index.contains("3 accounts as of 15 Oct 2026 · **1 could not be rendered**"))
        #expect(index.contains("[qbr](accounts/T2/qbr.md)"))
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any]
        #expect((manifest?["accounts"] as? [[String: Any]])?.count == 3)
        #expect((manifest?["failures"] as? [[String: Any]])?.first?["record"] as? String == "\(source.path)[2]")
        let leftovers = FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".tmp") } ?? []
        #expect(leftovers.isEmpty)
    }

    @Test func shardsPartitionThePortfolio() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = ""
        SamplePortfolio(count: 60, seed: 9, asOf: Self.asOf).write(.json) { text += $0 }
        let source = dir.appendingPathComponent("p.json")
        try text.write(to: source, atomically: true, encoding: .utf8)
        var seen: [Int] = []
        for k in 1...3 {
            let report = try run(source.path, out: dir.appendingPathComponent("s\(k)"), shard: (k, 3))
            seen.append(report.accounts)
            #expect(report.accounts + report.skippedByShard == 60)
        }
        #expect(seen.reduce(0, +) == 60)
        #expect(seen.allSatisfy { $0 > 5 })
        #expect(BatchRun.shard(of: "NW-1042", count: 8) == BatchRun.shard(of: "NW-1042", count: 8))
    }

    @Test func theSameInputGivesTheSameFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = ""
        SamplePortfolio(count: 20, seed: 1, asOf: Self.asOf).write(.csv) { text += $0 }
        let source = dir.appendingPathComponent("p.csv")
        try text.write(to: source, atomically: true, encoding: .utf8)
        _ = try run(source.path, out: dir.appendingPathComponent("a"))
        _ = try run(source.path, out: dir.appendingPathComponent("b"))
        let a = try Data(contentsOf: dir.appendingPathComponent("a/\(Self.month)/manifest.json"))
        let b = try Data(contentsOf: dir.appendingPathComponent("b/\(Self.month)/manifest.json"))
        #expect(a == b)
    }
}

/// The names of a folder, as the batch lists an account's earlier checklists.
@Suite struct FolderNamesTests {
    @Test func namesOfAFolderAndNoneOfAMissingOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-names-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(BatchRun.names(in: folder.path).isEmpty)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["playbook-churn-risk.md", "qbr.html", "café-👋.md", ".hidden.tmp"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        #expect(Set(BatchRun.names(in: folder.path)) == ["playbook-churn-risk.md", "qbr.html", "café-👋.md", ".hidden.tmp"])
        #expect(BatchRun.names(in: folder.appendingPathComponent("qbr.html").path).isEmpty)
    }
}

@Suite struct BatchRerunTests {
    let base = BatchRunTests()

    @Test func anUnchangedRerunSkipsEveryAccountAndAChangeRendersOnlyThatAccount() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        let accounts = """
            - account: {id: A, name: Alpha, tier: 2, csm: Sam}
              health: {score: 30}
            - account: {id: B, name: Beta, tier: 2}
              health: {score: 90}
            """
        try accounts.write(to: source, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let first = try base.run(source.path, out: out)
        #expect(first.accounts == 2 && first.unchanged == 0)
        // A person ticks a task in A's churn-risk checklist.
        let checklist = out.appendingPathComponent("\(BatchRunTests.month)/accounts/A/playbook-churn-risk.md")
        var text = try String(contentsOf: checklist, encoding: .utf8)
        text = text.replacingOccurrences(of: "- [ ] **Write a one-page rescue plan", with: "- [x] **Write a one-page rescue plan")
        try text.write(to: checklist, atomically: true, encoding: .utf8)

        let second = try base.run(source.path, out: out)
        #expect(second.accounts == 2 && second.unchanged == 2)
        #expect(try String(contentsOf: checklist, encoding: .utf8) == text)  // untouched

        // A changes: only A is rendered again, and the tick survives the regeneration.
        try accounts.replacingOccurrences(of: "csm: Sam", with: "csm: Sam Lee").write(to: source, atomically: true, encoding: .utf8)
        let third = try base.run(source.path, out: out)
        #expect(third.unchanged == 1)
        let regenerated = try String(contentsOf: checklist, encoding: .utf8)
        #expect(regenerated.contains("- [x] **Write a one-page rescue plan") && regenerated.contains("Sam Lee"))

        // --force renders everything.
        let forced = try BatchRun(
            renderer: try base.renderer(),
            options: .init(out: out.path, asOf: BatchRunTests.asOf, jobs: 2, formats: [.markdown, .html], force: true)
        ).run(source: source.path)
        #expect(forced.unchanged == 0)
    }
}

@Suite struct PortfolioIndexTests {
    let base = BatchRunTests()

    @Test func threeShardsMergeIntoTheOverviewOfOneRun() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = ""
        SamplePortfolio(count: 45, seed: 21, asOf: BatchRunTests.asOf).write(.json) { text += $0 }
        let source = dir.appendingPathComponent("p.json")
        try text.write(to: source, atomically: true, encoding: .utf8)
        _ = try base.run(source.path, out: dir.appendingPathComponent("full"))
        for k in 1...3 { _ = try base.run(source.path, out: dir.appendingPathComponent("shards/s\(k)"), shard: (k, 3)) }
        let merge = try PortfolioIndex.build(
            folders: (1...3).map { dir.appendingPathComponent("shards/s\($0)").path },
            out: dir.appendingPathComponent("shards").path, renderer: try base.renderer(), formats: [.markdown])
        #expect(merge.accounts == 45)
        // The merged month goes to a month folder of its own, like a run's.
        #expect(merge.folder == dir.appendingPathComponent("shards/\(BatchRunTests.month)").path)
        let full = try String(contentsOf: dir.appendingPathComponent("full/\(BatchRunTests.month)/index.md"), encoding: .utf8)
        let merged = try String(contentsOf: dir.appendingPathComponent("shards/\(BatchRunTests.month)/index.md"), encoding: .utf8)
        // Every aggregate is the same; only the links carry the shard's folder.
        func head(_ text: String) -> String { text.components(separatedBy: "## Accounts").first ?? "" }
        #expect(head(full) == head(merged))
        #expect(merged.contains("](../s1/\(BatchRunTests.month)/accounts/") && merged.contains("](../s3/\(BatchRunTests.month)/accounts/"))
        #expect(merged.components(separatedBy: "\n| ").count == full.components(separatedBy: "\n| ").count)
    }

    @Test func manifestsOfDifferentDatesAreRefused() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        try "- account: {id: A, name: Alpha}\n".write(to: source, atomically: true, encoding: .utf8)
        _ = try base.run(source.path, out: dir.appendingPathComponent("a"))
        _ = try BatchRun(
            renderer: try base.renderer(),
            options: .init(out: dir.appendingPathComponent("b").path, asOf: Day(year: 2026, month: 11, day: 15) ?? BatchRunTests.asOf,
                           jobs: 1, formats: [.markdown])
        ).run(source: source.path)
        #expect(throws: PortfolioIndex.IndexError.self) {
            try PortfolioIndex.build(
                folders: [dir.appendingPathComponent("a").path, dir.appendingPathComponent("b").path], out: dir.path,
                renderer: try base.renderer(), formats: [.markdown])
        }
    }
}

@Suite struct HistoryTests {
    let base = BatchRunTests()

    func batch(_ yaml: String, day: Int, month: Int, in dir: URL) throws -> BatchRun.Report {
        let source = dir.appendingPathComponent("p-\(month).yaml")
        try yaml.write(to: source, atomically: true, encoding: .utf8)
        return try BatchRun(
            renderer: try base.renderer(),
            options: .init(
                out: dir.appendingPathComponent("out").path,
                asOf: Day(year: 2026, month: month, day: day) ?? BatchRunTests.asOf, jobs: 2, formats: [.markdown])
        ).run(source: source.path)
    }

    @Test func theSummaryAndOverviewShowWhatChangedSinceLastMonth() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let september = """
            - account: {id: A, name: Alpha, tier: 3, contract: {arr: 100000}}
              revenue: {starting_arr: 100000, expansion: 10000}
              health: {score: 78}
              usage: {monthly_active_users: [80, 90]}
            """
        let october = september.replacingOccurrences(of: "score: 78", with: "score: 61")
            .replacingOccurrences(of: "expansion: 10000", with: "expansion: 13000")
            .replacingOccurrences(of: "[80, 90]", with: "[90, 95]")
        _ = try batch(september, day: 15, month: 9, in: dir)
        _ = try batch(october, day: 15, month: 10, in: dir)
        let summary = try String(contentsOf: dir.appendingPathComponent("out/2026-10/accounts/A/summary.md"), encoding: .utf8)
        #expect(summary.contains("## Since last month (2026-09)"))
        #expect(summary.contains("| Health score | 78 | 61 | -17 |"))
        // NRR 110.0% → 113.0%: +3.0 points.
        #expect(summary.contains("| NRR | 110.0% | 113.0% | +3.0 pts |"))
        #expect(summary.contains("| ARR | $110,000 | $113,000 | +$3,000 |"))
        let index = try String(contentsOf: dir.appendingPathComponent("out/2026-10/index.md"), encoding: .utf8)
        #expect(index.contains("Since 2026-09: NRR +3.0 pts, GRR 0.0 pts."))
    }

    @Test func rerunningAMonthReplacesItsSnapshot() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = "- account: {id: A, name: Alpha}\n  health: {score: 70}\n- account: {id: B, name: Beta}\n"
        _ = try batch(yaml, day: 15, month: 10, in: dir)
        _ = try batch(yaml.replacingOccurrences(of: "70", with: "71"), day: 20, month: 10, in: dir)
        let history = try HistoryStore(path: dir.appendingPathComponent("out/history.sqlite").path)
        #expect(try history.count(month: "2026-10") == 2)
        #expect(try history.previous(before: "2026-11", ids: ["A"])["A"]?.health == 71)
    }

    @Test func aKilledRunsTemporaryFilesAreSweptAndAFailedRunKeepsTheMonthOut() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = "- account: {id: A, name: Alpha}\n  health: {score: 70}\n"
        _ = try batch(yaml, day: 15, month: 10, in: dir)
        // A run killed mid-write leaves its marker and hidden temporary files.
        let out = dir.appendingPathComponent("out/2026-10")
        for leftover in ["accounts/A/.qbr.md.1234.tmp", ".index.md.5678.tmp", ".manifest.json.9.tmp"] {
            try "half".write(to: out.appendingPathComponent(leftover), atomically: false, encoding: .utf8)
        }
        // …in its month's folder, and of the pointer at the top.
        try "half".write(to: dir.appendingPathComponent("out/.index.md.42.tmp"), atomically: false, encoding: .utf8)
        try "".write(to: out.appendingPathComponent(".qbr-run"), atomically: false, encoding: .utf8)
        _ = try batch(yaml, day: 15, month: 10, in: dir)
        let left = FileManager.default.enumerator(atPath: dir.appendingPathComponent("out").path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".tmp") || $0.hasSuffix(".qbr-run") } ?? []
        #expect(left.isEmpty)
        // A source that cannot be read stops the run before the month is committed or the manifest replaced.
        let manifest = try Data(contentsOf: out.appendingPathComponent("manifest.json"))
        #expect(throws: (any Error).self) {
            try BatchRun(
                renderer: try base.renderer(),
                options: .init(out: dir.appendingPathComponent("out").path, asOf: Day(year: 2026, month: 11, day: 15)!, jobs: 2, formats: [.markdown])
            ).run(source: dir.appendingPathComponent("missing.yaml").path)
        }
        #expect(try Data(contentsOf: out.appendingPathComponent("manifest.json")) == manifest)
        #expect(try HistoryStore(path: dir.appendingPathComponent("out/history.sqlite").path).count(month: "2026-11") == 0)
        // …and leaves no empty folder for the month.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/2026-11").path))
    }
}

@Suite struct OverviewPageTests {
    let base = BatchRunTests()

    @Test func aLargeAccountListGoesOnPagesInNameOrder() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        // Five accounts, two per page: three pages, names in order across them; a name with table syntax.
        try ["Echo", "alpha | beta", "Delta", "Charlie", "Bravo"].enumerated().map { index, name in
            "- account: {id: A\(index), name: \"\(name)\", tier: 3}\n  health: {score: \(40 + index * 10)}\n"
        }.joined().write(to: source, atomically: true, encoding: .utf8)
        var options = BatchRun.Options(out: dir.appendingPathComponent("out").path, asOf: BatchRunTests.asOf, jobs: 2, formats: [.markdown, .html])
        options.accountsPerPage = 2
        let report = try BatchRun(renderer: try base.renderer(), options: options).run(source: source.path)
        #expect(report.accounts == 5)
        let out = dir.appendingPathComponent("out/\(BatchRunTests.month)")
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(index.contains("5 accounts as of"))
        // Names sort as a person expects: case-insensitive, so "alpha | beta" comes first.
        #expect(index.contains("- [alpha \\| beta – Bravo](accounts-0001.md) (2 accounts)"))
        #expect(index.contains("- [Charlie – Delta](accounts-0002.md) (2 accounts)"))
        #expect(index.contains("(accounts-0003.md) (1 accounts)"))
        #expect(!index.contains("| Account | ARR | Health | Renewal |"))
        let first = try String(contentsOf: out.appendingPathComponent("accounts-0001.md"), encoding: .utf8)
        #expect(first.hasPrefix("# Accounts alpha \\| beta – Bravo"))
        #expect(first.contains("page 1 of 3") && first.contains("[next](accounts-0002.md)") && !first.contains("[previous]"))
        #expect(first.contains("[summary](accounts/A4/summary.md)"))
        let last = try String(contentsOf: out.appendingPathComponent("accounts-0003.md"), encoding: .utf8)
        #expect(last.contains("Echo") && last.contains("[previous](accounts-0002.md)"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("accounts-0002.html").path))
        // Within one page the table stays a table: every row has the header's seven pipes.
        for line in first.split(separator: "\n") where line.hasPrefix("| alpha") {
            #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 7)
        }
    }
}
