import Foundation
import Testing

@testable import QBRCore

private func day(_ s: String) -> Day { Day(iso: s)! }

/// A complete, plausible account: every data section and narrative slot, no warning at 2026-10-15.
private func completeAccount() -> Account {
    Account(
        profile: AccountProfile(
            id: "FX", name: "Fixture Freight",
            contract: Contract(start: day("2025-11-01"), renewal: day("2026-12-31"), arr: 100_000, seats: 100)),
        revenue: Revenue(startingARR: 100_000, expansion: 10_000),
        outcomes: [Outcome(name: "Faster onboarding", baseline: 40, target: 20, actual: 22, direction: .decrease)],
        valueRealized: [ValueRealized(category: "Cost savings", amount: 50_000, confirmed: true)],
        usage: Usage(seatsActive: 80, monthlyActiveUsers: [70, 75, 80]),
        health: Health(score: 75),
        opportunities: [Opportunity(name: "Seats")],
        risks: [Risk(description: "Budget freeze")],
        narrative: Narrative(executiveSummary: "Twice as fast.", asks: ["Name a lead"], misses: "Reporting slipped."))
}

private func warnings(_ account: Account, asOf: String = "2026-10-15") -> [PlausibilityWarning] {
    Plausibility.warnings(account, metrics: AccountMetrics(account, asOf: day(asOf)))
}

@Suite("Plausibility")
struct PlausibilityTests {
    @Test func aCompleteAccountHasNoWarning() {
        #expect(warnings(completeAccount()).isEmpty)
    }

    @Test func grrAbove100() {
        var account = completeAccount()
        account.revenue = Revenue(startingARR: 100_000, expansion: 0, contraction: -5_000, churn: 0)
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .grrAbove100, path: "revenue",
                    message: "GRR 105% is above 100%: contraction -5,000 and churn 0 are losses and cannot be negative")
            ])
    }

    @Test func nrrBelowGRR() {
        var account = completeAccount()
        account.revenue = Revenue(startingARR: 100_000, expansion: -10_000, contraction: 5_000)
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .nrrBelowGRR, path: "revenue.expansion",
                    message: "NRR 85% is below GRR 95%: expansion -10,000 is a gain and cannot be negative")
            ])
    }

    @Test func renewalAlreadyPast() {
        var account = completeAccount()
        account.profile.contract?.renewal = day("2026-09-30")
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .renewalPast, path: "account.contract.renewal",
                    message:
                        "renewal 2026-09-30 is 15 days before the run date 2026-10-15: record the renewed contract's dates"
                )
            ])
        #expect(warnings(account, asOf: "2026-09-30").isEmpty)  // renewing today is not past
        #expect(
            warnings(account, asOf: "2026-10-01").first?.message.hasPrefix("renewal 2026-09-30 is 1 day before") == true
        )
    }

    @Test func outcomeAtMoreThanTenTimesItsTarget() {
        var account = completeAccount()
        account.outcomes.append(Outcome(name: "Audited", baseline: 10, target: 20, actual: 180))
        account.outcomes.append(Outcome(name: "Exactly ten", baseline: 10, target: 20, actual: 110))  // 1 000%: fine
        account.outcomes.append(Outcome(name: "No baseline", target: 5, actual: 60))
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .outcomeOverTarget, path: "outcomes[1].actual",
                    message: "attainment 1,700% (from baseline 10 to target 20, actual 180) is more than 10× the "
                        + "committed change: check the unit and the baseline"),
                PlausibilityWarning(
                    .outcomeOverTarget, path: "outcomes[3].actual",
                    message: "attainment 1,200% (to target 5, actual 60) is more than 10× the committed change: "
                        + "check the unit and the baseline"),
            ])
    }

    // Issue 14: the new checks, each with its worked figures.

    @Test func contractARRTenTimesTheStartingARR() {
        var account = completeAccount()
        account.profile.contract?.arr = 1_000_000  // 1,000,000 ÷ 100,000 = 10×
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .contractARRAboveStart, path: "account.contract.arr",
                    message: "contract ARR $1,000,000 is 10× the period's starting ARR $100,000: check that both are "
                        + "annual and in the same currency")
            ])
        account.profile.contract?.arr = 999_999  // 9.99×: fine
        #expect(!warnings(account).contains { $0.check == .contractARRAboveStart })
    }

    @Test func moreActiveSeatsThanLicensed() {
        var account = completeAccount()
        account.usage?.seatsActive = 101  // 100 licensed
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .activeAboveLicensed, path: "usage.seats_active",
                    message: "101 active seats are more than the 100 licensed: check account.contract.seats")
            ])
    }

    @Test func valueMoreThanAHundredTimesTheContract() {
        var account = completeAccount()
        account.profile.contract?.arr = 10_000
        account.revenue = Revenue(startingARR: 10_000)
        account.valueRealized = [ValueRealized(category: "Savings", amount: 5_000_000, confirmed: true)]
        // $5,000,000 > 100 × $10,000 = $1,000,000.
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .valueAboveContract, path: "value_realized",
                    message: "value realized $5,000,000 is more than 100× the contract ARR $10,000: check the "
                        + "amounts' unit and currency")
            ])
        account.valueRealized = [ValueRealized(category: "Savings", amount: 1_000_000, confirmed: true)]  // exactly 100×
        #expect(warnings(account).isEmpty)
    }

    @Test func fullChurnWithHighHealth() {
        var account = completeAccount()
        account.revenue = Revenue(startingARR: 100_000, churn: 100_000)
        account.health = Health(score: 90)
        let metrics = AccountMetrics(account, asOf: day("2026-10-15"))
        #expect(
            Plausibility.warnings(account, metrics: metrics).map(\.check) == [.churnWithHighHealth])
        #expect(Plausibility.warnings(account, metrics: metrics, churnPlaybookApplies: true).isEmpty)
        account.health = Health(score: 89)
        #expect(warnings(account).isEmpty)
    }

    @Test func aTargetEqualToItsBaseline() {
        var account = completeAccount()
        account.outcomes.append(Outcome(name: "Flat", baseline: 10, target: 10, actual: 12))
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .targetIsBaseline, path: "outcomes[1].target",
                    message: "target 10 equals the baseline: the outcome commits to no change, so it cannot be on "
                        + "track; set the target the customer committed to")
            ])
    }

    @Test func valueWithoutCategory() {
        var account = completeAccount()
        account.valueRealized.append(ValueRealized(description: "Peak capacity", amount: 20_000))
        account.valueRealized.append(ValueRealized(category: "  ", amount: 1_000))
        #expect(warnings(account).map(\.path) == ["value_realized[1]", "value_realized[2]"])
        #expect(
            warnings(account).first?.message
                == "value of $20,000 has no category: give one (cost savings, revenue, risk reduction…) so the value slide can group it"
        )
    }

    @Test func healthOutsideZeroToHundred() {
        var account = completeAccount()
        account.health = Health(score: 120)
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .healthOutOfRange, path: "health.score", message: "health score 120 is outside 0–100")
            ])
        account.health = Health(score: -1)
        #expect(warnings(account).map(\.check) == [.healthOutOfRange])
        account.health = Health(score: 100)
        #expect(warnings(account).isEmpty)
    }

    @Test func monthlyActiveUsersAboveTwiceTheSeats() {
        var account = completeAccount()
        account.usage = Usage(monthlyActiveUsers: [70, 250, 240, 200])  // 200 = 2× seats: fine
        #expect(
            warnings(account) == [
                PlausibilityWarning(
                    .usersAboveSeats, path: "usage.monthly_active_users[1]",
                    message:
                        "250 monthly active users are more than 2× the 100 licensed seats (and in 1 other month): check account.contract.seats and the usage export"
                )
            ])
        account.usage = Usage(monthlyActiveUsers: [201])
        #expect(warnings(account).first?.message.contains("licensed seats: check") == true)
        account.profile.contract?.seats = nil
        #expect(warnings(account).isEmpty)
    }
}

