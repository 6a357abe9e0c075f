import Foundation
import QBRCore
import QBRPlaybooks
import Testing

@testable import QBRRender

/// `qbr lint`: one fixture per mistake, each finding with its exact file, line, column and message.
@Suite struct LintTests {
    static let templateFolder = fixtures.appendingPathComponent("lint/templates").path
    static let playbookFolder = fixtures.appendingPathComponent("lint/playbooks").path
    static let templateRun = Linter.run(templates: templateFolder, playbooks: nil)
    static let playbookRun = Linter.run(templates: nil, playbooks: playbookFolder)
    static let linter = TemplateLinter(playbooks: try? PlaybookLibrary.builtIn())

    /// The findings in one fixture, as printed (first line: the caret snippet of rule errors follows).
    static func findings(_ result: Linter.Result, folder: String, file: String) -> [String] {
        result.diagnostics.filter { $0.file == folder + "/" + file }.map {
            String($0.description.split(separator: "\n", omittingEmptySubsequences: false)[0])
                .replacingOccurrences(of: folder + "/", with: "")
        }
    }

    @Test(arguments: [
        (
            "unknown-variable.md.mustache",
            "unknown-variable.md.mustache:3:18: error: `renewal_owner` is not a name here"
        ),
        (
            "unknown-section.md.mustache",
            "unknown-section.md.mustache:2:4: error: `milestones.items` is not a name here (in `{{#outcomes}}`)"
        ),
        (
            "typo.md.mustache",
            "typo.md.mustache:2:16: error: `atainment` is not a name here (in `{{#outcomes.items}}`); did you mean `attainment`?"
        ),
        (
            "typo-dotted.md.mustache",
            "typo-dotted.md.mustache:1:15: error: `cms` is not a name of `account` (Account); did you mean `account.csm`?"
        ),
        (
            "missing-partial.md.mustache",
            "missing-partial.md.mustache:1:5: error: no template named `partials/outcome.md` for `{{>partials/outcome.md}}`; did you mean `partials/outcomes.md`?"
        ),
        (
            "missing-parent.md.mustache",
            "missing-parent.md.mustache:1:4: error: no template named `default-qbrr.md` for `{{<default-qbrr.md}}`; did you mean `default-qbr.md`?"
        ),
        (
            "syntax-error.md.mustache",
            "syntax-error.md.mustache:3:4: error: Mustache syntax: `/outcome` does not close the open section `#outcomes` (opened at line 1, column 4)"
        ),
        (
            "unclosed-section.md.mustache",
            "unclosed-section.md.mustache:1:4: error: Mustache syntax: section `#value` is never closed (no `/value`)"
        ),
    ])
    func templateFinding(file: String, expected: String) {
        #expect(Self.findings(Self.templateRun, folder: Self.templateFolder, file: file) == [expected])
    }

    @Test func everyTemplateFindingIsInAFixtureAndEveryFileIsReported() {
        // Syntax errors in two files are both reported: each file is parsed on its own.
        #expect(Self.templateRun.diagnostics.count == 8)
        #expect(Self.templateRun.diagnostics.allSatisfy { $0.file?.hasPrefix(Self.templateFolder) == true })
        #expect(!Self.templateRun.missingFolder)
    }

    @Test(arguments: [
        (
            "unknown-metric.yaml",
            "unknown-metric.yaml:4:7: error: when: unknown metric \"health.scor\" (did you mean health.score?)"
        ),
        (
            "type-mismatch.yaml",
            "type-mismatch.yaml:4:21: error: when: health.band is a text but 50 is a number"
        ),
        (
            "rule-syntax.yaml",
            "rule-syntax.yaml:4:22: error: when: expected a metric, number, \"text\", true or false here"
        ),
        (
            "unknown-owner.yaml",
            "unknown-owner.yaml:8:12: error: tasks[0].owner: unknown owner role \"csn\" (did you mean csm?): expected one of csm, account_manager, executive_sponsor, support, portfolio_owner (a team adds its own under roles: in qbr.yaml)"
        ),
        (
            "malformed-due.yaml",
            "malformed-due.yaml:9:10: error: tasks[0].due: \"in a week\" is not a due offset: expected +7d, -3d, +2w, +1m, renewal-120d, start+30d, today or renewal"
        ),
        (
            "duplicate-task-id.yaml",
            "duplicate-task-id.yaml:10:9: error: tasks[1].id: task id \"call\" is used twice in this playbook; give each task its own id"
        ),
        (
            "zz-duplicate-playbook-id.yaml",
            "zz-duplicate-playbook-id.yaml:1:5: error: id: playbook id \"renewal\" is already used by Playbooks/renewal.yaml"
        ),
    ])
    func playbookFinding(file: String, expected: String) {
        #expect(Self.findings(Self.playbookRun, folder: Self.playbookFolder, file: file) == [expected])
    }

    @Test func everyPlaybookFindingIsInAFixture() {
        #expect(Self.playbookRun.diagnostics.count == 7)
        #expect(Self.playbookRun.diagnostics.allSatisfy { $0.file?.hasPrefix(Self.playbookFolder) == true })
    }

    @Test func theShippedTemplatesAndPlaybooksLintClean() {
        let builtIn = Linter.run(templates: nil, playbooks: nil)
        #expect(builtIn.diagnostics.map(\.description) == [])
        // The files on disk too, as a team copying them would lint them.
        let onDisk = Linter.run(
            templates: repository.appendingPathComponent("Templates").path,
            playbooks: repository.appendingPathComponent("Playbooks").path)
        #expect(onDisk.diagnostics.map(\.description) == [])
    }

