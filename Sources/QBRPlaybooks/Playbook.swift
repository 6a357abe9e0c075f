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
    /// Higher first: the order playbooks are listed in, and who wins when two exclude each other (default 0).
    public var priority: Int = 0
    /// Ids or kinds of playbooks that do not fire for an account this playbook fires for (`[expansion]`).
    public var excludes: [String] = []

    /// Whether this playbook's `excludes` names `other` (by id or kind); never itself.
    public func excludes(_ other: Playbook) -> Bool {
        other.id != id && (excludes.contains(other.id) || excludes.contains(other.kind))
    }
}

/// One task of a playbook.
public struct PlaybookTask: Sendable {
    /// Key unique within the playbook (`sponsor-call`); with the playbook id it makes the task's stable id.
    public let key: String
    /// What to do.
    public let title: String
    /// The role that owns it (csm, account_manager, executive_sponsor, support, portfolio_owner, or a role of
    /// the team's `qbr.yaml`).
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
