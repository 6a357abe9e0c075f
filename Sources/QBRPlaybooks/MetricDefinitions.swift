import Foundation
import QBRCore

/// The definitions of the catalog's metrics, namespace by namespace, with how each says its value in a reason.
extension MetricCatalog {

    fileprivate static func number(
        _ path: String, _ meaning: String, unit: String = "a number", ratio: Bool = false,
        _ value: @escaping @Sendable (AccountFacts) -> Decimal?,
        phrase: @escaping @Sendable (Decimal, AccountFacts) -> String
    ) -> MetricDefinition {
        MetricDefinition(
            path: path, type: .number, isRatio: ratio, allowed: nil, meaning: meaning,
            unitDescription: ratio ? "a share" : unit, value: { value($0).map(RuleValue.number) },
            phrase: { value, facts in
                guard case .number(let number) = value else { return path }
                return phrase(number, facts)
            })
    }

    fileprivate static func count(
        _ path: String, _ meaning: String, _ value: @escaping @Sendable (AccountFacts) -> Int?,
        one: String, many: String
    ) -> MetricDefinition {
        number(path, meaning, unit: "a count", { value($0).map { Decimal($0) } }) { number, _ in
            let n = NSDecimalNumber(decimal: number).intValue
            return "\(n) \(n == 1 ? one : many)"
        }
    }

    fileprivate static func flag(
        _ path: String, _ meaning: String, _ value: @escaping @Sendable (AccountFacts) -> Bool?,
        phrase: @escaping @Sendable (Bool, AccountFacts) -> String
    ) -> MetricDefinition {
        MetricDefinition(
            path: path, type: .boolean, isRatio: false, allowed: nil, meaning: meaning, unitDescription: "yes/no",
            value: { value($0).map(RuleValue.boolean) },
            phrase: { value, facts in
                guard case .boolean(let bool) = value else { return path }
                return phrase(bool, facts)
            })
    }

    fileprivate static func text(
        _ path: String, _ meaning: String, _ value: @escaping @Sendable (AccountFacts) -> String?,
        phrase: @escaping @Sendable (String, AccountFacts) -> String
    ) -> MetricDefinition {
        MetricDefinition(
            path: path, type: .text, isRatio: false, allowed: nil, meaning: meaning, unitDescription: "text",
            value: { value($0).flatMap { $0.isEmpty ? nil : RuleValue.text($0) } },
            phrase: { value, facts in
                guard case .text(let text) = value else { return path }
                return phrase(text, facts)
            })
    }

    fileprivate static func choice(
        _ path: String, _ meaning: String, allowed: [String], _ value: @escaping @Sendable (AccountFacts) -> String?,
        phrase: @escaping @Sendable (String, AccountFacts) -> String
    ) -> MetricDefinition {
        MetricDefinition(
            path: path, type: .text, isRatio: false, allowed: allowed, meaning: meaning, unitDescription: "text",
            value: { value($0).map(RuleValue.text) },
            phrase: { value, facts in
                guard case .text(let text) = value else { return path }
                return phrase(text, facts)
            })
    }

    static let health: [MetricDefinition] = [
        number(
            "health.score", "health score 0–100 (given, or weighted from components)", unit: "a score 0–100",
            { $0.metrics.health?.score }
        ) { score, _ in "health score is \(Words.number(score))" }.whenMissing("the account has no health score"),
        choice(
            "health.band", "health band: green ≥ 75, yellow 50–74, red < 50", allowed: ["green", "yellow", "red"],
            { $0.metrics.health?.band.rawValue }
        ) { band, facts in
            let score = facts.metrics.health.map { " (score \(Words.number($0.score)))" } ?? ""
            return "health is \(band)\(score)"
        }.whenMissing("the account has no health score"),
    ]

