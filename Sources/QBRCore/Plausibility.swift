import Foundation

/// One plausibility problem: a value the schema accepts but a CS leader would question by hand.
public struct PlausibilityWarning: Hashable, Sendable {
    /// Which check raised it.
    public enum Check: String, CaseIterable, Sendable {
        /// GRR above 100%: contraction or churn is negative.
        case grrAbove100 = "grr-above-100"
        /// NRR below GRR: expansion is negative.
        case nrrBelowGRR = "nrr-below-grr"
        /// The contract's renewal date is before the run date.
        case renewalPast = "renewal-past"
        /// An outcome's attainment is above 10× (1 000%) of its committed change.
        case outcomeOverTarget = "outcome-over-target"
        /// A value-realized item has no category.
        case valueWithoutCategory = "value-without-category"
        /// The health score is outside 0–100.
        case healthOutOfRange = "health-out-of-range"
        /// Monthly active users exceed 2× the licensed seats.
        case usersAboveSeats = "users-above-seats"
        /// The contract's ARR is ten times the period's starting ARR or more.
        case contractARRAboveStart = "contract-arr-above-start"
        /// More seats are active than are licensed.
        case activeAboveLicensed = "active-above-licensed"
        /// Value realized is more than 100× the contract's ARR.
        case valueAboveContract = "value-above-contract"
        /// All of the starting ARR churned while health is 90 or more and no churn playbook applies.
        case churnWithHighHealth = "churn-with-high-health"
        /// An outcome's target equals its baseline: it commits to no change.
        case targetIsBaseline = "target-is-baseline"
    }

    /// The check.
    public let check: Check
    /// The field it is about, as users read it: `outcomes[2].actual`.
    public let path: String
    /// What looks wrong and what to look at.
    public let message: String

    /// Creates a warning.
    public init(_ check: Check, path: String, message: String) {
        self.check = check
        self.path = path
        self.message = message
    }

    /// As a diagnostic of `file`, at `line`/`column` when known.
    public func diagnostic(file: String?, line: Int? = nil, column: Int? = nil) -> Diagnostic {
        Diagnostic(.warning, message, file: file, line: line, column: column, path: path)
    }
}

/// Plausibility checks over a loaded account and its metrics: pure, in field order.
///
/// Some checks cannot fire on a file the loader accepted (it already refuses negative movements and health
/// scores outside 0–100); they still guard accounts built in code or decoded from other sources.
public enum Plausibility {
    /// Attainment above this multiple of the committed change is flagged.
    public static let attainmentLimit: Decimal = 10
    /// Monthly active users above this multiple of the seats are flagged.
    public static let usersPerSeatLimit = 2
    /// A contract ARR this many times the starting ARR or more is flagged.
    public static let contractToStartLimit: Decimal = 10
    /// Value realized above this multiple of the contract ARR is flagged.
    public static let valueToContractLimit: Decimal = 100
    /// A health score at or above this with all ARR churned is flagged.
    public static let healthyScore: Decimal = 90

