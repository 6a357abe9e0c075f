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
