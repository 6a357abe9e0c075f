import Foundation

/// Adoption figures.
public struct Usage: Codable, Hashable, Sendable {
    /// Seats in active use.
    public var seatsActive: Int?
    /// Monthly active users, oldest first, one per month.
    public var monthlyActiveUsers: [Int]
    /// Share of the plan limit used, 0–1.
    public var planLimitUtilization: Decimal?
    /// Feature name → share of users using it, 0–1; kept in input order.
    public var featureAdoption: [FeatureAdoption]

    /// Creates usage figures.
    public init(
        seatsActive: Int? = nil, monthlyActiveUsers: [Int] = [], planLimitUtilization: Decimal? = nil,
        featureAdoption: [FeatureAdoption] = []
    ) {
        self.seatsActive = seatsActive
        self.monthlyActiveUsers = monthlyActiveUsers
        self.planLimitUtilization = planLimitUtilization
        self.featureAdoption = featureAdoption
    }

    enum CodingKeys: String, CodingKey {
        case seatsActive = "seats_active", monthlyActiveUsers = "monthly_active_users"
        case planLimitUtilization = "plan_limit_utilization", featureAdoption = "feature_adoption"
    }
}

/// One feature's adoption share.
public struct FeatureAdoption: Codable, Hashable, Sendable {
    /// Feature name.
    public var feature: String
    /// Share of users, 0–1.
    public var share: Decimal

    /// Creates an entry.
    public init(feature: String, share: Decimal) {
        self.feature = feature
        self.share = share
    }
}

/// Health score and its components, each 0–100.
public struct Health: Codable, Hashable, Sendable {
    /// Overall score; computed from the components when absent.
    public var score: Decimal?
    /// Component name (usage, engagement, support, sentiment…) → score; kept in input order.
    public var components: [HealthComponent]
    /// Earlier monthly health scores, oldest first (the current score is `score`).
    public var history: [Decimal]

    /// Creates health figures.
    public init(score: Decimal? = nil, components: [HealthComponent] = [], history: [Decimal] = []) {
        self.score = score
        self.components = components
        self.history = history
    }
}

/// One health component.
public struct HealthComponent: Codable, Hashable, Sendable {
    /// Component name.
    public var name: String
    /// Score 0–100.
    public var score: Decimal

    /// Creates a component.
    public init(name: String, score: Decimal) {
        self.name = name
        self.score = score
    }
}

/// Engagement and risk signals.
public struct Signals: Codable, Hashable, Sendable {
    /// Net promoter score, −100…100.
    public var nps: Int?
    /// Escalations still open.
    public var openEscalations: Int?
    /// Onboarding milestones missed.
    public var missedMilestones: Int?
    /// Business reviews the customer skipped or cancelled.
    public var skippedReviews: Int?
    /// The customer gave or agreed to be a referral.
    public var referral: Bool?

    /// Creates signals.
    public init(
        nps: Int? = nil, openEscalations: Int? = nil, missedMilestones: Int? = nil, skippedReviews: Int? = nil,
        referral: Bool? = nil
    ) {
        self.nps = nps
        self.openEscalations = openEscalations
        self.missedMilestones = missedMilestones
        self.skippedReviews = skippedReviews
        self.referral = referral
    }

    enum CodingKeys: String, CodingKey {
        case nps, openEscalations = "open_escalations", missedMilestones = "missed_milestones"
        case skippedReviews = "skipped_reviews", referral
    }
}
