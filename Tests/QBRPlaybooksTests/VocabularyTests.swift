import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// One vocabulary: rules use the templates' names; the names of earlier versions still work, with a warning.
@Suite struct VocabularyTests {
    static let renamed = [
        "usage.trend_90d": "adoption.usage_trend_90d", "usage.seat_utilization": "adoption.seat_utilization",
        "usage.plan_limit_utilization": "adoption.plan_limit_utilization",
        "usage.lowest_feature_adoption": "adoption.lowest_feature_adoption",
        "usage.monthly_active_users": "adoption.mau_latest",
        "sponsor.changed_within_days": "account.sponsor.days_since_change", "days_to_renewal": "renewal.days",
        "account.arr": "account.contract.arr", "pipeline.weighted": "opportunities.weighted_pipeline",
    ]

    @Test func everyOldNameIsTheSameMetricUnderItsNewName() throws {
        #expect(MetricCatalog.oldNames == Self.renamed)
        let account = makeAccount(
            sponsor: ExecutiveSponsor(since: day("2026-06-01")),
            contract: Contract(renewal: day("2026-10-31"), arr: 1000),
            usage: Usage(monthlyActiveUsers: [10, 10, 10, 12]),
            opportunities: [Opportunity(name: "More", estimatedARR: 100, confidence: 0.5)])
        for (old, new) in Self.renamed {
            #expect(MetricCatalog.metric(old)?.path == new)
            #expect(!MetricCatalog.paths.contains(old))
            let oldRule = try Rule("\(old) is present")
            let newRule = try Rule("\(new) is present")
            #expect(oldRule.evaluate(facts(account)) == newRule.evaluate(facts(account)), "\(old)")
            #expect(newRule.warnings.isEmpty)
            #expect(
                oldRule.warnings == [
                    RuleWarning(
                        message: "\(old) is an old name: write \(new), the name templates use", offset: 0,
                        length: old.count)
                ])
        }
    }

    @Test func theShippedPlaybooksUseOnlyTheNewNames() throws {
        let library = try PlaybookLibrary.builtIn()
        #expect(library.warnings.isEmpty)
        let rules =
            library.flags.map(\.rule) + library.playbooks.flatMap { [$0.trigger] + $0.tasks.compactMap(\.condition) }
        #expect(rules.allSatisfy { $0.warnings.isEmpty })
    }

    @Test func figuresTemplatesHaveToo() throws {
        let account = makeAccount(
            contract: Contract(arr: 1000, seats: 50), revenue: Revenue(startingARR: 1000, expansion: 100, churn: 300),
            value: [ValueRealized(amount: 200, confirmed: true), ValueRealized(amount: 50)],
            usage: Usage(seatsActive: 40),
            opportunities: [Opportunity(name: "A", estimatedARR: 400, confidence: 0.5)],
            risks: [Risk(description: "Budget"), Risk(description: "Champion leaves", severity: .high)])
        let checks: [(String, String)] = [
            ("adoption.seats_active == 40", "40 active seats"),
            ("account.contract.seats == 50", "50 licensed seats"),
            ("value.estimated == 50", "$50 of value is our estimate"),
            ("revenue.net_change == -200", "ARR fell by $200"),
            ("opportunities.total_pipeline == 400", "total pipeline is $400"),
            ("risks.count == 2", "2 known risks"),
        ]
        for (source, reason) in checks {
            let rule = try Rule(source)
            #expect(rule.holds(facts(account)), "\(source)")
            #expect(rule.reasons(facts(account)) == [reason], "\(source)")
        }
    }

    @Test func notIn() throws {
        let rule = try Rule("health.band not in [\"red\", \"yellow\"]")
        #expect(rule.holds(facts(makeAccount(health: Health(score: 90)))))
        #expect(!rule.holds(facts(makeAccount(health: Health(score: 20)))))
        #expect(rule.evaluate(emptyFacts) == .unknown)
    }
}
