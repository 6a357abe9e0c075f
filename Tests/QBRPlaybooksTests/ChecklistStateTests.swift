import Foundation
import Testing

@testable import QBRPlaybooks

/// Reading back a checklist a person has edited, so a regeneration keeps their ticks, tasks and notes.
@Suite struct ChecklistStateTests {
    static let edited = """
        # Churn-risk rescue — Acme

        Triggered because health is red (score 42).

        - [x] Write a rescue plan · Dana Whitfield · due 2026-07-08 <!-- qbr:task churn-risk/rescue-plan -->
        - [X] Send the value summary <!-- qbr:task churn-risk/value-summary -->
        - [ ] Agree the renewal plan · Luis Ortega <!-- qbr:task churn-risk/renewal-plan -->
          - [x] Nested follow-up <!-- qbr:task churn-risk/nested -->
        * [x] Star bullet <!-- qbr:task churn-risk/star -->
        - [x] Ask Priya for the org chart
        - [ ] Book a site visit

        The marker <!-- qbr:task churn-risk/prose --> in prose is not a task.
        - a plain bullet <!-- qbr:task churn-risk/bullet --> is not a task either
        - [y] Not a checkbox <!-- qbr:task churn-risk/odd -->

        # Second heading is not the title

        ## Notes

        Priya prefers **Tuesday** calls.

          - [x] a ticked line in the notes stays a note <!-- qbr:task churn-risk/in-notes -->
        Keep   this    spacing.


        """

    @Test func readsTickedAndUntickedTasksByTheirIds() {
        let state = ChecklistState(markdown: Self.edited)
        #expect(
            state.order == [
                "churn-risk/rescue-plan", "churn-risk/value-summary", "churn-risk/renewal-plan", "churn-risk/nested",
                "churn-risk/star",
            ])
        #expect(
            state.ticked == [
                "churn-risk/rescue-plan", "churn-risk/value-summary", "churn-risk/nested", "churn-risk/star",
            ])
        #expect(!state.ticked.contains("churn-risk/renewal-plan"))
    }

    @Test func keepsTaskLinesVerbatim() {
        let state = ChecklistState(markdown: Self.edited)
        #expect(
            state.lines["churn-risk/rescue-plan"]
                == "- [x] Write a rescue plan · Dana Whitfield · due 2026-07-08 <!-- qbr:task churn-risk/rescue-plan -->"
        )
        #expect(state.lines["churn-risk/nested"] == "  - [x] Nested follow-up <!-- qbr:task churn-risk/nested -->")
        #expect(
            state.lines["churn-risk/renewal-plan"]
                == "- [ ] Agree the renewal plan · Luis Ortega <!-- qbr:task churn-risk/renewal-plan -->")
        #expect(state.lines.count == 5)
    }

    @Test func keepsHandAddedTasks() {
        let state = ChecklistState(markdown: Self.edited)
        #expect(state.handAdded == ["- [x] Ask Priya for the org chart", "- [ ] Book a site visit"])
    }

    @Test func ignoresMarkersOutsideTaskLines() {
        let state = ChecklistState(markdown: Self.edited)
        for id in ["churn-risk/prose", "churn-risk/bullet", "churn-risk/odd", "churn-risk/in-notes"] {
            #expect(state.lines[id] == nil, "\(id)")
            #expect(!state.ticked.contains(id), "\(id)")
        }
    }

    @Test func keepsNotesVerbatim() {
        let state = ChecklistState(markdown: Self.edited)
        #expect(
            state.notes == """
                Priya prefers **Tuesday** calls.

                  - [x] a ticked line in the notes stays a note <!-- qbr:task churn-risk/in-notes -->
                Keep   this    spacing.
                """)
    }

    @Test func theFirstHeadingIsTheTitle() {
        #expect(ChecklistState(markdown: Self.edited).title == "Churn-risk rescue — Acme")
        #expect(ChecklistState(markdown: "Intro\n## Sub\n# Real title  \n# Later\n").title == "Real title")
        #expect(ChecklistState(markdown: "- [x] a <!-- qbr:task p/a -->\n").title == nil)
    }

    @Test func theMarkerRoundTrips() {
        let marker = ChecklistState.marker("renewal/ebr")
        #expect(marker == "<!-- qbr:task renewal/ebr -->")
        #expect(ChecklistState.id(in: "- [x] Hold the EBR \(marker)") == "renewal/ebr")
        let state = ChecklistState(markdown: "- [x] Hold the EBR \(marker)")
        #expect(state.ticked == ["renewal/ebr"])
    }

    @Test func malformedMarkersAreNotIds() {
        #expect(ChecklistState.id(in: "- [x] a <!-- qbr:task  -->") == nil)
        #expect(ChecklistState.id(in: "- [x] a <!-- qbr:task a b -->") == nil)
        #expect(ChecklistState.id(in: "- [x] a <!-- qbr:task a/b") == nil)
        #expect(ChecklistState.id(in: "- [x] a <!-- qbr:tasks a/b -->") == nil)
        let state = ChecklistState(markdown: "- [x] a <!-- qbr:task a b -->\n")
        #expect(state.handAdded == ["- [x] a <!-- qbr:task a b -->"])
        #expect(state.ticked.isEmpty)
    }

    @Test func theLastLineOfADuplicatedIdWins() {
        let state = ChecklistState(
            markdown:
                "- [x] First <!-- qbr:task p/a -->\n- [ ] Again <!-- qbr:task p/a -->\n- [ ] b <!-- qbr:task p/b -->\n- [x] b again <!-- qbr:task p/b -->"
        )
        #expect(state.order == ["p/a", "p/b"])
        #expect(state.ticked == ["p/b"])
        #expect(state.lines["p/a"] == "- [ ] Again <!-- qbr:task p/a -->")
    }

    @Test func anEmptyOrNewChecklist() {
        #expect(ChecklistState(markdown: "") == ChecklistState())
        let state = ChecklistState()
        #expect(state.ticked.isEmpty && state.lines.isEmpty && state.handAdded.isEmpty && state.notes.isEmpty)
        #expect(state.title == nil)
    }

    @Test func notesWithoutAnythingUnderThem() {
        let state = ChecklistState(markdown: "# T\n- [x] a <!-- qbr:task p/a -->\n## Notes\n\n")
        #expect(state.notes == "")
        #expect(state.ticked == ["p/a"])
    }

    @Test
    func windowsLineEndingsKeepTheTicks() {
        let state = ChecklistState(
            markdown: "# Renewal\r\n- [x] Hold the EBR <!-- qbr:task renewal/ebr -->\r\n## Notes\r\nCall Priya.\r\n")
        #expect(state.title == "Renewal")
        #expect(state.ticked == ["renewal/ebr"])
        #expect(state.notes == "Call Priya.")
    }
}
