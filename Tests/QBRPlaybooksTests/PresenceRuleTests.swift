import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// `FIELD is missing` / `FIELD is present`: the one way a rule asks about data the account does not have.
@Suite struct PresenceRuleTests {
    @Test func missingAndPresentAreNeverUnknown() throws {
        let missing = try Rule("account.sponsor.name is missing")
        let present = try Rule("account.sponsor.name is present")
        #expect(missing.evaluate(emptyFacts) == .yes)
        #expect(present.evaluate(emptyFacts) == .no)
        let named = facts(makeAccount(sponsor: ExecutiveSponsor(name: "Marta Nowak")))
        #expect(missing.evaluate(named) == .no)
        #expect(present.evaluate(named) == .yes)
        #expect(try Rule("account.sponsor.name is not missing").evaluate(named) == .yes)
        #expect(try Rule("not (health.score is present)").evaluate(emptyFacts) == .yes)
        // A sponsor without a name is no sponsor named.
        #expect(missing.holds(facts(makeAccount(sponsor: ExecutiveSponsor(title: "CFO")))))
    }

    @Test func keywordsReadInAnyCase() throws {
        #expect(try Rule("health.score IS MISSING And signals.referral is Missing").holds(emptyFacts))
        #expect(try Rule("NOT health.score > 50 OR TRUE").holds(emptyFacts))
    }

    @Test func worksOnEveryKindOfMetricAndOnFlags() throws {
        let flags = RuleVocabulary(flags: ["risky": try Rule("health.band == \"red\"")])
        #expect(try Rule("flags.risky is missing", vocabulary: flags).holds(emptyFacts))
        #expect(try Rule("renewal.days is missing and adoption.seat_utilization is missing").holds(emptyFacts))
        #expect(try Rule("outcomes.count is present").holds(emptyFacts))
    }

    @Test func reasonsSayWhatIsMissing() throws {
        let rule = try Rule("account.sponsor.name is missing or account.csm is missing")
        #expect(rule.reasons(facts(makeAccount(csm: nil))) == ["no executive sponsor is named", "no CSM is assigned"])
        let present = try Rule("account.sponsor.name is present")
        #expect(
            present.reasons(facts(makeAccount(sponsor: ExecutiveSponsor(name: "Marta Nowak"))))
                == ["the executive sponsor is Marta Nowak"])
    }

    @Test func mistakesAreLocated() {
        #expect(
            ruleError("account.sponsor.name is absent")
                == RuleError(
                    message:
                        "expected missing or present after is (health.score is missing); to compare a value, write ==",
                    offset: 24, length: 6))
        #expect(
            ruleError("account.sponsor.nam is missing")
                == RuleError(
                    message: "unknown metric \"account.sponsor.nam\" (did you mean account.sponsor.name?)", offset: 0,
                    length: 19))
        #expect(
            ruleError("\"x\" is missing")
                == RuleError(
                    message: "is missing and is present apply to a metric or flag, not to \"x\"", offset: 0, length: 3))
    }

    @Test func theExecSponsorGapPlaybook() throws {
        let library = try PlaybookLibrary.builtIn()
        let noSponsor = makeAccount(contract: Contract(renewal: day("2026-10-31")))
        let gap = try #require(library.select(facts(noSponsor)).first { $0.playbook.id == "exec-sponsor-gap" })
        #expect(gap.reasons == ["no executive sponsor is named", "renewal in 122 days (2026-10-31)"])
        // Without a contract there is no renewal for a sponsor to sign: no checklist.
        #expect(library.select(facts(makeAccount())).isEmpty)
        #expect(
            gap.tasks.map { String($0.id.split(separator: "/").last ?? "") } == [
                "find-sponsor", "executive-intro", "alignment-meeting", "record-sponsor", "renewal-check",
            ])
        #expect(
            gap.tasks.map(\.owner) == [
                "Dana Whitfield", "Luis Ortega", "Dana Whitfield", "Dana Whitfield", "Luis Ortega",
            ])
        // A named sponsor of long standing: no gap.
        let settled = makeAccount(
            sponsor: ExecutiveSponsor(name: "Marta Nowak", since: day("2025-01-01")),
            contract: Contract(renewal: day("2026-10-31")))
        #expect(!library.select(facts(settled)).contains { $0.playbook.id == "exec-sponsor-gap" })
        // A new sponsor: sponsor-change fires instead, and says why the gap play does not.
        let changed = makeAccount(sponsor: ExecutiveSponsor(name: "Marta Nowak", since: day("2026-06-01")))
        let selection = library.selection(facts(changed))
        #expect(selection.triggered.map(\.playbook.id) == ["sponsor-change"])
        #expect(selection.suppressed.map(\.explanation) == ["exec-sponsor-gap: suppressed by sponsor-change"])
        // With sponsor-change switched off, the gap play covers the new sponsor.
        let folder = try temporaryFolder(["off.yaml": "id: sponsor-change\nenabled: false\n"])
        let without = try PlaybookLibrary(overridesFrom: folder)
        let covered = try #require(without.select(facts(changed)).first)
        #expect(covered.playbook.id == "exec-sponsor-gap")
        #expect(covered.reasons == ["the sponsor changed 30 days ago (Marta Nowak took over)"])
        #expect(!covered.tasks.contains { $0.id.hasSuffix("find-sponsor") })
    }
}
