import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// A valid playbook file whose `when:` line (line 4) is `when`, with one task.
func playbookFile(id: String = "p", when: String = "when: health.band == \"red\"", tasks: String? = nil) -> String {
    """
    id: \(id)
    title: Test playbook
    kind: churn
    \(when)
    tasks:
    \(tasks ?? "  - title: Do the thing")

    """
}

@Suite struct PlaybookLibraryLoadingTests {
    @Test func loadsAPlaybookWithEveryField() throws {
        let text = """
            id: rescue
            title: Rescue
            kind: churn
            summary: Save the account.
            when: health.band == "red"
            tasks:
              - id: call
                title: Call the sponsor
                owner: executive_sponsor
                due: renewal-120d
                when: signals.open_escalations > 0
                detail: "{{account.csm}} joins."
              - title: Write a rescue plan
            """
        let library = try PlaybookLibrary(files: [("rescue.yaml", text)])
        #expect(library.warnings.isEmpty)
        #expect(library.playbooks.count == 1)
        let playbook = try #require(library.playbooks.first)
        #expect(playbook.id == "rescue")
        #expect(playbook.title == "Rescue")
        #expect(playbook.kind == "churn")
        #expect(playbook.summary == "Save the account.")
        #expect(playbook.trigger.source == "health.band == \"red\"")
        #expect(playbook.origin == "rescue.yaml")
        #expect(playbook.tasks.map(\.key) == ["call", "write-a-rescue-plan"])
        let call = playbook.tasks[0]
        #expect(call.title == "Call the sponsor")
        #expect(call.owner == .executiveSponsor)
        #expect(call.due == DueOffset(anchor: .renewal, amount: -120, unit: .days))
        #expect(call.condition?.source == "signals.open_escalations > 0")
        #expect(call.detail == "{{account.csm}} joins.")
        let plan = playbook.tasks[1]
        #expect(plan.owner == .csm)
        #expect(plan.due == nil)
        #expect(plan.condition == nil)
        #expect(plan.detail == nil)
    }

    @Test func taskKeysFromTitlesAreSlugs() {
        #expect(PlaybookLibrary.slug("Re-confirm the executive sponsor") == "re-confirm-the-executive-sponsor")
        #expect(PlaybookLibrary.slug("  Call Priya (CFO) — today!  ") == "call-priya-cfo-today")
        #expect(PlaybookLibrary.slug(String(repeating: "a", count: 80)).count == 60)
    }

    @Test func ordersByPriorityThenIdAndKeepsFlagOrder() throws {
        let library = try PlaybookLibrary(files: [
            ("b.yaml", playbookFile(id: "b")),
            ("a.yaml", playbookFile(id: "a")),
            ("flags.yaml", "flags:\n  one: health.score > 1\n  two: flags.one and health.score < 9\n"),
        ])
        #expect(library.playbooks.map(\.id) == ["a", "b"])
        #expect(library.flags.map(\.name) == ["one", "two"])
        let ranked = try PlaybookLibrary(files: [
            ("a.yaml", playbookFile(id: "a")),
            ("b.yaml", playbookFile(id: "b", when: "priority: 5\nwhen: health.band == \"red\"")),
            ("c.yaml", playbookFile(id: "c", when: "priority: -1\nwhen: health.band == \"red\"")),
        ])
        #expect(ranked.playbooks.map(\.id) == ["b", "a", "c"])
        #expect(ranked.playbooks.map(\.priority) == [5, 0, -1])
    }

