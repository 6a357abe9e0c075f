import Foundation
import QBRCore

/// The account input (README, "Input: one account") as data: every key, its type, range and meaning. The loader takes its
/// allowed keys from here and `qbr schema` prints it as JSON Schema, so the two cannot drift; a test feeds a
/// wrong value to every field and checks the loader refuses it at that field's path.
public indirect enum SchemaType: Sendable {
    case text
    case number(minimum: Decimal?, maximum: Decimal?)
    case integer(minimum: Int?, maximum: Int?)
    case boolean
    case date
    case choice([String])
    case currency
    case object([SchemaField])
    case list(SchemaType)
    /// Free keys (feature names, component names) to values of one type.
    case map(SchemaType)
    /// Text alone, or an object of these fields whose first required field holds that text (`asks`).
    case textOr([SchemaField])
}

/// One key of the account input.
public struct SchemaField: Sendable {
    /// The snake_case key.
    public let name: String
    /// What it holds.
    public let type: SchemaType
    /// Whether the account is refused without it.
    public let required: Bool
    /// One line for editors and the README.
    public let meaning: String

    init(_ name: String, _ type: SchemaType, required: Bool = false, _ meaning: String) {
        self.name = name
        self.type = type
        self.required = required
        self.meaning = meaning
    }
}

/// The account schema.
public enum AccountSchema {
    static let money = SchemaType.number(minimum: 0, maximum: nil)
    static let ratio = SchemaType.number(minimum: 0, maximum: 1)
    static let score = SchemaType.number(minimum: 0, maximum: 100)
    static let count = SchemaType.integer(minimum: 0, maximum: nil)

