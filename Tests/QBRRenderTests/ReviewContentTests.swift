import Foundation
import QBRCore
import QBRPlaybooks
import Testing

@testable import QBRRender

/// Issue 14, part A: a review a customer's VP would sign off — the new slides, the deck fixes and the wording,
/// on the Northwind example (as of 2026-10-15) and small accounts whose figures are worked by hand.
@Suite struct ReviewContentTests {
    static func northwind() throws -> Account {
        try loadAccount(try String(contentsOf: examples.appendingPathComponent("northwind.yaml"), encoding: .utf8))
    }

    /// The slide of `markdown` whose heading is `heading`.
    static func slide(_ heading: String, in markdown: String) -> String {
        markdown.components(separatedBy: "\n---\n").first {
            $0.contains("\n## \(heading)\n") || $0.hasPrefix("## \(heading)\n")
        } ?? ""
    }

    // MARK: The new slides

    @Test func supportSlideShowsThePeriodsFigures() throws {
        let deck = try render(try Self.northwind(), formats: [.markdown], edition: .customer).markdown
        let support = Self.slide("Support", in: deck)
        for row in [
            "| Tickets opened | 42 |", "| Tickets closed | 45 |", "| Satisfaction with support (CSAT) | 94% |",
            "| Answered within the SLA | 97% |", "| Escalations | 1 open escalation |",
        ] {
            #expect(support.contains(row), "\(row)")
        }
        let summary = try render(try Self.northwind(), formats: [.markdown], template: "summary").markdown
        #expect(
            summary.contains(
                "- **Support** · tickets opened 42 · closed 45 · CSAT 94% · 97% within SLA · 1 open escalation\n"))
        let ebr = try render(try Self.northwind(), formats: [.markdown], template: "ebr", edition: .customer).markdown
        #expect(
            ebr.contains(
                "Support this period: satisfaction 94% · 97% of tickets answered within the SLA · 1 open escalation"))
    }

    @Test func theCustomerSeesWhoIsInTheRoomTheTeamSeesTheStakeholderMap() throws {
        let customer = try render(try Self.northwind(), formats: [.markdown], edition: .customer).markdown
        let room = Self.slide("In the room", in: customer)
        // Four of the five attend; Ana Lima does not.
        #expect(room.components(separatedBy: "\n| **").count - 1 == 4)
        #expect(room.contains("| **Priya Raman** | CFO | Northwind Traders |"))
        #expect(room.contains("| **Dana Whitfield** | Customer Success Manager | Our team |"))
        #expect(
            !room.contains("Ana Lima") && !customer.contains("Champion") && !customer.contains("Owns the IT freeze"))
        let prep = try render(try Self.northwind(), formats: [.markdown]).markdown
        let map = Self.slide("Stakeholders", in: prep)
        #expect(
            map.contains("| **Ana Lima** | IT Lead | Northwind Traders | Decision maker | — | Owns the IT freeze |"))
        #expect(map.contains("| **Tom Becker** | Head of Carrier Operations | Northwind Traders | Champion | Yes |"))
    }

    /// Everyone is in the room when no attendance is given; nobody attending leaves the customer's slide out.
    @Test func whoIsInTheRoomWhenAttendanceIsNotGiven() throws {
        let unmarked = try loadAccount("account: {id: U-1, name: Open Co}\nstakeholders: [{name: Ann}, {name: Bo}]")
        let open = try render(unmarked, formats: [.markdown], edition: .customer).markdown
        #expect(open.contains("| **Ann** | — | Open Co |\n| **Bo** | — | Open Co |"))
        let absent = try loadAccount(
            "account: {id: U-2, name: Away Co}\nstakeholders: [{name: Ann, attending: false}, {name: Bo}]")
        let away = try render(absent, formats: [.markdown], edition: .customer).markdown
        #expect(!away.contains("In the room") && !away.contains("Ann"))
        #expect(try render(absent, formats: [.markdown]).markdown.contains("| **Ann** | — | Away Co | — | — | — |"))
    }

    /// A stakeholder without a job title shows "—", not a name of the enclosing context (the document's title).
    @Test func aMissingJobTitleIsADash() throws {
        let account = try loadAccount(
            "account: {id: J-1, name: Jobless Co}\nstakeholders: [{name: Ann, attending: true}]")
        for edition in Edition.allCases {
            let markdown = try render(account, formats: [.markdown], edition: edition).markdown
            #expect(markdown.contains("| **Ann** | — | Jobless Co |"), "\(edition)")
            #expect(!markdown.contains("| **Ann** | Jobless Co —"), "\(edition)")
        }
    }

    @Test func youAskedWeDidOpensTheReviewAfterTheAgenda() throws {
        let deck = try render(try Self.northwind(), formats: [.markdown], edition: .customer).markdown
        let slides = deck.components(separatedBy: "\n---\n")
        let agenda = try #require(slides.firstIndex { $0.contains("## Agenda") })
        #expect(slides[agenda + 1].contains("## You asked, we did"))
        #expect(slides[agenda].contains("1. You asked, we did\n"))
        let slide = slides[agenda + 1]
        // Two of the four commitments are done.
        #expect(slide.contains("Agreed at our review of 14 Jul 2026 · **2 of 4 commitments done**"))
        #expect(slide.contains("| 2 | Monthly carrier-onboarding report | Dana Whitfield | 2026-08-01 | ✅ Done |"))
        #expect(slide.contains("| 4 | Name an owner for the EU roll-out | Priya Raman | 2026-08-31 | ❌ Not done |"))
    }

    @Test func theStrategicRoadmapListsTheAccountsItemsThenTheTeams() throws {
        let renderer = try renderer()
        let team = [
            RoadmapItem(title: "carrier  SCORECARDS", quarter: "Q2 2027"),  // the account's own item: shown once
            RoadmapItem(title: "SSO for every plan", quarter: "Q4 2026", status: .released, why: "One login"),
        ]
        let model = ReviewViewModel(
            account: try Self.northwind(), asOf: exampleAsOf, edition: .customer, playbooks: renderer.playbooks,
            teamRoadmap: team)
        let ebr = try renderer.markdown(model, template: "ebr")
        let roadmap = Self.slide("Strategic roadmap", in: ebr)
        let rows = roadmap.split(separator: "\n").filter { $0.hasPrefix("| **") }.map(String.init)
        #expect(
            rows.prefix(3) == [
                "| **Carrier scorecards** | Q1 2027 | In development | Rates the carriers Northwind onboards faster |",
                "| **EU data residency** | Q1 2027 | Planned | Required for the EU depots roll-out |",
                "| **SSO for every plan** | Q4 2026 | Released | One login |",
            ])
        // The asks with their owner and due date; an ask without an owner is the sponsor's.
        #expect(roadmap.contains("- Introduce us to the Analytics lead — Priya Raman, by 13 Nov 2026\n"))
        #expect(roadmap.contains("- Confirm the Q1 EU roll-out date — Priya Raman\n"))
        #expect(roadmap.contains("| **Analytics module** | Three teams asked for custom reports | Luis Ortega |"))
    }

    @Test func risksShowTheirOwnerAndDueDate() throws {
        let prep = try render(try Self.northwind(), formats: [.markdown]).markdown
        #expect(
            Self.slide("Gaps & risks", in: prep).contains(
                "| EU depots roll-out depends on the customer's IT freeze ending | Low | Agree the roll-out window with "
                    + "their IT lead in October | Dana Whitfield | 2026-10-30 |"))
        // …and the mitigation's row of the action plan has them too.
        #expect(
            prep.contains("| Agree the roll-out window with their IT lead in October | Dana Whitfield | 2026-10-30 |"))
    }

    // MARK: Speaker notes

    @Test func theCustomerMarkdownHasNoSpeakerNotesUnlessAsked() throws {
        let account = try Self.northwind()
        let customer = try render(account, edition: .customer)
        #expect(!customer.markdown.contains("<!-- notes -->") && !customer.markdown.contains("Open with the outcome"))
        #expect(!customer.markdown.contains("\n\n\n"))
        // The HTML deck keeps them for the presenter.
        #expect(customer.html?.contains(#"<aside class="notes""#) == true)
        #expect(customer.html?.contains("Open with the outcome Priya Raman cares most about") == true)
        let withNotes = try RenderedDocument.render(
            account, asOf: exampleAsOf, template: "qbr", formats: [.markdown], renderer: try renderer(),
            edition: .customer, notes: true)
        #expect(withNotes.markdown.contains("<!-- notes -->\n\nOpen with the outcome Priya Raman"))
        #expect(try render(account, formats: [.markdown]).markdown.contains("<!-- notes -->"))  // internal keeps them
    }

    @Test func removingNotesKeepsEveryOtherLine() {
        let deck = "# T\n\n---\n\n## A\n\ntext\n\n<!-- notes -->\n\nsay this\n\n---\n\n## B\n\n<!-- notes -->\n\nlast\n"
        #expect(SpeakerNotes.removed(from: deck) == "# T\n\n---\n\n## A\n\ntext\n\n---\n\n## B\n")
        #expect(SpeakerNotes.removed(from: "# T\n") == "# T\n")
        // Notes at the very end, blank lines before a marker, a marker that is not a whole line, CRLF, no final
        // newline, text around emoji and right-to-left words.
        #expect(SpeakerNotes.removed(from: "## A\n\n\n<!-- notes -->\nx") == "## A\n")
        #expect(SpeakerNotes.removed(from: "a <!-- notes --> b\n<!-- notes -->\n---\nc") == "a <!-- notes --> b\n\n---\nc")
        #expect(SpeakerNotes.removed(from: "🚀 שלום\r\n<!-- notes -->\nx\n---\r\n---\n") == "🚀 שלום\r\n\n---\n")
    }

    // MARK: Deck fixes

    @Test func theRenewalIsOnTheNextPhaseSlideNotOnAdoption() throws {
        let deck = try render(try Self.northwind(), formats: [.markdown], edition: .customer).markdown
        #expect(!Self.slide("Adoption", in: deck).contains("Renewal"))
        #expect(Self.slide("Next phase", in: deck).contains("**Renewal 31 Oct 2026, in 16 days**"))
        // An account with a renewal and no opportunity still shows it.
        let bare = try loadAccount("account: {id: R-1, name: Renews, contract: {renewal: 2026-12-01}}")
        let markdown = try render(bare, formats: [.markdown], edition: .customer).markdown
        #expect(Self.slide("Next phase", in: markdown).contains("**Renewal 1 Dec 2026, in 47 days**"))
    }

    @Test func theValueMultipleSaysWhatItRestsOn() throws {
        // Northwind: $165,000 confirmed ÷ $240,000 = 0.6875 → 0.7×; $225,000 in all ÷ $240,000 = 0.9375 → 0.9×.
        let deck = try render(try Self.northwind(), formats: [.markdown], edition: .customer).markdown
        #expect(
            deck.contains(
                "**$225,000 delivered** · 0.7× the annual contract value on confirmed value, 0.9× with estimates · "
                    + "$165,000 confirmed by Northwind Traders, $60,000 estimated"))
        // All confirmed: $480,000 ÷ $240,000 = 2×, and no "$0 estimated".
        let confirmed = try loadAccount(
            """
            account: {id: V-1, name: Sure Co, contract: {arr: 240000}}
            value_realized: [{category: Savings, amount: 480000, confirmed: true}]
            """)
        let markdown = try render(confirmed, formats: [.markdown], edition: .customer).markdown
        #expect(
            markdown.contains(
                "**$480,000 delivered** · 2× the annual contract value, all of it confirmed · $480,000 confirmed by Sure Co\n"
            ))
        #expect(!markdown.contains("$0") && !markdown.contains("estimated"))
        // None confirmed: $60,000 ÷ $240,000 = 0.25 → 0.3×, all of it estimated.
        let estimated = try loadAccount(
            """
            account: {id: V-2, name: Hope Co, contract: {arr: 240000}}
            value_realized: [{category: Savings, amount: 60000}]
            """)
        let hoped = try render(estimated, formats: [.markdown], edition: .customer).markdown
        #expect(
            hoped.contains(
                "**$60,000 delivered** · 0.3× the annual contract value, all of it estimated · $60,000 estimated, none of "
                    + "it confirmed by Hope Co yet\n"))
        #expect(!hoped.contains("$0"))
        let summary = try render(estimated, formats: [.markdown], template: "summary").markdown
        #expect(summary.contains("- **Value realized** $60,000 (none confirmed yet)\n"))
    }

    @Test func theGapsSlideIsAList() throws {
        let contoso = try loadAccount(
            try String(contentsOf: examples.appendingPathComponent("contoso-health.json"), encoding: .utf8))
        let gaps = Self.slide(
            "Gaps and how we close them", in: try render(contoso, formats: [.markdown], edition: .customer).markdown)
        #expect(
            gaps.contains(
                """
                Behind plan:

                - **Claims backlog \\< 5 days \\| all regions** — 🔴 Missed, 29% attained, due 2026-06-30
                - **Auto-adjudicate 40% of simple claims** — 🟠 At risk, 26% attained, due 2026-12-31
                - **Train every claims handler** — 🟠 At risk, 52% attained, due 2026-11-30
                """))
    }

    @Test func theHealthChartHasItsDataTableInMarkdown() throws {
        let document = try render(try Self.northwind())
        // Five earlier monthly scores and the current 82, the last in the run date's month (Oct 2026).
        #expect(
            document.markdown.contains(
                """
                <!-- qbr:chart health table -->

                | Month | Health |
                | --- | ---: |
                | May 2026 | 64 |
                | Jun 2026 | 68 |
                | Jul 2026 | 71 |
                | Aug 2026 | 75 |
                | Sep 2026 | 79 |
                | Oct 2026 | 82 |
                """))
        // In HTML the chart stands in for the table.
        #expect(document.html?.contains(#"<figure class="chart chart-health chart-trend">"#) == true)
        #expect(document.html?.contains("<td>May 2026</td>") == false)
    }

    // MARK: Wording

    @Test func countsAgreeWithTheirNouns() throws {
        let account = try loadAccount(
            """
            account: {id: W-1, name: Words Co}
            outcomes:
              - {name: A, baseline: 0, target: 10, actual: 10}
              - {name: B, baseline: 0, target: 10, actual: 1}
              - {name: C, baseline: 0, target: 10, actual: 2}
              - {name: D, baseline: 0, target: 10, actual: 3}
            signals: {open_escalations: 1}
            """)
        let markdown = try render(account, formats: [.markdown]).markdown
        #expect(markdown.contains("1 of 4 is achieved;"))
        #expect(markdown.contains("1 open escalation ·") && !markdown.contains("escalation(s)"))
        #expect(CountedWords.achieved(2, of: 3) == "2 of 3 are achieved")
        #expect(CountedWords.achieved(0, of: 2) == "0 of 2 are achieved")
        #expect(CountedWords.openEscalations(0) == "no open escalations")
        #expect(CountedWords.openEscalations(3) == "3 open escalations")
        #expect(CountedWords.tasks(1) == "1 task" && CountedWords.tasks(5) == "5 tasks")
    }

    @Test func aZeroLossIsZeroNotMinusZero() throws {
        // Northwind: contraction $6,000, churn 0.
        let markdown = try render(try Self.northwind(), formats: [.markdown]).markdown
        #expect(markdown.contains("| $240,000 | +$36,000 | -$6,000 | $0 | $270,000 |"))
        #expect(!markdown.contains("-$0"))
    }

    @Test func theSummaryHeaderAndTitleReadTheSame() throws {
        let account = try loadAccount("account: {id: S-1, name: Solo Co, segment: mid-market, tier: 3}")
        let summary = try render(account, template: "summary")
        #expect(summary.markdown.hasPrefix("# Solo Co — Monthly account summary, 15 Oct 2026\n\nmid-market · tier 3\n"))
        #expect(summary.html?.contains("<title>Solo Co — Monthly account summary, 15 Oct 2026</title>") == true)
        let nobody = try render(
            try loadAccount("account: {id: S-2, name: Nobody}"), formats: [.markdown], template: "summary")
        #expect(nobody.markdown.hasPrefix("# Nobody — Monthly account summary, 15 Oct 2026\n\n## At a glance\n"))
    }

    @Test func anOutcomeWhoseTargetIsItsBaselineIsNotOnTrack() throws {
        let account = try loadAccount(
            """
            account: {id: T-1, name: Flat Co}
            outcomes: [{name: Keep it, baseline: 10, target: 10, actual: 8, committed_on: 2026-01-01, due: 2026-12-31}]
            """)
        let markdown = try render(account, formats: [.markdown]).markdown
        #expect(markdown.contains("| **Keep it** | 10 | 10 | 8 | — | 🟠 At risk | 2026-12-31 |"))
    }
}
