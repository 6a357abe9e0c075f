import Foundation
import QBRCore
import QBRPlaybooks

/// One builder per section of the context; each returns nil when the account has no data for it.
extension ReviewViewModel {
    func title(_ documentName: String) -> String {
        let label = account.period?.label.map { " \($0)" } ?? ""
        return "\(account.profile.name) — \(documentName)\(label)"
    }

    /// What moved since last month, from the monthly series in the account (monthly active users, health
    /// history): the monthly summary opens with it.
    func changes() -> [String: Any]? {
        var items: [[String: Any]] = []
        func row(_ label: String, _ before: String, _ now: String, _ delta: String, percent: Figure? = nil) {
            var item: [String: Any] = ["label": label, "from": before, "to": now, "delta": delta]
            item["percent"] = percent
            items.append(item)
        }
        let months = account.usage?.monthlyActiveUsers ?? []
        let previousUsers = previous?.monthlyActiveUsers ?? (months.count >= 2 ? months[months.count - 2] : nil)
        if let before = previousUsers, let now = months.last {
            row(
                "Monthly active users", Format.number(Decimal(before)), Format.number(Decimal(now)),
                Format.signed(Format.number(Decimal(now - before)), isPositive: now > before),
                percent: Decimal(now - before).divided(by: Decimal(before)).map { Figure.percent($0) })
        }
        if isInternal, let score = metrics.health?.score, let before = previous?.health ?? account.health?.history.last {
            row(
                "Health score", Format.number(before), Format.number(score),
                Format.signed(Format.number(score - before), isPositive: score > before))
        }
        if isInternal, let nrr = metrics.retention?.nrr, let before = previous?.nrr {
            let points = (nrr - before) * 100
            row(
                "NRR", Format.percent(before, scale: 1), Format.percent(nrr, scale: 1),
                Format.signed(Format.number(points, scale: 1) + " pts", isPositive: points.rounded(1) > 0))
        }
        if isInternal, let arr = metrics.retention?.endingARR ?? account.profile.contract?.arr, let before = previous?.arr {
            row(
                "ARR", Format.money(before, currency: currency), Format.money(arr, currency: currency),
                Format.signed(Format.money(arr - before, currency: currency), isPositive: (arr - before).rounded(0) > 0))
        }
        guard !items.isEmpty else { return nil }
        var result: [String: Any] = ["items": items]
        result["since"] = previous?.month
        return result
    }

    func profile() -> [String: Any] {
        let profile = account.profile
        var result: [String: Any] = ["id": profile.id, "name": profile.name]
        result["segment"] = profile.segment?.rawValue
        result["tier"] = profile.tier
        result["industry"] = profile.industry
        result["csm"] = profile.csm
        result["account_manager"] = profile.accountManager
        if let sponsor = profile.executiveSponsor, sponsor.name != nil || sponsor.title != nil {
            var entry: [String: Any] = [:]
            entry["name"] = sponsor.name
            entry["title"] = sponsor.title
            entry["since"] = sponsor.since.map(Figure.date)
            entry["days_since_change"] = metrics.daysSinceSponsorChange
            result["sponsor"] = entry
        }
        if let contract = profile.contract {
            var entry: [String: Any] = ["currency": currency]
            entry["start"] = contract.start.map(Figure.date)
            entry["renewal"] = contract.renewal.map(Figure.date)
            entry["arr"] = contract.arr.map { Figure.money($0, currency: currency) }
            entry["seats"] = contract.seats.map(Figure.count)
            result["contract"] = entry
        }
        return result
    }

    func period() -> [String: Any]? {
        guard let period = account.period else { return nil }
        var result: [String: Any] = [:]
        result["label"] = period.label
        result["start"] = period.start.map(Figure.date)
        result["end"] = period.end.map(Figure.date)
        return result
    }

    func revenue() -> [String: Any]? {
        guard let revenue = account.revenue, let retention = metrics.retention else { return nil }
        var result: [String: Any] = [
            "starting_arr": Figure.money(revenue.startingARR, currency: currency),
            "expansion": Figure.money(revenue.expansion, currency: currency),
            "contraction": Figure.money(revenue.contraction, currency: currency),
            "churn": Figure.money(revenue.churn, currency: currency),
            "ending_arr": Figure.money(retention.endingARR, currency: currency),
            "net_change": Figure.money(retention.netChange, currency: currency),
        ]
        result["nrr"] = retention.nrr.map { Figure.percent($0, scale: 1) }
        result["grr"] = retention.grr.map { Figure.percent($0, scale: 1) }
        if isInternal {
            result["nrr_band"] = metrics.nrrBand?.rawValue
            if metrics.grrMasking { result["grr_masking"] = true }
        }
        return result
    }

