import Foundation
import Testing

/// `qbr variables` is the template reference, and the README carries its output.
@Suite struct VariablesCLITests {
    let cli = CLITests()

    @Test func theReadmeReferenceIsTheCommandsOutput() throws {
        let result = try cli.qbr(["variables", "--format", "markdown"])
        #expect(result.status == 0)
        let readme = try String(contentsOf: CLITests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let between = readme.components(separatedBy: "<!-- variables:begin -->\n").last?
            .components(separatedBy: "<!-- variables:end -->").first
        // On a mismatch: regenerate the block with `qbr variables --format markdown`.
        #expect(between == result.stdout)
    }

    @Test func namesTypesExamplesAndEditions() throws {
        let text = try cli.qbr(["variables"]).stdout
        #expect(text.contains("outcomes.items[].attainment"))
        #expect(text.contains("health.score ◆"))
        #expect(!text.contains("account.name ◆"))
        #expect(text.contains("account.contract.arr") && text.contains("money e.g. $240,000"))
        let playbook = try cli.qbr(["variables", "--template", "playbook"]).stdout
        #expect(playbook.contains("checklist.tasks[].checked"))
        let shell = try cli.qbr(["variables", "--template", "deck.html"]).stdout
        #expect(shell.contains("slides[].notes") && !shell.contains("outcomes"))
        #expect(try cli.qbr(["variables", "--format", "pdf"]).status == 64)
    }
}
