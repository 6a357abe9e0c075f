import QBRCore

/// Who owns a task. Customer success owns adoption, value and retention; account management owns the
/// commercial conversation (renewal terms, upsell, cross-sell). A team adds its own roles in `qbr.yaml`
/// (`roles: {solutions_engineer: Solutions engineer}`) and names the people per account (`account.team`).
public struct Role: Hashable, Sendable, CustomStringConvertible {
    /// The name written in playbooks (`account_manager`, `solutions_engineer`).
    public let id: String
    /// How it reads on a checklist ("Account manager").
    public let label: String

    /// A role with its label.
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }

    /// The customer success manager (`account.csm`).
    public static let csm = Role(id: "csm", label: "CSM")
    /// The account manager (`account.account_manager`).
    public static let accountManager = Role(id: "account_manager", label: "Account manager")
    /// The customer's executive sponsor (`account.executive_sponsor.name`).
    public static let executiveSponsor = Role(id: "executive_sponsor", label: "Executive sponsor")
    /// Support (a person only when `account.team` names one).
    public static let support = Role(id: "support", label: "Support")
    /// The owner of the portfolio (a person only when `account.team` names one).
    public static let portfolioOwner = Role(id: "portfolio_owner", label: "Portfolio owner")

    /// The roles every team has, in reference order.
    public static let builtIn: [Role] = [.csm, .accountManager, .executiveSponsor, .support, .portfolioOwner]

    /// The built-in roles followed by a team's (`qbr.yaml` `roles:`, id → label, sorted by id); a team role with
    /// a built-in id relabels it.
    public static func all(team: [String: String]) -> [Role] {
        let relabelled = builtIn.map { role in team[role.id].map { Role(id: role.id, label: $0) } ?? role }
        let added = team.keys.sorted().filter { id in !builtIn.contains { $0.id == id } }
        return relabelled + added.map { Role(id: $0, label: team[$0] ?? $0) }
    }

    /// The name written in playbooks.
    public var rawValue: String { id }

    /// The name written in playbooks.
    public var description: String { id }

    /// The person in this role on `account`, or nil when nobody is named: `account.team` first, then the
    /// profile's own field for csm, account_manager and executive_sponsor, then the first of the account's
    /// `stakeholders` with that role (`champion`, `economic_buyer` for `economic-buyer`; `sponsor` for
    /// executive_sponsor).
    public func person(on account: Account) -> String? {
        if let named = account.profile.team?[id], !named.isEmpty { return named }
        let field: String?
        switch id {
        case Role.csm.id: field = account.profile.csm
        case Role.accountManager.id: field = account.profile.accountManager
        case Role.executiveSponsor.id: field = account.profile.executiveSponsor?.name
        default: field = nil
        }
        if let field, !field.isEmpty { return field }
        let wanted = id == Role.executiveSponsor.id ? StakeholderRole.sponsor.rawValue : id
        return account.stakeholders.first { stakeholder in
            stakeholder.role?.rawValue.replacingOccurrences(of: "-", with: "_") == wanted
        }?.name
    }
}