    /// Every plausibility warning of `account` at `metrics.asOf`. `churnPlaybookApplies`: a playbook about
    /// churn (churn in its id or kind) matched the account, so a full churn is being handled and is not flagged.
    public static func warnings(
        _ account: Account, metrics: AccountMetrics, churnPlaybookApplies: Bool = false
    ) -> [PlausibilityWarning] {
        var result: [PlausibilityWarning] = []
        let contract = account.profile.contract
        let currency = contract?.currency ?? "USD"

        if let renewal = contract?.renewal, renewal < metrics.asOf {
            let days = renewal.days(until: metrics.asOf)
            result.append(
                PlausibilityWarning(
                    .renewalPast, path: "account.contract.renewal",
                    message: "renewal \(renewal) is \(days) day\(days == 1 ? "" : "s") before the run date "
                        + "\(metrics.asOf): record the renewed contract's dates"))
        }

        if let revenue = account.revenue, revenue.startingARR > 0 {
            let retained = revenue.startingARR - revenue.contraction - revenue.churn
            let ending = retained + revenue.expansion
            if let grr = retained.divided(by: revenue.startingARR), grr > 1 {
                result.append(
                    PlausibilityWarning(
                        .grrAbove100, path: "revenue",
                        message: "GRR \(Format.percent(grr)) is above 100%: contraction "
                            + "\(Format.plain(revenue.contraction)) and churn \(Format.plain(revenue.churn)) "
                            + "are losses and cannot be negative"))
            }
            if let grr = retained.divided(by: revenue.startingARR), let nrr = ending.divided(by: revenue.startingARR),
                nrr < grr
            {
                result.append(
                    PlausibilityWarning(
                        .nrrBelowGRR, path: "revenue.expansion",
                        message: "NRR \(Format.percent(nrr)) is below GRR \(Format.percent(grr)): expansion "
                            + "\(Format.plain(revenue.expansion)) is a gain and cannot be negative"))
            }
        }

        if let revenue = account.revenue, revenue.startingARR > 0, let arr = contract?.arr,
            arr >= contractToStartLimit * revenue.startingARR
        {
            result.append(
                PlausibilityWarning(
                    .contractARRAboveStart, path: "account.contract.arr",
                    message: "contract ARR \(Format.money(arr, currency: currency)) is "
                        + "\(Format.plain(arr / revenue.startingARR, maxScale: 1))× the period's starting ARR "
                        + "\(Format.money(revenue.startingARR, currency: currency)): check that both are annual "
                        + "and in the same currency"))
        }

        for (index, (outcome, progress)) in zip(account.outcomes, metrics.outcomes).enumerated() {
            if let target = outcome.target, let baseline = outcome.baseline, target == baseline {
                result.append(
                    PlausibilityWarning(
                        .targetIsBaseline, path: "outcomes[\(index)].target",
                        message: "target \(Format.plain(target)) equals the baseline: the outcome commits to no "
                            + "change, so it cannot be on track; set the target the customer committed to"))
            }
            guard let attainment = progress.attainment, attainment > attainmentLimit, let actual = outcome.actual,
                let target = outcome.target
            else { continue }
            let from = outcome.baseline.map { "from baseline \(Format.plain($0)) " } ?? ""
            result.append(
                PlausibilityWarning(
                    .outcomeOverTarget, path: "outcomes[\(index)].actual",
                    message: "attainment \(Format.percent(attainment)) (\(from)to target \(Format.plain(target)), "
                        + "actual \(Format.plain(actual))) is more than \(Format.plain(attainmentLimit))× the "
                        + "committed change: check the unit and the baseline"))
        }

        for (index, item) in account.valueRealized.enumerated() where isBlank(item.category) {
            result.append(
                PlausibilityWarning(
                    .valueWithoutCategory, path: "value_realized[\(index)]",
                    message: "value of \(Format.money(item.amount, currency: currency)) has no category: "
                        + "give one (cost savings, revenue, risk reduction…) so the value slide can group it"))
        }

        if let usage = account.usage, let seats = contract?.seats,
            let peak = usage.monthlyActiveUsers.indices.max(by: {
                (usage.monthlyActiveUsers[$0], $0) < (usage.monthlyActiveUsers[$1], $1)
            }),
            usage.monthlyActiveUsers[peak] > usersPerSeatLimit * seats
        {
            let over = usage.monthlyActiveUsers.filter { $0 > usersPerSeatLimit * seats }.count
            let others = over > 1 ? " (and in \(over - 1) other month\(over == 2 ? "" : "s"))" : ""
            result.append(
                PlausibilityWarning(
                    .usersAboveSeats, path: "usage.monthly_active_users[\(peak)]",
                    message: "\(Format.number(Decimal(usage.monthlyActiveUsers[peak]))) monthly active users are "
                        + "more than \(usersPerSeatLimit)× the \(Format.number(Decimal(seats))) licensed seats"
                        + "\(others): check account.contract.seats and the usage export"))
        }

        if let active = account.usage?.seatsActive, let seats = contract?.seats, active > seats {
            result.append(
                PlausibilityWarning(
                    .activeAboveLicensed, path: "usage.seats_active",
                    message: "\(Format.number(Decimal(active))) active seats are more than the "
                        + "\(Format.number(Decimal(seats))) licensed: check account.contract.seats"))
        }

        if let arr = contract?.arr, arr > 0, metrics.value.total > valueToContractLimit * arr {
            result.append(
                PlausibilityWarning(
                    .valueAboveContract, path: "value_realized",
                    message: "value realized \(Format.money(metrics.value.total, currency: currency)) is more than "
                        + "\(Format.plain(valueToContractLimit))× the contract ARR "
                        + "\(Format.money(arr, currency: currency)): check the amounts' unit and currency"))
        }

        if let revenue = account.revenue, revenue.startingARR > 0, revenue.churn >= revenue.startingARR,
            let score = account.health?.score ?? metrics.health?.score, score >= healthyScore, !churnPlaybookApplies
        {
            result.append(
                PlausibilityWarning(
                    .churnWithHighHealth, path: "revenue.churn",
                    message: "all of the starting ARR \(Format.money(revenue.startingARR, currency: currency)) "
                        + "churned, yet health is \(Format.plain(score)) and no churn playbook applies: check "
                        + "revenue.churn and health.score"))
        }

        if let score = account.health?.score ?? metrics.health?.score, score < 0 || score > 100 {
            result.append(
                PlausibilityWarning(
                    .healthOutOfRange, path: "health.score",
                    message: "health score \(Format.plain(score)) is outside 0–100"))
        }
        return result
    }