    /// The top-level keys.
    public static let fields: [SchemaField] = [
        SchemaField(
            "account",
            .object([
                SchemaField("id", .text, required: true, "Stable key, used (made safe) in file names"),
                SchemaField("name", .text, required: true, "Customer name"),
                SchemaField("segment", .choice(Segment.allCases.map(\.rawValue)), "Segment, for the NRR benchmark"),
                SchemaField(
                    "tier", .integer(minimum: 1, maximum: 3),
                    "Coverage tier: 1 dedicated CSM and EBR, 2 QBR, 3 monthly summary"),
                SchemaField("industry", .text, "Industry"),
                SchemaField("csm", .text, "Customer success manager"),
                SchemaField("account_manager", .text, "Account manager"),
                SchemaField(
                    "executive_sponsor",
                    .object([
                        SchemaField("name", .text, "Full name"),
                        SchemaField("title", .text, "Job title"),
                        SchemaField("since", .date, "Date they became sponsor"),
                    ]), "The customer's executive sponsor"),
                SchemaField(
                    "contract",
                    .object([
                        SchemaField("start", .date, "Contract start"),
                        SchemaField("renewal", .date, "Renewal date"),
                        SchemaField("arr", money, "Annual recurring revenue in the contract currency"),
                        SchemaField("currency", .currency, "ISO 4217 code; USD when absent"),
                        SchemaField("seats", count, "Licensed seats"),
                    ]), "The commercial contract"),
                SchemaField(
                    "team", .map(.text),
                    "People per role for playbook tasks, e.g. solutions_engineer: Priya Nair (roles from qbr.yaml)"),
            ]), required: true, "Who the customer is and what they bought"),
        SchemaField(
            "period",
            .object([
                SchemaField("label", .text, "Shown on the title slide, e.g. Q3 2026"),
                SchemaField("start", .date, "First day"),
                SchemaField("end", .date, "Last day"),
            ]), "The review period"),
        SchemaField(
            "revenue",
            .object([
                SchemaField("starting_arr", money, required: true, "ARR at the start of the period"),
                SchemaField("expansion", money, "ARR added"),
                SchemaField("contraction", money, "ARR lost to downgrades"),
                SchemaField("churn", money, "ARR lost to cancellation"),
            ]), "The period's ARR movements"),
        SchemaField(
            "outcomes",
            .list(
                .object([
                    SchemaField("name", .text, required: true, "What the customer wants, in their words"),
                    SchemaField("metric", .text, "The metric that measures it"),
                    SchemaField("baseline", .number(minimum: nil, maximum: nil), "Value when committed"),
                    SchemaField("target", .number(minimum: nil, maximum: nil), "Value committed to"),
                    SchemaField("actual", .number(minimum: nil, maximum: nil), "Latest measured value"),
                    SchemaField("unit", .text, "Unit (days, %, hours…)"),
                    SchemaField(
                        "direction", .choice(Direction.allCases.map(\.rawValue)), "increase (default) or decrease"),
                    SchemaField("committed_on", .date, "Date committed"),
                    SchemaField("due", .date, "Date due"),
                    SchemaField("evidence", .text, "Where the actual comes from"),
                ])), "Outcomes the customer committed to"),
        SchemaField(
            "value_realized",
            .list(
                .object([
                    SchemaField("category", .text, "Cost savings, revenue, risk reduction…"),
                    SchemaField("description", .text, "What the value is"),
                    SchemaField("amount", money, required: true, "Amount in the contract currency"),
                    SchemaField("confirmed", .boolean, "Confirmed by the customer (default false: our estimate)"),
                ])), "Value delivered"),
        SchemaField(
            "usage",
            .object([
                SchemaField("seats_active", count, "Seats in active use"),
                SchemaField("monthly_active_users", .list(count), "Oldest first, one per month"),
                SchemaField(
                    "plan_limit_utilization", .number(minimum: 0, maximum: 10),
                    "Share of the plan limit used (0.94 for 94%)"),
                SchemaField("feature_adoption", .map(ratio), "Feature name → share of users (0–1)"),
            ]), "Adoption"),
        SchemaField(
            "health",
            .object([
                SchemaField("score", score, "0–100; computed from the components when absent"),
                SchemaField("history", .list(score), "Earlier monthly scores, oldest first"),
                SchemaField("components", .map(score), "usage, engagement, support, sentiment… → 0–100"),
            ]), "Health"),
        SchemaField(
            "signals",
            .object([
                SchemaField("nps", .integer(minimum: -100, maximum: 100), "Net promoter score"),
                SchemaField("open_escalations", count, "Escalations still open"),
                SchemaField("missed_milestones", count, "Onboarding milestones missed"),
                SchemaField("skipped_reviews", count, "Business reviews skipped or cancelled"),
                SchemaField("referral", .boolean, "Gave or agreed to be a referral"),
            ]), "Engagement and risk signals"),
        SchemaField(
            "opportunities",
            .list(
                .object([
                    SchemaField("name", .text, required: true, "Name"),
                    SchemaField(
                        "kind", .choice(OpportunityKind.allCases.map(\.rawValue)), "seats, upsell or cross-sell"),
                    SchemaField("estimated_arr", money, "Estimated ARR if it closes"),
                    SchemaField("confidence", ratio, "Probability 0–1"),
                    SchemaField("owner", .text, "Owner role (csm, account_manager…)"),
                    SchemaField("rationale", .text, "Why the customer would want it"),
                ])), "Next-phase opportunities"),
        SchemaField(
            "risks",
            .list(
                .object([
                    SchemaField("description", .text, required: true, "What could go wrong"),
                    SchemaField("severity", .choice(Severity.allCases.map(\.rawValue)), "low, medium or high"),
                    SchemaField("mitigation", .text, "What we do about it"),
                    SchemaField("owner", .text, "Who owns the mitigation: a name or a role (csm, account_manager…)"),
                    SchemaField("due", .date, "When the mitigation is due"),
                ])), "Gaps and risks"),
        SchemaField(
            "narrative",
            .object([
                SchemaField("executive_summary", .text, "A few sentences for the title slide"),
                SchemaField(
                    "asks",
                    .list(
                        .textOr([
                            SchemaField("text", .text, required: true, "What we ask"),
                            SchemaField(
                                "owner", .text,
                                "Who owns it: a name or a role (executive_sponsor, the default; csm, account_manager…)"),
                            SchemaField("due", .date, "When it is due"),
                        ])), "What we ask of the customer: text, or {text, owner, due}"),
                SchemaField("misses", .text, "What we missed and how we fix it"),
            ]), "Slots only a person can fill"),
        SchemaField("notes", .text, "The CSM's internal notes"),
        SchemaField(
            "support",
            .object([
                SchemaField("tickets_opened", count, "Support tickets opened in the period"),
                SchemaField("tickets_closed", count, "Support tickets closed in the period"),
                SchemaField("csat", ratio, "Support satisfaction, 0–1 (0.92 for 92%)"),
                SchemaField("sla_attainment", ratio, "Share of tickets answered within the SLA, 0–1"),
                SchemaField("open_escalations", count, "Escalations open at the end of the period"),
            ]), "Support in the period: the Support slide"),
        SchemaField(
            "stakeholders",
            .list(
                .object([
                    SchemaField("name", .text, required: true, "Full name"),
                    SchemaField("title", .text, "Job title"),
                    SchemaField("side", .choice(Side.allCases.map(\.rawValue)), "customer (default) or vendor"),
                    SchemaField(
                        "role", .choice(StakeholderRole.allCases.map(\.rawValue)),
                        "Role in the account (internal): sponsor, economic-buyer, decision-maker, champion…"),
                    SchemaField("attending", .boolean, "Attends this review"),
                    SchemaField("note", .text, "What the team should know about them (internal)"),
                ])), "The people in the relationship: the attendees slide"),
        SchemaField(
            "last_review",
            .object([
                SchemaField("date", .date, "When the last review was held"),
                SchemaField(
                    "commitments",
                    .list(
                        .object([
                            SchemaField("text", .text, required: true, "What was agreed"),
                            SchemaField("side", .choice(Side.allCases.map(\.rawValue)), "vendor (default) or customer"),
                            SchemaField("owner", .text, "Who owns it: a name or a role (csm, account_manager…)"),
                            SchemaField("due", .date, "When it was due"),
                            SchemaField(
                                "status", .choice(CommitmentStatus.allCases.map(\.rawValue)),
                                "done, in-progress or not-done"),
                            SchemaField("note", .text, "What happened, in a sentence"),
                        ])), "What both sides agreed"),
            ]), "The last review's commitments: the \"You asked, we did\" slide"),
        SchemaField("roadmap", .list(roadmapItem), "Product roadmap items that matter to this customer"),
    ]

