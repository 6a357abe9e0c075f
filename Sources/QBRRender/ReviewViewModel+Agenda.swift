import Foundation
import QBRCore
import QBRPlaybooks
import QBRTemplate

/// The playbooks summary, and text split into paragraphs.
extension ReviewViewModel {
    // MARK: Playbooks

    /// The triggered playbooks with their reasons (internal: the customer never sees why we worry).
    func playbookSummary() -> Record {
        let items = triggered.map { playbook in
            Record(
                ReviewShape.triggeredPlaybook,
                [
                    "id": playbook.playbook.id, "title": playbook.playbook.title, "kind": playbook.playbook.kind,
                    "reasons": playbook.reasons, "because": playbook.reasons.joined(separator: "; "),
                    "task_count": playbook.tasks.count, "tasks_in_words": CountedWords.tasks(playbook.tasks.count),
                ])
        }
        let suppressed = self.suppressed.map { playbook in
            Record(
                ReviewShape.suppressedPlaybook,
                [
                    "id": playbook.playbook.id, "title": playbook.playbook.title, "by": playbook.by.id,
                    "by_title": playbook.by.title, "because": playbook.reasons.joined(separator: "; "),
                ])
        }
        return Record(ReviewShape.playbooks, ["items": items, "count": items.count, "suppressed": suppressed])
    }

    /// Splits free text into paragraphs at blank lines; nil when there is no text.
    func paragraphs(_ text: String) -> [String]? {
        let result = Whitespace.paragraphs(text)
        return result.isEmpty ? nil : result
    }
}
