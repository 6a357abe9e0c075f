import Foundation
import QBRCore
import Yams

/// Reads the account schema (README, "Input: one account") from a YAML/JSON node tree, field by field.
struct AccountReader {
    let session: ReadSession

    private static let money: ClosedRange<Decimal> = 0...Decimal.greatestFiniteMagnitude
    private static let ratio: ClosedRange<Decimal> = 0...1
    private static let score: ClosedRange<Decimal> = 0...100
    private static let ratioHint = " (ratios are 0–1 in input: 0.94 for 94%)"

    func read(_ root: Node) -> Account? {
        guard
            let top = MappingReader(
                root, path: .root,
                known: AccountSchema.keys(at: ""), session: session)
        else { return nil }
        guard let profileFields = top.mapping("account", known: AccountSchema.keys(at: "account")) else {
            if !top.has("account") { top.missing("account") }
            return nil
        }
        let profile = readProfile(profileFields)
        let account = Account(
            profile: profile ?? AccountProfile(id: "", name: ""),
            period: top.mapping("period", known: AccountSchema.keys(at: "period")).map(readPeriod),
            revenue: top.mapping("revenue", known: AccountSchema.keys(at: "revenue"))
                .flatMap(readRevenue),
            outcomes: readOutcomes(top.list("outcomes")),
            valueRealized: top.list("value_realized").compactMap(readValue),
            usage: top.mapping("usage", known: AccountSchema.keys(at: "usage")).map(readUsage),
            health: top.mapping("health", known: AccountSchema.keys(at: "health")).map(readHealth),
            signals: top.mapping("signals", known: AccountSchema.keys(at: "signals")).map(readSignals),
            opportunities: top.list("opportunities").compactMap(readOpportunity),
            risks: top.list("risks").compactMap(readRisk),
            narrative: top.mapping("narrative", known: AccountSchema.keys(at: "narrative")).map(readNarrative),
            notes: top.text("notes"),
            support: top.mapping("support", known: AccountSchema.keys(at: "support")).map(readSupport),
            stakeholders: top.list("stakeholders").compactMap(readStakeholder),
            lastReview: top.mapping("last_review", known: AccountSchema.keys(at: "last_review")).map(readLastReview),
            roadmap: top.list("roadmap").compactMap { Self.readRoadmapItem($0, session: session) }
        )
        partial = account
        return profile == nil || session.hasErrors ? nil : account
    }

    /// What `read` built last, errors or not: every field that loaded (a field with an error is absent), so
    /// `qbr check` can still look at the rest of a file that does not load.
    private(set) var partial: Account? {
        get { box.account }
        nonmutating set { box.account = newValue }
    }
    private let box = PartialBox()

    /// Holds the partial account across the non-mutating `read`.
    final class PartialBox {
        var account: Account?
    }

    private func readProfile(_ fields: MappingReader) -> AccountProfile? {
        let id = fields.text("id", required: true)
        let name = fields.text("name", required: true)
        let profile = AccountProfile(
            id: id ?? "", name: name ?? "",
            segment: fields.choice("segment", as: Segment.self),
            tier: fields.int("tier", range: 1...3),
            industry: fields.text("industry"),
            csm: fields.text("csm"),
            accountManager: fields.text("account_manager"),
            executiveSponsor: fields.mapping(
                "executive_sponsor", known: AccountSchema.keys(at: "account.executive_sponsor")
            ).map {
                ExecutiveSponsor(name: $0.text("name"), title: $0.text("title"), since: $0.day("since"))
            },
            contract: fields.mapping("contract", known: AccountSchema.keys(at: "account.contract")).map(
                readContract),
            team: readTeam(fields)
        )
        return id == nil || name == nil ? nil : profile
    }

    /// `team:` — role → person; nil when absent, so an account without it encodes as before.
    private func readTeam(_ fields: MappingReader) -> [String: String]? {
        guard fields.has("team") else { return nil }
        var team: [String: String] = [:]
        for pair in fields.pairs("team") {
            if let person = MappingReader.text(pair.node, path: pair.path, session: session) { team[pair.name] = person }
        }
        return team
    }

    private func readContract(_ fields: MappingReader) -> Contract {
        var currency = fields.text("currency")
        if let code = currency, !(code.count == 3 && code.allSatisfy({ $0.isASCII && $0.isUppercase })) {
            session.error(
                "expected a three-letter ISO 4217 currency code such as USD or EUR, found \"\(code)\"",
                at: fields.value("currency"), path: fields.path.key("currency"))
            currency = nil
        }
        let contract = Contract(
            start: fields.day("start"), renewal: fields.day("renewal"),
            arr: fields.decimal("arr", range: Self.money, hint: " (ARR cannot be negative)"),
            currency: currency, seats: fields.int("seats", range: 0...Int.max))
        if let start = contract.start, let renewal = contract.renewal, renewal < start {
            session.error(
                "renewal \(renewal) is before the contract start \(start)", at: fields.value("renewal"),
                path: fields.path.key("renewal"))
        }
        return contract
    }