    /// A roadmap item, in an account and in `qbr.yaml`.
    public static let roadmapItem = SchemaType.object([
        SchemaField("title", .text, required: true, "What is coming"),
        SchemaField("quarter", .text, "When: Q1 2027, Feb 2027…"),
        SchemaField("status", .choice(RoadmapStatus.allCases.map(\.rawValue)), "planned, in-development, beta or released"),
        SchemaField("why", .text, "Why it matters to the customer"),
    ])

    /// The keys allowed at a dotted path of objects (`""` for the top, `account.contract`, `outcomes`).
    public static func keys(at path: String) -> [String] {
        keysByPath[path] ?? walk(to: path)
    }

    // Every object's keys by its dotted path, built once: the reader asks for them for every mapping it reads.
    private static let keysByPath: [String: [String]] = {
        var table: [String: [String]] = [:]
        func add(_ fields: [SchemaField], at path: String) {
            table[path] = fields.map(\.name)
            for field in fields {
                if let inner = objectFields(field.type) { add(inner, at: path.isEmpty ? field.name : path + "." + field.name) }
            }
        }
        add(fields, at: "")
        return table
    }()

    private static func walk(to path: String) -> [String] {
        var current = fields
        for component in path.split(separator: ".") where !component.isEmpty {
            guard let field = current.first(where: { $0.name == component }), let inner = objectFields(field.type)
            else {
                return []
            }
            current = inner
        }
        return current.map(\.name)
    }

    private static func objectFields(_ type: SchemaType) -> [SchemaField]? {
        switch type {
        case .object(let fields): return fields
        case .list(let element): return objectFields(element)
        case .textOr(let fields): return fields
        default: return nil
        }
    }
}