    @Test func flagsDefinedInOneFileAreUsedInAnother() throws {
        let library = try PlaybookLibrary(files: [
            ("a.yaml", playbookFile(id: "a", when: "when: flags.risky and not flags.quiet")),
            ("z-flags.yaml", "flags:\n  risky: health.band == \"red\"\n  quiet: signals.open_escalations == 0\n"),
        ])
        let playbook = try #require(library.playbooks.first)
        #expect(
            playbook.trigger.holds(facts(makeAccount(health: Health(score: 30), signals: Signals(openEscalations: 2)))))
        #expect(
            !playbook.trigger.holds(facts(makeAccount(health: Health(score: 30), signals: Signals(openEscalations: 0))))
        )
        let values = library.flagValues(facts(makeAccount(health: Health(score: 30))))
        #expect(values == ["risky": true, "quiet": false])
    }

    @Test func aFlagUsesOnlyFlagsDefinedBeforeIt() {
        let errors = loadErrors([("flags.yaml", "flags:\n  two: flags.one\n  one: health.score > 1\n")])
        #expect(errors.count == 1)
        #expect(
            errors.first?.message.hasPrefix("unknown flag \"flags.one\" (no flags are defined before this rule)")
                == true)
        #expect(errors.first?.line == 2)
        #expect(errors.first?.column == 8)
        #expect(errors.first?.path == "flags.two")
    }

    @Test func aFlagDefinedTwiceOrBadlyNamed() {
        let errors = loadErrors([
            ("a.yaml", "flags:\n  risky: health.score < 50\n"),
            ("b.yaml", "flags:\n  risky: health.score < 40\n  bad-name: health.score < 40\n"),
        ])
        #expect(
            errors.map(\.message) == [
                "flag \"risky\" is defined twice",
                "a flag name uses letters, digits and _ only, found \"bad-name\"",
            ])
        #expect(errors.map(\.file) == ["b.yaml", "b.yaml"])
        #expect(errors.map(\.line) == [2, 3])
    }

    @Test func disabledPlaybooksAreLeftOut() throws {
        let library = try PlaybookLibrary(files: [
            ("a.yaml", playbookFile(id: "a") + "enabled: false\n"),
            ("b.yaml", playbookFile(id: "b") + "enabled: true\n"),
            ("c.yaml", playbookFile(id: "c")),
        ])
        #expect(library.playbooks.map(\.id) == ["b", "c"])
    }

    @Test func unknownKeysAreWarnings() throws {
        let library = try PlaybookLibrary(files: [("a.yaml", playbookFile(id: "a") + "owner: csm\n")])
        #expect(library.playbooks.count == 1)
        #expect(library.warnings.map(\.message) == ["unknown key \"owner\" is ignored"])
        #expect(library.warnings.first?.severity == .warning)
        #expect(library.warnings.first?.line == 7)
    }

    @Test func overridesABuiltInFileByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-playbooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try playbookFile(id: "churn-risk", when: "when: health.score < 30")
            .write(to: folder.appendingPathComponent("churn-risk.yaml"), atomically: true, encoding: .utf8)
        try playbookFile(id: "house-play", when: "when: flags.renewal_risk")
            .write(to: folder.appendingPathComponent("house.yml"), atomically: true, encoding: .utf8)
        try "not: [a playbook".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)

        let builtIn = try PlaybookLibrary.builtIn()
        let library = try PlaybookLibrary(overridesFrom: folder.path)
        #expect(library.playbooks.count == builtIn.playbooks.count + 1)
        let churn = try #require(library.playbooks.first { $0.id == "churn-risk" })
        #expect(churn.title == "Test playbook")
        #expect(churn.trigger.source == "health.score < 30")
        #expect(churn.origin == folder.appendingPathComponent("churn-risk.yaml").path)
        let house = try #require(library.playbooks.first { $0.id == "house-play" })
        #expect(house.origin == folder.appendingPathComponent("house.yml").path)
        // The other built-ins are kept, from the binary.
        #expect(library.playbooks.first { $0.id == "renewal" }?.origin == "Playbooks/renewal.yaml")
        #expect(library.flags.map(\.name) == builtIn.flags.map(\.name))
    }

    @Test func aMissingOverrideFolder() {
        do {
            _ = try PlaybookLibrary(overridesFrom: "/nonexistent/qbr-playbooks")
            Issue.record("expected a missing folder to be refused")
        } catch {
            #expect(error.missingFolder)
            #expect(error.description == "/nonexistent/qbr-playbooks: error: playbook folder does not exist")
        }
    }

    @Test func anAliasBombOrDeepNestingIsRefusedBeforeItIsBuilt() {
        // Nine levels of ten aliases each: a billion values once expanded.
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let bombErrors = loadErrors([("bomb.yaml", bomb)])
        #expect(bombErrors.count == 1)
        #expect(bombErrors.first?.description.hasPrefix("bomb.yaml:") == true)
        #expect(bombErrors.first?.description.contains("the playbook file") == true)
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let deepErrors = loadErrors([("deep.yaml", deep)])
        #expect(deepErrors.count == 1)
        #expect(deepErrors.first?.description.hasPrefix("deep.yaml:1:1: error: is nested more than 64 levels deep") == true)
    }

    @Test func anEmptyFileIsSkipped() throws {
        let library = try PlaybookLibrary(files: [("empty.yaml", ""), ("a.yaml", playbookFile(id: "a"))])
        #expect(library.playbooks.map(\.id) == ["a"])
    }
}

