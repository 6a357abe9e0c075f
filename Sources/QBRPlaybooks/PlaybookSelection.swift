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

/// A playbook whose rule holds for the account but that does not fire: a playbook that fires excludes it.
public struct SuppressedPlaybook: Sendable {
    /// The playbook that does not fire.
    public let playbook: Playbook
    /// The playbook that fired and excludes it.
    public let by: Playbook
    /// Why it would have applied, in the account's numbers.
    public let reasons: [String]

    /// "expansion: suppressed by churn-risk".
    public var explanation: String { "\(playbook.id): suppressed by \(by.id)" }
}

/// What applies to one account: the playbooks that fire and the ones another playbook suppressed.
public struct PlaybookSelection: Sendable {
    /// Playbooks that fire, in library order (priority, then id).
    public let triggered: [TriggeredPlaybook]
    /// Playbooks whose rule holds but that a firing playbook excludes, in library order.
    public let suppressed: [SuppressedPlaybook]
}

extension PlaybookLibrary {
    /// The playbooks whose rule holds for the account and that no firing playbook excludes, in library order.
    public func select(_ facts: AccountFacts) -> [TriggeredPlaybook] { selection(facts).triggered }

    /// Which playbooks fire for the account and which are suppressed.
    ///
    /// Among the playbooks whose rule holds, one fires unless a playbook that fires excludes it (by id or
    /// kind). They are settled one at a time: the next to fire is the first, in library order (highest
    /// priority, then id), that no still-undecided playbook excludes — so an exclusion works whatever the
    /// priorities; when every undecided playbook is excluded by another (a cycle), the first in library order
    /// fires. Each playbook that fires suppresses the undecided ones it excludes; a suppressed playbook excludes
    /// nothing. The result depends only on the account and the library.
    public func selection(_ facts: AccountFacts) -> PlaybookSelection {
        var undecided = playbooks.filter { $0.trigger.holds(facts) }
        var fired: [Playbook] = []
        var suppressed: [String: Playbook] = [:]
        while !undecided.isEmpty {
            let free = undecided.firstIndex { candidate in !undecided.contains { $0.excludes(candidate) } }
            let next = undecided.remove(at: free ?? 0)
            fired.append(next)
            undecided.removeAll { candidate in
                guard next.excludes(candidate) else { return false }
                suppressed[candidate.id] = next
                return true
            }
        }
        let firedIDs = Set(fired.map(\.id))
        return PlaybookSelection(
            triggered: playbooks.filter { firedIDs.contains($0.id) }.map { playbook in
                TriggeredPlaybook(
                    playbook: playbook, reasons: playbook.trigger.reasons(facts), tasks: tasks(of: playbook, facts))
            },
            suppressed: playbooks.compactMap { playbook in
                suppressed[playbook.id].map {
                    SuppressedPlaybook(playbook: playbook, by: $0, reasons: playbook.trigger.reasons(facts))
                }
            })
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
            if task.due?.anchor == .renewal, let renewal = contract?.renewal, renewal < asOf, let date = due,
                date < asOf
            {
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
