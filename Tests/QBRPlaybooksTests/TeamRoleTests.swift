import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// A team's own roles as task owners: declared in qbr.yaml, named per account, checked when playbooks load.
@Suite struct TeamRoleTests {
    static let team = ["solutions_engineer": "Solutions engineer", "champion": "Champion", "support": "Support desk"]

    static let file = """
        id: technical
        title: Technical health
        kind: technical
        when: signals.open_escalations > 0
        tasks:
          - title: Review the integration
            owner: solutions_engineer
          - title: Gather feedback from the teams
            owner: champion
          - title: Close the escalations
            owner: support
          - title: Tell the sponsor
            owner: executive_sponsor
        """

    @Test func builtInRolesThenTheTeamsSortedByIdWithRelabelling() {
        #expect(
            Role.all(team: Self.team).map(\.id) == [
                "csm", "account_manager", "executive_sponsor", "support", "portfolio_owner", "champion",
                "solutions_engineer",
            ])
        #expect(Role.all(team: Self.team).first { $0.id == "support" }?.label == "Support desk")
        #expect(Role.all(team: [:]) == Role.builtIn)
    }

    @Test func tasksAreOwnedByThePersonOrTheRoleName() throws {
        let library = try PlaybookLibrary(files: [("technical.yaml", Self.file)], roles: Self.team)
        var account = makeAccount(
            sponsor: ExecutiveSponsor(name: "Marta Nowak"), signals: Signals(openEscalations: 1))
        account.profile.team = ["solutions_engineer": "Priya Nair"]
        let tasks = try #require(library.select(facts(account)).first).tasks
        #expect(
            tasks.map(\.owner) == [
                "Priya Nair", "Champion (unassigned)", "Support desk (unassigned)", "Marta Nowak",
            ])
        #expect(tasks.map(\.role.id) == ["solutions_engineer", "champion", "support", "executive_sponsor"])
    }

    @Test func aNameUnderTeamWinsForABuiltInRole() {
        var account = makeAccount()
        #expect(Role.csm.person(on: account) == "Dana Whitfield")
        account.profile.team = ["csm": "Sam Lee", "support": "Ana Lima"]
        #expect(Role.csm.person(on: account) == "Sam Lee")
        #expect(Role.support.person(on: account) == "Ana Lima")
        #expect(Role.portfolioOwner.person(on: account) == nil)
    }

    @Test func aStakeholderInTheRoleOwnsItsTasks() {
        var account = makeAccount()
        account.stakeholders = [
            Stakeholder(name: "Tom Berg", role: .champion), Stakeholder(name: "Lea Kim", role: .economicBuyer),
            Stakeholder(name: "Marta Nowak", role: .sponsor),
        ]
        #expect(Role(id: "champion", label: "Champion").person(on: account) == "Tom Berg")
        #expect(Role(id: "economic_buyer", label: "Economic buyer").person(on: account) == "Lea Kim")
        #expect(Role.executiveSponsor.person(on: account) == "Marta Nowak")
        // The account's own field and team: come first.
        account.profile.executiveSponsor = ExecutiveSponsor(name: "Priya Raman")
        account.profile.team = ["champion": "Ana Lima"]
        #expect(Role.executiveSponsor.person(on: account) == "Priya Raman")
        #expect(Role(id: "champion", label: "Champion").person(on: account) == "Ana Lima")
    }

    @Test func anUnknownRoleIsAnErrorWithDidYouMeanAmongTheTeamsRoles() {
        let typo = Self.file.replacingOccurrences(of: "owner: solutions_engineer", with: "owner: solution_engineer")
        let errors = loadErrors([("technical.yaml", typo)], roles: Self.team)
        #expect(
            errors.map(\.description) == [
                "technical.yaml:7:12: error: tasks[0].owner: unknown owner role \"solution_engineer\" (did you mean solutions_engineer?): expected one of csm, account_manager, executive_sponsor, support, portfolio_owner, champion, solutions_engineer (a team adds its own under roles: in qbr.yaml)"
            ])
        // Without the team's roles, its own role is unknown.
        #expect(loadErrors([("technical.yaml", Self.file)]).count == 2)
    }
}

/// Files with `id:` and only `enabled`, `priority` or `excludes` adjust a playbook; `tasks: []` is one error.
@Suite struct PlaybookAdjustmentTests {
    @Test func anIdWithEnabledFalseSwitchesAPlaybookOff() throws {
        let library = try PlaybookLibrary(files: [
            ("a.yaml", playbookFile(id: "a")), ("b.yaml", playbookFile(id: "b")),
            ("off.yaml", "id: a\nenabled: false\n"),
        ])
        #expect(library.playbooks.map(\.id) == ["b"])
        #expect(library.warnings.isEmpty)
    }

    @Test func priorityAndExcludesAreAdjusted() throws {
        let library = try PlaybookLibrary(files: [
            ("a.yaml", playbookFile(id: "a")), ("b.yaml", playbookFile(id: "b")),
            ("tune.yaml", "id: b\npriority: 7\nexcludes: [a]\n"),
        ])
        #expect(library.playbooks.map(\.id) == ["b", "a"])
        #expect(library.playbooks.first?.excludes == ["a"])
        let red = facts(makeAccount(health: Health(score: 20)))
        #expect(library.selection(red).suppressed.map(\.explanation) == ["a: suppressed by b"])
    }

    @Test func theBuiltInFileOfTheSameNameIsKept() throws {
        let folder = try temporaryFolder(["expansion.yaml": "id: expansion\nenabled: false\n"])
        let library = try PlaybookLibrary(overridesFrom: folder)
        #expect(!library.playbooks.contains { $0.id == "expansion" })
        #expect(library.playbooks.contains { $0.id == "churn-risk" })
        #expect(library.warnings.isEmpty)
    }

    @Test func anAdjustmentOfAnUnknownIdIsAnError() {
        #expect(
            loadErrors([("a.yaml", playbookFile(id: "expansion")), ("off.yaml", "id: expanson\nenabled: false\n")])
                .map(\.description) == [
                    "off.yaml:1:5: error: id: no playbook has the id \"expanson\" (did you mean expansion?): a file with only id, enabled, priority and excludes adjusts an existing playbook"
                ])
    }

    @Test func emptyTasksAreReportedOnce() {
        let errors = loadErrors([
            ("p.yaml", playbookFile(tasks: "").replacingOccurrences(of: "tasks:\n", with: "tasks: []\n"))
        ])
        #expect(
            errors.map(\.description) == [
                "p.yaml:5:8: error: tasks: has no tasks: a playbook needs at least one (to switch it off, write enabled: false)"
            ])
        let missing = loadErrors([("p.yaml", "id: p\ntitle: P\nkind: churn\nwhen: health.score > 1\n")])
        #expect(missing.map(\.message) == ["is required but missing"])
    }
}
