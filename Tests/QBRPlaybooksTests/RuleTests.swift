import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

@Suite struct RuleLexerTests {
    @Test func splitsAComparisonWithAPercentage() throws {
        let tokens = try RuleLexer.tokens("usage.trend_90d <= -20%")
        #expect(
            tokens == [
                RuleToken(kind: .path("usage.trend_90d"), offset: 0, length: 15),
                RuleToken(kind: .comparison(.lessOrEqual), offset: 16, length: 2),
                RuleToken(kind: .number(Decimal(string: "-0.2")!, isPercent: true), offset: 19, length: 4),
                RuleToken(kind: .end, offset: 23, length: 0),
            ])
    }

    @Test func readsEveryComparisonOperator() throws {
        let kinds = try RuleLexer.tokens("== != < <= > >=").map(\.kind)
        #expect(
            kinds == [
                .comparison(.equal), .comparison(.notEqual), .comparison(.less), .comparison(.lessOrEqual),
                .comparison(.greater), .comparison(.greaterOrEqual), .end,
            ])
        #expect(ComparisonOperator.allCases.map(\.rawValue) == ["==", "!=", "<", "<=", ">", ">="])
    }

    @Test func readsOperatorsWithoutSpaces() throws {
        let kinds = try RuleLexer.tokens("health.score>=50").map(\.kind)
        #expect(kinds == [.path("health.score"), .comparison(.greaterOrEqual), .number(50, isPercent: false), .end])
    }

    @Test func readsKeywordsParenthesesAndBooleans() throws {
        let kinds = try RuleLexer.tokens("not (true and false) or x").map(\.kind)
        #expect(kinds == [.not, .open, .boolean(true), .and, .boolean(false), .close, .or, .path("x"), .end])
    }

    @Test func wordsThatStartWithAKeywordArePaths() throws {
        let kinds = try RuleLexer.tokens("notes android order").map(\.kind)
        #expect(kinds == [.path("notes"), .path("android"), .path("order"), .end])
    }

    @Test func readsNumbersInEveryShape() throws {
        let kinds = try RuleLexer.tokens("90 0.5 .5 -3 +4 -20% 150% 12.5%").map(\.kind)
        #expect(
            kinds == [
                .number(90, isPercent: false), .number(Decimal(string: "0.5")!, isPercent: false),
                .number(Decimal(string: "0.5")!, isPercent: false), .number(-3, isPercent: false),
                .number(4, isPercent: false), .number(Decimal(string: "-0.2")!, isPercent: true),
                .number(Decimal(string: "1.5")!, isPercent: true), .number(Decimal(string: "0.125")!, isPercent: true),
                .end,
            ])
    }

    @Test func readsDoubleAndSingleQuotedText() throws {
        let tokens = try RuleLexer.tokens(#""red" 'mid-market' "it's""#)
        #expect(tokens.map(\.kind) == [.text("red"), .text("mid-market"), .text("it's"), .end])
        #expect(tokens.map(\.offset) == [0, 6, 19, 25])
        #expect(tokens.map(\.length) == [5, 12, 6, 0])
    }

    @Test func anEmptyRuleIsOnlyTheEnd() throws {
        #expect(try RuleLexer.tokens("").map(\.kind) == [.end])
        #expect(try RuleLexer.tokens("  \n ").map(\.kind) == [.end])
    }
}

@Suite struct RuleParserTests {
    @Test func andBindsTighterThanOr() throws {
        // a or b and c == a or (b and c)
        let rule = try Rule("true or false and false")
        guard case .or(let terms) = rule.expression, terms.count == 2,
            case .constant(true) = terms[0], case .and(let inner) = terms[1], inner.count == 2
        else {
            Issue.record("expected or(true, and(false, false)), got \(rule.expression)")
            return
        }
        #expect(rule.evaluate(emptyFacts) == .yes)
        #expect(try Rule("false and false or true").evaluate(emptyFacts) == .yes)
    }

    @Test func notBindsTighterThanAnd() throws {
        // not a and b == (not a) and b
        let rule = try Rule("not false and false")
        guard case .and(let terms) = rule.expression, terms.count == 2, case .not(.constant(false)) = terms[0] else {
            Issue.record("expected and(not(false), false), got \(rule.expression)")
            return
        }
        #expect(rule.evaluate(emptyFacts) == .no)
        #expect(try Rule("not true or true").evaluate(emptyFacts) == .yes)
    }

    @Test func parenthesesOverridePrecedence() throws {
        #expect(try Rule("(true or false) and false").evaluate(emptyFacts) == .no)
        #expect(try Rule("not (false and false)").evaluate(emptyFacts) == .yes)
        #expect(try Rule("((true))").evaluate(emptyFacts) == .yes)
        let rule = try Rule("(true or false) and false")
        guard case .and(let terms) = rule.expression, case .or = terms[0] else {
            Issue.record("expected and(or(…), false), got \(rule.expression)")
            return
        }
    }