    func outcomes() -> [String: Any]? {
        guard !account.outcomes.isEmpty else { return nil }
        var counts: [OutcomeStatus: Int] = [:]
        let items: [[String: Any]] = zip(account.outcomes, metrics.outcomes).enumerated().map { index, pair in
            let (outcome, progress) = pair
            counts[progress.status, default: 0] += 1
            var item: [String: Any] = [
                "number": index + 1, "name": outcome.name, "direction": outcome.direction.rawValue,
                "status": StatusLabel.outcome(progress.status), "status_id": progress.status.rawValue,
                // Every status key is set, true or false: a missing key would make Mustache look it up in the
                // enclosing `outcomes` object, whose counts of the same names are truthy.
                "achieved": progress.status == .achieved, "on_track": progress.status == .onTrack,
                "at_risk": progress.status == .atRisk, "missed": progress.status == .missed,
            ]
            item["metric"] = outcome.metric
            item["unit"] = outcome.unit
            item["baseline"] = outcome.baseline.map { Figure.quantity($0, unit: outcome.unit) }
            item["target"] = outcome.target.map { Figure.quantity($0, unit: outcome.unit) }
            item["actual"] = outcome.actual.map { Figure.quantity($0, unit: outcome.unit) }
            item["change"] = progress.change.map { Figure.quantity($0, unit: outcome.unit, signed: true) }
            item["attainment"] = progress.attainment.map { Figure.percent($0, scale: 0) }
            item["committed_on"] = outcome.committedOn.map(Figure.date)
            item["due"] = outcome.due.map(Figure.date)
            item["evidence"] = outcome.evidence
            return item
        }
        let evidence = zip(account.outcomes, items).compactMap { outcome, item -> [String: Any]? in
            outcome.evidence.map { ["number": item["number"] ?? 0, "name": outcome.name, "evidence": $0] }
        }
        var result: [String: Any] = [
            "items": items, "count": items.count,
            "achieved": counts[.achieved, default: 0], "on_track": counts[.onTrack, default: 0],
            "at_risk": counts[.atRisk, default: 0], "missed": counts[.missed, default: 0],
        ]
        if !evidence.isEmpty { result["evidence"] = ["items": evidence] }
        return result
    }

    /// Outcomes behind plan, risks and the narrative's misses: the "gaps & risks" slide, present when any is.
    func gaps(risks hasRisks: Bool) -> [String: Any]? {
        let behind = zip(account.outcomes, metrics.outcomes).compactMap { outcome, progress -> [String: Any]? in
            guard progress.status == .atRisk || progress.status == .missed else { return nil }
            var entry: [String: Any] = ["name": outcome.name, "status": StatusLabel.outcome(progress.status)]
            entry["attainment"] = progress.attainment.map { Figure.percent($0) }
            entry["due"] = outcome.due.map(Figure.date)
            return entry
        }
        let misses = account.narrative?.misses.flatMap(paragraphs)
        guard hasRisks || !behind.isEmpty || misses != nil else { return nil }
        var result: [String: Any] = [:]
        if !behind.isEmpty { result["behind"] = ["items": behind] }
        return result
    }

    func value() -> [String: Any]? {
        guard !account.valueRealized.isEmpty else { return nil }
        let summary = metrics.value
        var result: [String: Any] = [
            "total": Figure.money(summary.total, currency: currency),
            "confirmed": Figure.money(summary.confirmed, currency: currency),
            "estimated": Figure.money(summary.estimated, currency: currency),
            "items": account.valueRealized.map { item -> [String: Any] in
                var entry: [String: Any] = [
                    "amount": Figure.money(item.amount, currency: currency),
                    "confirmation": item.confirmed ? "Confirmed" : "Estimated",
                ]
                entry["category"] = item.category
                entry["description"] = item.description
                entry["confirmed"] = item.confirmed  // always set: `value.confirmed` above it is truthy
                return entry
            },
            "categories": summary.categories.map {
                [
                    "name": $0.name, "total": Figure.money($0.total, currency: currency),
                    "confirmed": Figure.money($0.confirmed, currency: currency),
                    "estimated": Figure.money($0.estimated, currency: currency),
                ] as [String: Any]
            },
        ]
        if let roi = summary.roiMultiple {
            result["roi_multiple"] = Figure.multiple(roi)
        }
        return result
    }

    func adoption() -> [String: Any]? {
        let usage = account.usage
        var result: [String: Any] = [:]
        result["seats_active"] = usage?.seatsActive.map(Figure.count)
        result["seats"] = account.profile.contract?.seats.map(Figure.count)
        result["seat_utilization"] = metrics.seatUtilization.map { Figure.percent($0) }
        result["usage_trend_90d"] = metrics.usageTrend90d.map { Figure.percent($0) }
        result["plan_limit_utilization"] = usage?.planLimitUtilization.map { Figure.percent($0) }
        if let months = usage?.monthlyActiveUsers, !months.isEmpty {
            result["monthly_active_users"] = months.map(Figure.count)
            result["mau_latest"] = months.last.map(Figure.count)
        }
        if let features = usage?.featureAdoption, !features.isEmpty {
            result["features"] = features.map {
                ["name": $0.feature, "share": Figure.percent($0.share)] as [String: Any]
            }
        }
        return result.isEmpty ? nil : result
    }

