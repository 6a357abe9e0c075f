import Foundation
import QBRCore
import QBRPlaybooks
import QBRTemplate

/// The mutual action plan: asks, recoveries, mitigations and the playbook tasks due before the next review.
extension ReviewViewModel {
    /// Rows per action-plan slide: a longer plan continues on the next slide rather than shrinking.
    public static let actionPlanRowsPerSlide = 10

    func actionPlan() -> Record? {
        var items: [PlanRow] = []
        var titles = Set<String>()
        func add(_ title: String, owner: String, due: Day?) {
            guard titles.insert(title.lowercased()).inserted else { return }
            items.append(PlanRow(due: due, order: items.count, title: title, owner: owner))
        }
        let sponsor = account.profile.executiveSponsor?.name ?? "Customer sponsor"
        for ask in account.narrative?.asks ?? [] {
            add(ask, owner: sponsor, due: nil)
        }
        guard isInternal else {
            // What the customer sees: their asks and how we recover the outcomes behind plan. Our playbook
            // tasks and risk mitigations are internal.
            for (outcome, progress) in zip(account.outcomes, metrics.outcomes)
            where progress.status == .atRisk || progress.status == .missed {
                add("Recover \"\(outcome.name)\"", owner: person("csm"), due: outcome.due)
            }
            return numberedPlan(items)
        }
        for risk in account.risks {
            if let mitigation = risk.mitigation { add(mitigation, owner: person("csm"), due: nil) }
        }
        if usesPlaybooks {
            // The playbooks' tasks due before the next review stand for the rest: recovering outcomes,
            // renewal and expansion steps all come from them.
            let horizon = metrics.asOf.adding(days: Self.reviewCycleDays)
            for task in triggered.flatMap(\.tasks) {
                guard let due = task.due, due <= horizon else { continue }
                add(task.title, owner: task.owner, due: due)
            }
        } else {
            for (outcome, progress) in zip(account.outcomes, metrics.outcomes)
            where progress.status == .atRisk || progress.status == .missed {
                add("Recover \"\(outcome.name)\" (\(progress.status.rawValue))", owner: person("csm"), due: outcome.due)
            }
            for opportunity in account.opportunities {
                add("Scope \(opportunity.name)", owner: person(opportunity.owner ?? "account_manager"), due: nil)
            }
            if let renewal = account.profile.contract?.renewal, let days = metrics.daysToRenewal, days <= 180 {
                add("Agree renewal terms", owner: person("account_manager"), due: renewal)
            }
        }
        return numberedPlan(items)
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
                    "overdue": row.due.map { $0 < metrics.asOf } ?? false,
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
