import Foundation
import QBRCore
import QBRPlaybooks

/// Builds the names a template can use for one account at one date.
///
/// Every value is computed here (formatted figures, status labels, which sections exist), so templates stay
/// logic-less. A section key is present only when it has data, so `{{#outcomes}}…{{/outcomes}}` leaves the
/// slide out instead of rendering it empty. Names that only the internal edition may show are added only
/// for that edition: a customer template cannot print them even by mistake.
public struct ReviewViewModel {
    /// The account.
    public let account: Account
    /// Its metrics at `metrics.asOf`.
    public let metrics: AccountMetrics
    /// Audience.
    public let edition: Edition
    /// "qbr 0.1.0", for the document footer.
    public let generator: String
    /// The playbooks that apply to the account, with reasons and resolved tasks.
    public let triggered: [TriggeredPlaybook]
    /// Every flag's value for the account.
    public let flags: [String: Bool]

    /// Days from the run date to the next quarterly review; the action plan lists what is due before it.
    public static let reviewCycleDays = 90

    /// The team's company name, from `qbr.yaml`.
    public let company: String?
    /// Emit Mermaid chart sources for Markdown renderers (`--md-charts mermaid`).
    public let mermaid: Bool

    /// Creates the view model of `account` at `asOf`, selecting `playbooks` (none when nil).
    public init(
        account: Account, asOf: Day, edition: Edition = .internal, settings: MetricSettings = .standard,
        playbooks: PlaybookLibrary? = nil, company: String? = nil, mermaid: Bool = false,
        generator: String = "qbr \(QBRVersion.current)"
    ) {
        let facts = AccountFacts(account: account, asOf: asOf, settings: settings)
        self.account = account
        self.metrics = facts.metrics
        self.edition = edition
        self.generator = generator
        self.triggered = playbooks?.select(facts) ?? []
        self.flags = playbooks?.flagValues(facts) ?? [:]
        self.usesPlaybooks = playbooks != nil
        self.company = company
        self.mermaid = mermaid
    }

    private let usesPlaybooks: Bool

    /// Document ids and the names they go by on the title slide.
    public static let documentNames = [
        "qbr": "Quarterly Business Review", "ebr": "Executive Business Review", "summary": "Monthly account summary",
        "playbook": "Playbook checklist",
    ]

    private var currency: String { account.profile.contract?.currency ?? "USD" }
    private var isInternal: Bool { edition == .internal }

    /// The template context for `document` (`qbr`, `ebr`, `summary`…): nested dictionaries, lists and
    /// ``Figure`` values.
    public func context(document: String = "qbr") -> [String: Any] {
        let documentName = Self.documentNames[document] ?? document
        var root: [String: Any] = [
            "account": profile(),
            "as_of": Figure.date(metrics.asOf),
            "generator": generator,
            "edition": [edition.rawValue: true, "name": edition.rawValue],
            "document": ["id": document, "name": documentName],
        ]
        root["company"] = company
        root["period"] = period()
        root["title"] = title(documentName)
        root["outcomes"] = outcomes()
        root["value"] = value()
        root["adoption"] = adoption()
        root["opportunities"] = opportunities()
        root["renewal"] = renewal()
        root["narrative"] = narrative()
        root["action_plan"] = actionPlan()
        root["changes"] = changes()
        if mermaid { root["mermaid"] = MermaidCharts(account: account, metrics: metrics, edition: edition).context() }
        root["next_review"] = Figure.date(metrics.asOf.adding(days: Self.reviewCycleDays))
        guard isInternal else {
            // The customer edition: no health, revenue, risks, signals, pipeline, flags, playbooks or notes.
            root["gaps"] = gaps(risks: false)
            if root["adoption"] != nil || root["renewal"] != nil { root["health_and_adoption"] = true }
            root["agenda"] = agenda(root, document: document)
            return root
        }
        root["signals"] = signals()
        root["risks"] = risks()
        root["gaps"] = gaps(risks: root["risks"] != nil)
        root["revenue"] = revenue()
        root["health"] = health()
        root["notes"] = account.notes.flatMap(paragraphs).map { ["paragraphs": $0] }
        // The narrative slots still to write, so the prep edition shows a TODO where each belongs.
        let todo = NarrativeSlot.missing(in: account)
        if !todo.isEmpty { root["narrative_todo"] = Dictionary(uniqueKeysWithValues: todo.map { ($0.rawValue, true as Any) }) }
        root["expansion"] = expansion()
        if ["health", "adoption", "signals", "renewal", "revenue"].contains(where: { root[$0] != nil }) {
            root["health_and_adoption"] = true
        }
        // A flag is present only when it holds, so {{#flags.x}} and {{^flags.x}} both read naturally.
        root["flags"] = Dictionary(uniqueKeysWithValues: flags.filter(\.value).map { ($0.key, true as Any) })
        if !triggered.isEmpty { root["playbooks"] = playbookSummary() }
        root["agenda"] = agenda(root, document: document)
        return root
    }