@Suite("Readiness")
struct ReadinessTests {
    @Test func aCompleteAccountIs100() {
        let readiness = Readiness(completeAccount(), warnings: 0)
        #expect(readiness.score == 100)
        #expect(readiness.missing.isEmpty)
        #expect(readiness.summary == "readiness 100% (data 7/7 sections, narrative 3/3 slots, 0 warnings)")
    }

    @Test func tenPointsPerSectionOrSlotFivePerWarning() {
        var account = completeAccount()
        account.narrative?.misses = nil
        account.risks = []
        let readiness = Readiness(account, warnings: 1)
        #expect(readiness.score == 75)
        #expect(
            readiness.summary
                == "readiness 75% (data 6/7 sections, narrative 2/3 slots, 1 warning) — missing: risks, narrative.misses"
        )
    }

    @Test func emptySlotsAndSectionsDoNotCount() {
        var account = completeAccount()
        account.narrative = Narrative(executiveSummary: " ", asks: ["", " "], misses: "\n")
        account.usage = Usage()
        account.health = Health()
        let readiness = Readiness(account, warnings: 0)
        #expect(readiness.sectionsMissing == ["usage", "health"])
        #expect(readiness.narrativeMissing == [.executiveSummary, .asks, .misses])
        #expect(readiness.score == 50)
    }

    @Test func theScoreStaysWithinZeroToHundred() {
        let bare = Account(profile: AccountProfile(id: "A", name: "B"))
        #expect(Readiness(bare, warnings: 3).score == 0)
        #expect(
            Readiness(bare, warnings: 0).missing == [
                "outcomes", "value_realized", "usage", "health", "revenue", "opportunities", "risks",
                "narrative.executive_summary", "narrative.asks", "narrative.misses",
            ])
    }
}
