import Foundation
import QBRCore
import QBRPlaybooks
import Testing

@testable import QBRRender

/// Issue 14, the mutual action plan: the internal plan holds every row of the customer's; no two rows share an
/// owner, a due date and a meaning; no row is born overdue; recovery rows read naturally and look forward.
@Suite struct ActionPlanTests {
    struct Row: Hashable {
        let title: String
        let owner: String
        let due: String?
    }

    static func rows(_ account: Account, _ edition: Edition, asOf: Day = exampleAsOf) throws -> [Row] {
        let model = ReviewViewModel(account: account, asOf: asOf, edition: edition, playbooks: try renderer().playbooks)
        let plan = (model.context().dictionary["action_plan"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
        return plan.map { item in
            Row(
                title: item["title"] as? String ?? "", owner: item["owner"] as? String ?? "",
                due: (item["due"] as? Figure)?.text)
        }
    }

    static func example(_ name: String) throws -> Account {
        try loadAccount(try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8))
    }

    static let files = ["northwind.yaml", "contoso-health.json", "bluebird-bakery.yaml"]

    @Test(arguments: files)
    func theInternalPlanHoldsEveryCustomerRow(file: String) throws {
        let account = try Self.example(file)
        let customer = try Self.rows(account, .customer)
        let internalRows = Set(try Self.rows(account, .internal))
        for row in customer {
            #expect(internalRows.contains(row), "\(file): \(row)")
        }
    }

    @Test(arguments: files)
    func noTwoRowsShareOwnerDateAndMeaning(file: String) throws {
        for edition in Edition.allCases {
            let rows = try Self.rows(try Self.example(file), edition)
            let keys = rows.map { "\($0.owner)|\($0.due ?? "-")|\(PlanMeaning.of($0.title))" }
            #expect(Set(keys).count == keys.count, "\(file) \(edition): \(keys)")
        }
    }

    @Test func meaningIsTheTopicOfTheTitlesHead() {
        #expect(
            PlanMeaning.of("Assemble the renewal value story — outcomes achieved, value realized, adoption")
                == "value summary")
        #expect(
            PlanMeaning.of("Put the value evidence on one page — outcomes achieved and value the customer confirmed")
                == "value summary")
        #expect(PlanMeaning.of("Send the sponsor a one-page value summary in their own numbers") == "value summary")
        #expect(PlanMeaning.of("Agree the renewal strategy, pricing and decision makers") == "renewal strategy")
        #expect(
            PlanMeaning.of("Agree the renewal approach, and any commercial concession, with the CSM")
                == "renewal strategy")
        // "renewal … terms" not side by side: its own meaning.
        #expect(
            PlanMeaning.of("Close the renewal paperwork and hand over the new terms to the CSM")
                == "close the renewal paperwork and hand over the new terms to the csm")
        #expect(PlanMeaning.of("Send the renewal proposal") == "send the renewal proposal")
    }

    @Test func sameMeaningTasksFromTwoPlaybooksAreOneRow() throws {
        // Contoso (as of 2026-10-15) triggers churn-risk, renewal and sponsor-change: three value summaries for
        // Amir Haddad on 2026-10-29 (churn-risk +14d, sponsor-change +14d, renewal −180d = 2026-09-01 dated
        // forward) and two renewal strategies for Jo Lindqvist on 2026-10-31 (renewal −120d in both playbooks).
        let rows = try Self.rows(try Self.example("contoso-health.json"), .internal)
        let values = rows.filter { PlanMeaning.of($0.title) == "value summary" && $0.due != nil }
        #expect(
            values == [
                Row(
                    title: "Send the sponsor a one-page value summary in their own numbers", owner: "Amir Haddad",
                    due: "2026-10-29")
            ])
        let strategies = rows.filter { PlanMeaning.of($0.title) == "renewal strategy" }
        #expect(strategies.map(\.due) == ["2026-10-31"] && strategies.map(\.owner) == ["Jo Lindqvist"])
    }

    @Test func noRowIsBornOverdue() throws {
        // Renewal 2027-01-15: −120d = 2026-09-17 is past on 2026-10-15, so it is due 14 days on, 2026-10-29.
        let account = try loadAccount(
            """
            account: {id: O-1, name: Late Co, account_manager: Kim Cho, contract: {renewal: 2027-01-15, arr: 1000}}
            health: {score: 80}
            """)
        let rows = try Self.rows(account, .internal)
        #expect(
            rows.contains(
                Row(
                    title: "Agree the renewal strategy, pricing and decision makers", owner: "Kim Cho",
                    due: "2026-10-29")))
        #expect(rows.allSatisfy { ($0.due ?? "9999") >= "2026-10-15" })
        // A renewal five days ahead: a past step is due on the renewal date, not after it.
        // (A sponsor is named, so only the renewal's steps are in the plan: the sponsor-gap play's are not.)
        let soon = try loadAccount(
            """
            account: {id: O-2, name: Soon Co, account_manager: Kim Cho, executive_sponsor: {name: Ana Ruiz},
                      contract: {renewal: 2026-10-20}}
            """)
        let dates = try Self.rows(soon, .internal).compactMap(\.due)
        #expect(!dates.isEmpty && dates.allSatisfy { $0 >= "2026-10-15" && $0 <= "2026-10-20" }, "\(dates)")
    }

    @Test func recoveryRowsReadNaturallyAndLookForward() throws {
        let contoso = try Self.example("contoso-health.json")
        let markdown = try render(contoso, formats: [.markdown], edition: .customer).markdown
        // Missed on 2026-06-30: a new date is agreed, 14 days after the review (2026-10-29), never "(overdue)".
        #expect(
            markdown.contains(
                "| Agree a recovery plan and a new date for “Claims backlog \\< 5 days \\| all regions” | Amir Haddad | 2026-10-29 |"
            ))
        #expect(markdown.contains("| Bring “Train every claims handler” back on track | Amir Haddad | 2026-11-30 |"))
        #expect(!markdown.contains("overdue") && !markdown.contains("Recover \""))
        let summary = try render(contoso, formats: [.markdown], template: "summary").markdown
        #expect(!summary.contains("(overdue)"))
    }
}