    @Test func aMissingFolderIsReported() {
        let result = Linter.run(templates: "/nonexistent/templates", playbooks: "/nonexistent/playbooks")
        #expect(result.missingFolder)
        #expect(
            result.diagnostics.map(\.description) == [
                "/nonexistent/templates: error: template folder does not exist",
                "/nonexistent/playbooks: error: playbook folder does not exist",
            ])
    }

    // MARK: The compiler checks every name against the declared view model

    /// The findings of `text` as the template `name` among the built-in templates, its file shown as `t`.
    func lint(_ text: String, name: String = "doc.md") throws -> [String] {
        var sources = try TemplateLibrary.sources(overridesFrom: nil)
        sources[name] = (text, "t")
        return Self.linter.lint(sources: sources).filter { $0.file == "t" }.map(\.description)
    }

    @Test func namesPresentOnlySometimesAreKnown() throws {
        for name in [
            "health.green", "health.yellow", "health.red", "health.computed", "renewal.past_due",
            "revenue.grr_masking", "expansion.ready", "signals.referral", "outcomes.items.0.attainment.signed",
            "value.roi_multiple.raw", "account.contract.renewal.long", "changes.since", "mermaid.waterfall",
            "flags.renewal_risk", "flags.usage_falling", "edition.customer", "edition.internal", "company",
        ] {
            // A dotted name through a list is written inside its section; the rest directly.
            let parts = name.split(separator: ".").map(String.init)
            let text =
                parts.count > 2 && parts[2] == "0"
                ? "{{#\(parts[0]).\(parts[1])}}{{\(parts[3...].joined(separator: "."))}}{{/\(parts[0]).\(parts[1])}}"
                : "{{\(name)}}"
            #expect(try lint(text) == [], "\(name)")
        }
        #expect(try lint("{{#outcomes.items}}{{attainment.compact}}{{/outcomes.items}}") != [])  // a percent has no compact form
    }

    @Test func positionsDotAndTheContextStackAreAccepted() throws {
        #expect(try lint("{{#outcomes.items}}{{name}}{{^@last}}, {{/@last}}{{account.name}}{{/outcomes.items}}") == [])
        #expect(try lint("{{#narrative.asks}}{{.}}{{#@first}}!{{/@first}}{{@index}}{{/narrative.asks}}") == [])
        #expect(try lint("{{{mermaid.outcomes}}} {{& title}} {{! {{nonsense}} }}{{> partials/value.md}}") == [])
    }

    @Test func namesAreCheckedInsideListsAndAfterDelimiterChanges() throws {
        let inList = try lint("{{#outcomes.items}}\n  {{nmae}}\n{{/outcomes.items}}")
        #expect(inList == ["t:2:5: error: `nmae` is not a name here (in `{{#outcomes.items}}`); did you mean `name`?"])
        let delimiters = try lint("{{=<% %>=}}\n<% titel %>")
        #expect(delimiters == ["t:2:4: error: `titel` is not a name here; did you mean `title`?"])
    }

    /// The misses of the issue: each is found, with a did-you-mean that crosses scopes.
    @Test func aSectionOverAnObjectSuggestsTheListInside() throws {
        let found = try lint("{{#outcomes}}{{atainment}}{{/outcomes}}")
        #expect(found.count == 1 && found[0].contains("outcomes.items[].attainment"), "\(found)")
    }

    @Test func aMisspelledBlockInAnInheritingTemplateIsFound() throws {
        let found = try lint("{{<default-qbr.md}}\n{{$valeu}}\n## Ours\n{{/valeu}}\n{{/default-qbr.md}}\n", name: "qbr.md")
        #expect(
            found == [
                "t:2:4: error: `{{$valeu}}` is not a block of `default-qbr.md`, so it is never shown; did you mean `value`?"
            ])
    }

    @Test func playbookTaskDetailsAreChecked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            id: detail-check
            title: Detail check
            kind: churn
            when: health.score < 50
            tasks:
              - id: call
                title: Call
                owner: csm
                detail: "{{account.csm_name}} runs them"
            """.write(to: folder.appendingPathComponent("detail-check.yaml"), atomically: true, encoding: .utf8)
        let result = Linter.run(templates: nil, playbooks: folder.path)
        let found = result.diagnostics.filter { $0.file == folder.appendingPathComponent("detail-check.yaml").path }
            .map(\.description)
        #expect(found.count == 1, "\(found)")
        // The detail starts after the quote at column 13; its tag's name at column 16.
        #expect(
            found.first?.contains("detail-check.yaml:9:16: error: task \"call\" detail: `csm_name` is not a name of `account`")
                == true, "\(found)")
        #expect(found.first?.contains("`csm`") == true, "\(found)")
    }

    @Test func eachKindOfTemplateSeesItsOwnNames() throws {
        #expect(try lint("{{#checklist.tasks}}{{marker}} {{due.long}}{{/checklist.tasks}}", name: "playbook.md") == [])
        #expect(try lint("{{#slides}}{{{html}}}{{notes}}{{/slides}}{{theme.font_body}}{{slide_count}}", name: "deck.html") == [])
        #expect(try lint("{{account.name}}", name: "deck.html").count == 1)
        #expect(try lint("{{#rows}}{{name}}{{/rows}}{{bands.green}}", name: "portfolio.md") == [])
    }
}
