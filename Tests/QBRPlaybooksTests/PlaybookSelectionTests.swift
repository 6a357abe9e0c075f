import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// Tasks as they apply to one account: owners, due dates, conditions and stable ids.
@Suite struct PlaybookSelectionTests {
    static let text = """
        id: team
        title: Every role
        kind: test
        when: true
        tasks:
          - id: csm
            title: CSM task
            owner: csm
            due: +7d
          - id: am
            title: Account manager task
            owner: account_manager
            due: renewal-120d
          - id: sponsor
            title: Sponsor task
            owner: executive_sponsor
            due: -3d
          - id: support
            title: Support task
            owner: support
            due: today
          - id: portfolio
            title: Portfolio task
            owner: portfolio_owner
            due: renewal
          - id: kickoff
            title: Kickoff
            due: start+30d
            detail: "{{account.csm}} runs it."
          - title: Task without a due date
          - id: monthly
            title: Monthly
            due: +1m
          - id: red-only
            title: Only when red
            owner: csm
            due: +2w
            when: health.band == "red"
        """

    static let library: PlaybookLibrary = {
        do {
            return try PlaybookLibrary(files: [
                ("team.yaml", text),
                ("never.yaml", playbookFile(id: "never", when: "when: false")),
            ])
        } catch { fatalError("\(error)") }
    }()

    static let people = makeAccount(
        sponsor: ExecutiveSponsor(name: "Priya Raman", title: "CFO"),
        contract: Contract(start: day("2026-06-15"), renewal: day("2027-02-28")), health: Health(score: 80))

