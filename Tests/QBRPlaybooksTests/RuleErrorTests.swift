import Foundation
import Testing

@testable import QBRPlaybooks

/// Every rule error: its sentence, and the offset and length the caret line is drawn from.
@Suite struct RuleErrorTests {
    // MARK: Unknown names

    @Test func aTypoInAMetricSuggestsTheRightOne() {
        #expect(
            ruleError("helth.band == \"red\"")
                == RuleError(
                    message: "unknown metric \"helth.band\" (did you mean health.band?)", offset: 0, length: 10))
        #expect(
            ruleError("health.band == \"red\" or usage.trend_90 <= -20%")
                == RuleError(
                    message: "unknown metric \"usage.trend_90\" (did you mean adoption.usage_trend_90d?)", offset: 24,
                    length: 14
                ))
    }

    @Test func anUnknownMetricWithNothingClose() {
        #expect(
            ruleError("customer.mood == \"happy\"")
                == RuleError(message: "unknown metric \"customer.mood\"", offset: 0, length: 13))
    }

    @Test func aMalformedPath() {
        #expect(
            ruleError("health. == 1") == RuleError(message: "\"health.\" is not a metric path", offset: 0, length: 7))
        #expect(
            ruleError("health..score == 1")
                == RuleError(message: "\"health..score\" is not a metric path", offset: 0, length: 13))
    }

    // MARK: Types

    @Test func orderingTextAgainstANumber() {
        #expect(
            ruleError("health.band > 3")
                == RuleError(message: "health.band is a text but 3 is a number", offset: 14, length: 1))
    }

    @Test func equalityOfTextAndANumber() {
        #expect(
            ruleError("health.band == 3")
                == RuleError(message: "health.band is a text but 3 is a number", offset: 15, length: 1))
        #expect(
            ruleError("health.score == \"high\"")
                == RuleError(message: "health.score is a number but \"high\" is a text", offset: 16, length: 6))
        #expect(
            ruleError("signals.referral == 1")
                == RuleError(message: "signals.referral is a boolean but 1 is a number", offset: 20, length: 1))
    }

    @Test func orderingOnText() {
        #expect(
            ruleError("health.band > \"red\"")
                == RuleError(
                    message: "> compares numbers; health.band is a text: use == or !=", offset: 12, length: 1))
        #expect(
            ruleError("account.segment <= \"smb\"")
                == RuleError(
                    message: "<= compares numbers; account.segment is a text: use == or !=", offset: 16, length: 2))
    }

    @Test func orderingOnBooleans() {
        #expect(
            ruleError("signals.referral >= true")
                == RuleError(
                    message: ">= compares numbers; signals.referral is a boolean: use == or !=", offset: 17, length: 2))
    }

    @Test func aBareNumberIsNotACondition() {
        #expect(
            ruleError("health.score")
                == RuleError(
                    message: "health.score is a number, not a yes/no condition: compare it, e.g. health.score > 0",
                    offset: 0, length: 12))
        #expect(
            ruleError("signals.referral and usage.trend_90d")
                == RuleError(
                    message:
                        "usage.trend_90d is a number, not a yes/no condition: compare it, e.g. adoption.usage_trend_90d >= 90%",
                    offset: 21, length: 15))
    }

    @Test func aBareTextIsNotACondition() {
        #expect(
            ruleError("not health.band")
                == RuleError(
                    message: "health.band is a text, not a yes/no condition: compare it, e.g. health.band == \"green\"",
                    offset: 4, length: 11))
        #expect(
            ruleError("\"red\"")
                == RuleError(
                    message: "\"red\" is a text, not a yes/no condition: compare it, e.g. x == 1", offset: 0, length: 5)
        )
    }

    @Test func anEnumValueThatCannotOccur() {
        #expect(
            ruleError("health.band == \"purple\"")
                == RuleError(
                    message: "health.band is one of \"green\", \"yellow\", \"red\", never \"purple\"", offset: 15,
                    length: 8))
        #expect(
            ruleError("\"large\" != account.segment")
                == RuleError(
                    message: "account.segment is one of \"enterprise\", \"mid-market\", \"smb\", never \"large\"",
                    offset: 0,
                    length: 7))
    }

    @Test func aRatioAgainstAPlainNumberAboveOne() {
        #expect(
            ruleError("usage.trend_90d <= -20")
                == RuleError(message: "usage.trend_90d is a share: write -20% (or -0.2)", offset: 19, length: 3))
        #expect(
            ruleError("usage.seat_utilization >= 90")
                == RuleError(message: "usage.seat_utilization is a share: write 90% (or 0.9)", offset: 26, length: 2))
        #expect(
            ruleError("120 <= revenue.nrr")
                == RuleError(message: "revenue.nrr is a share: write 120% (or 1.2)", offset: 0, length: 3))
    }

    @Test func aRatioAgainstAPlainNumberUpToOneIsAShare() throws {
        _ = try Rule("usage.trend_90d <= -0.2")
        _ = try Rule("revenue.grr < 1")
        _ = try Rule("usage.seat_utilization >= 0.9")
    }

    @Test func aPercentageOnANonRatio() {
        #expect(
            ruleError("health.score > 50%")
                == RuleError(
                    message: "health.score is a score 0–100, not a percentage: drop the %", offset: 15, length: 3))
        #expect(
            ruleError("days_to_renewal <= 50%")
                == RuleError(
                    message: "days_to_renewal is a number of days, not a percentage: drop the %", offset: 19, length: 3)
        )
    }

    // MARK: Syntax

    @Test func aSingleEqualsSign() {
        #expect(
            ruleError("health.band = \"red\"")
                == RuleError(message: "unexpected \"=\": use == to compare", offset: 12, length: 1))
    }

    @Test func aBangWithoutEquals() {
        #expect(
            ruleError("!signals.referral")
                == RuleError(message: "unexpected \"!\": use != for 'not equal', or the word not", offset: 0, length: 1)
        )
    }

    @Test func anUnclosedParenthesis() {
        #expect(
            ruleError("signals.referral and (health.score > 50 or signals.nps > 0")
                == RuleError(message: "this parenthesis is never closed", offset: 21, length: 1))
    }

    @Test func anUnopenedParenthesis() {
        #expect(
            ruleError("health.score > 50)")
                == RuleError(message: "this parenthesis closes nothing", offset: 17, length: 1))
    }

    @Test func anUnclosedString() {
        #expect(
            ruleError("health.band == \"red")
                == RuleError(message: "this string is never closed with \"", offset: 15, length: 1))
        #expect(
            ruleError("health.band == 'red")
                == RuleError(message: "this string is never closed with '", offset: 15, length: 1))
    }

    @Test func trailingGarbage() {
        #expect(
            ruleError("health.score > 50 health.band")
                == RuleError(message: "expected and, or or the end of the rule here", offset: 18, length: 11))
        #expect(
            ruleError("health.score > 50 50")
                == RuleError(message: "expected and, or or the end of the rule here", offset: 18, length: 2))
    }

    @Test func anEmptyRule() {
        #expect(ruleError("") == RuleError(message: "the rule is empty", offset: 0, length: 0))
        #expect(ruleError("   ") == RuleError(message: "the rule is empty", offset: 0, length: 0))
    }

    @Test func andWithNothingAfter() {
        #expect(
            ruleError("health.score > 50 and")
                == RuleError(message: "the rule ends here but a value or metric was expected", offset: 21, length: 1))
        #expect(
            ruleError("health.score >")
                == RuleError(message: "the rule ends here but a value or metric was expected", offset: 14, length: 1))
        #expect(
            ruleError("not")
                == RuleError(message: "the rule ends here but a value or metric was expected", offset: 3, length: 1))
    }

    @Test func anOperatorWhereAValueBelongs() {
        #expect(
            ruleError("and health.score > 50")
                == RuleError(message: "expected a metric, number, \"text\", true or false here", offset: 0, length: 3))
        #expect(
            ruleError("health.score > > 50")
                == RuleError(message: "expected a metric, number, \"text\", true or false here", offset: 15, length: 1))
        #expect(
            ruleError("()")
                == RuleError(message: "expected a metric, number, \"text\", true or false here", offset: 1, length: 1))
    }

    @Test func aUnitAfterANumber() {
        #expect(
            ruleError("days_to_renewal <= 90d")
                == RuleError(
                    message: "a number cannot be followed by \"d\" (units are not written in rules)", offset: 21,
                    length: 1))
    }

    @Test func aNumberWithTwoPoints() {
        #expect(
            ruleError("health.score > 1.2.3") == RuleError(message: "\"1.2.3\" is not a number", offset: 15, length: 5))
    }

    @Test func aStrayCharacter() {
        #expect(ruleError("health.score > 50 # true") == RuleError(message: "unexpected \"#\"", offset: 18, length: 1))
    }

    @Test func everyErrorIsReportedInRuleOrder() {
        // A lexer error and a parser error: both, in the order they stand in the rule.
        #expect(
            ruleErrors("helth.band == \"red") == [
                RuleError(message: "unknown metric \"helth.band\" (did you mean health.band?)", offset: 0, length: 10),
                RuleError(message: "this string is never closed with \"", offset: 14, length: 1),
            ])
    }
}
