import Foundation
import QBRCore
import QBRPlaybooks
import QBRTemplate

/// One builder per section of the context; each returns nil when the account has no data for it.
extension ReviewViewModel {
    /// "Northwind Traders — Quarterly Business Review Q3 2026"; the monthly summary is dated by the run date,
    /// as its first heading is ("… — Monthly account summary, 15 Oct 2026").
    func title(_ documentName: String) -> String {
        if documentName == DocumentKind.summary.title {
            return "\(account.profile.name) — \(documentName), \(Format.longDate(metrics.asOf))"
        }
        let label = account.period?.label.map { " \($0)" } ?? ""
        return "\(account.profile.name) — \(documentName)\(label)"
    }

    /// What moved since last month, from the monthly series in the account (monthly active users, health
    /// history): the monthly summary opens with it.
    func changes() -> Record? {
        var items: [Record] = []
        func row(_ label: String, _ before: String, _ now: String, _ delta: String, percent: Figure? = nil) {
            items.append(
                Record(ReviewShape.change, ["label": label, "from": before, "to": now, "delta": delta, "percent": percent]))
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
        return Record(ReviewShape.changes, ["items": items, "since": previous?.month])
    }

    func profile() -> Record {
        let profile = account.profile
        var sponsor: Record?
        if let person = profile.executiveSponsor, person.name != nil || person.title != nil {
            sponsor = Record(
                ReviewShape.sponsor,
                [
                    "name": person.name, "title": person.title, "since": person.since.map(Figure.date),
                    "days_since_change": metrics.daysSinceSponsorChange,
                ])
        }
        let contract = profile.contract.map { contract in
            Record(
                ReviewShape.contract,
                [
                    "currency": currency, "start": contract.start.map(Figure.date),
                    "renewal": contract.renewal.map(Figure.date),
                    "arr": contract.arr.map { Figure.money($0, currency: currency) },
                    "seats": contract.seats.map(Figure.count),
                ])
        }
        return Record(
            ReviewShape.account,
            [
                "id": profile.id, "name": profile.name, "segment": profile.segment?.rawValue, "tier": profile.tier,
                "industry": profile.industry, "csm": profile.csm, "account_manager": profile.accountManager,
                "sponsor": sponsor, "contract": contract,
            ])
    }

    func period() -> Record? {
        guard let period = account.period else { return nil }
        return Record(
            ReviewShape.period,
            ["label": period.label, "start": period.start.map(Figure.date), "end": period.end.map(Figure.date)])
    }

    func revenue() -> Record? {
        guard let revenue = account.revenue, let retention = metrics.retention else { return nil }
        return Record(ReviewShape.revenue) {
            $0.set("starting_arr", Figure.money(revenue.startingARR, currency: currency))
            $0.set("expansion", Figure.money(revenue.expansion, currency: currency))
            $0.set("contraction", Figure.money(revenue.contraction, currency: currency))
            $0.set("churn", Figure.money(revenue.churn, currency: currency))
            $0.set("ending_arr", Figure.money(retention.endingARR, currency: currency))
            $0.set("net_change", Figure.money(retention.netChange, currency: currency))
            $0.set("nrr", retention.nrr.map { Figure.percent($0, scale: 1) })
            $0.set("grr", retention.grr.map { Figure.percent($0, scale: 1) })
            if isInternal {
                $0.set("nrr_band", metrics.nrrBand?.rawValue)
                if metrics.grrMasking { $0.set("grr_masking", true) }
            }
        }
    }

    func outcomes() -> Record? {
        guard !account.outcomes.isEmpty else { return nil }
        var counts: [OutcomeStatus: Int] = [:]
        var evidence: [Record] = []
        let items: [Record] = zip(account.outcomes, metrics.outcomes).enumerated().map { index, pair in
            let (outcome, progress) = pair
            counts[progress.status, default: 0] += 1
            if let text = outcome.evidence {
                evidence.append(Record(ReviewShape.evidence, ["number": index + 1, "name": outcome.name, "evidence": text]))
            }
            return Record(ReviewShape.outcome) {
                $0.set("number", index + 1)
                $0.set("name", outcome.name)
                $0.set("direction", outcome.direction.rawValue)
                $0.set("status", StatusLabel.outcome(progress.status))
                $0.set("status_id", progress.status.rawValue)
                // Every status key is set, true or false: a missing key would make Mustache look it up in the
                // enclosing `outcomes` object, whose counts of the same names are truthy.
                $0.set("achieved", progress.status == .achieved)
                $0.set("on_track", progress.status == .onTrack)
                $0.set("at_risk", progress.status == .atRisk)
                $0.set("missed", progress.status == .missed)
                $0.set("metric", outcome.metric)
                $0.set("unit", outcome.unit)
                $0.set("baseline", outcome.baseline.map { Figure.quantity($0, unit: outcome.unit) })
                $0.set("target", outcome.target.map { Figure.quantity($0, unit: outcome.unit) })
                $0.set("actual", outcome.actual.map { Figure.quantity($0, unit: outcome.unit) })
                $0.set("change", progress.change.map { Figure.quantity($0, unit: outcome.unit, signed: true) })
                $0.set("attainment", progress.attainment.map { Figure.percent($0, scale: 0) })
                $0.set("committed_on", outcome.committedOn.map(Figure.date))
                $0.set("due", outcome.due.map(Figure.date))
                $0.set("evidence", outcome.evidence)
            }
        }
        return Record(ReviewShape.outcomes) {
            $0.set("items", items)
            $0.set("count", items.count)
            $0.set("achieved", counts[.achieved, default: 0])
            $0.set("on_track", counts[.onTrack, default: 0])
            $0.set("at_risk", counts[.atRisk, default: 0])
            $0.set("missed", counts[.missed, default: 0])
            $0.set("achieved_in_words", CountedWords.achieved(counts[.achieved, default: 0], of: items.count))
            if !evidence.isEmpty { $0.set("evidence", Record(ReviewShape.outcomes.itemsShape("evidence"), ["items": evidence])) }
        }
    }

    /// Outcomes behind plan, risks and the narrative's misses: the "gaps & risks" slide, present when any is.
    func gaps(risks hasRisks: Bool) -> Record? {
        let behind = zip(account.outcomes, metrics.outcomes).compactMap { outcome, progress -> Record? in
            guard progress.status == .atRisk || progress.status == .missed else { return nil }
            return Record(
                ReviewShape.behind,
                [
                    "name": outcome.name, "status": StatusLabel.outcome(progress.status),
                    "attainment": progress.attainment.map { Figure.percent($0) }, "due": outcome.due.map(Figure.date),
                ])
        }
        let misses = account.narrative?.misses.flatMap(paragraphs)
        guard hasRisks || !behind.isEmpty || misses != nil else { return nil }
        return Record(ReviewShape.gaps) {
            if !behind.isEmpty { $0.set("behind", Record(ReviewShape.gaps.itemsShape("behind"), ["items": behind])) }
        }
    }

    func value() -> Record? {
        guard !account.valueRealized.isEmpty else { return nil }
        let summary = metrics.value
        return Record(ReviewShape.value) {
            $0.set("total", Figure.money(summary.total, currency: currency))
            $0.set("confirmed", Figure.money(summary.confirmed, currency: currency))
            if summary.confirmed.rounded(0) != 0 { $0.set("any_confirmed", true) }
            // "$0 estimated" says nothing: the name is absent when every value is confirmed.
            if summary.estimated.rounded(0) != 0 {
                $0.set("estimated", Figure.money(summary.estimated, currency: currency))
            }
            $0.set(
                "items",
                account.valueRealized.map { item in
                    Record(
                        ReviewShape.valueItem,
                        [
                            "amount": Figure.money(item.amount, currency: currency),
                            "confirmation": item.confirmed ? "Confirmed" : "Estimated", "category": item.category,
                            "description": item.description,
                            "confirmed": item.confirmed,  // always set: `value.confirmed` above it is truthy
                        ])
                })
            $0.set(
                "categories",
                summary.categories.map {
                    Record(
                        ReviewShape.valueCategory,
                        [
                            "name": $0.name, "total": Figure.money($0.total, currency: currency),
                            "confirmed": Figure.money($0.confirmed, currency: currency),
                            "estimated": Figure.money($0.estimated, currency: currency),
                        ])
                })
            $0.set("roi_multiple", summary.roiMultiple.map(Figure.multiple))
            let confirmedMultiple = account.profile.contract?.arr.flatMap { summary.confirmed.divided(by: $0) }
            $0.set("roi_multiple_confirmed", confirmedMultiple.map(Figure.multiple))
            $0.set("roi_in_words", roiInWords(total: summary.roiMultiple, confirmed: confirmedMultiple, estimated: summary.estimated))
        }
    }

    func adoption() -> Record? {
        let usage = account.usage
        let months = usage?.monthlyActiveUsers ?? []
        let features = usage?.featureAdoption ?? []
        let record = Record(ReviewShape.adoption) {
            $0.set("seats_active", usage?.seatsActive.map(Figure.count))
            $0.set("seats", account.profile.contract?.seats.map(Figure.count))
            $0.set("seat_utilization", metrics.seatUtilization.map { Figure.percent($0) })
            $0.set("usage_trend_90d", metrics.usageTrend90d.map { Figure.percent($0) })
            $0.set("plan_limit_utilization", usage?.planLimitUtilization.map { Figure.percent($0) })
            if !months.isEmpty {
                $0.set("monthly_active_users", months.map(Figure.count))
                $0.set("mau_latest", months.last.map(Figure.count))
            }
            if !features.isEmpty {
                $0.set(
                    "features",
                    features.map { Record(ReviewShape.feature, ["name": $0.feature, "share": Figure.percent($0.share)]) })
            }
        }
        return record.fields.allSatisfy(\.isAbsent) ? nil : record
    }

    func health() -> Record? {
        guard let health = metrics.health else { return nil }
        let components = account.health?.components ?? []
        return Record(ReviewShape.health) {
            $0.set("score", Figure.quantity(health.score.rounded(0), unit: nil))
            $0.set("band", StatusLabel.health(health.band))
            $0.set("band_id", health.band.rawValue)
            $0.set(health.band.rawValue, true)
            if health.computed { $0.set("computed", true) }
            if !components.isEmpty {
                $0.set(
                    "components",
                    components.map {
                        Record(ReviewShape.component, ["name": $0.name, "score": Format.plain($0.score, maxScale: 0)])
                    })
            }
            // The chart's data as a table, so the history survives Markdown, pandoc and PowerPoint: one row a
            // month, the current score in the run date's month and each earlier one a month before.
            let scores = (account.health?.history ?? []) + [health.score]
            if scores.count > 1 {
                let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                $0.set(
                    "history",
                    scores.enumerated().map { index, score in
                        let day = metrics.asOf.adding(months: index - (scores.count - 1))
                        return Record(
                            ReviewShape.healthMonth,
                            ["month": "\(months[day.month - 1]) \(day.year)", "score": Format.plain(score.rounded(0), maxScale: 0)])
                    })
            }
        }
    }

    func signals() -> Record? {
        guard let signals = account.signals else { return nil }
        let record = Record(ReviewShape.signals) {
            $0.set("nps", signals.nps.map { Format.signed(String($0), isPositive: $0 > 0) })
            $0.set("open_escalations", signals.openEscalations)
            $0.set("escalations_in_words", signals.openEscalations.map(CountedWords.openEscalations))
            $0.set("missed_milestones", signals.missedMilestones)
            $0.set("skipped_reviews", signals.skippedReviews)
            if signals.referral == true { $0.set("referral", true) }
        }
        return record.fields.allSatisfy(\.isAbsent) ? nil : record
    }

    func risks() -> Record? {
        guard !account.risks.isEmpty else { return nil }
        // Highest severity first; ties keep input order (sort is stable on the enumerated index).
        let ordered = account.risks.enumerated().sorted {
            (-($0.element.severity?.rank ?? -1), $0.offset) < (-($1.element.severity?.rank ?? -1), $1.offset)
        }
        let items = ordered.map { _, risk in
            Record(
                ReviewShape.risk,
                [
                    "description": risk.description, "severity": risk.severity.map(StatusLabel.severity),
                    "mitigation": risk.mitigation, "owner": risk.mitigation == nil ? nil : riskOwner(risk),
                    "due": risk.due.map(Figure.date),
                ])
        }
        return Record(ReviewShape.risks, ["items": items, "count": items.count])
    }

    func opportunities() -> Record? {
        guard !account.opportunities.isEmpty else { return nil }
        let items = account.opportunities.map { opportunity in
            Record(ReviewShape.opportunity) {
                $0.set("name", opportunity.name)
                $0.set("kind", opportunity.kind?.rawValue)
                $0.set("rationale", opportunity.rationale)
                $0.set("owner", opportunity.owner.map(person))
                if isInternal {
                    $0.set("estimated_arr", opportunity.estimatedARR.map { Figure.money($0, currency: currency) })
                    $0.set("confidence", opportunity.confidence.map { Figure.percent($0) })
                    if let arr = opportunity.estimatedARR, let confidence = opportunity.confidence {
                        $0.set("weighted_arr", Figure.money(arr * confidence, currency: currency))
                    }
                }
            }
        }
        return Record(ReviewShape.opportunities) {
            $0.set("items", items)
            $0.set("count", items.count)
            if isInternal {
                $0.set("weighted_pipeline", Figure.money(metrics.pipeline.weightedARR, currency: currency))
                $0.set("total_pipeline", Figure.money(metrics.pipeline.totalARR, currency: currency))
                $0.set("nrr_with_pipeline", metrics.nrrWithWeightedPipeline.map { Figure.percent($0, scale: 1) })
            }
        }
    }

    func renewal() -> Record? {
        guard let date = account.profile.contract?.renewal, let days = metrics.daysToRenewal else { return nil }
        let phrase: String
        switch days {
        case 0: phrase = "today"
        case 1: phrase = "tomorrow"
        case 2...: phrase = "in \(Format.number(Decimal(days))) days"
        // The customer never reads "past due": an unrenewed contract is a conversation, not an accusation.
        case _ where !isInternal: phrase = "renewal in progress"
        case -1: phrase = "yesterday (past due)"
        default: phrase = "\(Format.number(Decimal(-days))) days ago (past due)"
        }
        return Record(ReviewShape.renewal) {
            $0.set("date", Figure.date(date))
            $0.set("days", days)
            $0.set("in_words", phrase)
            if days < 0, isInternal { $0.set("past_due", true) }
        }
    }

    func narrative() -> Record? {
        guard let narrative = account.narrative else { return nil }
        let record = Record(ReviewShape.narrative) {
            $0.set("executive_summary", narrative.executiveSummary.flatMap(paragraphs))
            $0.set("misses", narrative.misses.flatMap(paragraphs))
            if !narrative.asks.isEmpty {
                $0.set("asks", narrative.asks.map(\.text))
                $0.set("ask_items", askItems())
            }
        }
        return record.fields.allSatisfy(\.isAbsent) ? nil : record
    }

    /// The person who owns a risk's mitigation: its owner (a role is resolved to the person), else the CSM.
    func riskOwner(_ risk: Risk) -> String { person(risk.owner ?? "csm") }

    /// The value multiple and what it rests on: confirmed value alone, and with our estimates when there are any.
    func roiInWords(total: Decimal?, confirmed: Decimal?, estimated: Decimal) -> String? {
        guard let total else { return nil }
        let text = { (multiple: Decimal) in Format.plain(multiple, maxScale: 1) + "×" }
        guard estimated.rounded(0) != 0 else { return "\(text(total)) the annual contract value, all of it confirmed" }
        guard let confirmed, confirmed > 0 else {
            return "\(text(total)) the annual contract value, all of it estimated"
        }
        return "\(text(confirmed)) the annual contract value on confirmed value, \(text(total)) with estimates"
    }

    func expansion() -> Record {
        let readiness = metrics.expansionReadiness
        return Record(ReviewShape.expansion) {
            $0.set("outcome_achieved", readiness.outcomeAchieved)
            $0.set("value_confirmed", readiness.valueConfirmed)
            $0.set("health_not_red", readiness.healthNotRed)
            if readiness.isReady { $0.set("ready", true) }
        }
    }
}

extension TemplateValue {
    /// True for `.absent`: the record has no value of that name.
    var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }
}

extension ObjectShape {
    /// The shape of the `{items: […]}` object declared under `name`.
    func itemsShape(_ name: String) -> ObjectShape {
        guard let index = index(of: name), case .object(let shape) = fields[index].shape else {
            preconditionFailure("\(self.name) declares no object \(name)")
        }
        return shape
    }
}
