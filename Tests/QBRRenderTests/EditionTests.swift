import Foundation
import QBRCore
import Testing

@testable import QBRRender

/// The customer edition must not carry internal matter, whatever the template does.
@Suite struct EditionTests {
    /// An account whose internal fields hold values that appear nowhere else.
    static let account = """
        account:
          id: E-1
          name: Edition Co
          csm: Robin Vale
          account_manager: Kai Moss
          executive_sponsor: {name: Lee Park, since: 2026-09-20}
          contract: {start: 2025-01-01, renewal: 2026-12-01, arr: 500000, seats: 100}
        period: {label: Q3 2026}
        revenue: {starting_arr: 777700, expansion: 91300, contraction: 44400, churn: 33300}
        outcomes:
          - {name: Faster closes, baseline: 10, target: 5, actual: 9, direction: decrease, committed_on: 2026-01-01, due: 2026-12-31}
        value_realized: [{category: Savings, description: Less rework, amount: 25000, confirmed: true}]
        usage: {seats_active: 41, monthly_active_users: [90, 80, 60, 50]}
        health: {score: 43, history: [71, 62, 55], components: {usage: 37, engagementxyz: 12}}
        signals: {nps: -37, open_escalations: 7}
        opportunities: [{name: Add-on, estimated_arr: 123457, confidence: 0.37, owner: account_manager}]
        risks: [{description: SENTINEL-RISK budget cut, severity: high, mitigation: SENTINEL-MITIGATION call CFO,
                 owner: SENTINEL-RISK-OWNER, due: 2026-11-02}]
        narrative: {asks: [Confirm the pilot], misses: We slipped one milestone.}
        notes: SENTINEL-NOTES do not show
        stakeholders:
          - {name: Lee Park, title: VP Finance, role: economic-buyer, attending: true, note: SENTINEL-STAKEHOLDER-NOTE}
          - {name: Sam Doe, title: Analyst, role: champion, attending: false}
        last_review:
          commitments: [{text: Ship the import fix, owner: csm, due: 2026-09-01, status: done}]
        roadmap: [{title: Bulk import, quarter: Q1 2027, status: beta, why: Faster month-end}]
        support: {tickets_opened: 9, tickets_closed: 8, csat: 0.91}
        """

    /// Text that may only appear in the internal edition.
    static let internalMarks = [
        "SENTINEL-RISK", "SENTINEL-MITIGATION", "SENTINEL-NOTES", "Health", "health", "43 / 100", "🔴 Red",
        "Red", "$777,700", "$777.7K", "91,300", "44,400", "33,300", "NRR", "GRR", "shrinking", "$123,457", "37%",
        "-37", "escalation", "Playbook", "playbook", "churn", "Churn", "Weighted", "weighted", "confidence",
        "Confidence", "Est. ARR", "engagementxyz", "rescue", "(internal)", "save plan",
        // Issue 14: a stakeholder's role in the account and the team's note on them, and a risk's owner.
        "SENTINEL-STAKEHOLDER-NOTE", "Economic buyer", "economic-buyer", "SENTINEL-RISK-OWNER", "Stakeholders",
    ]

    func rendered(_ template: String, _ edition: Edition) throws -> RenderedDocument {
        try render(try loadAccount(Self.account), template: template, edition: edition)
    }

    @Test(arguments: ["qbr", "ebr", "summary"])
    func customerEditionCarriesNoInternalValue(template: String) throws {
        let document = try rendered(template, .customer)
        for mark in Self.internalMarks {
            #expect(!document.markdown.contains(mark), "\(template).md shows \"\(mark)\"")
            #expect(!(document.html ?? "").contains(mark), "\(template).html shows \"\(mark)\"")
        }
    }

    @Test func theInternalEditionShowsThem() throws {
        let document = try rendered("qbr", .internal)
        for mark in [
            "SENTINEL-RISK", "SENTINEL-NOTES", "43 / 100", "$777,700", "NRR", "$123,457", "37%", "Playbooks triggered",
            "SENTINEL-STAKEHOLDER-NOTE", "Economic buyer", "SENTINEL-RISK-OWNER", "## Stakeholders",
        ] {
            #expect(document.markdown.contains(mark), "\(mark)")
        }
    }

    @Test func internalNamesDoNotExistInTheCustomerContext() throws {
        let model = ReviewViewModel(
            account: try loadAccount(Self.account), asOf: exampleAsOf, edition: .customer,
            playbooks: try renderer().playbooks)
        let context = model.context().dictionary
        for key in ["health", "revenue", "notes", "playbooks", "signals", "risks", "expansion"] {
            #expect(context[key] == nil, "\(key)")
        }
        // The new sections are there, without their internal names.
        let people = ((context["stakeholders"] as? [String: Any])?["items"] as? [[String: Any]]) ?? []
        #expect(people.count == 2 && people.allSatisfy { $0["role"] == nil && $0["note"] == nil })
        #expect(context["last_review"] != nil && context["roadmap"] != nil && context["support"] != nil)
        #expect((context["flags"] as? [String: Any]) == nil)
        let opportunity = ((context["opportunities"] as? [String: Any])?["items"] as? [[String: Any]])?.first
        #expect(opportunity?["confidence"] == nil && opportunity?["estimated_arr"] == nil)
        #expect((context["opportunities"] as? [String: Any])?["weighted_pipeline"] == nil)
        // A template that asks for an internal name gets nothing, not the value.
        let probe = try MustacheProbe.render(
            "{{health.score}}|{{revenue.nrr}}|{{notes.paragraphs}}|{{flags.renewal_risk}}", context)
        #expect(probe == "|||")
    }

    @Test func customerChartsLeaveOutWaterfallAndHealth() throws {
        let html = try rendered("qbr", .customer).html ?? ""
        #expect(html.contains(#"<figure class="chart chart-outcomes">"#))
        #expect(html.contains(#"<figure class="chart chart-mau chart-trend">"#))
        #expect(!html.contains("chart-waterfall") && !html.contains("chart-health"))
        let prep = try rendered("qbr", .internal).html ?? ""
        #expect(
            prep.contains(#"<figure class="chart chart-waterfall">"#)
                && prep.contains(#"<figure class="chart chart-health chart-trend">"#))
    }

    /// A job computes metrics and playbooks once and reuses them for its other edition: every document is
    /// the same as from a job that built that edition first, and the customer edition still leaves out the
    /// internal matter.
    @Test func anEditionDerivedFromAnotherRendersAsIfBuiltFirst() throws {
        let account = try loadAccount(Self.account)
        let renderer = try renderer()
        func outputs(_ order: [Edition]) throws -> [String: String] {
            var job = AccountJob(account: account, asOf: exampleAsOf, renderer: renderer, formats: [.markdown, .html])
            var files: [String: String] = [:]
            for edition in order {
                for kind in [DocumentKind.qbr, .ebr, .summary] {
                    for output in try job.review(kind, edition: edition) { files[output.fileName] = output.contents }
                }
            }
            for output in try job.checklists(existing: [], previousFile: { _ in nil }) { files[output.fileName] = output.contents }
            return files
        }
        let customerFirst = try outputs([.customer, .internal])
        let internalFirst = try outputs([.internal, .customer])
        #expect(customerFirst.count > 8)
        #expect(customerFirst == internalFirst)
        #expect(customerFirst["qbr.md"]?.contains("SENTINEL") == false)
        #expect(customerFirst["qbr.internal.md"]?.contains("SENTINEL-NOTES") == true)
    }
}
