import Foundation
import QBRPlaybooks
import QBRRender
import Testing

/// A team's playbooks end to end: suppressed playbooks said, old metric names warned, own roles, adjustment files.
@Suite struct PlaybookTeamCLITests {
    let cli = CLITests()

    /// Yellow health, two open escalations, a sponsor who took over on the run date, value demonstrated and seats
    /// nearly full.
    static let yellow = """
        account:
          id: Y-1
          name: Yellowstone
          csm: Sam Lee
          account_manager: Kim Cho
          executive_sponsor: {name: Ana Ruiz, since: 2026-10-15}
          contract: {start: 2025-01-01, renewal: 2027-06-30, seats: 200}
        outcomes:
          - {name: Close faster, baseline: 10, target: 8, actual: 7, direction: decrease}
        value_realized:
          - {amount: 50000, confirmed: true}
        usage: {seats_active: 190}
        health: {score: 62}
        signals: {open_escalations: 2, referral: false}
        """

    func folder(_ files: [String: String]) throws -> URL {
        let folder = try cli.temporaryFolder()
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func playbooksSaysWhatWasSuppressedAndWhy() throws {
        let result = try cli.qbr(["playbooks", "-", "--as-of", "2026-10-15"], stdin: Self.yellow)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("churn-risk: Churn-risk rescue (4 tasks)\n"))
        #expect(!result.stdout.contains("expansion: Expansion play"))
        #expect(
            result.stdout.contains(
                "expansion: suppressed by churn-risk (Expansion play would apply)\n  because value is demonstrated"))
        #expect(result.stdout.contains("exec-sponsor-gap: suppressed by sponsor-change"))
        let json = try cli.qbr(["playbooks", "-", "--json", "--as-of", "2026-10-15"], stdin: Self.yellow)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let suppressed = object?["suppressed"] as? [[String: Any]]
        #expect(suppressed?.compactMap { $0["id"] as? String } == ["exec-sponsor-gap", "expansion"])
        #expect(suppressed?.compactMap { $0["by"] as? String } == ["sponsor-change", "churn-risk"])
    }

    @Test func aChecklistWrittenBeforeSaysWhichPlaybookSuppressesItNow() throws {
        let both = try folder(["both.yaml": "id: churn-risk\nexcludes: []\n"])
        let out = try cli.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: both)
            try? FileManager.default.removeItem(at: out)
        }
        let render = ["render", "-", "--template", "playbook", "--out", out.path, "--as-of", "2026-10-15"]
        // Last month the team let both run: an expansion checklist was written, and a task ticked.
        #expect(try cli.qbr(render + ["--playbooks", both.path], stdin: Self.yellow).status == 0)
        let file = out.appendingPathComponent("Y-1.playbook-expansion.md")
        let written = try String(contentsOf: file, encoding: .utf8)
        try written.replacingOccurrences(of: "- [ ] **Put the value evidence", with: "- [x] **Put the value evidence")
            .write(to: file, atomically: true, encoding: .utf8)
        // Now churn-risk excludes expansion again: the file says so, and keeps the tick.
        #expect(try cli.qbr(render, stdin: Self.yellow).status == 0)
        let now = try String(contentsOf: file, encoding: .utf8)
        #expect(
            now.contains(
                "This playbook is suppressed by Churn-risk rescue as of 15 Oct 2026: it does not run while that one does."
            ))
        #expect(now.contains("- [x] **Put the value evidence"))
        #expect(now.contains("## No longer triggered"))
    }

    @Test func theInternalDeckAndTheSummarySayWhatIsSuppressed() throws {
        let deck = try cli.qbr(["render", "-", "--edition", "internal", "--as-of", "2026-10-15"], stdin: Self.yellow)
        #expect(
            deck.stdout.contains(
                "- *Expansion play* is suppressed by Churn-risk rescue; it would apply: value is demonstrated"))
        let summary = try cli.qbr(
            ["render", "-", "--template", "summary", "--as-of", "2026-10-15"], stdin: Self.yellow)
        #expect(summary.stdout.contains("- *Expansion play* — suppressed by Churn-risk rescue"))
        let customer = try cli.qbr(["render", "-", "--as-of", "2026-10-15"], stdin: Self.yellow)
        #expect(!customer.stdout.contains("suppressed"))
    }

    @Test func oldMetricNamesWorkWithAWarningNamingTheNewOne() throws {
        let folder = try folder([
            "old.yaml": """
            id: old
            title: Old names
            kind: churn
            when: usage.seat_utilization >= 90% and days_to_renewal <= 120
            tasks:
              - title: Act
            """
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let lint = try cli.qbr(["lint", "--playbooks", folder.path])
        #expect(lint.status == 65)
        let file = folder.appendingPathComponent("old.yaml").path
        #expect(
            lint.stderr.contains(
                "\(file):4:7: warning: when: usage.seat_utilization is an old name: write adoption.seat_utilization, the name templates use"
            ))
        #expect(
            lint.stderr.contains(
                "\(file):4:41: warning: when: days_to_renewal is an old name: write renewal.days, the name templates use"
            ))
        let playbooks = try cli.qbr(["playbooks", "-", "--playbooks", folder.path], stdin: Self.yellow)
        #expect(playbooks.status == 0)
        #expect(playbooks.stderr.contains("is an old name: write adoption.seat_utilization"))
    }

    @Test func aTeamsOwnRolesOwnTasks() throws {
        let team = try folder([
            "qbr.yaml":
                "roles:\n  solutions_engineer: Solutions engineer\n  champion: Champion\nplaybooks: Playbooks\n",
            "account.yaml": Self.yellow.replacingOccurrences(
                of: "  account_manager: Kim Cho\n",
                with: "  account_manager: Kim Cho\n  team: {solutions_engineer: Priya Nair}\n"),
        ])
        defer { try? FileManager.default.removeItem(at: team) }
        let playbooks = team.appendingPathComponent("Playbooks")
        try FileManager.default.createDirectory(at: playbooks, withIntermediateDirectories: true)
        try """
        id: technical
        title: Technical health
        kind: technical
        when: signals.open_escalations > 0
        tasks:
          - title: Review the integration with the customer's architects
            owner: solutions_engineer
          - title: Ask the champion to gather the teams' feedback
            owner: champion
        """.write(to: playbooks.appendingPathComponent("technical.yaml"), atomically: true, encoding: .utf8)
        let config = team.appendingPathComponent("qbr.yaml").path
        let account = team.appendingPathComponent("account.yaml").path
        let result = try cli.qbr(["playbooks", account, "--json", "--config", config, "--as-of", "2026-10-15"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let technical = (object?["playbooks"] as? [[String: Any]])?.first { $0["id"] as? String == "technical" }
        let tasks = technical?["tasks"] as? [[String: Any]]
        #expect(tasks?.compactMap { $0["owner"] as? String } == ["Priya Nair", "Champion (unassigned)"])
        #expect(tasks?.compactMap { $0["role"] as? String } == ["solutions_engineer", "champion"])
        // Without the config the role is unknown: a lint error with a suggestion.
        let lint = try cli.qbr(["lint", "--playbooks", playbooks.path])
        #expect(lint.status == 65)
        #expect(lint.stderr.contains("unknown owner role \"solutions_engineer\""))
        #expect(try cli.qbr(["lint", "--config", config]).status == 0)
    }

    @Test func aFileWithOnlyAnIdAndEnabledFalseSwitchesABuiltInOff() throws {
        let folder = try folder([
            "expansion.yaml": "id: expansion\nenabled: false\n", "quiet.yaml": "id: renewal\nenabled: false\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let lint = try cli.qbr(["lint", "--playbooks", folder.path])
        #expect(lint.status == 0, "\(lint.stderr)")
        let result = try cli.qbr(
            ["playbooks", "-", "--playbooks", folder.path, "--as-of", "2026-10-15"], stdin: Self.yellow)
        #expect(!result.stdout.contains("expansion"))
        #expect(!result.stdout.contains("renewal"))
        #expect(result.stdout.contains("churn-risk"))
    }

    @Test func theRuleReferenceIsInTheReadme() throws {
        let result = try cli.qbr(["variables", "--rules", "--format", "markdown"])
        #expect(result.status == 0)
        let readme = try String(contentsOf: CLITests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let between = readme.components(separatedBy: "<!-- rules:begin -->\n").last?
            .components(separatedBy: "<!-- rules:end -->").first
        // On a mismatch: regenerate the block with `qbr variables --rules --format markdown`.
        #expect(between == result.stdout)
        let text = try cli.qbr(["variables", "--rules"]).stdout
        #expect(text.contains("adoption.seat_utilization"))
        #expect(text.contains("(formerly usage.seat_utilization)"))
        #expect(text.contains("flags.renewal_risk"))
    }

    /// One vocabulary: a rule name that templates also have is the same figure; the old rule names are not
    /// template names.
    @Test func ruleNamesAreTemplateNames() throws {
        let templateNames = Set(
            TemplateVariables.entries(template: "qbr", playbooks: try PlaybookLibrary.builtIn()).map(\.name))
        let ruleOnly = [
            "adoption.lowest_feature_adoption", "account.days_since_start", "risks.high",
        ]
        for path in MetricCatalog.paths where !ruleOnly.contains(path) {
            #expect(templateNames.contains(path), "\(path) is not a template name")
        }
        for (old, new) in MetricCatalog.oldNames {
            #expect(!templateNames.contains(old), "\(old) → \(new)")
            #expect(templateNames.contains(new) || ruleOnly.contains(new), "\(new)")
        }
    }
}
