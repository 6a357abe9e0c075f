import Foundation
import Mustache
import QBRCore
import QBRPlaybooks

/// One playbook's checklist for one account, as Markdown (a GFM task list) and optionally HTML.
public struct Checklist: Sendable {
    /// The playbook's id.
    public let playbookID: String
    /// The checklist's Markdown.
    public let markdown: String
    /// The HTML page, when asked for.
    public let html: String?
}

extension DocumentRenderer {
    /// Renders the checklist of `playbookID` for the account in `model`, carrying over from `previous` (the
    /// file written last time) every tick, every task a person added and their notes. A task that no longer
    /// applies, or a whole playbook that no longer triggers, moves under "No longer triggered".
    public func checklist(
        playbookID: String, model: ReviewViewModel, previous: ChecklistState = ChecklistState(),
        formats: Set<OutputFormat>
    ) throws(TemplateError) -> Checklist {
        var root = model.context()
        let triggered = model.triggered.first { $0.playbook.id == playbookID }
        let tasks = triggered?.tasks ?? []
        if let error = tasks.lazy.compactMap({ self.detailCycles[$0.id] }).first { throw error }
        let current = Set(tasks.map(\.id))
        var checklist: [String: Any] = [
            "id": playbookID,
            "title": triggered?.playbook.title ?? playbookID,
            "tasks": tasks.map { task -> [String: Any] in
                var entry: [String: Any] = [
                    "id": task.id, "marker": ChecklistState.marker(task.id), "title": task.title, "owner": task.owner,
                    "role": task.role.rawValue,
                ]
                // Booleans are always set so a section never falls through to an enclosing name.
                entry["checked"] = previous.ticked.contains(task.id)
                entry["due"] = task.due.map(Figure.date)
                entry["due_note"] = task.dueNote
                entry["overdue"] = task.overdue
                if let template = details[task.id] {
                    // Values in the detail are Markdown-escaped by its content type; the author's own line
                    // breaks are flattened so the detail stays inside its list item.
                    let text = template.render(root, library: templates.library)
                        .split(whereSeparator: \.isNewline).joined(separator: " ")
                        .trimmingCharacters(in: .whitespaces)
                    entry["detail"] = text.isEmpty ? nil : text
                }
                return entry
            },
        ]
        if let triggered {
            checklist["kind"] = triggered.playbook.kind
            checklist["summary"] = triggered.playbook.summary
            checklist["reasons"] = triggered.reasons
            checklist["triggered"] = true
        }
        let retired = previous.order.filter { !current.contains($0) }.compactMap { previous.lines[$0] }
        if !retired.isEmpty { checklist["retired"] = ["items": retired] }
        if !previous.handAdded.isEmpty { checklist["hand_added"] = ["items": previous.handAdded] }
        if !previous.notes.isEmpty { checklist["notes"] = previous.notes }
        if triggered == nil, let title = previous.title { checklist["previous_title"] = title }
        root["checklist"] = checklist
        let markdown = try markdown(context: root, template: "playbook")
        let title = "\(model.account.profile.name) — \(checklist["title"] as? String ?? playbookID)"
        let html =
            formats.contains(.html) ? try shell("page.html", slides: slides(fromMarkdown: markdown), title: title) : nil
        return Checklist(playbookID: playbookID, markdown: markdown, html: html)
    }
}

extension DocumentRenderer {
    /// The checklists of an account: one per triggered playbook, and one for each playbook whose checklist
    /// already exists (`existing`, by playbook id) so that its ticked tasks move under "No longer triggered"
    /// instead of disappearing. `previousFile` returns last time's Markdown of a playbook's checklist.
    public func checklists(
        model: ReviewViewModel, existing: [String], formats: Set<OutputFormat>, previousFile: (String) -> String?
    ) throws(TemplateError) -> [Checklist] {
        var ids = model.triggered.map(\.playbook.id)
        for id in existing.sorted() where !ids.contains(id) { ids.append(id) }
        var result: [Checklist] = []
        for id in ids {
            let previous = previousFile(id).map(ChecklistState.init(markdown:)) ?? ChecklistState()
            result.append(try checklist(playbookID: id, model: model, previous: previous, formats: formats))
        }
        return result
    }
}