    @Test func chainsOfTheSameOperatorAreFlat() throws {
        let rule = try Rule("true and true and false or false or true")
        guard case .or(let terms) = rule.expression, terms.count == 3, case .and(let ands) = terms[0] else {
            Issue.record("expected or(and(…), false, true), got \(rule.expression)")
            return
        }
        #expect(ands.count == 3)
    }

    @Test func doubleNegation() throws {
        #expect(try Rule("not not true").evaluate(emptyFacts) == .yes)
    }

    @Test func keepsTheSourceAsWritten() throws {
        #expect(try Rule("health.band ==  \"red\"").source == "health.band ==  \"red\"")
    }

    @Test func precedenceWithMetrics() throws {
        // red or (escalations and negative NPS): green, one escalation, NPS 30 → false.
        let calm = facts(makeAccount(health: Health(score: 80), signals: Signals(nps: 30, openEscalations: 1)))
        let rule = try Rule("health.band == \"red\" or signals.open_escalations > 0 and signals.nps < 0")
        #expect(rule.evaluate(calm) == .no)
        // Read left to right without precedence it would be (false or true) and false = false as well, so
        // also check the case where the groupings disagree: red, no escalations.
        let red = facts(makeAccount(health: Health(score: 30), signals: Signals(nps: 30, openEscalations: 0)))
        #expect(rule.evaluate(red) == .yes)
        #expect(
            try Rule("(health.band == \"red\" or signals.open_escalations > 0) and signals.nps < 0").evaluate(red)
                == .no)
    }
}

@Suite struct RuleEvaluationTests {
    /// Health score 60 (yellow), MAU down exactly 20%, a referral, NPS −10, enterprise.
    static let account = facts(
        makeAccount(
            segment: .enterprise, contract: Contract(seats: 200),
            usage: Usage(seatsActive: 150, monthlyActiveUsers: [100, 95, 90, 80]), health: Health(score: 60),
            signals: Signals(nps: -10, openEscalations: 0, referral: true)))

    @Test(arguments: [
        ("health.score == 60", true), ("health.score == 61", false),
        ("health.score != 60", false), ("health.score != 59", true),
        ("health.score < 61", true), ("health.score < 60", false),
        ("health.score <= 60", true), ("health.score <= 59", false),
        ("health.score > 59", true), ("health.score > 60", false),
        ("health.score >= 60", true), ("health.score >= 60.5", false),
        ("60 == health.score", true), ("70 > health.score", true), ("50 > health.score", false),
        ("signals.nps < 0", true), ("signals.nps == -10", true), ("signals.nps > -10", false),
        ("signals.open_escalations == 0", true),
        ("1 < 2", true), ("2 <= 1", false),
    ])
    func comparesNumbers(_ source: String, _ expected: Bool) throws {
        #expect(try Rule(source).holds(Self.account) == expected, "\(source)")
    }

    @Test(arguments: [
        ("health.band == \"yellow\"", true), ("health.band == \"YELLOW\"", true), ("health.band == 'Yellow'", true),
        ("health.band == \"red\"", false), ("health.band != \"red\"", true), ("health.band != \"Yellow\"", false),
        ("\"yellow\" == health.band", true), ("account.segment == \"Enterprise\"", true),
        ("account.segment != \"smb\"", true),
    ])
    func comparesTextCaseInsensitively(_ source: String, _ expected: Bool) throws {
        #expect(try Rule(source).holds(Self.account) == expected, "\(source)")
    }

    @Test(arguments: [
        ("signals.referral", true), ("signals.referral == true", true), ("signals.referral != false", true),
        ("signals.referral == false", false), ("signals.referral != true", false), ("not signals.referral", false),
        ("true == signals.referral", true),
    ])
    func comparesBooleans(_ source: String, _ expected: Bool) throws {
        #expect(try Rule(source).holds(Self.account) == expected, "\(source)")
    }

    @Test func percentagesAreShares() throws {
        // 80 ÷ 100 − 1 = −0.2 exactly.
        #expect(Self.account.metrics.usageTrend90d == Decimal(string: "-0.2"))
        #expect(try Rule("usage.trend_90d <= -20%").holds(Self.account))
        #expect(try Rule("usage.trend_90d == -20%").holds(Self.account))
        #expect(try !Rule("usage.trend_90d < -20%").holds(Self.account))
        #expect(try Rule("usage.trend_90d <= -0.2").holds(Self.account))
        #expect(try Rule("usage.seat_utilization == 75%").holds(Self.account))
        #expect(try Rule("usage.seat_utilization > 0.7").holds(Self.account))
        #expect(try !Rule("usage.seat_utilization >= 90%").holds(Self.account))
    }

    @Test func andOrNotOnMetrics() throws {
        #expect(try Rule("health.band == \"yellow\" and signals.referral").holds(Self.account))
        #expect(try !Rule("health.band == \"yellow\" and not signals.referral").holds(Self.account))
        #expect(try Rule("health.band == \"red\" or signals.nps < 0").holds(Self.account))
        #expect(try !Rule("health.band == \"red\" or signals.nps > 0").holds(Self.account))
        #expect(try Rule("not (health.band == \"green\")").holds(Self.account))
    }
}

