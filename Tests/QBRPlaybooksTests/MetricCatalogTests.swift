import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// The reasons a rule gives, in the account's numbers.
@Suite struct MetricCatalogTests {
    /// The worked example of the README's Metrics section plus everything else a phrase can mention.
    static let full = facts(
        makeAccount(
            sponsor: ExecutiveSponsor(name: "Priya Raman", title: "CFO", since: day("2026-05-24")),
            segment: .midMarket, tier: 1,
            contract: Contract(
                start: day("2025-11-01"), renewal: day("2026-10-09"), arr: 240_000, currency: "EUR", seats: 200),
            revenue: Revenue(startingARR: 100_000, expansion: 20_000, contraction: 3_000, churn: 5_000),
            outcomes: [
                Outcome(name: "Onboard faster", baseline: 45, target: 20, actual: 18, direction: .decrease),
                Outcome(name: "Fewer disputes", baseline: 100, target: 50, actual: 90, due: day("2026-03-31")),
            ],
            value: [
                ValueRealized(amount: 120_000, confirmed: true), ValueRealized(amount: 30_000, confirmed: false),
            ],
            usage: Usage(
                seatsActive: 190, monthlyActiveUsers: [1_000, 1_100, 1_200, 1_500],
                planLimitUtilization: Decimal(string: "0.94"),
                featureAdoption: [
                    FeatureAdoption(feature: "Routing", share: Decimal(string: "0.92")!),
                    FeatureAdoption(feature: "Analytics", share: Decimal(string: "0.15")!),
                ]),
            health: Health(score: 42),
            signals: Signals(nps: -12, openEscalations: 1, missedMilestones: 2, skippedReviews: 1, referral: true),
            opportunities: [
                Opportunity(name: "Analytics", estimatedARR: 30_000, confidence: Decimal(string: "0.6"))
            ],
            risks: [Risk(description: "New CFO", severity: .high), Risk(description: "Budget", severity: .low)]))

    static func reasons(_ rule: String, _ facts: AccountFacts = full) throws -> [String] {
        try Rule(rule).reasons(facts)
    }

    @Test(arguments: [
        ("health.score < 50", "health score is 42"),
        ("health.band == \"red\"", "health is red (score 42)"),
        ("usage.trend_90d >= 20%", "usage rose 50% over 90 days"),
        ("usage.seat_utilization >= 90%", "seat utilization is 95% (190 of 200 seats)"),
        ("usage.plan_limit_utilization > 90%", "plan limit use is 94%"),
        ("usage.lowest_feature_adoption < 30%", "Analytics is used by only 15% of users"),
        ("usage.monthly_active_users > 1000", "1,500 monthly active users"),
        ("sponsor.changed_within_days <= 90", "the sponsor changed 38 days ago (Priya Raman took over)"),
        ("days_to_renewal <= 180", "renewal in 100 days (2026-10-09)"),
        ("account.days_since_start > 90", "the contract started 242 days ago"),
        ("account.tier == 1", "a tier 1 account"),
        ("account.arr > 0", "ARR is €240,000"),
        ("signals.open_escalations > 0", "1 open escalation"),
        ("signals.missed_milestones > 0", "2 onboarding milestones missed"),
        ("signals.skipped_reviews > 0", "1 business review skipped"),
        ("signals.nps < 0", "NPS is -12"),
        ("signals.referral", "the customer is a referral"),
        ("revenue.nrr >= 110%", "NRR is 112.0%"),
        ("revenue.grr < 95%", "GRR is 92.0%"),
        ("revenue.nrr_band == \"strong\"", "NRR is strong for the segment"),
        ("revenue.starting_arr > 0", "starting ARR is €100,000"),
        ("revenue.ending_arr > 0", "ending ARR is €112,000"),
        ("revenue.expansion > 0", "expansion of €20,000"),
        ("revenue.contraction > 0", "contraction of €3,000"),
        ("revenue.churn > 0", "churn of €5,000"),
        ("outcomes.count > 0", "2 outcomes committed"),
        ("outcomes.achieved > 0", "1 outcome achieved"),
        ("outcomes.missed > 0", "1 outcome missed"),
        ("outcomes.at_risk == 0", "0 outcomes at risk"),
        ("outcomes.on_track == 0", "0 outcomes on track"),
        ("value.total > 0", "value realized is €150,000"),
        ("value.confirmed > 0", "€120,000 of value confirmed by the customer"),
        ("value.roi_multiple > 0.5", "value is 0.6× the contract"),
        ("expansion.ready == false", "value is not yet demonstrated"),
        ("opportunities.count > 0", "1 open opportunity"),
        ("pipeline.weighted > 0", "weighted pipeline is €18,000"),
        ("risks.high > 0", "1 high-severity risk"),
    ])
    func saysEachMetricInTheAccountsNumbers(_ rule: String, _ phrase: String) throws {
        #expect(try Self.reasons(rule) == [phrase], "\(rule)")
    }

