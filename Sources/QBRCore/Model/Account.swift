import Foundation

/// One account's review input (README, "Input: one account"), field for field (snake_case on the wire).
///
/// Everything but `profile.id` and `profile.name` is optional; documents leave out what is absent.
public struct Account: Codable, Hashable, Sendable {
    /// The `account:` block: who the customer is and what they bought.
    public var profile: AccountProfile
    /// The review period (`period:`).
    public var period: Period?
    /// The period's ARR movements (`revenue:`).
    public var revenue: Revenue?
    /// Outcomes the customer committed to (`outcomes:`).
    public var outcomes: [Outcome]
    /// Value delivered so far (`value_realized:`).
    public var valueRealized: [ValueRealized]
    /// Adoption figures (`usage:`).
    public var usage: Usage?
    /// Health score and components (`health:`).
    public var health: Health?
    /// Engagement and risk signals (`signals:`).
    public var signals: Signals?
    /// Next-phase opportunities (`opportunities:`).
    public var opportunities: [Opportunity]
    /// Known gaps and risks (`risks:`).
    public var risks: [Risk]
    /// Slots only a person can fill (`narrative:`).
    public var narrative: Narrative?
    /// The CSM's free-form internal notes (`notes:`).
    public var notes: String?
    /// Support figures for the period (`support:`).
    public var support: Support?
    /// The people in the relationship and who attends (`stakeholders:`).
    public var stakeholders: [Stakeholder]
    /// What both sides agreed at the last review (`last_review:`).
    public var lastReview: LastReview?
    /// Product roadmap items that matter to this customer (`roadmap:`).
    public var roadmap: [RoadmapItem]

    /// Creates an account; only the profile is required.
    public init(
        profile: AccountProfile, period: Period? = nil, revenue: Revenue? = nil, outcomes: [Outcome] = [],
        valueRealized: [ValueRealized] = [], usage: Usage? = nil, health: Health? = nil, signals: Signals? = nil,
        opportunities: [Opportunity] = [], risks: [Risk] = [], narrative: Narrative? = nil, notes: String? = nil,
        support: Support? = nil, stakeholders: [Stakeholder] = [], lastReview: LastReview? = nil,
        roadmap: [RoadmapItem] = []
    ) {
        self.profile = profile
        self.period = period
        self.revenue = revenue
        self.outcomes = outcomes
        self.valueRealized = valueRealized
        self.usage = usage
        self.health = health
        self.signals = signals
        self.opportunities = opportunities
        self.risks = risks
        self.narrative = narrative
        self.notes = notes
        self.support = support
        self.stakeholders = stakeholders
        self.lastReview = lastReview
        self.roadmap = roadmap
    }

    enum CodingKeys: String, CodingKey {
        case profile = "account", period, revenue, outcomes, valueRealized = "value_realized", usage, health
        case signals, opportunities, risks, narrative, notes, support, stakeholders, lastReview = "last_review"
        case roadmap
    }
}

/// Customer segment; picks the NRR benchmark.
public enum Segment: String, Codable, CodingKeyRepresentable, CaseIterable, Sendable {
    case enterprise
    case midMarket = "mid-market"
    case smb
}

/// The `account:` block.
public struct AccountProfile: Codable, Hashable, Sendable {
    /// Stable key, used (sanitised) in file names.
    public var id: String
    /// Customer name as shown on every document.
    public var name: String
    /// Segment, for the NRR benchmark.
    public var segment: Segment?
    /// Coverage tier 1–3 (1 = dedicated CSM and EBR).
    public var tier: Int?
    /// Industry, free text.
    public var industry: String?
    /// Customer success manager's name.
    public var csm: String?
    /// Account manager's name.
    public var accountManager: String?
    /// The customer's executive sponsor.
    public var executiveSponsor: ExecutiveSponsor?
    /// The commercial contract.
    public var contract: Contract?
    /// People in the team's roles for this account (`team: {solutions_engineer: Priya Nair}`): the roles of
    /// `qbr.yaml` and the built-in ones; a name here owns that role's playbook tasks.
    public var team: [String: String]?

    /// Creates a profile.
    public init(
        id: String, name: String, segment: Segment? = nil, tier: Int? = nil, industry: String? = nil,
        csm: String? = nil, accountManager: String? = nil, executiveSponsor: ExecutiveSponsor? = nil,
        contract: Contract? = nil, team: [String: String]? = nil
    ) {
        self.id = id
        self.name = name
        self.segment = segment
        self.tier = tier
        self.industry = industry
        self.csm = csm
        self.accountManager = accountManager
        self.executiveSponsor = executiveSponsor
        self.contract = contract
        self.team = team
    }

    enum CodingKeys: String, CodingKey {
        case id, name, segment, tier, industry, csm, accountManager = "account_manager"
        case executiveSponsor = "executive_sponsor", contract, team
    }
}

/// The customer's executive sponsor.
public struct ExecutiveSponsor: Codable, Hashable, Sendable {
    /// Full name.
    public var name: String?
    /// Job title.
    public var title: String?
    /// Date they became sponsor; a recent date means a sponsor change.
    public var since: Day?

    /// Creates a sponsor.
    public init(name: String? = nil, title: String? = nil, since: Day? = nil) {
        self.name = name
        self.title = title
        self.since = since
    }
}

/// The commercial contract.
public struct Contract: Codable, Hashable, Sendable {
    /// Contract start.
    public var start: Day?
    /// Renewal date.
    public var renewal: Day?
    /// Annual recurring revenue, in `currency`.
    public var arr: Decimal?
    /// ISO 4217 code; USD when absent.
    public var currency: String?
    /// Licensed seats.
    public var seats: Int?

    /// Creates a contract.
    public init(start: Day? = nil, renewal: Day? = nil, arr: Decimal? = nil, currency: String? = nil, seats: Int? = nil)
    {
        self.start = start
        self.renewal = renewal
        self.arr = arr
        self.currency = currency
        self.seats = seats
    }
}

/// The review period.
public struct Period: Codable, Hashable, Sendable {
    /// Label shown on the title slide, e.g. "Q3 2026".
    public var label: String?
    /// First day.
    public var start: Day?
    /// Last day.
    public var end: Day?

    /// Creates a period.
    public init(label: String? = nil, start: Day? = nil, end: Day? = nil) {
        self.label = label
        self.start = start
        self.end = end
    }
}

/// The period's ARR movements.
public struct Revenue: Codable, Hashable, Sendable {
    /// ARR at the start of the period.
    public var startingARR: Decimal
    /// ARR added by upsell, cross-sell and seats.
    public var expansion: Decimal
    /// ARR lost by downgrades of accounts that stayed.
    public var contraction: Decimal
    /// ARR lost by cancellation.
    public var churn: Decimal

    /// Creates the movements; absent ones are zero.
    public init(startingARR: Decimal, expansion: Decimal = 0, contraction: Decimal = 0, churn: Decimal = 0) {
        self.startingARR = startingARR
        self.expansion = expansion
        self.contraction = contraction
        self.churn = churn
    }

    enum CodingKeys: String, CodingKey {
        case startingARR = "starting_arr", expansion, contraction, churn
    }
}