@Suite struct ThreeValuedLogicTests {
    /// No health, no usage, no signals: every comparison on them is unknown.
    let none = emptyFacts

    @Test func aMissingMetricMakesAComparisonUnknown() throws {
        #expect(try Rule("health.score > 50").evaluate(none) == .unknown)
        #expect(try Rule("health.band == \"red\"").evaluate(none) == .unknown)
        #expect(try Rule("health.band != \"red\"").evaluate(none) == .unknown)
        #expect(try Rule("signals.referral").evaluate(none) == .unknown)
        #expect(try Rule("usage.trend_90d <= -20%").evaluate(none) == .unknown)
    }

    @Test func notOfUnknownIsUnknown() throws {
        #expect(try Rule("not (health.band == \"green\")").evaluate(none) == .unknown)
        #expect(try Rule("not signals.referral").evaluate(none) == .unknown)
    }

    @Test func orAndWithUnknown() throws {
        #expect(try Rule("health.score > 50 or true").evaluate(none) == .yes)
        #expect(try Rule("true or health.score > 50").evaluate(none) == .yes)
        #expect(try Rule("health.score > 50 or false").evaluate(none) == .unknown)
        #expect(try Rule("health.score > 50 and false").evaluate(none) == .no)
        #expect(try Rule("false and health.score > 50").evaluate(none) == .no)
        #expect(try Rule("health.score > 50 and true").evaluate(none) == .unknown)
        #expect(try Rule("health.score > 50 or health.band == \"red\"").evaluate(none) == .unknown)
    }

    @Test func aRuleHoldsOnlyWhenTrue() throws {
        #expect(try !Rule("health.score > 50").holds(none))
        #expect(try !Rule("not (health.score > 50)").holds(none))
        #expect(try !Rule("false").holds(none))
        #expect(try Rule("true").holds(none))
        #expect(try Rule("health.score > 50 or true").holds(none))
    }

    @Test func countsOfOutcomesAreZeroNotUnknown() throws {
        #expect(try Rule("outcomes.count == 0").evaluate(none) == .yes)
        #expect(try Rule("outcomes.achieved == 0").evaluate(none) == .yes)
    }
}

@Suite struct RuleFlagTests {
    static func vocabulary() throws -> RuleVocabulary {
        RuleVocabulary(flags: [
            "red_health": try Rule("health.band == \"red\""),
            "renewal_risk": try Rule("days_to_renewal <= 120 and health.band != \"green\""),
        ])
    }

    @Test func aFlagIsABooleanTerm() throws {
        let vocabulary = try Self.vocabulary()
        let red = facts(makeAccount(health: Health(score: 40)))
        let green = facts(makeAccount(health: Health(score: 90)))
        let rule = try Rule("flags.red_health", vocabulary: vocabulary)
        #expect(rule.evaluate(red) == .yes)
        #expect(rule.evaluate(green) == .no)
        #expect(rule.evaluate(emptyFacts) == .unknown)
        #expect(try Rule("not flags.red_health", vocabulary: vocabulary).evaluate(green) == .yes)
        #expect(try Rule("flags.red_health == false", vocabulary: vocabulary).evaluate(green) == .yes)
        #expect(try Rule("flags.red_health != true", vocabulary: vocabulary).evaluate(red) == .no)
        #expect(try Rule("flags.red_health or health.score > 80", vocabulary: vocabulary).evaluate(green) == .yes)
    }

    @Test func aFlagCombinesMetrics() throws {
        let vocabulary = try Self.vocabulary()
        let rule = try Rule("flags.renewal_risk", vocabulary: vocabulary)
        let soonYellow = facts(makeAccount(contract: Contract(renewal: day("2026-09-01")), health: Health(score: 60)))
        let soonGreen = facts(makeAccount(contract: Contract(renewal: day("2026-09-01")), health: Health(score: 80)))
        #expect(rule.evaluate(soonYellow) == .yes)
        #expect(rule.evaluate(soonGreen) == .no)
        #expect(rule.reasons(soonYellow) == ["renewal in 62 days (2026-09-01)", "health is yellow (score 60)"])
    }

    @Test func anUnknownFlagIsAnError() throws {
        let error = ruleError("flags.red_helth", vocabulary: try Self.vocabulary())
        #expect(
            error
                == RuleError(
                    message: "unknown flag \"flags.red_helth\" (did you mean flags.red_health?)", offset: 0, length: 15)
        )
        let none = ruleError("health.score > 1 and flags.anything")
        #expect(
            none
                == RuleError(
                    message: "unknown flag \"flags.anything\" (no flags are defined before this rule)", offset: 21,
                    length: 14))
        let far = ruleError("flags.zzz", vocabulary: try Self.vocabulary())
        #expect(far == RuleError(message: "unknown flag \"flags.zzz\"", offset: 0, length: 9))
    }

    @Test func aFlagIsNotANumber() throws {
        let error = ruleError("flags.red_health > 1", vocabulary: try Self.vocabulary())
        #expect(error == RuleError(message: "flags.red_health is a boolean but 1 is a number", offset: 19, length: 1))
    }
}