    static func isBlank(_ text: String?) -> Bool {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// A slot of the review only a person can fill (`narrative:`).
public enum NarrativeSlot: String, CaseIterable, Sendable {
    /// `narrative.executive_summary`, on the title slide.
    case executiveSummary = "executive_summary"
    /// `narrative.asks`, at the top of the mutual action plan.
    case asks
    /// `narrative.misses`, on the gaps slide.
    case misses

    /// The slots `account` leaves empty, in this order.
    public static func missing(in account: Account) -> [NarrativeSlot] {
        let narrative = account.narrative
        return allCases.filter { slot in
            switch slot {
            case .executiveSummary: return Plausibility.isBlank(narrative?.executiveSummary)
            case .asks: return !(narrative?.asks ?? []).contains { !Plausibility.isBlank($0.text) }
            case .misses: return Plausibility.isBlank(narrative?.misses)
            }
        }
    }
}

/// How ready an account file is for its review meeting.
///
/// Each of the 7 data sections and 3 narrative slots present is worth 10 points; each plausibility warning
/// costs 5; the score is kept within 0–100.
public struct Readiness: Hashable, Sendable {
    /// The data sections counted, in schema order.
    public static let sections = [
        "outcomes", "value_realized", "usage", "health", "revenue", "opportunities", "risks",
    ]
    /// Points per data section or narrative slot present.
    public static let pointsPerItem = 10
    /// Points taken off per plausibility warning.
    public static let pointsPerWarning = 5

    /// Data sections present, in schema order.
    public let sectionsPresent: [String]
    /// Data sections absent, in schema order.
    public let sectionsMissing: [String]
    /// Narrative slots filled.
    public let narrativeFilled: [NarrativeSlot]
    /// Narrative slots empty.
    public let narrativeMissing: [NarrativeSlot]
    /// Plausibility warnings counted against the score.
    public let warnings: Int

    /// The readiness of `account` with `warnings` plausibility warnings.
    public init(_ account: Account, warnings: Int) {
        let present: [String: Bool] = [
            "outcomes": !account.outcomes.isEmpty,
            "value_realized": !account.valueRealized.isEmpty,
            "usage": account.usage.map {
                $0.seatsActive != nil || !$0.monthlyActiveUsers.isEmpty || $0.planLimitUtilization != nil
                    || !$0.featureAdoption.isEmpty
            } ?? false,
            "health": account.health.map { $0.score != nil || !$0.components.isEmpty || !$0.history.isEmpty }
                ?? false,
            "revenue": account.revenue != nil,
            "opportunities": !account.opportunities.isEmpty,
            "risks": !account.risks.isEmpty,
        ]
        sectionsPresent = Self.sections.filter { present[$0] == true }
        sectionsMissing = Self.sections.filter { present[$0] != true }
        let empty = NarrativeSlot.missing(in: account)
        narrativeMissing = empty
        narrativeFilled = NarrativeSlot.allCases.filter { !empty.contains($0) }
        self.warnings = warnings
    }

    /// 0–100: 10 × (sections present + slots filled) − 5 × warnings, within 0–100.
    public var score: Int {
        let points =
            Self.pointsPerItem * (sectionsPresent.count + narrativeFilled.count)
            - Self.pointsPerWarning * warnings
        return Swift.min(Swift.max(points, 0), 100)
    }

    /// What to finish before the meeting: missing sections, then `narrative.<slot>` for each empty slot.
    public var missing: [String] {
        sectionsMissing + narrativeMissing.map { "narrative." + $0.rawValue }
    }

    /// `readiness 90% (data 7/7 sections, narrative 2/3 slots, 0 warnings) — missing: narrative.misses`.
    public var summary: String {
        var text =
            "readiness \(score)% (data \(sectionsPresent.count)/\(Self.sections.count) sections, "
            + "narrative \(narrativeFilled.count)/\(NarrativeSlot.allCases.count) slots, "
            + "\(warnings) warning\(warnings == 1 ? "" : "s"))"
        if !missing.isEmpty { text += " — missing: " + missing.joined(separator: ", ") }
        return text
    }
}