    func health() -> [String: Any]? {
        guard let health = metrics.health else { return nil }
        var result: [String: Any] = [
            "score": Figure.quantity(health.score.rounded(0), unit: nil),
            "band": StatusLabel.health(health.band), "band_id": health.band.rawValue, health.band.rawValue: true,
        ]
        if health.computed { result["computed"] = true }
        let components = account.health?.components ?? []
        if !components.isEmpty {
            result["components"] = components.map {
                ["name": $0.name, "score": Format.plain($0.score, maxScale: 0)] as [String: Any]
            }
        }
        return result
    }

    func signals() -> [String: Any]? {
        guard let signals = account.signals else { return nil }
        var result: [String: Any] = [:]
        result["nps"] = signals.nps.map { Format.signed(String($0), isPositive: $0 > 0) }
        result["open_escalations"] = signals.openEscalations
        result["missed_milestones"] = signals.missedMilestones
        result["skipped_reviews"] = signals.skippedReviews
        if signals.referral == true { result["referral"] = true }
        return result.isEmpty ? nil : result
    }

    func risks() -> [String: Any]? {
        guard !account.risks.isEmpty else { return nil }
        // Highest severity first; ties keep input order (sort is stable on the enumerated index).
        let ordered = account.risks.enumerated().sorted {
            (-($0.element.severity?.rank ?? -1), $0.offset) < (-($1.element.severity?.rank ?? -1), $1.offset)
        }
        let items = ordered.map { _, risk -> [String: Any] in
            var entry: [String: Any] = ["description": risk.description]
            entry["severity"] = risk.severity.map(StatusLabel.severity)
            entry["mitigation"] = risk.mitigation
            return entry
        }
        return ["items": items, "count": items.count]
    }

    func opportunities() -> [String: Any]? {
        guard !account.opportunities.isEmpty else { return nil }
        let items = account.opportunities.map { opportunity -> [String: Any] in
            var entry: [String: Any] = ["name": opportunity.name]
            entry["kind"] = opportunity.kind?.rawValue
            entry["rationale"] = opportunity.rationale
            entry["owner"] = opportunity.owner.map(person)
            if isInternal {
                entry["estimated_arr"] = opportunity.estimatedARR.map { Figure.money($0, currency: currency) }
                entry["confidence"] = opportunity.confidence.map { Figure.percent($0) }
                if let arr = opportunity.estimatedARR, let confidence = opportunity.confidence {
                    entry["weighted_arr"] = Figure.money(arr * confidence, currency: currency)
                }
            }
            return entry
        }
        var result: [String: Any] = ["items": items, "count": items.count]
        if isInternal {
            result["weighted_pipeline"] = Figure.money(metrics.pipeline.weightedARR, currency: currency)
            result["total_pipeline"] = Figure.money(metrics.pipeline.totalARR, currency: currency)
            result["nrr_with_pipeline"] = metrics.nrrWithWeightedPipeline.map { Figure.percent($0, scale: 1) }
        }
        return result
    }

    func renewal() -> [String: Any]? {
        guard let date = account.profile.contract?.renewal, let days = metrics.daysToRenewal else { return nil }
        let phrase: String
        switch days {
        case 0: phrase = "today"
        case 1: phrase = "tomorrow"
        case 2...: phrase = "in \(Format.number(Decimal(days))) days"
        case -1: phrase = "yesterday (past due)"
        default: phrase = "\(Format.number(Decimal(-days))) days ago (past due)"
        }
        var result: [String: Any] = ["date": Figure.date(date), "days": days, "in_words": phrase]
        if days < 0 { result["past_due"] = true }
        return result
    }

    func narrative() -> [String: Any]? {
        guard let narrative = account.narrative else { return nil }
        var result: [String: Any] = [:]
        result["executive_summary"] = narrative.executiveSummary.flatMap(paragraphs)
        result["misses"] = narrative.misses.flatMap(paragraphs)
        if !narrative.asks.isEmpty { result["asks"] = narrative.asks }
        return result.isEmpty ? nil : result
    }

    func expansion() -> [String: Any] {
        let readiness = metrics.expansionReadiness
        var result: [String: Any] = [
            "outcome_achieved": readiness.outcomeAchieved, "value_confirmed": readiness.valueConfirmed,
            "health_not_red": readiness.healthNotRed,
        ]
        if readiness.isReady { result["ready"] = true }
        return result
    }
}
