import Foundation

/// Which way an outcome's metric should move.
public enum Direction: String, Codable, CaseIterable, Sendable {
    /// Higher is better (the default).
    case increase
    /// Lower is better (days to onboard, cost, tickets).
    case decrease
}

/// A business outcome the customer committed to at the start of the engagement.
public struct Outcome: Codable, Hashable, Sendable {
    /// What the customer wants, in their words.
    public var name: String
    /// The metric that measures it.
    public var metric: String?
    /// The metric's value when the outcome was committed.
    public var baseline: Decimal?
    /// The value the customer committed to reach.
    public var target: Decimal?
    /// The latest measured value.
    public var actual: Decimal?
    /// Unit of the metric (days, %, hours…).
    public var unit: String?
    /// Increase (default) or decrease.
    public var direction: Direction
    /// Date the outcome was committed.
    public var committedOn: Day?
    /// Date it is due.
    public var due: Day?
    /// Where the actual comes from.
    public var evidence: String?

    /// Creates an outcome.
    public init(
        name: String, metric: String? = nil, baseline: Decimal? = nil, target: Decimal? = nil, actual: Decimal? = nil,
        unit: String? = nil, direction: Direction = .increase, committedOn: Day? = nil, due: Day? = nil,
        evidence: String? = nil
    ) {
        self.name = name
        self.metric = metric
        self.baseline = baseline
        self.target = target
        self.actual = actual
        self.unit = unit
        self.direction = direction
        self.committedOn = committedOn
        self.due = due
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case name, metric, baseline, target, actual, unit, direction, committedOn = "committed_on", due, evidence
    }
}

/// Value delivered to the customer, in money.
public struct ValueRealized: Codable, Hashable, Sendable {
    /// Category (cost savings, revenue, risk reduction…).
    public var category: String?
    /// What the value is.
    public var description: String?
    /// Amount in the contract currency.
    public var amount: Decimal
    /// Confirmed by the customer (true) or our estimate (false, the default).
    public var confirmed: Bool

    /// Creates a value item.
    public init(category: String? = nil, description: String? = nil, amount: Decimal, confirmed: Bool = false) {
        self.category = category
        self.description = description
        self.amount = amount
        self.confirmed = confirmed
    }
}

/// Kind of next-phase opportunity.
public enum OpportunityKind: String, Codable, CaseIterable, Sendable {
    case seats
    case upsell
    case crossSell = "cross-sell"
}

/// A next-phase opportunity.
public struct Opportunity: Codable, Hashable, Sendable {
    /// Name.
    public var name: String
    /// Seats, upsell or cross-sell.
    public var kind: OpportunityKind?
    /// Estimated ARR if it closes.
    public var estimatedARR: Decimal?
    /// Probability 0–1.
    public var confidence: Decimal?
    /// Owner role (csm, account_manager…).
    public var owner: String?
    /// Why the customer would want it.
    public var rationale: String?

    /// Creates an opportunity.
    public init(
        name: String, kind: OpportunityKind? = nil, estimatedARR: Decimal? = nil, confidence: Decimal? = nil,
        owner: String? = nil, rationale: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.estimatedARR = estimatedARR
        self.confidence = confidence
        self.owner = owner
        self.rationale = rationale
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, estimatedARR = "estimated_arr", confidence, owner, rationale
    }
}

/// Severity of a risk.
public enum Severity: String, Codable, CaseIterable, Sendable, Comparable {
    case low, medium, high

    /// 0 low, 1 medium, 2 high.
    public var rank: Int { self == .low ? 0 : self == .medium ? 1 : 2 }
    /// Low before medium before high.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A gap or risk and how we answer it.
public struct Risk: Codable, Hashable, Sendable {
    /// What could go wrong.
    public var description: String
    /// Low, medium or high.
    public var severity: Severity?
    /// What we do about it.
    public var mitigation: String?
    /// The person (or role: csm, account_manager…) who owns the mitigation; the CSM when absent.
    public var owner: String?
    /// When the mitigation is due.
    public var due: Day?

    /// Creates a risk.
    public init(
        description: String, severity: Severity? = nil, mitigation: String? = nil, owner: String? = nil, due: Day? = nil
    ) {
        self.description = description
        self.severity = severity
        self.mitigation = mitigation
        self.owner = owner
        self.due = due
    }
}

/// Slots of a review only a person can fill.
public struct Narrative: Codable, Hashable, Sendable {
    /// A few sentences for the title slide.
    public var executiveSummary: String?
    /// What we ask of the customer, each with an optional owner and due date.
    public var asks: [Ask]
    /// What we missed and how we fix it.
    public var misses: String?

    /// Creates a narrative.
    public init(executiveSummary: String? = nil, asks: [Ask] = [], misses: String? = nil) {
        self.executiveSummary = executiveSummary
        self.asks = asks
        self.misses = misses
    }

    enum CodingKeys: String, CodingKey {
        case executiveSummary = "executive_summary", asks, misses
    }
}