    static func tasks(_ account: Account, asOf: Day = runDate) throws -> [String: ChecklistTask] {
        let selected = library.select(facts(account, asOf: asOf))
        #expect(selected.map(\.playbook.id) == ["team"])
        let tasks = try #require(selected.first).tasks
        return Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0) })
    }

    // MARK: Owners

    @Test func eachRoleResolvesToItsPerson() throws {
        let tasks = try Self.tasks(Self.people)
        #expect(tasks["team/csm"]?.owner == "Dana Whitfield")
        #expect(tasks["team/csm"]?.role == .csm)
        #expect(tasks["team/am"]?.owner == "Luis Ortega")
        #expect(tasks["team/am"]?.role == .accountManager)
        #expect(tasks["team/sponsor"]?.owner == "Priya Raman")
        #expect(tasks["team/sponsor"]?.role == .executiveSponsor)
        #expect(tasks["team/support"]?.owner == "Support (unassigned)")
        #expect(tasks["team/portfolio"]?.owner == "Portfolio owner (unassigned)")
        #expect(tasks["team/kickoff"]?.owner == "Dana Whitfield")  // csm is the default owner
        #expect(tasks["team/kickoff"]?.role == .csm)
    }

    @Test func aMissingPersonReadsUnassignedAndTheTaskStays() throws {
        let nobody = makeAccount(
            csm: nil, accountManager: nil, sponsor: ExecutiveSponsor(title: "CFO"),
            contract: Contract(start: day("2026-06-15"), renewal: day("2027-02-28")))
        let tasks = try Self.tasks(nobody)
        #expect(tasks.count == 8)
        #expect(tasks["team/csm"]?.owner == "CSM (unassigned)")
        #expect(tasks["team/am"]?.owner == "Account manager (unassigned)")
        #expect(tasks["team/am"]?.title == "Account manager task")
        #expect(tasks["team/am"]?.due == day("2026-10-31"))
        #expect(tasks["team/sponsor"]?.owner == "Executive sponsor (unassigned)")
        let noSponsor = try Self.tasks(makeAccount(accountManager: nil))
        #expect(noSponsor["team/sponsor"]?.owner == "Executive sponsor (unassigned)")
    }

    @Test func roleLabels() {
        #expect(
            Role.builtIn.map(\.label) == ["CSM", "Account manager", "Executive sponsor", "Support", "Portfolio owner"])
        #expect(Role.support.person(on: Self.people) == nil)
        #expect(Role.executiveSponsor.person(on: Self.people) == "Priya Raman")
    }

    // MARK: Due dates

    @Test func dueDatesFromEachAnchor() throws {
        let tasks = try Self.tasks(Self.people)
        #expect(tasks["team/csm"]?.due == day("2026-07-08"))
        #expect(tasks["team/am"]?.due == day("2026-10-31"))  // 2027-02-28 − 120 days
        #expect(tasks["team/sponsor"]?.due == day("2026-06-28"))
        #expect(tasks["team/support"]?.due == day("2026-07-01"))
        #expect(tasks["team/portfolio"]?.due == day("2027-02-28"))
        #expect(tasks["team/kickoff"]?.due == day("2026-07-15"))
        #expect(tasks["team/monthly"]?.due == day("2026-08-01"))
        #expect(tasks["team/task-without-a-due-date"]?.due == nil)
        #expect(tasks["team/task-without-a-due-date"]?.dueNote == nil)
        #expect(tasks.values.allSatisfy { $0.due == nil || $0.dueNote == nil })
    }

    @Test func dueDatesAcrossMonthEndsAndLeapDays() throws {
        let account = makeAccount(contract: Contract(start: day("2028-01-30"), renewal: day("2028-05-29")))
        let january = try Self.tasks(account, asOf: day("2028-01-31"))
        #expect(january["team/monthly"]?.due == day("2028-02-29"))
        #expect(january["team/am"]?.due == day("2028-01-30"))
        #expect(january["team/kickoff"]?.due == day("2028-02-29"))
        let march = try Self.tasks(account, asOf: day("2028-03-02"))
        #expect(march["team/sponsor"]?.due == day("2028-02-28"))
        #expect(march["team/monthly"]?.due == day("2028-04-02"))
        let leapDay = try Self.tasks(account, asOf: day("2028-02-29"))
        #expect(leapDay["team/csm"]?.due == day("2028-03-07"))
        #expect(leapDay["team/monthly"]?.due == day("2028-03-29"))
    }

    @Test func aMissingAnchorLeavesTheDateOutAndSaysWhy() throws {
        let tasks = try Self.tasks(makeAccount())
        #expect(tasks.count == 8)
        #expect(tasks["team/am"]?.due == nil)
        #expect(tasks["team/am"]?.dueNote == "no renewal date on the account")
        #expect(tasks["team/am"]?.overdue == false)
        #expect(tasks["team/portfolio"]?.dueNote == "no renewal date on the account")
        #expect(tasks["team/kickoff"]?.due == nil)
        #expect(tasks["team/kickoff"]?.dueNote == "no contract start on the account")
        #expect(tasks["team/csm"]?.due == day("2026-07-08"))
        #expect(tasks["team/csm"]?.dueNote == nil)
    }

    @Test func overdueWhenDueBeforeTheRunDate() throws {
        let tasks = try Self.tasks(Self.people)
        #expect(tasks["team/sponsor"]?.overdue == true)  // −3d
        #expect(tasks["team/support"]?.overdue == false)  // due today
        #expect(tasks["team/csm"]?.overdue == false)
        let late = try Self.tasks(makeAccount(contract: Contract(start: day("2026-05-01"), renewal: day("2026-10-01"))))
        #expect(late["team/am"]?.due == day("2026-06-03"))
        #expect(late["team/am"]?.overdue == true)
        #expect(late["team/kickoff"]?.overdue == true)
        #expect(late["team/portfolio"]?.overdue == false)
    }

    // MARK: Conditions and ids

    @Test func aTaskConditionIncludesOrOmitsTheTask() throws {
        let red = try Self.tasks(makeAccount(health: Health(score: 30)))
        #expect(red["team/red-only"]?.due == day("2026-07-15"))
        #expect(red.count == 9)
        let green = try Self.tasks(makeAccount(health: Health(score: 90)))
        #expect(green["team/red-only"] == nil)
        #expect(green.count == 8)
        let unknown = try Self.tasks(makeAccount())
        #expect(unknown["team/red-only"] == nil)
    }

    @Test func stableIdsArePlaybookSlashTaskAndKeepTheirOrder() throws {
        let selected = Self.library.select(facts(makeAccount(health: Health(score: 30))))
        let ids = try #require(selected.first).tasks.map(\.id)
        #expect(
            ids == [
                "team/csm", "team/am", "team/sponsor", "team/support", "team/portfolio", "team/kickoff",
                "team/task-without-a-due-date", "team/monthly", "team/red-only",
            ])
        // A later run, with other numbers, gives the same ids.
        let later = Self.library.select(facts(makeAccount(health: Health(score: 20)), asOf: day("2026-08-01")))
        #expect(try #require(later.first).tasks.map(\.id) == ids)
    }

    @Test func tasksKeepTitleAndDetail() throws {
        let tasks = try Self.tasks(Self.people)
        #expect(tasks["team/kickoff"]?.title == "Kickoff")
        #expect(tasks["team/kickoff"]?.detail == "{{account.csm}} runs it.")
        #expect(tasks["team/csm"]?.detail == nil)
    }

    @Test func aPlaybookThatDoesNotHoldIsNotSelected() {
        #expect(Self.library.playbooks.map(\.id) == ["never", "team"])
        #expect(Self.library.select(emptyFacts).map(\.playbook.id) == ["team"])
    }

    @Test func triggeredPlaybooksSayWhy() throws {
        let library = try PlaybookLibrary(files: [
            ("a.yaml", playbookFile(id: "a", when: "when: health.band == \"red\" or signals.open_escalations > 0"))
        ])
        let selected = library.select(
            facts(makeAccount(health: Health(score: 42), signals: Signals(openEscalations: 1))))
        #expect(selected.first?.reasons == ["health is red (score 42)", "1 open escalation"])
        #expect(library.select(facts(makeAccount(health: Health(score: 90)))).isEmpty)
    }
}