    static let adoption: [MetricDefinition] = [
        number(
            "adoption.usage_trend_90d", "change in monthly active users over the last three months", ratio: true,
            { $0.metrics.usageTrend90d }
        ) { trend, _ in
            if trend < 0 { return "usage fell \(Words.percent(-trend)) over 90 days" }
            if trend > 0 { return "usage rose \(Words.percent(trend)) over 90 days" }
            return "usage is flat over 90 days"
        }.formerly("usage.trend_90d").whenMissing("fewer than four months of monthly active users"),
        number(
            "adoption.seat_utilization", "active seats ÷ contracted seats", ratio: true,
            { $0.metrics.seatUtilization }
        ) { share, facts in
            let seats =
                facts.account.usage?.seatsActive.flatMap { active in
                    facts.account.profile.contract?.seats.map { " (\(active) of \($0) seats)" }
                } ?? ""
            return "seat utilization is \(Words.percent(share))\(seats)"
        }.formerly("usage.seat_utilization").whenMissing("no active or licensed seat count"),
        number(
            "adoption.plan_limit_utilization", "share of the plan limit used", ratio: true,
            { $0.account.usage?.planLimitUtilization }
        ) { share, _ in "plan limit use is \(Words.percent(share))" }.formerly("usage.plan_limit_utilization")
            .whenMissing("no plan limit use"),
        number(
            "adoption.lowest_feature_adoption", "adoption share of the least-used feature", ratio: true,
            { $0.account.usage?.featureAdoption.map(\.share).min() }
        ) { share, facts in
            let feature = facts.account.usage?.featureAdoption.min { $0.share < $1.share }?.feature ?? "a feature"
            return "\(feature) is used by only \(Words.percent(share)) of users"
        }.formerly("usage.lowest_feature_adoption").whenMissing("no feature adoption"),
        number(
            "adoption.mau_latest", "latest monthly active users", unit: "a count",
            { $0.account.usage?.monthlyActiveUsers.last.map { Decimal($0) } }
        ) { users, _ in
            "\(Words.number(users)) monthly active users"
        }.formerly("usage.monthly_active_users").whenMissing("no monthly active users"),
        count(
            "adoption.seats_active", "active seats", { $0.account.usage?.seatsActive }, one: "active seat",
            many: "active seats"
        ).whenMissing("no active seat count"),
    ]

    static let account: [MetricDefinition] = [
        text("account.csm", "the CSM's name", { $0.account.profile.csm }) { name, _ in "the CSM is \(name)" }
            .whenMissing("no CSM is assigned"),
        text("account.account_manager", "the account manager's name", { $0.account.profile.accountManager }) {
            name, _ in "the account manager is \(name)"
        }.whenMissing("no account manager is assigned"),
        choice(
            "account.segment", "segment", allowed: Segment.allCases.map(\.rawValue),
            { $0.account.profile.segment?.rawValue }
        ) { segment, _ in
            ("aeiou".contains(segment.prefix(1)) ? "an " : "a ") + "\(segment) account"
        },
        number(
            "account.tier", "coverage tier 1–3", unit: "a tier 1–3",
            { $0.account.profile.tier.map { Decimal($0) } }
        ) { tier, _ in "a tier \(Words.number(tier)) account" },
        text(
            "account.sponsor.name", "the executive sponsor's name", { $0.account.profile.executiveSponsor?.name }
        ) { name, _ in "the executive sponsor is \(name)" }.whenMissing("no executive sponsor is named"),
        number(
            "account.sponsor.days_since_change", "days since the executive sponsor took over", unit: "a number of days",
            { facts in facts.metrics.daysSinceSponsorChange.flatMap { $0 >= 0 ? Decimal($0) : nil } }
        ) { days, facts in
            let who = facts.account.profile.executiveSponsor?.name.map { " (\($0) took over)" } ?? ""
            return days == 0 ? "the sponsor changed today\(who)" : "the sponsor changed \(Words.days(days)) ago\(who)"
        }.formerly("sponsor.changed_within_days").whenMissing("no date for when the sponsor took over"),
        number(
            "account.contract.arr", "contract ARR", unit: "an amount",
            { $0.account.profile.contract?.arr }
        ) { arr, facts in "ARR is \(Words.money(arr, facts))" }.formerly("account.arr").whenMissing("no contract ARR"),
        count(
            "account.contract.seats", "licensed seats", { $0.account.profile.contract?.seats }, one: "licensed seat",
            many: "licensed seats"
        ).whenMissing("no licensed seat count"),
        number(
            "account.days_since_start", "days since the contract started", unit: "a number of days",
            { facts in facts.account.profile.contract?.start.map { Decimal($0.days(until: facts.metrics.asOf)) } }
        ) { days, _ in
            days < 0 ? "the contract starts in \(Words.days(-days))" : "the contract started \(Words.days(days)) ago"
        },
    ]

