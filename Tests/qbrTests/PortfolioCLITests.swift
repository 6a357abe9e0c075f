import Foundation
import Testing

/// Issue 12 through the binary: what a run that renders nothing exits with, both editions in a batch, and
/// `qbr index` refusing to count a run twice.
@Suite struct PortfolioCLITests {
    let cli = CLITests()

    @Test func aRunThatRendersNothingExits65Or66AndWritesNothing() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.csv")
        try "Customer,Revenue\nAcme,100\n".write(to: bad, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("o").path
        let failed = try cli.qbr(["batch", bad.path, "--out", out, "--quiet"])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("none of its 1 records could be rendered"))
        #expect(!FileManager.default.fileExists(atPath: out + "/index.md"))
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
        let empty = folder.appendingPathComponent("empty.yaml")
        try "[]\n".write(to: empty, atomically: true, encoding: .utf8)
        let nothing = try cli.qbr(["batch", empty.path, "--out", out, "--quiet"])
        #expect(nothing.status == 66)
        #expect(nothing.stderr.contains("holds no accounts"))
        // A folder without account files holds no record either: no input, not bad data.
        let emptyFolder = folder.appendingPathComponent("no-accounts")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        let none = try cli.qbr(["batch", emptyFolder.path, "--out", out, "--quiet"])
        #expect(none.status == 66 && none.stderr.contains("holds no account files"))
        #expect(!FileManager.default.fileExists(atPath: out + "/index.md"))
        // Not even an empty folder for the month (the history file is opened before reading, and holds no month).
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["history.sqlite"])
    }

    @Test func aBatchWritesBothEditionsUnlessToldCustomerOnly() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("l.yaml")
        try "- account: {id: A, name: Alpha, tier: 1}\n- account: {id: B, name: Beta, tier: 3}\n"
            .write(to: list, atomically: true, encoding: .utf8)
        let both = folder.appendingPathComponent("both").path
        #expect(try cli.qbr(["batch", list.path, "--out", both, "--quiet", "--format", "md", "--as-of", "2026-10-15"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: both + "/2026-10/accounts/A").sorted()
        #expect(files.contains("ebr.md") && files.contains("ebr.internal.md"))
        #expect(files.contains("qbr.md") && files.contains("qbr.internal.md"))
        #expect(files.contains("summary.md") && !files.contains("summary.internal.md"))
        // Tier 3 gets no review, so no prep edition either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: both + "/2026-10/accounts/B").sorted() == ["summary.md"])
        let index = try String(contentsOfFile: both + "/2026-10/index.md", encoding: .utf8)
        #expect(index.contains("[qbr.internal](accounts/A/qbr.internal.md)"))
        let customer = folder.appendingPathComponent("customer").path
        #expect(
            try cli.qbr([
                "batch", list.path, "--out", customer, "--quiet", "--format", "md", "--editions", "customer", "--as-of", "2026-10-15",
            ]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: customer + "/2026-10/accounts/A/qbr.internal.md"))
        #expect(FileManager.default.fileExists(atPath: customer + "/2026-10/accounts/A/qbr.md"))
        #expect(try cli.qbr(["batch", list.path, "--out", customer, "--editions", "partner"]).status == 64)
    }

    @Test func indexRefusesTheSameRunTwice() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("l.yaml")
        try "- account: {id: A, name: Alpha, tier: 3}\n".write(to: list, atomically: true, encoding: .utf8)
        let run = folder.appendingPathComponent("run").path
        #expect(try cli.qbr(["batch", list.path, "--out", run, "--quiet", "--as-of", "2026-10-15"]).status == 0)
        let merged = folder.appendingPathComponent("merged").path
        let twice = try cli.qbr(["index", run, run, "--out", merged])
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("the same run is given twice"))
        let once = try cli.qbr(["index", run, "--out", merged])
        #expect(once.status == 0)
        #expect(once.stderr.hasSuffix("→ \(merged)/2026-10/index.md\n"))
        #expect(FileManager.default.fileExists(atPath: merged + "/2026-10/manifest.json"))
        #expect(
            try String(contentsOfFile: merged + "/2026-10/index.md", encoding: .utf8).contains("(../../run/2026-10/accounts/A/summary.md)"))
        #expect(try String(contentsOfFile: merged + "/index.md", encoding: .utf8).contains("(2026-10/index.md)"))
        // --month: a month the run does not have is refused by name; a malformed one is a usage error.
        let missing = try cli.qbr(["index", run, "--out", merged, "--month", "2026-09"])
        #expect(missing.status == 65 && missing.stderr.contains("no finished run of 2026-09 (it has 2026-10)"))
        #expect(try cli.qbr(["index", run, "--out", merged, "--month", "2026-13"]).status == 64)
    }

    /// Two runs of the same portfolio, in two processes (each with its own hash seed), write byte-identical
    /// folders, `history.sqlite` included: its per-currency totals and failed accounts are written in a fixed
    /// order, not a dictionary's. Five currencies and two failures leave a dictionary's order 1 in 240 to agree.
    @Test func twoRunsWriteTheSameBytesHistoryIncluded() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let accounts = ["USD", "EUR", "GBP", "JPY", "CAD"].enumerated().map { index, currency in
            "{\"account\": {\"id\": \"A\(index)\", \"name\": \"Acct \(index)\", \"contract\": {\"arr\": \(1000 * (index + 1)), \"currency\": \"\(currency)\"}},"
                + " \"revenue\": {\"starting_arr\": \(900 * (index + 1)), \"expansion\": 100}}"
        } + ["{\"account\": {\"id\": \"BAD1\"}, \"health\": {\"score\": 400}}", "{\"account\": {\"id\": \"BAD2\"}, \"health\": {\"score\": -4}}"]
        let list = folder.appendingPathComponent("list.json")
        try ("[" + accounts.joined(separator: ",\n") + "]").write(to: list, atomically: true, encoding: .utf8)
        var histories: [Data] = []
        var manifests: [Data] = []
        for run in ["one", "two"] {
            let out = folder.appendingPathComponent(run).path
            let result = try cli.qbr(["batch", list.path, "--out", out, "--as-of", "2026-10-15", "--quiet"])
            #expect(result.status == 65, "\(result.stderr)")
            histories.append(try Data(contentsOf: URL(fileURLWithPath: out + "/history.sqlite")))
            manifests.append(try Data(contentsOf: URL(fileURLWithPath: out + "/2026-10/manifest.json")))
        }
        #expect(histories[0] == histories[1])
        #expect(manifests[0] == manifests[1])
    }
}
