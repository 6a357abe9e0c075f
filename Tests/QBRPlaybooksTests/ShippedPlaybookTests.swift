import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// The playbooks in Playbooks/, as compiled into the binary, against crafted accounts at 2026-07-01.
@Suite struct ShippedPlaybookTests {
    static let library: PlaybookLibrary = {
        do { return try PlaybookLibrary.builtIn() } catch { fatalError("built-in playbooks: \(error)") }
    }()

    /// The triggered playbook `id` for `account`, or nil.
    static func triggered(_ id: String, _ account: Account, asOf: Day = runDate) -> TriggeredPlaybook? {
        library.select(facts(account, asOf: asOf)).first { $0.playbook.id == id }
    }

    static func taskKeys(_ playbook: TriggeredPlaybook?) -> [String] {
        playbook?.tasks.map { String($0.id.split(separator: "/").last ?? "") } ?? []
    }

    @Test func theBuiltInLibraryLoadsCleanly() throws {
        let library = try PlaybookLibrary.builtIn()
        #expect(library.warnings.isEmpty)
        #expect(
            library.playbooks.map(\.id) == [
                "churn-risk", "exec-sponsor-gap", "expansion", "grr-masking", "onboarding", "renewal",
                "sponsor-change",
            ])
        #expect(
            library.playbooks.map(\.kind) == [
                "churn", "sponsor-gap", "expansion", "retention", "onboarding", "renewal", "sponsor-change",
            ])
        #expect(library.playbooks.map(\.origin) == library.playbooks.map { "Playbooks/\($0.id).yaml" })
        #expect(library.flags.map(\.name) == ["renewal_risk", "usage_falling", "expansion_signal"])
        #expect(library.playbooks.allSatisfy { !$0.tasks.isEmpty && $0.summary != nil })
    }

    @Test func theShippedFilesAreTheOnesInTheRepository() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Playbooks")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(names) == Set(BuiltInPlaybooks.files.keys))
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(BuiltInPlaybooks.files[name] == text, "\(name)")
        }
    }

    @Test func anAccountWithoutDataTriggersNothing() {
        // Missing data is unknown and fires nothing; the sponsor gap asks for a renewal date besides.
        #expect(Self.library.select(emptyFacts).isEmpty)
    }

    // MARK: churn-risk

    @Test func churnRiskOnRedHealthFallingUsageAndEscalations() throws {
        let account = makeAccount(
            contract: Contract(renewal: day("2026-10-31")),
            usage: Usage(monthlyActiveUsers: [200, 190, 170, 150]), health: Health(score: 42),
            signals: Signals(openEscalations: 2, missedMilestones: 0, skippedReviews: 0))
        let churn = try #require(Self.triggered("churn-risk", account))
        #expect(churn.reasons == ["health is red (score 42)", "usage fell 25% over 90 days", "2 open escalations"])
        #expect(
            Self.taskKeys(churn)
                == ["rescue-plan", "escalations", "usage-diagnosis", "value-summary", "executive-call", "renewal-plan"])
        let escalations = try #require(churn.tasks.first { $0.id == "churn-risk/escalations" })
        #expect(escalations.owner == "Support (unassigned)")
        #expect(escalations.due == day("2026-07-04"))
        let renewal = try #require(churn.tasks.last)
        #expect(renewal.id == "churn-risk/renewal-plan")
        #expect(renewal.owner == "Luis Ortega")
        #expect(renewal.due == day("2026-07-03"))
        #expect(!renewal.overdue)
    }

    @Test func churnRiskOnRedHealthAlone() throws {
        let churn = try #require(Self.triggered("churn-risk", makeAccount(health: Health(score: 42))))
        #expect(churn.reasons == ["health is red (score 42)"])
        #expect(Self.taskKeys(churn) == ["rescue-plan", "value-summary", "executive-call", "renewal-plan"])
        #expect(churn.tasks.last?.dueNote == "no renewal date on the account")
    }

    @Test func churnRiskOnFallingUsageWithGreenHealth() throws {
        let account = makeAccount(usage: Usage(monthlyActiveUsers: [200, 190, 170, 150]), health: Health(score: 80))
        let churn = try #require(Self.triggered("churn-risk", account))
        #expect(churn.reasons == ["usage fell 25% over 90 days"])
        #expect(Self.taskKeys(churn) == ["rescue-plan", "usage-diagnosis", "value-summary", "renewal-plan"])
    }

    @Test func churnRiskOnMissedMilestonesAndSkippedReviews() throws {
        let account = makeAccount(health: Health(score: 80), signals: Signals(missedMilestones: 2, skippedReviews: 1))
        let churn = try #require(Self.triggered("churn-risk", account))
        #expect(churn.reasons == ["2 onboarding milestones missed", "1 business review skipped"])
        #expect(
            Self.taskKeys(churn) == ["rescue-plan", "milestones", "rebook-review", "value-summary", "renewal-plan"])
    }

    @Test func churnRiskStaysQuietOnAHealthyAccount() {
        let healthy = makeAccount(
            usage: Usage(monthlyActiveUsers: [150, 160, 170, 180]), health: Health(score: 80),
            signals: Signals(openEscalations: 0, missedMilestones: 0, skippedReviews: 0))
        #expect(Self.triggered("churn-risk", healthy) == nil)
        // Down 19%: not yet falling; yellow health is not red.
        let slipping = makeAccount(usage: Usage(monthlyActiveUsers: [100, 95, 90, 81]), health: Health(score: 50))
        #expect(Self.triggered("churn-risk", slipping) == nil)
    }

    // MARK: sponsor-change

    @Test func sponsorChangeNamesTheNewSponsor() throws {
        let account = makeAccount(
            sponsor: ExecutiveSponsor(name: "Priya Raman", title: "CFO", since: day("2026-05-24")))
        let change = try #require(Self.triggered("sponsor-change", account))
        #expect(change.reasons == ["the sponsor changed 38 days ago (Priya Raman took over)"])
        #expect(Self.taskKeys(change) == ["intro-call", "value-summary", "stakeholder-map"])
        #expect(change.tasks.first?.due == day("2026-07-08"))
        #expect(change.tasks.first?.detail?.contains("{{account.sponsor.name}}") == true)
    }

    @Test func sponsorChangeWithOutcomesAndAnApproachingRenewal() throws {
        let account = makeAccount(
            sponsor: ExecutiveSponsor(name: "Priya Raman", since: day("2026-05-24")),
            contract: Contract(renewal: day("2026-10-31")), outcomes: [Outcome(name: "Faster onboarding")])
        let change = try #require(Self.triggered("sponsor-change", account))
        #expect(
            Self.taskKeys(change) == ["intro-call", "value-summary", "stakeholder-map", "rebaseline", "renewal-risk"])
        #expect(change.tasks.last?.owner == "Luis Ortega")
    }

    @Test func sponsorChangeWithinNinetyDaysOnly() {
        let day90 = makeAccount(sponsor: ExecutiveSponsor(name: "Priya Raman", since: day("2026-04-02")))
        #expect(
            Self.triggered("sponsor-change", day90)?.reasons == [
                "the sponsor changed 90 days ago (Priya Raman took over)"
            ])
        let day91 = makeAccount(sponsor: ExecutiveSponsor(name: "Priya Raman", since: day("2026-04-01")))
        #expect(Self.triggered("sponsor-change", day91) == nil)
        let longAgo = makeAccount(sponsor: ExecutiveSponsor(name: "Priya Raman", since: day("2024-01-15")))
        #expect(Self.triggered("sponsor-change", longAgo) == nil)
        let noDate = makeAccount(sponsor: ExecutiveSponsor(name: "Priya Raman"))
        #expect(Self.triggered("sponsor-change", noDate) == nil)
        let future = makeAccount(sponsor: ExecutiveSponsor(name: "Priya Raman", since: day("2026-08-01")))
        #expect(Self.triggered("sponsor-change", future) == nil)
    }

    // MARK: expansion

    static func readyAccount(
        seatsActive: Int = 190, confirmed: Bool = true, score: Decimal = 80, referral: Bool? = nil
    ) -> Account {
        makeAccount(
            contract: Contract(seats: 200),
            outcomes: [Outcome(name: "Onboard faster", baseline: 45, target: 20, actual: 18, direction: .decrease)],
            value: [ValueRealized(amount: 50_000, confirmed: confirmed)], usage: Usage(seatsActive: seatsActive),
            health: Health(score: score), signals: Signals(referral: referral))
    }

    @Test func expansionFollowsDemonstratedValue() throws {
        let expansion = try #require(Self.triggered("expansion", Self.readyAccount()))
        #expect(
            expansion.reasons == [
                "value is demonstrated (1 outcome achieved, $50,000 confirmed)",
                "seat utilization is 95% (190 of 200 seats)",
            ])
        #expect(Self.taskKeys(expansion) == ["evidence", "seats", "proposal"])
        #expect(expansion.tasks.map(\.owner) == ["Dana Whitfield", "Luis Ortega", "Luis Ortega"])
    }

    @Test func expansionAsksForAReferenceWhenThereIsNone() throws {
        let expansion = try #require(Self.triggered("expansion", Self.readyAccount(referral: false)))
        #expect(Self.taskKeys(expansion) == ["evidence", "seats", "proposal", "reference"])
        #expect(
            Self.taskKeys(Self.triggered("expansion", Self.readyAccount(referral: true))) == [
                "evidence", "seats", "proposal",
            ])
    }

    @Test func expansionOnGrowthAndLowAdoptionWithAnOpportunity() throws {
        var account = Self.readyAccount()
        account.usage = Usage(
            seatsActive: 100, monthlyActiveUsers: [100, 110, 115, 125], planLimitUtilization: Decimal(string: "0.92"),
            featureAdoption: [FeatureAdoption(feature: "Analytics", share: Decimal(string: "0.15")!)])
        account.opportunities = [Opportunity(name: "Analytics module")]
        let expansion = try #require(Self.triggered("expansion", account))
        #expect(
            expansion.reasons == [
                "value is demonstrated (1 outcome achieved, $50,000 confirmed)", "plan limit use is 92%",
                "usage rose 25% over 90 days", "Analytics is used by only 15% of users", "1 open opportunity",
            ])
        #expect(Self.taskKeys(expansion) == ["evidence", "plan-upgrade", "growth-teams", "enablement", "proposal"])
    }

    @Test func noExpansionWithoutValueOrSignal() {
        #expect(Self.triggered("expansion", Self.readyAccount(seatsActive: 100)) == nil)  // no signal
        #expect(Self.triggered("expansion", Self.readyAccount(confirmed: false)) == nil)  // value only estimated
        #expect(Self.triggered("expansion", Self.readyAccount(score: 40)) == nil)  // red health
        var noOutcome = Self.readyAccount()
        noOutcome.outcomes = []
        #expect(Self.triggered("expansion", noOutcome) == nil)
    }

    // MARK: renewal

    @Test func renewalTimelineAtHundredDays() throws {
        let account = makeAccount(contract: Contract(renewal: day("2026-10-09")), health: Health(score: 62))
        let renewal = try #require(Self.triggered("renewal", account))
        #expect(renewal.reasons == ["renewal in 100 days (2026-10-09)"])
        #expect(Self.taskKeys(renewal) == ["value-story", "strategy", "save-plan", "ebr", "proposal", "paperwork"])
        #expect(
            renewal.tasks.map(\.due) == [
                day("2026-04-12"), day("2026-06-11"), day("2026-07-08"), day("2026-07-11"), day("2026-08-10"),
                day("2026-09-09"),
            ])
        #expect(renewal.tasks.map(\.overdue) == [true, true, false, false, false, false])
        #expect(
            renewal.tasks.map(\.owner) == [
                "Dana Whitfield", "Luis Ortega", "Luis Ortega", "Dana Whitfield", "Luis Ortega", "Luis Ortega",
            ])
    }

    @Test func noSavePlanWhenHealthIsGreen() throws {
        let account = makeAccount(contract: Contract(renewal: day("2026-10-09")), health: Health(score: 90))
        let renewal = try #require(Self.triggered("renewal", account))
        #expect(!Self.taskKeys(renewal).contains("save-plan"))
        let unknownHealth = makeAccount(contract: Contract(renewal: day("2026-10-09")))
        #expect(!Self.taskKeys(Self.triggered("renewal", unknownHealth)).contains("save-plan"))
    }

    @Test func renewalWindowIsTheLastHundredEightyDaysAndStaysOnceOverdue() {
        func renewal(_ date: String) -> TriggeredPlaybook? {
            Self.triggered("renewal", makeAccount(contract: Contract(renewal: day(date))))
        }
        #expect(renewal("2026-12-28")?.reasons == ["renewal in 180 days (2026-12-28)"])
        #expect(renewal("2026-12-29") == nil)
        #expect(renewal("2026-07-01")?.reasons == ["renewal in 0 days (2026-07-01)"])
        // Overdue is a state (issue 12): the day after the date the checklist stays, every step due now.
        let overdue = renewal("2026-06-30")
        #expect(overdue?.reasons == ["renewal overdue by 1 day (2026-06-30)"])
        #expect(overdue?.tasks.compactMap(\.due).allSatisfy { $0 == day("2026-07-01") } == true)
        #expect(Self.triggered("renewal", makeAccount(contract: Contract(arr: 10_000))) == nil)
    }

    // MARK: onboarding

    @Test func onboardingInTheFirstNinetyDays() throws {
        let account = makeAccount(contract: Contract(start: day("2026-06-01")))
        let onboarding = try #require(Self.triggered("onboarding", account))
        #expect(onboarding.reasons == ["the contract started 30 days ago", "0 outcomes achieved"])
        #expect(
            Self.taskKeys(onboarding) == ["kickoff", "success-plan", "training", "day-30", "first-value", "day-90"])
        #expect(
            onboarding.tasks.map(\.due) == [
                day("2026-06-08"), day("2026-06-15"), day("2026-06-22"), day("2026-07-01"), day("2026-07-31"),
                day("2026-08-30"),
            ])
        #expect(onboarding.tasks.map(\.overdue) == [true, true, true, false, false, false])
    }

    @Test func onboardingWithASuccessPlanAlreadyAgreed() throws {
        let account = makeAccount(
            contract: Contract(start: day("2026-06-01")),
            outcomes: [Outcome(name: "Go live", baseline: 0, target: 100, actual: 10)])
        let onboarding = try #require(Self.triggered("onboarding", account))
        #expect(!Self.taskKeys(onboarding).contains("success-plan"))
    }

    @Test func noOnboardingAfterFirstValueOrOutsideTheWindow() {
        let achieved = makeAccount(
            contract: Contract(start: day("2026-06-01")),
            outcomes: [Outcome(name: "Go live", baseline: 0, target: 100, actual: 100)])
        #expect(Self.triggered("onboarding", achieved) == nil)
        #expect(Self.triggered("onboarding", makeAccount(contract: Contract(start: day("2026-04-02")))) != nil)  // day 90
        #expect(Self.triggered("onboarding", makeAccount(contract: Contract(start: day("2026-04-01")))) == nil)  // day 91
        #expect(Self.triggered("onboarding", makeAccount(contract: Contract(start: day("2026-07-01")))) != nil)  // day 0
        #expect(Self.triggered("onboarding", makeAccount(contract: Contract(start: day("2026-08-01")))) == nil)  // not started
        #expect(Self.triggered("onboarding", makeAccount(contract: Contract(renewal: day("2027-06-01")))) == nil)
    }

    // MARK: grr-masking

    @Test func grrMaskingWhenExpansionHidesChurn() throws {
        let account = makeAccount(
            revenue: Revenue(startingARR: 100_000, expansion: 30_000, contraction: 15_000, churn: 7_000))
        let masking = try #require(Self.triggered("grr-masking", account))
        #expect(masking.reasons == ["expansion masks contraction and churn: NRR 108.0% but GRR 78.0%"])
        #expect(Self.taskKeys(masking) == ["review", "root-cause", "retention-plan"])
        #expect(masking.tasks.map(\.owner) == ["Portfolio owner (unassigned)", "Dana Whitfield", "Luis Ortega"])
        #expect(masking.tasks.map(\.due) == [day("2026-07-15"), day("2026-07-15"), day("2026-07-31")])
    }

    @Test func noGrrMaskingOnHealthyOrShrinkingRevenue() {
        // The worked example: NRR 112%, GRR 92%.
        let healthy = makeAccount(
            revenue: Revenue(startingARR: 100_000, expansion: 20_000, contraction: 3_000, churn: 5_000))
        #expect(Self.triggered("grr-masking", healthy) == nil)
        // GRR 80% but NRR 90%: shrinking, not masked.
        let shrinking = makeAccount(revenue: Revenue(startingARR: 100_000, expansion: 10_000, churn: 20_000))
        #expect(Self.triggered("grr-masking", shrinking) == nil)
        #expect(Self.triggered("grr-masking", makeAccount()) == nil)
    }

    // MARK: Together

    @Test func severalPlaybooksInLibraryOrder() {
        let account = makeAccount(
            sponsor: ExecutiveSponsor(name: "Priya Raman", since: day("2026-05-24")),
            contract: Contract(start: day("2026-06-01"), renewal: day("2026-10-09")), health: Health(score: 42))
        #expect(
            Self.library.select(facts(account)).map(\.playbook.id) == [
                "churn-risk", "onboarding", "renewal", "sponsor-change",
            ])
    }
}