    static let renewal: [MetricDefinition] = [
        number(
            "renewal.days", "days from the run date to the renewal date (negative once past)",
            unit: "a number of days", { $0.metrics.daysToRenewal.map { Decimal($0) } }
        ) { days, facts in
            let date = facts.account.profile.contract?.renewal.map { " (\($0))" } ?? ""
            return days < 0
                ? "renewal overdue by \(Words.days(-days))\(date)" : "renewal in \(Words.days(days))\(date)"
        }.formerly("days_to_renewal").whenMissing("no renewal date on the account")
    ]

    static let signals: [MetricDefinition] = [
        count(
            "signals.open_escalations", "escalations still open", { $0.account.signals?.openEscalations },
            one: "open escalation", many: "open escalations"),
        count(
            "signals.missed_milestones", "onboarding milestones missed", { $0.account.signals?.missedMilestones },
            one: "onboarding milestone missed", many: "onboarding milestones missed"),
        count(
            "signals.skipped_reviews", "business reviews the customer skipped or cancelled",
            { $0.account.signals?.skippedReviews }, one: "business review skipped", many: "business reviews skipped"),
        number(
            "signals.nps", "net promoter score −100…100", unit: "a score",
            { $0.account.signals?.nps.map { Decimal($0) } }
        ) {
            nps, _ in "NPS is \(Words.number(nps))"
        },
        flag("signals.referral", "the customer gave or agreed to be a referral", { $0.account.signals?.referral }) {
            yes, _ in
            yes ? "the customer is a referral" : "the customer is not a referral"
        },
    ]

    static let revenue: [MetricDefinition] = [
        number(
            "revenue.nrr", "net revenue retention: ending ÷ starting ARR", ratio: true,
            { $0.metrics.retention?.nrr }
        ) { nrr, _ in "NRR is \(Words.percent(nrr, scale: 1))" },
        number(
            "revenue.grr", "gross revenue retention, at most 100%", ratio: true,
            { $0.metrics.retention?.grr }
        ) { grr, _ in "GRR is \(Words.percent(grr, scale: 1))" },
        choice(
            "revenue.nrr_band", "NRR against the segment benchmark", allowed: NRRBand.allCases.map(\.rawValue),
            { $0.metrics.nrrBand?.rawValue }
        ) { band, _ in "NRR is \(band) for the segment" },
        flag(
            "revenue.grr_masking", "NRR ≥ 100% while GRR < 90%: expansion hides contraction and churn",
            { $0.metrics.retention == nil ? nil : $0.metrics.grrMasking }
        ) { yes, facts in
            guard yes, let nrr = facts.metrics.retention?.nrr, let grr = facts.metrics.retention?.grr else {
                return "expansion does not mask contraction and churn"
            }
            return
                "expansion masks contraction and churn: NRR \(Words.percent(nrr, scale: 1)) but GRR \(Words.percent(grr, scale: 1))"
        },
        number(
            "revenue.starting_arr", "ARR at the start of the period", unit: "an amount",
            { $0.account.revenue?.startingARR }
        ) { arr, facts in "starting ARR is \(Words.money(arr, facts))" },
        number(
            "revenue.ending_arr", "ARR at the end of the period", unit: "an amount",
            { $0.metrics.retention?.endingARR }
        ) { arr, facts in "ending ARR is \(Words.money(arr, facts))" },
        number(
            "revenue.net_change", "ending − starting ARR", unit: "an amount", { $0.metrics.retention?.netChange }
        ) { change, facts in
            change < 0 ? "ARR fell by \(Words.money(-change, facts))" : "ARR grew by \(Words.money(change, facts))"
        },
        number(
            "revenue.expansion", "ARR added in the period", unit: "an amount",
            { $0.account.revenue?.expansion }
        ) { arr, facts in "expansion of \(Words.money(arr, facts))" },
        number(
            "revenue.contraction", "ARR lost to downgrades in the period", unit: "an amount",
            { $0.account.revenue?.contraction }
        ) { arr, facts in "contraction of \(Words.money(arr, facts))" },
        number(
            "revenue.churn", "ARR lost to cancellation in the period", unit: "an amount",
            { $0.account.revenue?.churn }
        ) { arr, facts in "churn of \(Words.money(arr, facts))" },
    ]

