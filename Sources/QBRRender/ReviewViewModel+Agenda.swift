import Foundation
import QBRCore
import QBRPlaybooks

/// The agenda, the playbooks summary, and text split into paragraphs.
extension ReviewViewModel {
    // MARK: Playbooks

    /// The triggered playbooks with their reasons (internal: the customer never sees why we worry).
    func playbookSummary() -> [String: Any] {
        let items = triggered.map { playbook -> [String: Any] in
            [
                "id": playbook.playbook.id, "title": playbook.playbook.title, "kind": playbook.playbook.kind,
                "reasons": playbook.reasons, "because": playbook.reasons.joined(separator: "; "),
                "task_count": playbook.tasks.count,
            ]
        }
        return ["items": items, "count": items.count]
    }

    // MARK: Agenda

    /// The slides present, in deck order, so the agenda lists only what follows.
    func agenda(_ root: [String: Any], document: String) -> [[String: Any]] {
        let sections: [(key: String, title: String)] =
            document == "ebr"
            ? [
                ("outcomes", "Outcomes"), ("value", "Value & ROI"), ("opportunities", "Strategic roadmap"),
                ("renewal", "Renewal & commercial"),
            ]
            : [
                ("outcomes", "Outcomes: committed vs achieved"),
                ("value", "Value realized"),
                ("health_and_adoption", isInternal ? "Health & adoption" : "Adoption"),
                ("gaps", isInternal ? "Gaps & risks" : "Gaps and how we close them"),
                ("opportunities", "Next phase"),
                ("action_plan", "Mutual action plan"),
            ]
        return sections.filter { root[$0.key] != nil }
            .enumerated().map { ["number": $0.offset + 1, "title": $0.element.title] }
    }

    /// Splits free text into paragraphs at blank lines; nil when there is no text.
    func paragraphs(_ text: String) -> [String]? {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let result = normalized.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return result.isEmpty ? nil : result
    }
}
