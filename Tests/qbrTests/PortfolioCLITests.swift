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
        #expect(!FileManager.default.fileExists(atPath: out + "/index.md"))
    }

    @Test func aBatchWritesBothEditionsUnlessToldCustomerOnly() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("l.yaml")
        try "- account: {id: A, name: Alpha, tier: 1}\n- account: {id: B, name: Beta, tier: 3}\n"
            .write(to: list, atomically: true, encoding: .utf8)
        let both = folder.appendingPathComponent("both").path
        #expect(try cli.qbr(["batch", list.path, "--out", both, "--quiet", "--format", "md"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: both + "/accounts/A").sorted()
        #expect(files.contains("ebr.md") && files.contains("ebr.internal.md"))
        #expect(files.contains("qbr.md") && files.contains("qbr.internal.md"))
        #expect(files.contains("summary.md") && !files.contains("summary.internal.md"))
        // Tier 3 gets no review, so no prep edition either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: both + "/accounts/B").sorted() == ["summary.md"])
        let index = try String(contentsOfFile: both + "/index.md", encoding: .utf8)
        #expect(index.contains("[qbr.internal](accounts/A/qbr.internal.md)"))
        let customer = folder.appendingPathComponent("customer").path
        #expect(
            try cli.qbr(["batch", list.path, "--out", customer, "--quiet", "--format", "md", "--editions", "customer"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: customer + "/accounts/A/qbr.internal.md"))
        #expect(FileManager.default.fileExists(atPath: customer + "/accounts/A/qbr.md"))
        #expect(try cli.qbr(["batch", list.path, "--out", customer, "--editions", "partner"]).status == 64)
    }

    @Test func indexRefusesTheSameRunTwice() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("l.yaml")
        try "- account: {id: A, name: Alpha, tier: 3}\n".write(to: list, atomically: true, encoding: .utf8)
        let run = folder.appendingPathComponent("run").path
        #expect(try cli.qbr(["batch", list.path, "--out", run, "--quiet"]).status == 0)
        let merged = folder.appendingPathComponent("merged").path
        let twice = try cli.qbr(["index", run, run, "--out", merged])
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("the same run is given twice"))
        let once = try cli.qbr(["index", run, "--out", merged])
        #expect(once.status == 0)
        #expect(FileManager.default.fileExists(atPath: merged + "/manifest.json"))
        #expect(try String(contentsOfFile: merged + "/index.md", encoding: .utf8).contains("(../run/accounts/A/summary.md)"))
    }
}
