import Foundation
import Testing

/// End-to-end runs of `qbr lint`: output formats and exit codes.
@Suite struct LintCLITests {
    let cli = CLITests()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lint")
    static let templates = fixtures.appendingPathComponent("templates").path
    static let playbooks = fixtures.appendingPathComponent("playbooks").path

    @Test func theShippedFilesLintClean() throws {
        let builtIn = try cli.qbr(["lint"])
        #expect(builtIn.status == 0)
        #expect(builtIn.stderr == "" && builtIn.stdout == "")
        let onDisk = try cli.qbr([
            "lint", "--templates", CLITests.repository.appendingPathComponent("Templates").path,
            "--playbooks", CLITests.repository.appendingPathComponent("Playbooks").path,
        ])
        #expect(onDisk.status == 0)
        #expect(onDisk.stderr == "")
        let json = try cli.qbr(["lint", "--format", "json"])
        #expect(json.status == 0 && json.stdout == "[\n\n]\n")
    }

    @Test func reportsEveryProblemWithFileLineAndColumn() throws {
        let result = try cli.qbr(["lint", "--templates", Self.templates, "--playbooks", Self.playbooks])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                \(Self.templates)/typo.md.mustache:4:15: error: `atainment` is not a name here (in `{{#outcomes.items}}`); did you mean `attainment`?
                \(Self.playbooks)/unknown-owner.yaml:8:12: error: tasks[0].owner: unknown owner role "csn" (did you mean csm?): expected one of csm, account_manager, executive_sponsor, support, portfolio_owner (a team adds its own under roles: in qbr.yaml)

                """)
    }

    @Test func reportsAsJSONForCI() throws {
        let result = try cli.qbr([
            "lint", "--templates", Self.templates, "--playbooks", Self.playbooks, "--format", "json",
        ])
        #expect(result.status == 65)
        let entries = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.count == 2)
        let first = entries?.first
        #expect(first?["file"] as? String == Self.templates + "/typo.md.mustache")
        #expect(first?["line"] as? Int == 4)
        #expect(first?["column"] as? Int == 15)
        #expect(first?["severity"] as? String == "error")
        #expect(
            first?["message"] as? String
                == "`atainment` is not a name here (in `{{#outcomes.items}}`); did you mean `attainment`?")
        let second = entries?.last
        #expect(second?["file"] as? String == Self.playbooks + "/unknown-owner.yaml")
        #expect(second?["line"] as? Int == 8)
        #expect(second?["column"] as? Int == 12)
        #expect((second?["message"] as? String)?.hasPrefix("tasks[0].owner: unknown owner role \"csn\"") == true)
    }

    @Test func aMissingFolderExits66() throws {
        let result = try cli.qbr(["lint", "--templates", "/nonexistent/qbr-templates"])
        #expect(result.status == 66)
        #expect(result.stderr == "/nonexistent/qbr-templates: error: template folder does not exist\n")
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let result = try cli.qbr(["lint", "--format", "xml"])
        #expect(result.status == 64)
    }
}
