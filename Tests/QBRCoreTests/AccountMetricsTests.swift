import Foundation
import Testing

@testable import QBRCore

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }
private func day(_ s: String) -> Day { Day(iso: s)! }

/// A complete account that is ready for expansion at 2026-07-01.
private func sampleAccount() -> Account {
    Account(
        profile: AccountProfile(
            id: "acme", name: "Acme Corp", segment: .enterprise,
            executiveSponsor: ExecutiveSponsor(name: "Dana", since: day("2026-05-01")),
            contract: Contract(start: day("2026-01-01"), renewal: day("2026-12-31"), arr: 240_000, seats: 200)),
        revenue: Revenue(startingARR: 100_000, expansion: 20_000, contraction: 3_000, churn: 5_000),
        outcomes: [
            Outcome(name: "Faster onboarding", baseline: 45, target: 20, actual: 18, direction: .decrease),
            // no committed_on: the window opens at the contract start
            Outcome(name: "Automate reports", target: 100, actual: 10, due: day("2026-12-31")),
        ],
        valueRealized: [
            ValueRealized(category: "Cost savings", amount: 150_000, confirmed: true),
            ValueRealized(category: "Revenue", amount: 75_000),
        ],
        usage: Usage(seatsActive: 188, monthlyActiveUsers: [140, 151, 160, 172, 180, 188]),
        health: Health(components: [
            HealthComponent(name: "usage", score: 85), HealthComponent(name: "engagement", score: 70),
            HealthComponent(name: "support", score: 80), HealthComponent(name: "sentiment", score: 75),
        ]),
        opportunities: [
            Opportunity(name: "Seats", estimatedARR: 20_000, confidence: dec("0.4")),
            Opportunity(name: "Unqualified", estimatedARR: 50_000),
        ])
}

@Suite("AccountMetrics")
struct AccountMetricsTests {
    private let asOf = day("2026-07-01")

    @Test("derives every metric of a full account")
    func fullAccount() throws {
        let m = AccountMetrics(sampleAccount(), asOf: asOf)
        #expect(m.asOf == asOf)
        // NRR 1.12, GRR 0.92 (worked check); enterprise benchmark 1.20 → below benchmark
        let retention = try #require(m.retention)
        #expect(retention.nrr == dec("1.12"))
        #expect(retention.grr == dec("0.92"))
        #expect(m.nrrBand == .belowBenchmark)
        #expect(!m.grrMasking)
        // outcomes in input order
        #expect(m.outcomes.count == 2)
        #expect(m.outcomes[0].attainment == dec("1.08"))  // (18 − 45) ÷ (20 − 45)
        #expect(m.outcomes[0].status == .achieved)
        // value: 150000 + 75000 = 225000; ROI 225000 ÷ 240000 = 0.9375
        #expect(m.value.total == 225_000)
        #expect(m.value.confirmed == 150_000)
        #expect(m.value.roiMultiple == dec("0.9375"))
        // adoption: 188 ÷ 200 = 0.94; 188 ÷ 160 − 1 = 0.175
        #expect(m.seatUtilization == dec("0.94"))
        #expect(m.usageTrend90d == dec("0.175"))
        // health 78.25, green
        #expect(m.health?.score == dec("78.25"))
        #expect(m.health?.band == .green)
        // 2026-07-01 → 2026-12-31: 31+31+30+31+30+30 = 183
        #expect(m.daysToRenewal == 183)
        // 2026-05-01 → 2026-07-01: 31 + 30 = 61
        #expect(m.daysSinceSponsorChange == 61)
        #expect(m.expansionReadiness.isReady)
        // pipeline: 20000 × 0.4 + 50000 × 0 = 8000; total 70000
        #expect(m.pipeline.weightedARR == 8_000)
        #expect(m.pipeline.totalARR == 70_000)
        // (112000 + 8000) ÷ 100000 = 1.2
        #expect(m.nrrWithWeightedPipeline == dec("1.2"))
    }

    @Test("the contract start stands in for a missing committed_on")
    func windowStartFromContract() {
        // 2026-01-01 → 2026-12-31 is 364 days; 2026-01-01 → 2026-07-01 is 181 → elapsed 181/364 ≈ 0.497
        // attainment 10 ÷ 100 = 0.1 < 0.497 → at risk
        let m = AccountMetrics(sampleAccount(), asOf: asOf)
        #expect(m.outcomes[1].elapsed == Decimal(181) / Decimal(364))
        #expect(m.outcomes[1].attainment == dec("0.1"))
        #expect(m.outcomes[1].status == .atRisk)
    }

    @Test("days to renewal: positive, zero on the day, negative when past due")
    func daysToRenewal() {
        let account = sampleAccount()
        #expect(AccountMetrics(account, asOf: day("2026-12-01")).daysToRenewal == 30)
        #expect(AccountMetrics(account, asOf: day("2026-12-31")).daysToRenewal == 0)
        #expect(AccountMetrics(account, asOf: day("2027-01-10")).daysToRenewal == -10)
        // leap year: 2028-02-01 → 2028-03-01 is 29 days
        var leap = account
        leap.profile.contract?.renewal = day("2028-03-01")
        #expect(AccountMetrics(leap, asOf: day("2028-02-01")).daysToRenewal == 29)
    }