    fileprivate static func outcomeCount(_ status: OutcomeStatus?) -> @Sendable (AccountFacts) -> Int? {
        // Zero outcomes is a count of 0, not unknown: "has not reached its first outcome" holds.
        { facts in facts.metrics.outcomes.filter { status == nil || $0.status == status }.count }
    }

    static let outcomes: [MetricDefinition] = [
        count(
            "outcomes.count", "outcomes committed", outcomeCount(nil), one: "outcome committed",
            many: "outcomes committed"),
        count(
            "outcomes.achieved", "outcomes achieved", outcomeCount(.achieved), one: "outcome achieved",
            many: "outcomes achieved"),
        count(
            "outcomes.on_track", "outcomes on track", outcomeCount(.onTrack), one: "outcome on track",
            many: "outcomes on track"),
        count(
            "outcomes.at_risk", "outcomes at risk", outcomeCount(.atRisk), one: "outcome at risk",
            many: "outcomes at risk"),
        count(
            "outcomes.missed", "outcomes missed", outcomeCount(.missed), one: "outcome missed", many: "outcomes missed"),
    ]

    static let value: [MetricDefinition] = [
        number(
            "value.total", "value realized, confirmed and estimated", unit: "an amount",
            { $0.account.valueRealized.isEmpty ? nil : $0.metrics.value.total }
        ) { total, facts in
            "value realized is \(Words.money(total, facts))"
        },
        number(
            "value.confirmed", "value realized that the customer confirmed", unit: "an amount",
            { $0.account.valueRealized.isEmpty ? nil : $0.metrics.value.confirmed }
        ) { confirmed, facts in
            "\(Words.money(confirmed, facts)) of value confirmed by the customer"
        },
        number(
            "value.estimated", "value realized that is our estimate, not confirmed", unit: "an amount",
            { $0.account.valueRealized.isEmpty ? nil : $0.metrics.value.estimated }
        ) { estimated, facts in
            "\(Words.money(estimated, facts)) of value is our estimate"
        },
        number(
            "value.roi_multiple", "value realized ÷ contract ARR", unit: "a multiple",
            { $0.metrics.value.roiMultiple }
        ) { roi, _ in "value is \(Words.number(roi, scale: 1))× the contract" },
        flag(
            "expansion.ready", "an outcome achieved, confirmed value > 0 and health not red",
            { $0.metrics.expansionReadiness.isReady }
        ) { ready, facts in
            guard ready else { return "value is not yet demonstrated" }
            let achieved = facts.metrics.outcomes.filter { $0.status == .achieved }.count
            return
                "value is demonstrated (\(achieved) \(achieved == 1 ? "outcome" : "outcomes") achieved, \(Words.money(facts.metrics.value.confirmed, facts)) confirmed)"
        },
        count(
            "opportunities.count", "next-phase opportunities", { $0.account.opportunities.count },
            one: "open opportunity", many: "open opportunities"),
        number(
            "opportunities.weighted_pipeline", "Σ estimated ARR × confidence of the opportunities", unit: "an amount",
            { $0.metrics.pipeline.weightedARR }
        ) { arr, facts in "weighted pipeline is \(Words.money(arr, facts))" }.formerly("pipeline.weighted"),
        number(
            "opportunities.total_pipeline", "Σ estimated ARR of the opportunities", unit: "an amount",
            { $0.metrics.pipeline.totalARR }
        ) { arr, facts in "total pipeline is \(Words.money(arr, facts))" },
        count(
            "risks.high", "risks of high severity", { $0.account.risks.filter { $0.severity == .high }.count },
            one: "high-severity risk", many: "high-severity risks"),
        count(
            "risks.count", "known gaps and risks", { $0.account.risks.count }, one: "known risk", many: "known risks"),
    ]
}
