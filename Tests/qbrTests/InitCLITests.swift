import Foundation
import Testing

/// `qbr init` scaffolds a folder that renders at once.
@Suite struct InitCLITests {
    let cli = CLITests()

    @Test func theScaffoldRendersAtOnce() throws {
        let root = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("team").path
        let created = try cli.qbr(["init", folder])
        #expect(created.status == 0)
        let files = ["qbr.yaml", "Templates/qbr.md.mustache", "Playbooks/churn-risk.yaml", "accounts/sample.yaml"]
        for file in files {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(file)"), "\(file)")
        }
        let deck = try cli.qbr([
            "render", "\(folder)/accounts/sample.yaml", "--config", "\(folder)/qbr.yaml", "--format", "html",
            "--as-of", "2026-03-31",
        ])
        #expect(deck.status == 0 && deck.stderr.isEmpty)
        // The scaffold's template changed the agenda slide and inherited everything else.
        #expect(deck.stdout.contains("<h2>Today</h2>"))
        #expect(deck.stdout.contains("<h2>Outcomes: committed vs achieved</h2>"))
        #expect(deck.stdout.contains("--accent: #1f5fbf;"))
        let playbooks = try cli.qbr(["playbooks", "\(folder)/accounts/sample.yaml", "--config", "\(folder)/qbr.yaml"])
        #expect(playbooks.status == 0)
    }

    /// Issue 14: the sample account is dated around the day init runs (here --as-of 2026-12-02), so the first
    /// render is a live account, not a renewal "184 days ago (past due)".
    @Test func theSampleIsDatedAroundTheDayInitRuns() throws {
        let root = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("team").path
        #expect(try cli.qbr(["init", folder, "--as-of", "2026-12-02"]).status == 0)
        let sample = try String(contentsOfFile: "\(folder)/accounts/sample.yaml", encoding: .utf8)
        // Started ten months before the first of December (2026-02-01), renewing a year on (2027-01-31); the
        // review covers the last full quarter (Q3 2026); the outcome is due six months after it (2027-03-30).
        #expect(sample.contains("contract: {start: 2026-02-01, renewal: 2027-01-31, arr: 60000, currency: USD, seats: 50}"))
        #expect(sample.contains("period: {label: Q3 2026, start: 2026-07-01, end: 2026-09-30}"))
        #expect(sample.contains("committed_on: 2026-02-15") && sample.contains("due: 2027-03-30"))
        let deck = try cli.qbr([
            "render", "\(folder)/accounts/sample.yaml", "--config", "\(folder)/qbr.yaml", "--as-of", "2026-12-02",
            "--edition", "internal",
        ])
        #expect(deck.status == 0 && deck.stderr.isEmpty)
        #expect(deck.stdout.contains("Renewal 31 Jan 2027, in 60 days") && !deck.stdout.contains("past due"))
        #expect(!deck.stdout.contains("(overdue)"))
        // A January run: the last full quarter is Q4 of the year before.
        let january = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: january) }
        #expect(try cli.qbr(["init", january.path, "--as-of", "2027-01-10", "--force"]).status == 0)
        let janSample = try String(contentsOfFile: january.appendingPathComponent("accounts/sample.yaml").path, encoding: .utf8)
        #expect(janSample.contains("period: {label: Q4 2026, start: 2026-10-01, end: 2026-12-31}"))
        #expect(try cli.qbr(["init", root.appendingPathComponent("x").path, "--as-of", "2026-02-30"]).status == 64)
    }

    @Test func existingFilesAreNeverOverwrittenWithoutForce() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "mine\n".write(to: folder.appendingPathComponent("qbr.yaml"), atomically: true, encoding: .utf8)
        let refused = try cli.qbr(["init", folder.path])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("qbr.yaml: already exists (use --force to overwrite)"))
        #expect(try String(contentsOf: folder.appendingPathComponent("qbr.yaml"), encoding: .utf8) == "mine\n")
        #expect(try cli.qbr(["init", folder.path, "--force"]).status == 0)
    }
}
