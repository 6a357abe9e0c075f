import Foundation
import QBRCore
import QBRPlaybooks

/// The mutual action plan: asks, recoveries, mitigations and the playbook tasks due before the next review.
extension ReviewViewModel {
    /// Rows per action-plan slide: a longer plan continues on the next slide rather than shrinking.
    public static let actionPlanRowsPerSlide = 10

    func actionPlan() -> [String: Any]? {
        var items: [(due: Day?, order: Int, entry: [String: Any])] = []
        var titles = Set<String>()
        func add(_ title: String, owner: String, due: Day?) {
            guard titles.insert(title.lowercased()).inserted else { return }
            var entry: [String: Any] = ["title": title, "owner": owner]
            entry["due"] = due.map(Figure.date)
            entry["overdue"] = due.map { $0 < metrics.asOf } ?? false
            items.append((due, items.count, entry))
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

    /// Sorts, numbers and pages the action plan.
    func numberedPlan(_ items: [(due: Day?, order: Int, entry: [String: Any])]) -> [String: Any]? {
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
        let numbered = sorted.enumerated().map { index, item in item.entry.merging(["number": index + 1]) { a, _ in a }
        }
        let size = Self.actionPlanRowsPerSlide
        let pageCount = (numbered.count + size - 1) / size
        let pages = stride(from: 0, to: numbered.count, by: size).enumerated().map { index, start -> [String: Any] in
            var page: [String: Any] = [
                "items": Array(numbered[start..<min(start + size, numbered.count)]), "page": index + 1,
                "pages": pageCount,
            ]
            if index > 0 { page["continued"] = true }
            if pageCount > 1 { page["paged"] = true }
            return page
        }
        return ["items": numbered, "count": numbered.count, "pages": pages]
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