    private func readPeriod(_ fields: MappingReader) -> Period {
        let period = Period(label: fields.text("label"), start: fields.day("start"), end: fields.day("end"))
        if let start = period.start, let end = period.end, end < start {
            session.error("end \(end) is before start \(start)", at: fields.value("end"), path: fields.path.key("end"))
        }
        return period
    }

    private func readRevenue(_ fields: MappingReader) -> Revenue? {
        let hint = " (movements are amounts; a loss is a positive contraction or churn)"
        let start = fields.decimal("starting_arr", range: Self.money, required: true, hint: " (ARR cannot be negative)")
        let expansion = fields.decimal("expansion", range: Self.money, hint: hint) ?? 0
        let contraction = fields.decimal("contraction", range: Self.money, hint: hint) ?? 0
        let churn = fields.decimal("churn", range: Self.money, hint: hint) ?? 0
        guard let start else { return nil }
        if contraction + churn > start {
            session.error(
                "contraction \(contraction) + churn \(churn) exceed starting_arr \(start): an account cannot lose more ARR than it had",
                at: fields.node, path: fields.path)
        }
        return Revenue(startingARR: start, expansion: expansion, contraction: contraction, churn: churn)
    }

    /// The outcomes, each name once: two outcomes of the same name (case and spacing aside) are one commitment
    /// entered twice, and a deck showing both rows cannot say which is meant.
    private func readOutcomes(_ items: [(node: Node, path: FieldPath)]) -> [Outcome] {
        var names: [String: FieldPath] = [:]
        return items.compactMap { item in
            guard let outcome = readOutcome(item) else { return nil }
            let name = Whitespace.trimmed(outcome.name, newlines: true).lowercased()
            guard !name.isEmpty else { return outcome }
            if let first = names[name] {
                let node = item.node.mapping?.first { $0.key.scalar?.string == "name" }?.value
                session.error(
                    "\"\(shortened(outcome.name))\" is also the name of \(first): each outcome is one commitment (merge "
                        + "the two, or tell them apart by name)", at: node ?? item.node, path: item.path.key("name"))
            } else {
                names[name] = item.path
            }
            return outcome
        }
    }

    private func readOutcome(_ item: (node: Node, path: FieldPath)) -> Outcome? {
        guard
            let fields = MappingReader(
                item.node, path: item.path,
                known: AccountSchema.keys(at: "outcomes"), session: session)
        else { return nil }
        let outcome = Outcome(
            name: fields.text("name", required: true) ?? "",
            metric: fields.text("metric"),
            baseline: fields.decimal("baseline"),
            target: fields.decimal("target"),
            actual: fields.decimal("actual"),
            unit: fields.text("unit"),
            direction: fields.choice("direction", as: Direction.self) ?? .increase,
            committedOn: fields.day("committed_on"),
            due: fields.day("due"),
            evidence: fields.text("evidence"))
        if let committed = outcome.committedOn, let due = outcome.due, due < committed {
            session.error(
                "due \(due) is before committed_on \(committed)", at: fields.value("due"), path: fields.path.key("due"))
        }
        return outcome
    }

    private func readValue(_ item: (node: Node, path: FieldPath)) -> ValueRealized? {
        guard
            let fields = MappingReader(
                item.node, path: item.path, known: AccountSchema.keys(at: "value_realized"), session: session)
        else { return nil }
        guard let amount = fields.decimal("amount", range: Self.money, required: true) else { return nil }
        return ValueRealized(
            category: fields.text("category"), description: fields.text("description"), amount: amount,
            confirmed: fields.bool("confirmed") ?? false)
    }

    private func readUsage(_ fields: MappingReader) -> Usage {
        let months = fields.list("monthly_active_users").compactMap {
            MappingReader.int($0.node, path: $0.path, range: 0...Int.max, session: session)
        }
        let adoption = fields.pairs("feature_adoption").compactMap { pair -> FeatureAdoption? in
            MappingReader.decimal(pair.node, path: pair.path, range: Self.ratio, hint: Self.ratioHint, session: session)
                .map { FeatureAdoption(feature: pair.name, share: $0) }
        }
        return Usage(
            seatsActive: fields.int("seats_active", range: 0...Int.max),
            monthlyActiveUsers: months,
            planLimitUtilization: fields.decimal("plan_limit_utilization", range: 0...10, hint: Self.ratioHint),
            featureAdoption: adoption)
    }

    private func readHealth(_ fields: MappingReader) -> Health {
        let components = fields.pairs("components").compactMap { pair -> HealthComponent? in
            MappingReader.decimal(pair.node, path: pair.path, range: Self.score, session: session)
                .map { HealthComponent(name: pair.name, score: $0) }
        }
        let history = fields.list("history").compactMap {
            MappingReader.decimal($0.node, path: $0.path, range: Self.score, session: session)
        }
        return Health(score: fields.decimal("score", range: Self.score), components: components, history: history)
    }

