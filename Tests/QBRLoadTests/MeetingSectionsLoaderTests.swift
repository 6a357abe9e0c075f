import Foundation
import QBRCore
import Testing

@testable import QBRLoad

/// Issue 14: the review's own sections — support, stakeholders, the last review's commitments, the roadmap — and
/// owners and due dates on asks and risks, read field by field with every mistake located.
@Suite struct MeetingSectionsLoaderTests {
    static let yaml = """
        account: {id: M-1, name: Meeting Co}
        risks:
          - {description: Budget, severity: high, mitigation: Early proposal, owner: account_manager, due: 2026-11-02}
        narrative:
          asks:
            - Name a project lead
            - {text: Confirm the EU date, owner: Priya Raman, due: 2026-11-13}
        support: {tickets_opened: 42, tickets_closed: 45, csat: 0.94, sla_attainment: 0.97, open_escalations: 1}
        stakeholders:
          - {name: Priya Raman, title: CFO, role: economic-buyer, attending: true, note: Wants one page}
          - {name: Dana Whitfield, side: vendor}
        last_review:
          date: 2026-07-14
          commitments:
            - {text: Roll out routing, owner: csm, due: 2026-09-15, status: done, note: Live since 9 Sep}
            - {text: Name an owner, side: customer, status: not-done}
        roadmap:
          - {title: Carrier scorecards, quarter: Q1 2027, status: in-development, why: Faster onboarding}
        """

    @Test func readsEveryNewFieldExactly() throws {
        let loaded = try load(Self.yaml)
        let account = loaded.account
        #expect(loaded.warnings.isEmpty)
        #expect(
            account.support
                == Support(
                    ticketsOpened: 42, ticketsClosed: 45, csat: Decimal(string: "0.94"),
                    slaAttainment: Decimal(string: "0.97"), openEscalations: 1))
        #expect(
            account.stakeholders == [
                Stakeholder(
                    name: "Priya Raman", title: "CFO", side: .customer, role: .economicBuyer, attending: true,
                    note: "Wants one page"),
                Stakeholder(name: "Dana Whitfield", side: .vendor),
            ])
        #expect(account.lastReview?.date == Day(year: 2026, month: 7, day: 14))
        #expect(
            account.lastReview?.commitments == [
                Commitment(
                    text: "Roll out routing", side: .vendor, owner: "csm", due: Day(year: 2026, month: 9, day: 15),
                    status: .done, note: "Live since 9 Sep"),
                Commitment(text: "Name an owner", side: .customer, status: .notDone),
            ])
        #expect(
            account.roadmap == [
                RoadmapItem(
                    title: "Carrier scorecards", quarter: "Q1 2027", status: .inDevelopment, why: "Faster onboarding")
            ])
        #expect(
            account.narrative?.asks == [
                Ask(text: "Name a project lead"),
                Ask(text: "Confirm the EU date", owner: "Priya Raman", due: Day(year: 2026, month: 11, day: 13)),
            ])
        #expect(account.risks.first?.owner == "account_manager")
        #expect(account.risks.first?.due == Day(year: 2026, month: 11, day: 2))
    }

    @Test func eachMistakeIsReportedAtItsFieldLineAndColumn() {
        let diagnostics = failures(
            """
            account: {id: M-2, name: Bad Co}
            support: {csat: 94, tickets_opened: -1}
            stakeholders:
              - {title: CFO, side: partner}
            last_review:
              commitments:
                - {text: A, status: maybe, due: 2026-02-30}
            roadmap:
              - {title: X, status: shipped}
            narrative:
              asks: [{owner: csm}, {text: B, due: soon}]
            risks: [{description: R, due: tomorrow}]
            """, name: "bad.yaml")
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(
            errors.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.path ?? "")" } == [
                "2:17 support.csat", "2:37 support.tickets_opened", "4:5 stakeholders[0].name",
                "4:24 stakeholders[0].side", "7:25 last_review.commitments[0].status",
                "7:37 last_review.commitments[0].due", "9:24 roadmap[0].status", "11:10 narrative.asks[0].text",
                "11:39 narrative.asks[1].due", "12:31 risks[0].due",
            ])
        #expect(errors.allSatisfy { $0.file == "bad.yaml" })
        #expect(errors[0].message.contains("0.94 for 94%"))
        #expect(errors[3].message.contains("expected one of customer, vendor"))
        #expect(errors[4].message.contains("expected one of done, in-progress, not-done"))
    }

    @Test func anUnknownKeyInANewSectionIsAWarningWithASuggestion() throws {
        let loaded = try load("account: {id: M-3, name: W}\nstakeholders: [{name: A, atending: true}]\n")
        #expect(loaded.warnings.map(\.message) == [#"unknown key "atending" is ignored (did you mean "attending"?)"#])
        #expect(loaded.warnings.first?.path == "stakeholders[0].atending")
    }

    @Test func theTeamConfigCarriesARoadmapForEveryAccount() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-roadmap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("qbr.yaml").path
        try "roadmap:\n  - {title: SSO for every plan, quarter: Q4 2026, status: beta}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let (config, warnings) = try TeamConfigLoader.load(path: path)
        #expect(warnings.isEmpty)
        #expect(config.roadmap == [RoadmapItem(title: "SSO for every plan", quarter: "Q4 2026", status: .beta)])
        try "roadmap:\n  - {quarter: Q4 2026}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: AccountLoadError.self) { try TeamConfigLoader.load(path: path) }
    }

    @Test func aFileThatDoesNotLoadStillHandsOverWhatDid() {
        do {
            _ = try AccountLoader.load(
                data: Data(
                    "account: {id: P-1, name: Partial, contract: {renewal: 2026-09-30}}\nhealth: {score: 140}\n".utf8),
                name: "p.yaml")
            Issue.record("expected the load to fail")
        } catch {
            #expect(error.partial?.profile.contract?.renewal == Day(year: 2026, month: 9, day: 30))
            #expect(error.partial?.health?.score == nil)  // the field in error is absent
        }
    }
}
