import QBRCore

/// A playbook: a rule that says when it applies, and the tasks a CSM works through when it does.
public struct Playbook: Sendable {
    /// Stable id (`churn-risk`); file names and task ids derive from it.
    public let id: String
    /// Title shown on the checklist.
    public let title: String
    /// Kind (churn, expansion, renewal, onboarding, sponsor-change, retention…).
    public let kind: String
    /// One or two sentences on what the playbook is for.
    public let summary: String?
    /// When it applies.
    public let trigger: Rule
    /// What to do, in order.
    public let tasks: [PlaybookTask]
    /// The file it was loaded from (`Playbooks/churn-risk.yaml` or the user's path).
    public let origin: String
}

/// One task of a playbook.
public struct PlaybookTask: Sendable {
    /// Key unique within the playbook (`sponsor-call`); with the playbook id it makes the task's stable id.
    public let key: String
    /// What to do.
    public let title: String
    /// The role that owns it (csm, account_manager, executive_sponsor, support, portfolio_owner).
    public let owner: Role
    /// When it is due.
    public let due: DueOffset?
    /// Only for accounts where this holds.
    public let condition: Rule?
    /// Mustache text with more detail, rendered with the account's names.
    public let detail: String?
    /// Where the detail's text starts in the playbook file (line and column of its first character), so a
    /// problem inside it can be reported at its place in the file.
    public var detailStart: (line: Int, column: Int)? = nil
}

/// Who owns a task. Customer success owns adoption, value and retention; account management owns the
/// commercial conversation (renewal terms, upsell, cross-sell).
public enum Role: String, CaseIterable, Sendable {
    case csm
    case accountManager = "account_manager"
    case executiveSponsor = "executive_sponsor"
    case support
    case portfolioOwner = "portfolio_owner"

    /// "Account manager".
    public var label: String {
        switch self {
        case .csm: return "CSM"
        case .accountManager: return "Account manager"
        case .executiveSponsor: return "Executive sponsor"
        case .support: return "Support"
        case .portfolioOwner: return "Portfolio owner"
        }
    }

    /// The person in this role on `account`, or nil when nobody is named.
    public func person(on account: Account) -> String? {
        switch self {
        case .csm: return account.profile.csm
        case .accountManager: return account.profile.accountManager
        case .executiveSponsor: return account.profile.executiveSponsor?.name
        case .support, .portfolioOwner: return nil
        }
    }
}