    @Test func everyMetricIsListedOnceWithAMeaning() {
        #expect(Set(MetricCatalog.paths).count == MetricCatalog.paths.count)
        #expect(MetricCatalog.all.allSatisfy { !$0.meaning.isEmpty })
        #expect(MetricCatalog.metric("health.band")?.allowed == ["green", "yellow", "red"])
        #expect(MetricCatalog.metric("usage.trend_90d")?.isRatio == true)
        #expect(MetricCatalog.metric("health.score")?.isRatio == false)
        #expect(MetricCatalog.metric("expansion.ready")?.type == .boolean)
        #expect(MetricCatalog.metric("helth.band") == nil)
    }

    @Test func everyMetricParsesInARule() throws {
        for metric in MetricCatalog.all {
            let rule: String
            switch metric.type {
            case .number: rule = "\(metric.path) \(metric.isRatio ? ">= 10%" : ">= 1")"
            case .text: rule = "\(metric.path) == \"\(metric.allowed?.first ?? "x")\""
            case .boolean: rule = metric.path
            }
            _ = try Rule(rule)
        }
    }

    @Test func singularAndPluralDays() throws {
        let yesterday = facts(makeAccount(sponsor: ExecutiveSponsor(since: day("2026-06-30"))))
        #expect(try Self.reasons("sponsor.changed_within_days <= 90", yesterday) == ["the sponsor changed 1 day ago"])
        let renewal = facts(makeAccount(contract: Contract(renewal: day("2026-07-02"))))
        #expect(try Self.reasons("days_to_renewal < 5", renewal) == ["renewal in 1 day (2026-07-02)"])
    }

    @Test func pastRenewalAndFutureStart() throws {
        let account = facts(makeAccount(contract: Contract(start: day("2026-07-11"), renewal: day("2026-06-26"))))
        #expect(try Self.reasons("days_to_renewal < 0", account) == ["renewal overdue by 5 days (2026-06-26)"])
        #expect(try Self.reasons("account.days_since_start < 0", account) == ["the contract starts in 10 days"])
    }

    @Test func usageFallingAndFlat() throws {
        let falling = facts(makeAccount(usage: Usage(monthlyActiveUsers: [200, 190, 170, 150])))
        #expect(try Self.reasons("usage.trend_90d <= -20%", falling) == ["usage fell 25% over 90 days"])
        let thirds = facts(makeAccount(usage: Usage(monthlyActiveUsers: [150, 120, 110, 100])))
        #expect(try Self.reasons("usage.trend_90d <= -20%", thirds) == ["usage fell 33% over 90 days"])
        let flat = facts(makeAccount(usage: Usage(monthlyActiveUsers: [90, 120, 110, 90])))
        #expect(try Self.reasons("usage.trend_90d == 0", flat) == ["usage is flat over 90 days"])
    }

    @Test func healthScoreComputedFromComponentsIsRounded() throws {
        // 0.35·40 + 0.25·50 + 0.20·40 + 0.20·30 = 14 + 12.5 + 8 + 6 = 40.5 → "41".
        let account = facts(
            makeAccount(
                health: Health(components: [
                    HealthComponent(name: "usage", score: 40), HealthComponent(name: "engagement", score: 50),
                    HealthComponent(name: "support", score: 40), HealthComponent(name: "sentiment", score: 30),
                ])))
        #expect(try Self.reasons("health.band == \"red\"", account) == ["health is red (score 41)"])
    }

    @Test func moneyDefaultsToUSD() throws {
        let account = facts(makeAccount(contract: Contract(arr: 1_234_567)))
        #expect(try Self.reasons("account.arr > 0", account) == ["ARR is $1,234,567"])
    }

