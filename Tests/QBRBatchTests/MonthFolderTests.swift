import Foundation
import QBRCore
import QBRRender
import Testing

@testable import QBRBatch

/// Issue 12, "months kept side by side": each run's documents in a folder of its month, the history shared at
/// the top, and a pointer to the latest month.
@Suite struct MonthFolderTests {
    let base = BatchRunTests()
    static let november = Day(year: 2026, month: 11, day: 15) ?? Day(dayNumber: 0)
    static let december = Day(year: 2026, month: 12, day: 15) ?? Day(dayNumber: 0)

    func run(_ source: URL, out: URL, asOf: Day, formats: Set<OutputFormat> = [.markdown, .html]) throws -> BatchRun.Report {
        try BatchRun(
            renderer: try base.renderer(), options: .init(out: out.path, asOf: asOf, jobs: 2, formats: formats)
        ).run(source: source.path)
    }

    /// Every regular file under `folder`, by relative path, with its bytes.
    func files(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let path = folder.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                result[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }

    static let accounts = """
        - account: {id: A, name: Alpha, tier: 2, csm: Sam, contract: {arr: 120000}}
          revenue: {starting_arr: 120000}
          health: {score: 30}
        - account: {id: B, name: Beta, tier: 1, contract: {arr: 80000}}
          revenue: {starting_arr: 80000}
          health: {score: 85}
        """

    static let tick = ("- [ ] **Write a one-page rescue plan", "- [x] **Write a one-page rescue plan")

    @Test func decembersRunLeavesNovembersFilesByteIdenticalAndCarriesTheirTicks() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        try Self.accounts.write(to: source, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let first = try run(source, out: out, asOf: Self.november)
        #expect(first.folder == out.appendingPathComponent("2026-11").path)
        // A person ticks a task and adds a note in November's checklist.
        let november = out.appendingPathComponent("2026-11")
        let checklist = november.appendingPathComponent("accounts/A/playbook-churn-risk.md")
        let ticked = try String(contentsOf: checklist, encoding: .utf8).replacingOccurrences(of: Self.tick.0, with: Self.tick.1)
            + "\nCalled the sponsor on 12 Nov.\n"
        try ticked.write(to: checklist, atomically: true, encoding: .utf8)
        let before = files(november)
        #expect(before["manifest.json"] != nil && before["index.md"] != nil && before["accounts/B/ebr.md"] != nil)

        // December, with a change to A: November's folder is not touched, byte for byte.
        try Self.accounts.replacingOccurrences(of: "score: 30", with: "score: 35").write(to: source, atomically: true, encoding: .utf8)
        let second = try run(source, out: out, asOf: Self.december)
        #expect(second.accounts == 2 && second.unchanged == 0)
        #expect(files(november) == before)
        // December's first checklist carries November's tick and note.
        let december = try String(
            contentsOf: out.appendingPathComponent("2026-12/accounts/A/playbook-churn-risk.md"), encoding: .utf8)
        #expect(december.contains(Self.tick.1) && december.contains("Called the sponsor on 12 Nov."))
        // One history at the top holds both months; the summary compares December with November.
        #expect(!FileManager.default.fileExists(atPath: november.appendingPathComponent("history.sqlite").path))
        let history = try HistoryStore(path: out.appendingPathComponent("history.sqlite").path)
        #expect(try history.count(month: "2026-11") == 2 && history.count(month: "2026-12") == 2)
        let summary = try String(contentsOf: out.appendingPathComponent("2026-12/accounts/A/summary.md"), encoding: .utf8)
        #expect(summary.contains("## Since last month (2026-11)"))
        // The manifest names the shared history relative to the month's folder.
        let manifest = try String(contentsOf: out.appendingPathComponent("2026-12/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"history\":\"../history.sqlite\""))
    }

    @Test func anUnchangedRerunOfAMonthSkipsEvenAfterALaterMonth() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        try Self.accounts.write(to: source, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        _ = try run(source, out: out, asOf: Self.november)
        let december = try run(source, out: out, asOf: Self.december)
        // A new month renders everything: its documents are of a new date.
        #expect(december.unchanged == 0)
        #expect(try run(source, out: out, asOf: Self.december).unchanged == 2)
        // November again, after December: its own manifest is the previous run, so nothing is rendered.
        let before = files(out.appendingPathComponent("2026-11/accounts"))
        #expect(try run(source, out: out, asOf: Self.november).unchanged == 2)
        #expect(files(out.appendingPathComponent("2026-11/accounts")) == before)
        // …and the top still points at December, the latest month.
        let pointer = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(pointer.contains("Latest month: **[December 2026](2026-12/index.md)**"))
    }

    @Test func theTopPointsAtTheLatestMonthInMarkdownAndHTML() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        try Self.accounts.write(to: source, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        _ = try run(source, out: out, asOf: Self.november)
        _ = try run(source, out: out, asOf: Self.december)
        let markdown = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(
            markdown == """
                # Portfolio overviews

                Latest month: **[December 2026](2026-12/index.md)**

                Each month's documents are in a folder of their own; the history (`history.sqlite`) is shared by all.

                - [December 2026](2026-12/index.md)
                - [November 2026](2026-11/index.md)

                """)
        // The HTML page links the months' HTML overviews; no symlink, so it opens the same on Windows.
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("href=\"2026-12/index.html\"") && html.contains("href=\"2026-11/index.html\""))
        let top = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(top == ["2026-11", "2026-12", "history.sqlite", "index.html", "index.md"])
        // A month written in Markdown only is linked as Markdown from the HTML page.
        _ = try run(source, out: out, asOf: Day(year: 2027, month: 1, day: 15) ?? Self.december, formats: [.markdown])
        #expect(try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8).contains("[January 2027](2027-01/index.md)"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("2027-01/index.html").path))
        #expect(MonthFolders.months(in: out.path) == ["2026-11", "2026-12", "2027-01"])
        #expect(!MonthFolders.isMonth("2026-13") && !MonthFolders.isMonth("2026-1") && MonthFolders.isMonth("1999-01"))
    }

