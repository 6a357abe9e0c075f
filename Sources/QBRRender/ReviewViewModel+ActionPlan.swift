import Foundation
import QBRCore
import QBRPlaybooks
import QBRTemplate

/// The mutual action plan: asks, recoveries, mitigations and the playbook tasks due before the next review.
extension ReviewViewModel {
    /// Rows per action-plan slide: a longer plan continues on the next slide rather than shrinking.
    public static let actionPlanRowsPerSlide = 10

    /// Days after the run date a row gets when the date it would have had is already past: a plan made today
    /// is not born overdue, and the review is where it is agreed.
    public static let catchUpDays = 14

    /// The plan. The customer edition holds our asks and how we recover the outcomes behind plan; the internal
    /// edition holds every one of those rows too, then the risk mitigations and the playbook tasks due before
    /// the next review. No two rows share an owner, a due date and a meaning (``PlanMeaning``); no playbook
    /// task or recovery is dated in the past (``catchUpDays``); the customer never reads "(overdue)".
    func actionPlan() -> Record? {
        var items: [PlanRow] = []
        var titles = Set<String>()
        var meanings = Set<PlanMeaning.Key>()
        func add(_ title: String, owner: String, due: Day?) {
            guard titles.insert(TextKey.of(title)).inserted else { return }
            guard meanings.insert(PlanMeaning.Key(owner: owner, due: due, meaning: PlanMeaning.of(title))).inserted
            else { return }
            items.append(PlanRow(due: due, order: items.count, title: title, owner: owner))
        }
        for ask in account.narrative?.asks ?? [] where !ask.text.isEmpty {
            add(ask.text, owner: askOwner(ask), due: ask.due)
        }
        for (outcome, progress) in zip(account.outcomes, metrics.outcomes)
        where progress.status == .atRisk || progress.status == .missed {
            add(Self.recovery(outcome.name, status: progress.status), owner: person("csm"), due: forward(outcome.due))
        }
        guard isInternal else { return numberedPlan(items) }
        for risk in account.risks {
            if let mitigation = risk.mitigation { add(mitigation, owner: riskOwner(risk), due: risk.due) }
        }
        if usesPlaybooks {
            // The playbooks' tasks due before the next review stand for the rest: renewal and expansion steps
            // come from them.
            let horizon = metrics.asOf.adding(days: Self.reviewCycleDays)
            for task in triggered.flatMap(\.tasks) {
                guard let due = task.due, due <= horizon else { continue }
                add(task.title, owner: task.owner, due: forward(due))
            }
        } else {
            for opportunity in account.opportunities {
                add("Scope \(opportunity.name)", owner: person(opportunity.owner ?? "account_manager"), due: nil)
            }
            if let renewal = account.profile.contract?.renewal, let days = metrics.daysToRenewal, days <= 180 {
                add("Agree renewal terms", owner: person("account_manager"), due: forward(renewal))
            }
        }
        return numberedPlan(items)
    }

    /// A recovery row as both sides read it.
    static func recovery(_ outcome: String, status: OutcomeStatus) -> String {
        status == .missed
            ? "Agree a recovery plan and a new date for “\(outcome)”" : "Bring “\(outcome)” back on track"
    }

    /// `day`, or when it is already past, ``catchUpDays`` after the run date (but not after a renewal still
    /// ahead: a renewal step is due before the renewal).
    func forward(_ day: Day?) -> Day? {
        guard let day, day < metrics.asOf else { return day }
        let caughtUp = metrics.asOf.adding(days: Self.catchUpDays)
        if let renewal = account.profile.contract?.renewal, renewal >= metrics.asOf, renewal < caughtUp {
            return renewal
        }
        return caughtUp
    }

    /// One row of the plan before it is sorted and numbered.
    struct PlanRow {
        let due: Day?
        let order: Int
        let title: String
        let owner: String
    }

    /// Sorts, numbers and pages the action plan.
    func numberedPlan(_ items: [PlanRow]) -> Record? {
        guard !items.isEmpty else { return nil }
        // Dated items first by date; undated ones after, in the order above.
        let sorted = items.sorted {
            switch ($0.due, $1.due) {
            case let (a?, b?): return (a, $0.order) < (b, $1.order)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return $0.order < $1.order
            }
        }
        let numbered = sorted.enumerated().map { index, row in
            Record(
                ReviewShape.actionItem,
                [
                    "number": index + 1, "title": row.title, "owner": row.owner, "due": row.due.map(Figure.date),
                    // The customer never reads "(overdue)": a late ask is a conversation, not an accusation.
                    "overdue": isInternal && (row.due.map { $0 < metrics.asOf } ?? false),
                ])
        }
        let size = Self.actionPlanRowsPerSlide
        let pageCount = (numbered.count + size - 1) / size
        let pages = stride(from: 0, to: numbered.count, by: size).enumerated().map { index, start in
            Record(ReviewShape.actionPage) {
                $0.set("items", Array(numbered[start..<min(start + size, numbered.count)]))
                $0.set("page", index + 1)
                $0.set("pages", pageCount)
                if index > 0 { $0.set("continued", true) }
                if pageCount > 1 { $0.set("paged", true) }
            }
        }
        return Record(ReviewShape.actionPlan, ["items": numbered, "count": numbered.count, "pages": pages])
    }

    /// The person behind a role on this account, or the role itself when nobody is named.
    func person(_ role: String) -> String {
        let profile = account.profile
        switch role {
        case "csm": return profile.csm ?? "CSM (unassigned)"
        case "account_manager": return profile.accountManager ?? "Account manager (unassigned)"
        case "executive_sponsor": return profile.executiveSponsor?.name ?? "Executive sponsor (unassigned)"
        default: return role
        }
    }
}