    @Test func expansionReadyNamesTheEvidence() throws {
        #expect(
            try Self.reasons("expansion.ready", readyFacts)
                == ["value is demonstrated (1 outcome achieved, $50,000 confirmed)"])
    }

    @Test func grrMaskingSaysBothRatios() throws {
        let masked = facts(
            makeAccount(revenue: Revenue(startingARR: 100_000, expansion: 30_000, contraction: 15_000, churn: 7_000)))
        #expect(
            try Self.reasons("revenue.grr_masking", masked)
                == ["expansion masks contraction and churn: NRR 108.0% but GRR 78.0%"])
    }

    @Test func aNrrBandWithASpace() throws {
        let below = facts(
            makeAccount(segment: .enterprise, revenue: Revenue(startingARR: 100, expansion: 5)))
        #expect(
            try Self.reasons("revenue.nrr_band == \"below benchmark\"", below) == [
                "NRR is below benchmark for the segment"
            ])
    }

    @Test
    func segmentPhraseUsesTheRightArticle() throws {
        let enterprise = facts(makeAccount(segment: .enterprise))
        #expect(try Self.reasons("account.segment == \"enterprise\"", enterprise) == ["an enterprise account"])
    }

    @Test func segmentPhraseWithAConsonant() throws {
        let smb = facts(makeAccount(segment: .midMarket))
        #expect(try Self.reasons("account.segment == \"mid-market\"", smb) == ["a mid-market account"])
    }

    // MARK: How reasons combine

    @Test func onlyTheTrueClausesOfAnOrAreReasons() throws {
        #expect(
            try Self.reasons("health.band == \"green\" or signals.open_escalations > 0 or health.score < 50")
                == ["1 open escalation", "health score is 42"])
    }

    @Test func everyClauseOfAnAndIsAReasonOnce() throws {
        #expect(
            try Self.reasons("days_to_renewal <= 180 and days_to_renewal >= 0 and health.band != \"green\"")
                == ["renewal in 100 days (2026-10-09)", "health is red (score 42)"])
    }

    @Test func aLiteralOnTheLeftStillNamesTheMetric() throws {
        #expect(try Self.reasons("50 > health.score") == ["health score is 42"])
    }

    @Test func aNegationSaysWhereTheMetricStands() throws {
        let yellow = facts(makeAccount(health: Health(score: 62)))
        #expect(try Self.reasons("not (health.band == \"green\")", yellow) == ["health is yellow (score 62)"])
        let noReferral = facts(makeAccount(signals: Signals(referral: false)))
        #expect(try Self.reasons("not signals.referral", noReferral) == ["the customer is not a referral"])
    }

    @Test func aNegatedFlagSaysItDoesNotHold() throws {
        let vocabulary = RuleVocabulary(flags: ["renewal_risk": try Rule("days_to_renewal <= 120")])
        let far = facts(makeAccount(contract: Contract(renewal: day("2027-06-01"))))
        #expect(
            try Rule("not flags.renewal_risk", vocabulary: vocabulary).reasons(far) == ["renewal risk does not hold"])
    }

    @Test func aFlagGivesItsOwnReasons() throws {
        let vocabulary = RuleVocabulary(flags: ["usage_falling": try Rule("usage.trend_90d <= -20%")])
        let falling = facts(makeAccount(usage: Usage(monthlyActiveUsers: [200, 190, 170, 150])))
        #expect(
            try Rule("flags.usage_falling", vocabulary: vocabulary).reasons(falling) == ["usage fell 25% over 90 days"])
    }

    @Test func noReasonsWhenTheRuleDoesNotHold() throws {
        #expect(try Self.reasons("health.band == \"green\"").isEmpty)
        #expect(try Rule("health.score > 50").reasons(emptyFacts).isEmpty)
        #expect(try Rule("true").reasons(emptyFacts).isEmpty)
    }
}

/// An account that has earned expansion talk: one outcome achieved, $50,000 confirmed, green health.
let readyFacts = facts(
    makeAccount(
        outcomes: [Outcome(name: "Onboard faster", baseline: 45, target: 20, actual: 18, direction: .decrease)],
        value: [ValueRealized(amount: 50_000, confirmed: true)], health: Health(score: 80)))
