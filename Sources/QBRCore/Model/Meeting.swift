import Foundation

/// Support figures for the review period (`support:`): the Support slide.
public struct Support: Codable, Hashable, Sendable {
    /// Tickets opened in the period.
    public var ticketsOpened: Int?
    /// Tickets closed in the period.
    public var ticketsClosed: Int?
    /// Customer satisfaction with support, 0–1 (0.92 for 92%).
    public var csat: Decimal?
    /// Share of tickets answered within the SLA, 0–1.
    public var slaAttainment: Decimal?
    /// Escalations still open at the end of the period.
    public var openEscalations: Int?

    /// Creates support figures.
    public init(
        ticketsOpened: Int? = nil, ticketsClosed: Int? = nil, csat: Decimal? = nil, slaAttainment: Decimal? = nil,
        openEscalations: Int? = nil
    ) {
        self.ticketsOpened = ticketsOpened
        self.ticketsClosed = ticketsClosed
        self.csat = csat
        self.slaAttainment = slaAttainment
        self.openEscalations = openEscalations
    }

    /// True when no figure is given.
    public var isEmpty: Bool {
        ticketsOpened == nil && ticketsClosed == nil && csat == nil && slaAttainment == nil && openEscalations == nil
    }

    enum CodingKeys: String, CodingKey {
        case ticketsOpened = "tickets_opened", ticketsClosed = "tickets_closed", csat
        case slaAttainment = "sla_attainment", openEscalations = "open_escalations"
    }
}

/// Which side of the relationship a person or a commitment is on.
public enum Side: String, Codable, CaseIterable, Sendable {
    /// The customer.
    case customer
    /// Us, the vendor.
    case vendor
}

/// A stakeholder's role in the account.
public enum StakeholderRole: String, Codable, CaseIterable, Sendable {
    case sponsor
    case economicBuyer = "economic-buyer"
    case decisionMaker = "decision-maker"
    case champion
    case influencer
    case user
    case admin
    case other

    /// As read on a slide: "Economic buyer".
    public var label: String {
        switch self {
        case .economicBuyer: return "Economic buyer"
        case .decisionMaker: return "Decision maker"
        default: return rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}

/// A person in the account's relationship, and whether they attend this review (`stakeholders:`).
public struct Stakeholder: Codable, Hashable, Sendable {
    /// Full name.
    public var name: String
    /// Job title.
    public var title: String?
    /// Customer (default) or vendor.
    public var side: Side
    /// Their role in the account (internal: customers are not labelled "economic buyer" on their own slide).
    public var role: StakeholderRole?
    /// Whether they attend this review.
    public var attending: Bool?
    /// What the team should know about them (internal).
    public var note: String?

    /// Creates a stakeholder.
    public init(
        name: String, title: String? = nil, side: Side = .customer, role: StakeholderRole? = nil,
        attending: Bool? = nil, note: String? = nil
    ) {
        self.name = name
        self.title = title
        self.side = side
        self.role = role
        self.attending = attending
        self.note = note
    }
}

/// Where a commitment from the last review stands.
public enum CommitmentStatus: String, Codable, CaseIterable, Sendable {
    case done
    case inProgress = "in-progress"
    case notDone = "not-done"
}

/// What both sides agreed at the last review (`last_review:`): the "You asked, we did" slide.
public struct LastReview: Codable, Hashable, Sendable {
    /// When it was held.
    public var date: Day?
    /// What was agreed, in input order.
    public var commitments: [Commitment]

    /// Creates the last review.
    public init(date: Day? = nil, commitments: [Commitment] = []) {
        self.date = date
        self.commitments = commitments
    }
}

/// One commitment made at the last review.
public struct Commitment: Codable, Hashable, Sendable {
    /// What was agreed.
    public var text: String
    /// Who committed: the customer or us (the vendor, the default).
    public var side: Side
    /// The person (or role: csm, account_manager, executive_sponsor) who owns it.
    public var owner: String?
    /// When it was due.
    public var due: Day?
    /// Done, in progress or not done.
    public var status: CommitmentStatus?
    /// What happened, in a sentence.
    public var note: String?

    /// Creates a commitment.
    public init(
        text: String, side: Side = .vendor, owner: String? = nil, due: Day? = nil, status: CommitmentStatus? = nil,
        note: String? = nil
    ) {
        self.text = text
        self.side = side
        self.owner = owner
        self.due = due
        self.status = status
        self.note = note
    }
}

/// Where a roadmap item stands.
public enum RoadmapStatus: String, Codable, CaseIterable, Sendable {
    case planned
    case inDevelopment = "in-development"
    case beta
    case released

    /// As read on a slide: "In development".
    public var label: String {
        self == .inDevelopment ? "In development" : rawValue.prefix(1).uppercased() + rawValue.dropFirst()
    }
}

/// A product roadmap item that matters to the customer (`roadmap:` of the account or of `qbr.yaml`).
public struct RoadmapItem: Codable, Hashable, Sendable {
    /// What is coming.
    public var title: String
    /// When, as the team says it: "Q1 2027", "Feb 2027".
    public var quarter: String?
    /// Planned, in development, beta or released.
    public var status: RoadmapStatus?
    /// Why it matters to this customer.
    public var why: String?

    /// Creates an item.
    public init(title: String, quarter: String? = nil, status: RoadmapStatus? = nil, why: String? = nil) {
        self.title = title
        self.quarter = quarter
        self.status = status
        self.why = why
    }
}

/// Something we ask of the customer (`narrative.asks`): text alone, or with an owner and a due date.
public struct Ask: Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    /// What we ask.
    public var text: String
    /// The person (or role) who owns it; the executive sponsor when absent.
    public var owner: String?
    /// When it is due.
    public var due: Day?

    /// Creates an ask.
    public init(text: String, owner: String? = nil, due: Day? = nil) {
        self.text = text
        self.owner = owner
        self.due = due
    }

    /// An ask of text alone.
    public init(stringLiteral value: String) { self.init(text: value) }
}
