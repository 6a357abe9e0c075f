import QBRCore

/// A playbook that applies to an account, with why and the tasks resolved for it.
public struct TriggeredPlaybook: Sendable {
    /// The playbook.
    public let playbook: Playbook
    /// The clauses that made its rule true, in the account's numbers.
    public let reasons: [String]
    /// Its tasks whose own condition holds, with owners and due dates resolved.
    public let tasks: [ChecklistTask]
}

/// A task as it applies to one account.
public struct ChecklistTask: Sendable, Equatable {
    /// Stable id `playbook-id/task-key`, kept across monthly re-runs.
    public let id: String
    /// What to do.
    public let title: String
    /// The role that owns it.
    public let role: Role
    /// The person in that role, or "Account manager (unassigned)".
    public let owner: String
    /// The due date, when its anchor date is known.
    public let due: Day?
    /// Why there is no due date ("no renewal date on the account"), when there is none.
    public let dueNote: String?
    /// Due before the run date.
    public let overdue: Bool
    /// Detail template text (Mustache), rendered by the render layer.
    public let detail: String?
}

extension PlaybookLibrary {
    /// The playbooks whose rule holds for the account, in library order.
    public func select(_ facts: AccountFacts) -> [TriggeredPlaybook] {
        playbooks.compactMap { playbook in
            guard playbook.trigger.holds(facts) else { return nil }
            return TriggeredPlaybook(
                playbook: playbook, reasons: playbook.trigger.reasons(facts), tasks: tasks(of: playbook, facts))
        }
    }

    /// Every flag's value for the account (a flag whose metrics are missing is false).
    public func flagValues(_ facts: AccountFacts) -> [String: Bool] {
        Dictionary(flags.map { ($0.name, $0.rule.holds(facts)) }) { first, _ in first }
    }

    /// The tasks of `playbook` that apply to the account, resolved.
    public func tasks(of playbook: Playbook, _ facts: AccountFacts) -> [ChecklistTask] {
        let contract = facts.account.profile.contract
        let asOf = facts.metrics.asOf
        return playbook.tasks.compactMap { task in
            if let condition = task.condition, !condition.holds(facts) { return nil }
            var due = task.due?.resolve(asOf: asOf, renewal: contract?.renewal, start: contract?.start)
            // A renewal that is overdue is work for today: its renewal-dated steps are due now, not in the past.
            if task.due?.anchor == .renewal, let renewal = contract?.renewal, renewal < asOf, let date = due, date < asOf {
                due = asOf
            }
            var note: String?
            if due == nil, let offset = task.due {
                note = offset.anchor == .renewal ? "no renewal date on the account" : "no contract start on the account"
            }
            return ChecklistTask(
                id: "\(playbook.id)/\(task.key)", title: task.title, role: task.owner,
                owner: task.owner.person(on: facts.account) ?? "\(task.owner.label) (unassigned)",
                due: due, dueNote: note, overdue: due.map { $0 < asOf } ?? false, detail: task.detail)
        }
    }
}
