import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// Every error of a rule at once, with what to write instead.
@Suite struct RuleHintTests {
    @Test func everyErrorOfARule() {
        #expect(
            ruleErrors("helth.band == \"red\" or usage.seat_utilization >= 90 or risks.hgh > 0") == [
                RuleError(message: "unknown metric \"helth.band\" (did you mean health.band?)", offset: 0, length: 10),
                RuleError(message: "usage.seat_utilization is a share: write 90% (or 0.9)", offset: 49, length: 2),
                RuleError(message: "unknown metric \"risks.hgh\" (did you mean risks.high?)", offset: 55, length: 9),
            ])
    }

    @Test func aSyntaxErrorDoesNotHideTheRest() {
        #expect(
            ruleErrors("health.score > > 3 and helth.band == \"red\"") == [
                RuleError(message: "expected a metric, number, \"text\", true or false here", offset: 15, length: 1),
                RuleError(message: "unknown metric \"helth.band\" (did you mean health.band?)", offset: 23, length: 10),
            ])
    }

    @Test func symbolsForAndAndOr() {
        #expect(
            ruleErrors("health.score > 50 && signals.nps > 0 || signals.referral") == [
                RuleError(message: "\"&&\" is not part of the rule language: write and", offset: 18, length: 2),
                RuleError(message: "\"||\" is not part of the rule language: write or", offset: 37, length: 2),
            ])
    }

    @Test func inWithParenthesesSaysToUseBrackets() {
        #expect(
            ruleErrors("health.band in (\"red\", \"yellow\")") == [
                RuleError(
                    message:
                        "a list of values is written in square brackets: health.band in [\"a\", \"b\"] (or compare each: x == \"a\" or x == \"b\")",
                    offset: 15, length: 1)
            ])
    }

    @Test func inWithBrackets() throws {
        let rule = try Rule("health.band in [\"red\", \"Yellow\"]")
        #expect(rule.holds(facts(makeAccount(health: Health(score: 60)))))
        #expect(!rule.holds(facts(makeAccount(health: Health(score: 90)))))
        #expect(rule.evaluate(emptyFacts) == .unknown)
        #expect(rule.reasons(facts(makeAccount(health: Health(score: 60)))) == ["health is yellow (score 60)"])
        #expect(try Rule("account.tier in [1, 2]").holds(facts(makeAccount(tier: 2))))
        #expect(
            ruleError("health.band in [\"red\", \"purple\"]")
                == RuleError(
                    message: "health.band is one of \"green\", \"yellow\", \"red\", never \"purple\"", offset: 23,
                    length: 8))
        #expect(
            ruleError("account.tier in [1, \"two\"]")
                == RuleError(message: "account.tier is a number but \"two\" is a text", offset: 20, length: 5))
    }

    @Test func didYouMeanAcrossNamespaces() {
        #expect(
            ruleError("days_since_start > 30")
                == RuleError(
                    message: "unknown metric \"days_since_start\" (did you mean account.days_since_start?)", offset: 0,
                    length: 16))
        #expect(
            ruleError("seat_utilization > 90%")?.message
                == "unknown metric \"seat_utilization\" (did you mean adoption.seat_utilization?)")
        #expect(
            ruleError("usage.seat_utilisation > 90%")?.message
                == "unknown metric \"usage.seat_utilisation\" (did you mean adoption.seat_utilization?)")
        #expect(
            ruleError("renewal.dayz < 30")?.message == "unknown metric \"renewal.dayz\" (did you mean renewal.days?)")
    }

    @Test func everyErrorIsLocatedInTheFile() throws {
        let when = """
            when: >-
              helth.band == "red"
              && usage.trend_90d <= -20
            """
        let errors = loadErrors([("p.yaml", playbookFile(when: when))])
        #expect(
            errors.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["5:3", "6:3", "6:25"])
        #expect(
            errors.map { $0.message.split(separator: "\n").first.map(String.init) ?? "" } == [
                "unknown metric \"helth.band\" (did you mean health.band?)",
                "\"&&\" is not part of the rule language: write and",
                "usage.trend_90d is a share: write -20% (or -0.2)",
            ])
    }
}
