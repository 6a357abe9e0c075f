import Foundation
import Testing

/// End-to-end runs of `qbr playbooks` and `qbr render --template playbook`.
@Suite struct PlaybookCLITests {
    let cli = CLITests()

    static let red = """
        account:
          id: R-1
          name: Redwood
          csm: Sam Lee
          account_manager: Kim Cho
          executive_sponsor: {name: Ana Ruiz, since: 2026-09-07}
          contract: {start: 2025-01-01, renewal: 2027-02-28}
        health: {score: 42}
        usage: {monthly_active_users: [100, 90, 80, 75]}
        """

    @Test func listsTriggeredPlaybooksWithReasons() throws {
        let result = try cli.qbr(["playbooks", "-", "--as-of", "2026-10-15"], stdin: Self.red)
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                churn-risk: Churn-risk rescue (5 tasks)
                  because health is red (score 42); usage fell 25% over 90 days
                renewal: Renewal timeline (5 tasks)
                  because renewal in 136 days (2027-02-28)
                sponsor-change: New executive sponsor (4 tasks)
                  because the sponsor changed 38 days ago (Ana Ruiz took over)
                exec-sponsor-gap: suppressed by sponsor-change (Executive sponsor gap would apply)
                  because the sponsor changed 38 days ago (Ana Ruiz took over)

                """)
    }

    /// Issue 14: one task is "1 task".
    @Test func oneTaskIsOneTask() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            id: single
            title: Single step
            kind: other
            summary: One thing to do.
            when: health.score > 0
            tasks:
              - {id: only, title: Do the one thing, owner: csm, due: +7d}
            """.write(to: folder.appendingPathComponent("single.yaml"), atomically: true, encoding: .utf8)
        let result = try cli.qbr(
            ["playbooks", "-", "--as-of", "2026-10-15", "--playbooks", folder.path], stdin: Self.red)
        #expect(result.stdout.contains("single: Single step (1 task)\n"))
        #expect(!result.stdout.contains("(1 tasks)"))
    }

    @Test func listsAsJSON() throws {
        let result = try cli.qbr(["playbooks", "-", "--json", "--as-of", "2026-10-15"], stdin: Self.red)
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let playbooks = object?["playbooks"] as? [[String: Any]]
        #expect(playbooks?.compactMap { $0["id"] as? String } == ["churn-risk", "renewal", "sponsor-change"])
        #expect((object?["flags"] as? [String: Bool])?["usage_falling"] == true)
        let tasks = playbooks?.first?["tasks"] as? [[String: Any]]
        #expect(tasks?.first?["id"] as? String == "churn-risk/rescue-plan")
        #expect(tasks?.first?["due"] as? String == "2026-10-22")
    }

    @Test func ticksSurviveWhenAPlaybookStopsTriggering() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.path
        let first = try cli.qbr(
            ["render", "-", "--template", "playbook", "--out", out, "--as-of", "2026-10-15"], stdin: Self.red)
        #expect(first.status == 0)
        let churnFile = folder.appendingPathComponent("R-1.playbook-churn-risk.md")
        let sponsorFile = folder.appendingPathComponent("R-1.playbook-sponsor-change.md")
        // A person ticks two tasks, one in each checklist.
        var churn = try String(contentsOf: churnFile, encoding: .utf8)
        churn = churn.replacingOccurrences(
            of: "- [ ] **Write a one-page rescue plan", with: "- [x] **Write a one-page rescue plan")
        try churn.write(to: churnFile, atomically: true, encoding: .utf8)
        var sponsor = try String(contentsOf: sponsorFile, encoding: .utf8)
        sponsor = sponsor.replacingOccurrences(
            of: "- [ ] **Re-confirm the executive sponsor", with: "- [x] **Re-confirm the executive sponsor")
        try sponsor.write(to: sponsorFile, atomically: true, encoding: .utf8)

        // The account recovers: churn-risk no longer triggers; the sponsor change still does.
        let recovered = Self.red.replacingOccurrences(of: "score: 42", with: "score: 88")
            .replacingOccurrences(of: "[100, 90, 80, 75]", with: "[100, 101, 103, 104]")
        let second = try cli.qbr(
            ["render", "-", "--template", "playbook", "--out", out, "--as-of", "2026-10-15"], stdin: recovered)
        #expect(second.status == 0)
        let churnAfter = try String(contentsOf: churnFile, encoding: .utf8)
        #expect(churnAfter.contains("This playbook no longer applies"))
        #expect(churnAfter.contains("## No longer triggered\n\n- [x] **Write a one-page rescue plan"))
        let sponsorAfter = try String(contentsOf: sponsorFile, encoding: .utf8)
        #expect(sponsorAfter.contains("- [x] **Re-confirm the executive sponsor"))
        #expect(!sponsorAfter.contains("No longer triggered"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["R-1.playbook-churn-risk.md", "R-1.playbook-renewal.md", "R-1.playbook-sponsor-change.md"])
    }

    @Test func htmlChecklistsHaveRealCheckboxes() throws {
        let result = try cli.qbr(
            ["render", "-", "--template", "playbook", "--format", "html", "--as-of", "2026-10-15"], stdin: Self.red)
        #expect(result.status == 0 && result.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(result.stdout.contains(#"<input type="checkbox" disabled="" />"#))
    }

    @Test func playbookErrorsPointAtTheSpot() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id: mine\ntitle: Mine\nkind: churn\nwhen: helth.band == \"red\"\ntasks: [{title: Call}]\n"
            .write(to: folder.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let result = try cli.qbr(["playbooks", "-", "--playbooks", folder.path], stdin: Self.red)
        #expect(result.status == 65)
        #expect(
            result.stderr == """
                \(folder.path)/mine.yaml:4:7: error: when: unknown metric "helth.band" (did you mean health.band?)
                    when: helth.band == "red"
                          ^^^^^^^^^^

                """)
        let missing = try cli.qbr(["playbooks", "-", "--playbooks", "/nonexistent/playbooks"], stdin: Self.red)
        #expect(missing.status == 66)
    }
}