    // MARK: Sections

    private func title(_ documentName: String) -> String {
        let label = account.period?.label.map { " \($0)" } ?? ""
        return "\(account.profile.name) — \(documentName)\(label)"
    }

    /// What moved since last month, from the monthly series in the account (monthly active users, health
    /// history): the monthly summary opens with it.
    private func changes() -> [String: Any]? {
        var items: [[String: Any]] = []
        let months = account.usage?.monthlyActiveUsers ?? []
        if months.count >= 2 {
            let (before, now) = (months[months.count - 2], months[months.count - 1])
            var item: [String: Any] = [
                "label": "Monthly active users", "from": Figure.count(before), "to": Figure.count(now),
                "delta": Format.signed(Format.number(Decimal(now - before)), isPositive: now > before),
            ]
            if let share = Decimal(now - before).divided(by: Decimal(before)) { item["percent"] = Figure.percent(share) }
            items.append(item)
        }
        if isInternal, let score = metrics.health?.score, let before = account.health?.history.last {
            items.append([
                "label": "Health score", "from": Format.number(before), "to": Format.number(score),
                "delta": Format.signed(Format.number(score - before), isPositive: score > before),
            ])
        }
        return items.isEmpty ? nil : ["items": items]
    }

    private func profile() -> [String: Any] {
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

    private func period() -> [String: Any]? {
        guard let period = account.period else { return nil }
        var result: [String: Any] = [:]
        result["label"] = period.label
        result["start"] = period.start.map(Figure.date)
        result["end"] = period.end.map(Figure.date)
        return result
    }

    private func revenue() -> [String: Any]? {
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

    private func outcomes() -> [String: Any]? {
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
    private func gaps(risks hasRisks: Bool) -> [String: Any]? {
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

    private func value() -> [String: Any]? {
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

    private func adoption() -> [String: Any]? {
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
            result["features"] = features.map { ["name": $0.feature, "share": Figure.percent($0.share)] as [String: Any] }
        }
        return result.isEmpty ? nil : result
    }

    private func health() -> [String: Any]? {
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

    private func signals() -> [String: Any]? {
        guard let signals = account.signals else { return nil }
        var result: [String: Any] = [:]
        result["nps"] = signals.nps.map { Format.signed(String($0), isPositive: $0 > 0) }
        result["open_escalations"] = signals.openEscalations
        result["missed_milestones"] = signals.missedMilestones
        result["skipped_reviews"] = signals.skippedReviews
        if signals.referral == true { result["referral"] = true }
        return result.isEmpty ? nil : result
    }

    private func risks() -> [String: Any]? {
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

    private func opportunities() -> [String: Any]? {
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

    private func renewal() -> [String: Any]? {
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

    private func narrative() -> [String: Any]? {
        guard let narrative = account.narrative else { return nil }
        var result: [String: Any] = [:]
        result["executive_summary"] = narrative.executiveSummary.flatMap(paragraphs)
        result["misses"] = narrative.misses.flatMap(paragraphs)
        if !narrative.asks.isEmpty { result["asks"] = narrative.asks }
        return result.isEmpty ? nil : result
    }

    private func expansion() -> [String: Any] {
        let readiness = metrics.expansionReadiness
        var result: [String: Any] = [
            "outcome_achieved": readiness.outcomeAchieved, "value_confirmed": readiness.valueConfirmed,
            "health_not_red": readiness.healthNotRed,
        ]
        if readiness.isReady { result["ready"] = true }
        return result
    }

    // MARK: Mutual action plan

    /// Rows per action-plan slide: a longer plan continues on the next slide rather than shrinking.
    public static let actionPlanRowsPerSlide = 10

    private func actionPlan() -> [String: Any]? {
        var items: [(due: Day?, order: Int, entry: [String: Any])] = []
        var titles = Set<String>()
        func add(_ title: String, owner: String, due: Day?) {
            guard titles.insert(title.lowercased()).inserted else { return }
            var entry: [String: Any] = ["title": title, "owner": owner]
            entry["due"] = due.map(Figure.date)
            entry["overdue"] = due.map { $0 < metrics.asOf } ?? false
            items.append((due, items.count, entry))
        }
        let sponsor = account.profile.executiveSponsor?.name ?? "Customer sponsor"
        for ask in account.narrative?.asks ?? [] {
            add(ask, owner: sponsor, due: nil)
        }
        guard isInternal else {
            // What the customer sees: their asks and how we recover the outcomes behind plan. Our playbook
            // tasks and risk mitigations are internal.
            for (outcome, progress) in zip(account.outcomes, metrics.outcomes)
            where progress.status == .atRisk || progress.status == .missed {
                add("Recover \"\(outcome.name)\"", owner: person("csm"), due: outcome.due)
            }
            return numberedPlan(items)
        }
        for risk in account.risks {
            if let mitigation = risk.mitigation { add(mitigation, owner: person("csm"), due: nil) }
        }
        if usesPlaybooks {
            // The playbooks' tasks due before the next review stand for the rest: recovering outcomes,
            // renewal and expansion steps all come from them.
            let horizon = metrics.asOf.adding(days: Self.reviewCycleDays)
            for task in triggered.flatMap(\.tasks) {
                guard let due = task.due, due <= horizon else { continue }
                add(task.title, owner: task.owner, due: due)
            }
        } else {
            for (outcome, progress) in zip(account.outcomes, metrics.outcomes)
            where progress.status == .atRisk || progress.status == .missed {
                add("Recover \"\(outcome.name)\" (\(progress.status.rawValue))", owner: person("csm"), due: outcome.due)
            }
            for opportunity in account.opportunities {
                add("Scope \(opportunity.name)", owner: person(opportunity.owner ?? "account_manager"), due: nil)
            }
            if let renewal = account.profile.contract?.renewal, let days = metrics.daysToRenewal, days <= 180 {
                add("Agree renewal terms", owner: person("account_manager"), due: renewal)
            }
        }
        return numberedPlan(items)
    }

    /// Sorts, numbers and pages the action plan.
    private func numberedPlan(_ items: [(due: Day?, order: Int, entry: [String: Any])]) -> [String: Any]? {
        guard !items.isEmpty else { return nil }
        // Dated items first by date; undated ones after, in the order above.
        let sorted = items.sorted {
            switch ($0.due, $1.due) {
            case let (a?, b?): return (a, $0.order) < (b, $1.order)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return $0.order < $1.order
            }
        }
        let numbered = sorted.enumerated().map { index, item in item.entry.merging(["number": index + 1]) { a, _ in a } }
        let size = Self.actionPlanRowsPerSlide
        let pageCount = (numbered.count + size - 1) / size
        let pages = stride(from: 0, to: numbered.count, by: size).enumerated().map { index, start -> [String: Any] in
            var page: [String: Any] = [
                "items": Array(numbered[start..<min(start + size, numbered.count)]), "page": index + 1,
                "pages": pageCount,
            ]
            if index > 0 { page["continued"] = true }
            if pageCount > 1 { page["paged"] = true }
            return page
        }
        return ["items": numbered, "count": numbered.count, "pages": pages]
    }

    /// The person behind a role on this account, or the role itself when nobody is named.
    private func person(_ role: String) -> String {
        let profile = account.profile
        switch role {
        case "csm": return profile.csm ?? "CSM (unassigned)"
        case "account_manager": return profile.accountManager ?? "Account manager (unassigned)"
        case "executive_sponsor": return profile.executiveSponsor?.name ?? "Executive sponsor (unassigned)"
        default: return role
        }
    }

    // MARK: Playbooks

    /// The triggered playbooks with their reasons (internal: the customer never sees why we worry).
    private func playbookSummary() -> [String: Any] {
        let items = triggered.map { playbook -> [String: Any] in
            [
                "id": playbook.playbook.id, "title": playbook.playbook.title, "kind": playbook.playbook.kind,
                "reasons": playbook.reasons, "because": playbook.reasons.joined(separator: "; "),
                "task_count": playbook.tasks.count,
            ]
        }
        return ["items": items, "count": items.count]
    }

    // MARK: Agenda

    /// The slides present, in deck order, so the agenda lists only what follows.
    private func agenda(_ root: [String: Any], document: String) -> [[String: Any]] {
        let sections: [(key: String, title: String)] =
            document == "ebr"
            ? [
                ("outcomes", "Outcomes"), ("value", "Value & ROI"), ("opportunities", "Strategic roadmap"),
                ("renewal", "Renewal & commercial"),
            ]
            : [
                ("outcomes", "Outcomes: committed vs achieved"),
                ("value", "Value realized"),
                ("health_and_adoption", isInternal ? "Health & adoption" : "Adoption"),
                ("gaps", isInternal ? "Gaps & risks" : "Gaps and how we close them"),
                ("opportunities", "Next phase"),
                ("action_plan", "Mutual action plan"),
            ]
        return sections.filter { root[$0.key] != nil }
            .enumerated().map { ["number": $0.offset + 1, "title": $0.element.title] }
    }

    /// Splits free text into paragraphs at blank lines; nil when there is no text.
    private func paragraphs(_ text: String) -> [String]? {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let result = normalized.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return result.isEmpty ? nil : result
    }
}

/// Words (and one symbol, so tables scan quickly) for statuses and bands.
enum StatusLabel {
    static func outcome(_ status: OutcomeStatus) -> String {
        switch status {
        case .achieved: return "✅ Achieved"
        case .onTrack: return "🟢 On track"
        case .atRisk: return "🟠 At risk"
        case .missed: return "🔴 Missed"
        }
    }

    static func health(_ band: HealthBand) -> String {
        switch band {
        case .green: return "🟢 Green"
        case .yellow: return "🟡 Yellow"
        case .red: return "🔴 Red"
        }
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .high: return "High"
        case .medium: return "Medium"
        case .low: return "Low"
        }
    }
}