@Suite struct PlaybookLibraryErrorTests {
    // MARK: Rules at the exact spot, with a caret

    @Test func aPlainScalarRule() throws {
        let errors = loadErrors([("p.yaml", playbookFile(when: "when: helth.band == \"red\""))])
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.file == "p.yaml")
        #expect(error.line == 4)
        #expect(error.column == 7)
        #expect(error.path == "when")
        #expect(
            error.description == """
                p.yaml:4:7: error: when: unknown metric "helth.band" (did you mean health.band?)
                    when: helth.band == "red"
                          ^^^^^^^^^^
                """)
    }

    @Test func anErrorInTheMiddleOfAPlainRule() throws {
        let errors = loadErrors([("p.yaml", playbookFile(when: "when: health.score < 50 or health.band > 3"))])
        #expect(
            errors.map(\.description) == [
                """
                p.yaml:4:42: error: when: health.band is a text but 3 is a number
                    when: health.score < 50 or health.band > 3
                                                             ^
                """
            ])
    }

    @Test func aSingleQuotedRule() throws {
        let errors = loadErrors([("p.yaml", playbookFile(when: "when: 'health.band == \"purple\"'"))])
        #expect(
            errors.map(\.description) == [
                """
                p.yaml:4:23: error: when: health.band is one of "green", "yellow", "red", never "purple"
                    when: 'health.band == "purple"'
                                          ^^^^^^^^
                """
            ])
    }

    @Test func aDoubleQuotedRule() throws {
        let errors = loadErrors([("p.yaml", playbookFile(when: "when: \"health.score > 50%\""))])
        #expect(
            errors.map(\.description) == [
                """
                p.yaml:4:23: error: when: health.score is a score 0–100, not a percentage: drop the %
                    when: "health.score > 50%"
                                          ^^^
                """
            ])
    }

    @Test func aDoubleQuotedRuleWithEscapedQuotes() throws {
        let errors = loadErrors([("p.yaml", playbookFile(when: #"when: "health.band == \"red\" or helth.score > 3""#))])
        let error = try #require(errors.first)
        #expect(error.line == 4)
        #expect(error.column == 34)
        #expect(
            error.message == """
                unknown metric "helth.score" (did you mean health.score?)
                    when: "health.band == \\"red\\" or helth.score > 3"
                                                     ^^^^^^^^^^^
                """)
    }

    @Test func aFoldedMultiLineRule() throws {
        let when = """
            when: >-
              health.band == "red"
              or health.band > 3
            """
        let errors = loadErrors([("p.yaml", playbookFile(when: when))])
        #expect(
            errors.map(\.description) == [
                """
                p.yaml:6:20: error: when: health.band is a text but 3 is a number
                      or health.band > 3
                                       ^
                """
            ])
    }

    @Test func aFoldedRuleErrorOnItsFirstLine() throws {
        let when = """
            when: >-
              helth.band == "red"
              or signals.open_escalations > 0
            """
        let errors = loadErrors([("p.yaml", playbookFile(when: when))])
        let error = try #require(errors.first)
        #expect(error.line == 5)
        #expect(error.column == 3)
        #expect(error.message.hasSuffix("\n      helth.band == \"red\"\n      ^^^^^^^^^^"))
    }

    @Test func aPlainRuleContinuedOnTheNextLine() throws {
        let when = """
            when: health.band == "red"
              or usage.trend_90d <= -20
            """
        let errors = loadErrors([("p.yaml", playbookFile(when: when))])
        let error = try #require(errors.first)
        #expect(error.line == 5)
        #expect(error.column == 25)
        #expect(
            error.message == """
                usage.trend_90d is a share: write -20% (or -0.2)
                      or usage.trend_90d <= -20
                                            ^^^
                """)
    }

    @Test func aTaskRule() throws {
        let tasks = """
              - title: First
              - title: Second
                when: health.score
            """
        let errors = loadErrors([("p.yaml", playbookFile(tasks: tasks))])
        #expect(
            errors.map(\.description) == [
                """
                p.yaml:8:11: error: tasks[1].when: health.score is a number, not a yes/no condition: compare it, e.g. health.score > 0
                        when: health.score
                              ^^^^^^^^^^^^
                """
            ])
    }

    @Test func aFlagRule() throws {
        let errors = loadErrors([("flags.yaml", "flags:\n  risky: health.band = \"red\"\n")])
        #expect(
            errors.map(\.description) == [
                """
                flags.yaml:2:22: error: flags.risky: unexpected "=": use == to compare
                      risky: health.band = "red"
                                         ^
                """
            ])
    }

    @Test func syntaxErrorsAtTheirColumn() throws {
        let cases: [(when: String, column: Int, message: String)] = [
            ("when: (health.score > 50 or signals.nps > 0", 7, "this parenthesis is never closed"),
            ("when: 'health.band == \"red'", 23, "this string is never closed with \""),
            ("when: health.score > 50 health.band", 25, "expected and, or or the end of the rule here"),
            ("when: \"\"", 8, "the rule is empty"),
        ]
        for (when, column, message) in cases {
            let errors = loadErrors([("p.yaml", playbookFile(when: when))])
            #expect(errors.count == 1, "\(when)")
            #expect(errors.first?.line == 4, "\(when)")
            #expect(errors.first?.column == column, "\(when)")
            #expect(errors.first?.message.hasPrefix(message + "\n    \(when)\n") == true, "\(when)")
        }
    }

    @Test
    func andWithNothingAfterPointsAtTheEndOfTheRule() throws {
        let errors = loadErrors([("p.yaml", playbookFile(when: "when: health.score > 50 and"))])
        #expect(
            errors.map(\.description) == [
                """
                p.yaml:4:28: error: when: the rule ends here but a value or metric was expected
                    when: health.score > 50 and
                                               ^
                """
            ])
    }

    @Test
    func aRuleInAFileWithWindowsLineEndings() throws {
        let text = playbookFile(when: "when: helth.band == \"red\"").replacingOccurrences(of: "\n", with: "\r\n")
        let errors = loadErrors([("p.yaml", text)])
        #expect(
            errors.map(\.description) == [
                """
                p.yaml:4:7: error: when: unknown metric "helth.band" (did you mean health.band?)
                    when: helth.band == "red"
                          ^^^^^^^^^^
                """
            ])
    }

    @Test func andWithNothingAfterIsRefused() throws {
        let errors = loadErrors([("p.yaml", playbookFile(when: "when: health.score > 50 and"))])
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("the rule ends here but a value or metric was expected") == true)
    }

    @Test func aRuleThatIsNotText() throws {
        let errors = loadErrors([("p.yaml", playbookFile(when: "when: [health.score > 1]"))])
        #expect(errors.map(\.message) == ["expected a rule as text, found a list"])
        #expect(errors.first?.line == 4)
    }

    // MARK: Tasks

    @Test func anUnknownOwnerRole() throws {
        let tasks = """
              - title: Call
                owner: csn
            """
        let errors = loadErrors([("p.yaml", playbookFile(tasks: tasks))])
        #expect(
            errors.map(\.description) == [
                "p.yaml:7:12: error: tasks[0].owner: unknown owner role \"csn\" (did you mean csm?): expected one of csm, account_manager, executive_sponsor, support, portfolio_owner (a team adds its own under roles: in qbr.yaml)"
            ])
    }

    @Test func anUnknownOwnerRoleWithNothingClose() throws {
        let tasks = """
              - title: Call
                owner: the whole team
            """
        let errors = loadErrors([("p.yaml", playbookFile(tasks: tasks))])
        #expect(
            errors.map(\.message) == [
                "unknown owner role \"the whole team\": expected one of csm, account_manager, executive_sponsor, support, portfolio_owner (a team adds its own under roles: in qbr.yaml)"
            ])
    }

    @Test func aMalformedDueOffset() throws {
        let tasks = """
              - title: Call
                due: 7d
            """
        let errors = loadErrors([("p.yaml", playbookFile(tasks: tasks))])
        #expect(
            errors.map(\.description) == [
                "p.yaml:7:10: error: tasks[0].due: \"7d\" is not a due offset: expected +7d, -3d, +2w, +1m, renewal-120d, start+30d, today or renewal"
            ])
    }

    @Test func duplicateTaskIds() throws {
        let tasks = """
              - id: call
                title: Call the sponsor
              - id: call
                title: Call the CFO
            """
        let errors = loadErrors([("p.yaml", playbookFile(tasks: tasks))])
        #expect(errors.map(\.message) == ["task id \"call\" is used twice in this playbook; give each task its own id"])
        #expect(errors.first?.line == 8)
        #expect(errors.first?.column == 9)
        #expect(errors.first?.path == "tasks[1].id")
    }

    @Test func duplicateTaskIdsFromTitles() throws {
        let tasks = """
              - title: Call the sponsor
              - title: Call the sponsor!
            """
        let errors = loadErrors([("p.yaml", playbookFile(tasks: tasks))])
        #expect(
            errors.map(\.message) == [
                "task id \"call-the-sponsor\" is used twice in this playbook; give each task its own id"
            ])
        #expect(errors.first?.line == 7)
    }

    @Test func anInvalidDetailTemplate() throws {
        let tasks = """
              - title: Call
                detail: "{{#account.sponsor}}Call them"
            """
        let errors = loadErrors([("p.yaml", playbookFile(tasks: tasks))])
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("the detail is not a valid Mustache template: ") == true)
        #expect(errors.first?.line == 7)
        #expect(errors.first?.column == 13)
        #expect(errors.first?.path == "tasks[0].detail")
    }

    @Test func aTaskWithoutATitle() throws {
        let errors = loadErrors([("p.yaml", playbookFile(tasks: "  - owner: csm"))])
        #expect(errors.map(\.message) == ["is required but missing"])
        #expect(errors.first?.path == "tasks[0].title")
    }

    @Test func aPlaybookWithoutTasks() throws {
        let errors = loadErrors([("p.yaml", "id: p\ntitle: T\nkind: churn\nwhen: health.score < 50\n")])
        #expect(errors.map(\.message) == ["is required but missing"])
        #expect(errors.first?.path == "tasks")
    }

    // MARK: Playbook fields

    @Test(arguments: [("id", 1), ("title", 2), ("kind", 3), ("when", 4)])
    func aMissingRequiredField(_ field: String, _ line: Int) throws {
        var lines = playbookFile(when: "when: health.score < 50").components(separatedBy: "\n")
        lines.remove(at: line - 1)
        let errors = loadErrors([("p.yaml", lines.joined(separator: "\n"))])
        #expect(
            errors.map(\.description) == ["p.yaml:1:1: error: \(field): is required but missing"], "\(field)")
    }

    @Test func anEmptyTitle() throws {
        let text = playbookFile().replacingOccurrences(of: "title: Test playbook", with: "title: \"  \"")
        let errors = loadErrors([("p.yaml", text)])
        #expect(errors.map(\.description) == ["p.yaml:2:8: error: title: must not be empty"])
    }

    @Test func anIdWithSpaces() throws {
        let errors = loadErrors([("p.yaml", playbookFile(id: "churn risk"))])
        #expect(errors.map(\.message) == ["an id uses letters, digits, - and _ only, found \"churn risk\""])
    }

    @Test func duplicatePlaybookIdsAcrossFiles() throws {
        let errors = loadErrors([("a.yaml", playbookFile(id: "rescue")), ("b.yaml", playbookFile(id: "rescue"))])
        #expect(
            errors.map(\.description) == ["b.yaml:1:5: error: id: playbook id \"rescue\" is already used by a.yaml"])
    }

    @Test func duplicateIdOfADisabledPlaybookStillClashes() throws {
        let errors = loadErrors([
            ("a.yaml", playbookFile(id: "rescue") + "enabled: false\n"), ("b.yaml", playbookFile(id: "rescue")),
        ])
        #expect(errors.map(\.message) == ["playbook id \"rescue\" is already used by a.yaml"])
    }

    @Test func invalidYAML() throws {
        let errors = loadErrors([("p.yaml", "id: [unclosed\n")])
        #expect(errors.count == 1)
        #expect(errors.first?.file == "p.yaml")
        #expect(errors.first?.message.hasPrefix("is not valid YAML or JSON: ") == true)
        #expect(errors.first?.line != nil)  // with its line, like an account file's
    }

    @Test func aFileThatIsNotAMapping() throws {
        let errors = loadErrors([("p.yaml", "- id: p\n")])
        #expect(errors.map(\.message) == ["expected a mapping of keys, found a list"])
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let tasks = """
              - title: Call
                owner: csn
                due: soon
                when: helth.score > 1
            """
        let errors = loadErrors([
            ("a.yaml", playbookFile(id: "a", when: "when: health.band > 3", tasks: tasks)),
            ("b.yaml", playbookFile(id: "b", when: "when: flags.nothing")),
        ])
        #expect(errors.map(\.file) == ["a.yaml", "a.yaml", "a.yaml", "a.yaml", "b.yaml"])
        #expect(errors.map(\.path) == ["when", "tasks[0].owner", "tasks[0].due", "tasks[0].when", "when"])
    }
}