    private func readSignals(_ fields: MappingReader) -> Signals {
        Signals(
            nps: fields.int("nps", range: -100...100),
            openEscalations: fields.int("open_escalations", range: 0...Int.max),
            missedMilestones: fields.int("missed_milestones", range: 0...Int.max),
            skippedReviews: fields.int("skipped_reviews", range: 0...Int.max),
            referral: fields.bool("referral"))
    }

    private func readOpportunity(_ item: (node: Node, path: FieldPath)) -> Opportunity? {
        guard
            let fields = MappingReader(
                item.node, path: item.path,
                known: AccountSchema.keys(at: "opportunities"), session: session)
        else { return nil }
        return Opportunity(
            name: fields.text("name", required: true) ?? "",
            kind: fields.choice("kind", as: OpportunityKind.self),
            estimatedARR: fields.decimal("estimated_arr", range: Self.money),
            confidence: fields.decimal("confidence", range: Self.ratio, hint: Self.ratioHint),
            owner: fields.text("owner"),
            rationale: fields.text("rationale"))
    }

    private func readRisk(_ item: (node: Node, path: FieldPath)) -> Risk? {
        guard
            let fields = MappingReader(
                item.node, path: item.path, known: AccountSchema.keys(at: "risks"), session: session)
        else { return nil }
        return Risk(
            description: fields.text("description", required: true) ?? "",
            severity: fields.choice("severity", as: Severity.self),
            mitigation: fields.text("mitigation"), owner: fields.text("owner"), due: fields.day("due"))
    }

    private func readSupport(_ fields: MappingReader) -> Support {
        let support = Support(
            ticketsOpened: fields.int("tickets_opened", range: 0...Int.max),
            ticketsClosed: fields.int("tickets_closed", range: 0...Int.max),
            csat: fields.decimal("csat", range: Self.ratio, hint: Self.ratioHint),
            slaAttainment: fields.decimal("sla_attainment", range: Self.ratio, hint: Self.ratioHint),
            openEscalations: fields.int("open_escalations", range: 0...Int.max))
        return support
    }

    private func readStakeholder(_ item: (node: Node, path: FieldPath)) -> Stakeholder? {
        guard
            let fields = MappingReader(
                item.node, path: item.path, known: AccountSchema.keys(at: "stakeholders"), session: session)
        else { return nil }
        return Stakeholder(
            name: fields.text("name", required: true) ?? "", title: fields.text("title"),
            side: fields.choice("side", as: Side.self) ?? .customer,
            role: fields.choice("role", as: StakeholderRole.self), attending: fields.bool("attending"),
            note: fields.text("note"))
    }

    private func readLastReview(_ fields: MappingReader) -> LastReview {
        let commitments = fields.list("commitments").compactMap { item -> Commitment? in
            guard
                let commitment = MappingReader(
                    item.node, path: item.path, known: AccountSchema.keys(at: "last_review.commitments"),
                    session: session)
            else { return nil }
            return Commitment(
                text: commitment.text("text", required: true) ?? "",
                side: commitment.choice("side", as: Side.self) ?? .vendor, owner: commitment.text("owner"),
                due: commitment.day("due"), status: commitment.choice("status", as: CommitmentStatus.self),
                note: commitment.text("note"))
        }
        return LastReview(date: fields.day("date"), commitments: commitments)
    }

    /// One roadmap item of an account or of `qbr.yaml` (the same fields).
    package static func readRoadmapItem(_ item: (node: Node, path: FieldPath), session: ReadSession) -> RoadmapItem? {
        guard
            let fields = MappingReader(item.node, path: item.path, known: AccountSchema.keys(at: "roadmap"), session: session)
        else { return nil }
        return RoadmapItem(
            title: fields.text("title", required: true) ?? "", quarter: fields.text("quarter"),
            status: fields.choice("status", as: RoadmapStatus.self), why: fields.text("why"))
    }

    /// An ask: text alone, or `{text, owner, due}`.
    private func readAsk(_ item: (node: Node, path: FieldPath)) -> Ask? {
        guard case .mapping = item.node else {
            return MappingReader.text(item.node, path: item.path, session: session).map { Ask(text: $0) }
        }
        guard
            let fields = MappingReader(
                item.node, path: item.path, known: AccountSchema.keys(at: "narrative.asks"), session: session)
        else { return nil }
        return Ask(text: fields.text("text", required: true) ?? "", owner: fields.text("owner"), due: fields.day("due"))
    }

    private func readNarrative(_ fields: MappingReader) -> Narrative {
        let asks: [Ask]
        if let node = fields.value("asks"), case .scalar = node {
            // A single ask written as text, not a list.
            asks = MappingReader.text(node, path: fields.path.key("asks"), session: session).map { [Ask(text: $0)] } ?? []
        } else {
            asks = fields.list("asks").compactMap(readAsk)
        }
        return Narrative(
            executiveSummary: fields.text("executive_summary"), asks: asks, misses: fields.text("misses"))
    }
}