    /// A folder written by qbr 0.1.0: one month's documents, overview and manifest at the top.
    @Test func aFolderOfVersion010MovesIntoItsMonthOnce() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        try Self.accounts.write(to: source, atomically: true, encoding: .utf8)
        // Made as 0.1.0 made it: a run's month folder's contents at the top, the history beside them, the
        // manifest naming `history.sqlite` beside itself.
        let out = dir.appendingPathComponent("out")
        _ = try run(source, out: out, asOf: BatchRunTests.asOf)
        let october = out.appendingPathComponent("2026-10")
        for pointer in ["index.md", "index.html"] { try FileManager.default.removeItem(at: out.appendingPathComponent(pointer)) }
        for name in try FileManager.default.contentsOfDirectory(atPath: october.path) {
            try FileManager.default.moveItem(at: october.appendingPathComponent(name), to: out.appendingPathComponent(name))
        }
        try FileManager.default.removeItem(at: october)
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"history\":\"../history.sqlite\"", with: "\"history\":\"history.sqlite\"")
        try manifest.write(to: out.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        // A killed 0.1.0 run's leftovers at the top.
        try "half".write(to: out.appendingPathComponent(".index.md.1.tmp"), atomically: false, encoding: .utf8)
        let checklist = out.appendingPathComponent("accounts/A/playbook-churn-risk.md")
        try String(contentsOf: checklist, encoding: .utf8).replacingOccurrences(of: Self.tick.0, with: Self.tick.1)
            .write(to: checklist, atomically: true, encoding: .utf8)
        var flat = files(out)
        flat["history.sqlite"] = nil
        flat[".index.md.1.tmp"] = nil

        // November's run moves October into 2026-10/ first, then carries the tick from there.
        var warnings: [Diagnostic] = []
        let november = try BatchRun(
            renderer: try base.renderer(), options: .init(out: out.path, asOf: Self.november, jobs: 2, formats: [.markdown, .html])
        ).run(source: source.path, warning: { warnings.append($0) })
        #expect(november.accounts == 2)
        #expect(warnings.map(\.message) == ["moved the documents, overview and manifest of qbr 0.1.0's layout into 2026-10/ (history.sqlite stays at the top)"])
        var moved = files(october)
        moved[".qbr-run"] = nil
        #expect(moved == flat)
        let top = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(top == ["2026-10", "2026-11", "history.sqlite", "index.html", "index.md"])
        #expect(try String(contentsOf: out.appendingPathComponent("2026-11/accounts/A/playbook-churn-risk.md"), encoding: .utf8)
            .contains(Self.tick.1))
        #expect(try String(contentsOf: out.appendingPathComponent("2026-11/accounts/A/summary.md"), encoding: .utf8)
            .contains("## Since last month (2026-10)"))
        // Once: the next run finds nothing to move and says nothing.
        warnings = []
        _ = try BatchRun(
            renderer: try base.renderer(), options: .init(out: out.path, asOf: Self.november, jobs: 2, formats: [.markdown, .html])
        ).run(source: source.path, warning: { warnings.append($0) })
        #expect(warnings.isEmpty)
        // The moved month is a month like the others: an unchanged re-run of it skips every account, and
        // qbr index merges it with the history one folder up.
        let rerun = try BatchRun(
            renderer: try base.renderer(), options: .init(out: out.path, asOf: BatchRunTests.asOf, jobs: 2, formats: [.markdown, .html])
        ).run(source: source.path)
        #expect(rerun.unchanged == 2)
        let merged = try PortfolioIndex.build(
            folders: [out.path], out: dir.appendingPathComponent("merged").path, renderer: try base.renderer(),
            formats: [.markdown], month: "2026-11")
        #expect(merged.accounts == 2)
        #expect(try String(contentsOf: URL(fileURLWithPath: merged.folder).appendingPathComponent("index.md"), encoding: .utf8)
            .contains("Since 2026-10"))
    }

    @Test func aMovedManifestStillFindsTheHistoryOneFolderUp() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        try Self.accounts.write(to: source, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        _ = try run(source, out: out, asOf: BatchRunTests.asOf)
        _ = try run(source, out: out, asOf: Self.november)
        // November's manifest as 0.1.0 wrote it, moved into its month: it names history.sqlite beside itself.
        let path = out.appendingPathComponent("2026-11/manifest.json")
        try String(contentsOf: path, encoding: .utf8)
            .replacingOccurrences(of: "\"history\":\"../history.sqlite\"", with: "\"history\":\"history.sqlite\"")
            .write(to: path, atomically: true, encoding: .utf8)
        let merged = try PortfolioIndex.build(
            folders: [out.appendingPathComponent("2026-11").path], out: dir.appendingPathComponent("m").path,
            renderer: try base.renderer(), formats: [.markdown])
        #expect(try String(contentsOf: URL(fileURLWithPath: merged.folder).appendingPathComponent("index.md"), encoding: .utf8)
            .contains("Since 2026-10"))
    }
}
