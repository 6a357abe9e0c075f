import Foundation
import QBRCore
import QBRPlaybooks
import Testing

@testable import QBRRender

@Suite struct ChecklistTests {
    static let redAccount = """
        account:
          id: R-1
          name: Redwood
          csm: Sam Lee
          executive_sponsor: {name: Ana Ruiz, since: 2026-09-07}
          contract: {start: 2025-01-01, renewal: 2027-02-28}
        health: {score: 42}
        signals: {open_escalations: 2}
        """

    func checklist(_ yaml: String, _ id: String, previous: ChecklistState = ChecklistState()) throws -> String {
        let renderer = try renderer()
        let model = ReviewViewModel(
            account: try loadAccount(yaml), asOf: exampleAsOf, playbooks: renderer.playbooks)
        return try renderer.checklist(playbookID: id, model: model, previous: previous, formats: [.markdown]).markdown
    }

    @Test func aChecklistIsATaskListWithReasonsOwnersAndHiddenIds() throws {
        let markdown = try checklist(Self.redAccount, "churn-risk")
        #expect(markdown.hasPrefix("# Churn-risk rescue\n"))
        #expect(markdown.contains("**Why now:** health is red (score 42); 2 open escalations."))
        #expect(
            markdown.contains(
                "- [ ] **Hold a daily stand-up with support until every open escalation is closed** — Support (unassigned), due 2026-10-18. 2 open escalations; Sam Lee joins the stand-up. <!-- qbr:task churn-risk/escalations -->"
            ))
        // No account manager is named: the task stays, marked unassigned.
        #expect(
            markdown.contains(
                "— Account manager (unassigned), due 2026-10-31 <!-- qbr:task churn-risk/renewal-plan -->"))
        // A task whose condition does not hold is left out.
        #expect(!markdown.contains("churn-risk/usage-diagnosis"))
        // cmark-gfm parses each line as a task-list item: five tasks, one per line.
        #expect(MarkdownDocument(markdown).outline().all("tasklist").count == 5)
        let html = MarkdownDocument(markdown).html()
        #expect(html.components(separatedBy: #"<input type="checkbox" disabled="" />"#).count == 6)
        #expect(!html.contains("qbr:task"))  // the id is invisible in HTML
    }

    @Test func regeneratingKeepsTicksHandAddedTasksAndNotes() throws {
        var file = try checklist(Self.redAccount, "churn-risk")
        file = file.replacingOccurrences(
            of: "- [ ] **Write a one-page rescue plan", with: "- [x] **Write a one-page rescue plan")
        file = file.replacingOccurrences(
            of: "- [ ] **Hold a daily stand-up", with: "- [X] **Hold a daily stand-up")
        file = file.replacingOccurrences(
            of:
                "## Notes\n\n<!-- Your notes go here; qbr keeps everything under this heading when it regenerates the checklist. -->",
            with: "## Notes\n\n- [ ] Call Ana's chief of staff\n\nAna prefers email. **Do not** call before 10:00.")
        file = file.replacingOccurrences(of: "## Tasks\n\n", with: "## Tasks\n\n- [x] Booked the war room\n")
        let previous = ChecklistState(markdown: file)
        #expect(previous.ticked == ["churn-risk/rescue-plan", "churn-risk/escalations"])

        // Same account: everything stays where it was.
        let again = try checklist(Self.redAccount, "churn-risk", previous: previous)
        #expect(again.contains("- [x] **Write a one-page rescue plan"))
        #expect(again.contains("- [x] **Hold a daily stand-up"))
        #expect(again.contains("## Added by hand\n\n- [x] Booked the war room\n"))
        #expect(
            again.hasSuffix(
                "## Notes\n\n- [ ] Call Ana's chief of staff\n\nAna prefers email. **Do not** call before 10:00.\n"))
        let state = ChecklistState(markdown: again)
        #expect(
            state.ticked == previous.ticked && state.handAdded == previous.handAdded && state.notes == previous.notes)
        // A third run changes nothing at all.
        #expect(try checklist(Self.redAccount, "churn-risk", previous: state) == again)

        // Escalations closed: that task no longer applies and moves, ticked, under "No longer triggered".
        let calmer = Self.redAccount.replacingOccurrences(of: "open_escalations: 2", with: "open_escalations: 0")
        let moved = try checklist(calmer, "churn-risk", previous: ChecklistState(markdown: again))
        let retired = try #require(moved.components(separatedBy: "## No longer triggered\n\n").last)
        #expect(retired.hasPrefix("- [x] **Hold a daily stand-up"))
        #expect(moved.contains("- [x] **Write a one-page rescue plan"))
    }

    @Test func aPlaybookThatStopsTriggeringKeepsEverythingTicked() throws {
        var file = try checklist(Self.redAccount, "churn-risk")
        file = file.replacingOccurrences(of: "- [ ] **Send the sponsor", with: "- [x] **Send the sponsor")
        let healthy = Self.redAccount.replacingOccurrences(of: "score: 42", with: "score: 90")
            .replacingOccurrences(of: "open_escalations: 2", with: "open_escalations: 0")
        let regenerated = try checklist(healthy, "churn-risk", previous: ChecklistState(markdown: file))
        #expect(regenerated.hasPrefix("# Churn-risk rescue\n"))
        #expect(regenerated.contains("This playbook no longer applies to the account as of 15 Oct 2026."))
        #expect(regenerated.contains("## No longer triggered\n\n"))
        #expect(regenerated.contains("- [x] **Send the sponsor a one-page value summary"))
        #expect(ChecklistState(markdown: regenerated).ticked == ["churn-risk/value-summary"])
        #expect(ChecklistState(markdown: regenerated).order.count == 5)
    }

    @Test func hostileTaskDetailsStayInsideTheirItem() throws {
        let yaml = Self.redAccount.replacingOccurrences(of: "csm: Sam Lee", with: "csm: \"Sam\\n# Heading | <script>\"")
        let markdown = try checklist(yaml, "churn-risk")
        #expect(MarkdownDocument(markdown).outline().all("heading").count == 3)
        #expect(markdown.contains(##"Sam # Heading \| \<script> joins the stand-up."##))
    }
}
