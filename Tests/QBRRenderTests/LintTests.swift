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
            "unknown-variable.md.mustache:3:18: error: unknown variable \"renewal_owner\": no account provides it"
        ),
        (
            "unknown-section.md.mustache",
            "unknown-section.md.mustache:2:4: error: unknown section \"milestones\": no account provides it"
        ),
        (
            "typo.md.mustache",
            "typo.md.mustache:2:16: error: unknown variable \"atainment\": no account provides it (did you mean \"attainment\"?)"
        ),
        (
            "typo-dotted.md.mustache",
            "typo-dotted.md.mustache:1:15: error: unknown variable \"account.cms\": no account provides it (did you mean \"account.csm\"?)"
        ),
        (
            "missing-partial.md.mustache",
            "missing-partial.md.mustache:1:5: error: partial \"partials/outcome.md\" does not exist (did you mean \"partials/outcomes.md\"?)"
        ),
        (
            "missing-parent.md.mustache",
            "missing-parent.md.mustache:1:4: error: parent template \"default-qbrr.md\" does not exist (did you mean \"default-qbr.md\"?)"
        ),
        (
            "syntax-error.md.mustache",
            "syntax-error.md.mustache:3:4: error: Mustache syntax: the closing tag does not match the open section"
        ),
        (
            "unclosed-section.md.mustache",
            "unclosed-section.md.mustache:3:1: error: Mustache syntax: a section is opened but never closed"
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
            "unknown-owner.yaml:8:12: error: tasks[0].owner: unknown owner role \"csn\" (did you mean csm?): expected one of csm, account_manager, executive_sponsor, support, portfolio_owner"
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

    // MARK: The name tree comes from the view model

    @Test func namesPresentOnlySometimesAreKnown() {
        let tree = Self.linter.document
        func has(_ path: String) -> Bool {
            var node: NameTree? = tree
            for part in path.split(separator: ".") {
                node = part == "[]" ? node?.element?.tree : node?.children[String(part)]
            }
            return node != nil
        }
        for name in [
            "health.green", "health.yellow", "health.red", "health.computed", "renewal.past_due",
            "revenue.grr_masking", "expansion.ready", "signals.referral", "action_plan.pages.[].continued",
            "action_plan.pages.[].paged", "outcomes.items.[].attainment.signed", "value.roi_multiple.raw",
            "account.contract.renewal.long", "adoption.monthly_active_users.[].raw", "changes.items.[].percent.signed",
            "mermaid.waterfall", "playbooks.items.[].because", "flags.renewal_risk", "flags.usage_falling",
            "edition.customer", "edition.internal", "company",
        ] {
            #expect(has(name), "\(name)")
        }
        #expect(!has("outcomes.items.[].attainment.compact"))  // a percent has no compact form
    }

    // MARK: Scanning and resolving

    func lint(_ text: String, name: String = "doc.md") -> [String] {
        Self.linter.lint(name: name, text: text, origin: "t", templates: ["partials/a.md"]).map(\.description)
    }

    @Test func transformsDotAndTheContextStackAreAccepted() {
        #expect(lint("{{#outcomes.items}}{{name}}{{^last()}}, {{/last()}}{{account.name}}{{/outcomes.items}}") == [])
        #expect(lint("{{#narrative.asks}}{{.}}{{#first()}}!{{/first()}}{{/narrative.asks}}") == [])
        #expect(lint("{{count(outcomes.items)}} {{#empty(risks.items)}}none{{/empty(risks.items)}}") == [])
        #expect(lint("{{#first(outcomes.items)}}{{.name}}{{/first(outcomes.items)}}") == [])
        #expect(lint("{{{mermaid.outcomes}}} {{& title}} {{! {{nonsense}} }}{{> partials/a.md}}") == [])
    }

    @Test func namesAreCheckedInsideListsAndAfterDelimiterChanges() {
        #expect(
            lint("{{#outcomes.items}}\n  {{.nmae}}\n{{/outcomes.items}}") == [
                "t:2:5: error: unknown variable \".nmae\": no account provides it (did you mean \".name\"?)"
            ])
        #expect(
            lint("{{=<% %>=}}\n<% titel %>") == [
                "t:2:4: error: unknown variable \"titel\": no account provides it (did you mean \"title\"?)"
            ])
        #expect(lint("{{shout(title)}}") == ["t:1:3: error: unknown transform \"shout\" in \"shout(title)\""])
    }

    @Test func eachKindOfTemplateSeesItsOwnNames() {
        #expect(lint("{{#checklist.tasks}}{{marker}} {{due.long}}{{/checklist.tasks}}", name: "playbook.md") == [])
        #expect(
            lint("{{checklist.title}}", name: "qbr.md") == [
                "t:1:3: error: unknown variable \"checklist\": no account provides it"
            ])
        #expect(
            lint("{{#slides}}{{{html}}}{{notes}}{{/slides}}{{theme.font_body}}{{slide_count}}", name: "deck.html") == []
        )
        #expect(
            lint("{{account.name}}", name: "deck.html") == [
                "t:1:3: error: unknown variable \"account\": no account provides it"
            ])
    }
}