    @Test("days since the sponsor change")
    func daysSinceSponsor() {
        let account = sampleAccount()
        #expect(AccountMetrics(account, asOf: day("2026-05-01")).daysSinceSponsorChange == 0)
        // 2026-05-01 → 2027-05-01 = 365
        #expect(AccountMetrics(account, asOf: day("2027-05-01")).daysSinceSponsorChange == 365)
        var noSince = account
        noSince.profile.executiveSponsor = ExecutiveSponsor(name: "Dana")
        #expect(AccountMetrics(noSince, asOf: asOf).daysSinceSponsorChange == nil)
    }

    @Test("a bare account has no derived figures")
    func bareAccount() {
        let m = AccountMetrics(Account(profile: AccountProfile(id: "x", name: "X")), asOf: asOf)
        #expect(m.retention == nil)
        #expect(m.nrrBand == nil)
        #expect(!m.grrMasking)
        #expect(m.outcomes.isEmpty)
        #expect(m.value.total == 0)
        #expect(m.value.roiMultiple == nil)
        #expect(m.seatUtilization == nil)
        #expect(m.usageTrend90d == nil)
        #expect(m.health == nil)
        #expect(m.daysToRenewal == nil)
        #expect(m.daysSinceSponsorChange == nil)
        #expect(m.pipeline.weightedARR == 0)
        #expect(m.nrrWithWeightedPipeline == nil)
        // no outcome, no confirmed value; unknown health does not block
        #expect(!m.expansionReadiness.outcomeAchieved)
        #expect(!m.expansionReadiness.valueConfirmed)
        #expect(m.expansionReadiness.healthNotRed)
        #expect(!m.expansionReadiness.isReady)
    }

    @Test("GRR masking flows through to the account")
    func maskingFlag() {
        var account = sampleAccount()
        // NRR (100 + 30 − 22) ÷ 100 = 1.08, GRR 0.78
        account.revenue = Revenue(startingARR: 100, expansion: 30, contraction: 22)
        let m = AccountMetrics(account, asOf: asOf)
        #expect(m.grrMasking)
        #expect(m.nrrBand == .belowBenchmark)
    }

    @Test("zero starting ARR: no NRR, no band, no masking")
    func zeroStarting() {
        var account = sampleAccount()
        account.revenue = Revenue(startingARR: 0, expansion: 10_000)
        let m = AccountMetrics(account, asOf: asOf)
        #expect(m.retention?.nrr == nil)
        #expect(m.nrrBand == nil)
        #expect(!m.grrMasking)
        #expect(m.nrrWithWeightedPipeline == nil)
    }

    // MARK: Expansion readiness

    @Test("ready when all three conditions hold")
    func readyAll() {
        let r = AccountMetrics(sampleAccount(), asOf: asOf).expansionReadiness
        #expect(r.outcomeAchieved)
        #expect(r.valueConfirmed)
        #expect(r.healthNotRed)
        #expect(r.isReady)
    }

    @Test("not ready without an achieved outcome")
    func noOutcomeAchieved() {
        var account = sampleAccount()
        account.outcomes.removeFirst()  // only the at-risk one remains
        let r = AccountMetrics(account, asOf: asOf).expansionReadiness
        #expect(!r.outcomeAchieved)
        #expect(r.valueConfirmed)
        #expect(r.healthNotRed)
        #expect(!r.isReady)
    }

    @Test("not ready without confirmed value (estimates do not count)")
    func noConfirmedValue() {
        var account = sampleAccount()
        account.valueRealized = [ValueRealized(amount: 500_000)]
        let r = AccountMetrics(account, asOf: asOf).expansionReadiness
        #expect(r.outcomeAchieved)
        #expect(!r.valueConfirmed)
        #expect(r.healthNotRed)
        #expect(!r.isReady)
    }

    @Test("not ready when health is red")
    func redHealth() {
        var account = sampleAccount()
        account.health = Health(score: dec("49.99"))
        let r = AccountMetrics(account, asOf: asOf).expansionReadiness
        #expect(r.outcomeAchieved)
        #expect(r.valueConfirmed)
        #expect(!r.healthNotRed)
        #expect(!r.isReady)
    }

    @Test("yellow or unknown health does not block")
    func yellowOrUnknownHealth() {
        var yellow = sampleAccount()
        yellow.health = Health(score: 50)
        #expect(AccountMetrics(yellow, asOf: asOf).expansionReadiness.isReady)
        var unknown = sampleAccount()
        unknown.health = nil
        #expect(AccountMetrics(unknown, asOf: asOf).health == nil)
        #expect(AccountMetrics(unknown, asOf: asOf).expansionReadiness.isReady)
    }

    @Test("custom settings reach every metric that takes them")
    func customSettings() {
        var settings = MetricSettings.standard
        settings.nrrBenchmarks[.enterprise] = NRRBenchmark(threshold: dec("1.10"), label: .strong)
        settings.healthGreenFrom = 80
        settings.grrMaskingBelow = dec("0.95")
        let m = AccountMetrics(sampleAccount(), asOf: asOf, settings: settings)
        #expect(m.nrrBand == .strong)  // 1.12 ≥ 1.10
        #expect(m.health?.band == .yellow)  // 78.25 < 80
        #expect(m.grrMasking)  // NRR 1.12 ≥ 1, GRR 0.92 < 0.95
    }
}
