import Foundation
import QBRCore
import QBRPlaybooks
import QBRTemplate

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
        let start = DispatchTime.now().uptimeNanoseconds
        let (markdown, title) = try checklistMarkdown(playbookID: playbookID, model: model, previous: previous)
        RenderTimings.add(since: start, to: .template)
        let html =
            formats.contains(.html)
            ? try shell("page.html", slides: slides(fromMarkdown: markdown), title: title) : nil
        return Checklist(playbookID: playbookID, markdown: markdown, html: html)
    }

    /// The checklist's Markdown and its page title.
    private func checklistMarkdown(playbookID: String, model: ReviewViewModel, previous: ChecklistState)
        throws(TemplateError) -> (String, String)
    {
        let triggered = model.triggered.first { $0.playbook.id == playbookID }
        let tasks = triggered?.tasks ?? []
        let current = Set(tasks.map(\.id))
        // Details see the same names as the documents (not the checklist itself).
        let detailRoot = tasks.contains { $0.detail != nil } ? model.context(document: "playbook") : .absent
        var taskRecords: [Record] = []
        for task in tasks {
            var detail: String?
            if task.detail != nil {
                // Values in the detail are Markdown-escaped; the author's own line breaks are flattened so the
                // detail stays inside its list item.
                let text = Whitespace.trimmed(
                    try self.detail(task.id, context: detailRoot, model: model)
                        .split(whereSeparator: \.isNewline).joined(separator: " "))
                detail = text.isEmpty ? nil : text
            }
            taskRecords.append(
                Record(
                    ReviewShape.task,
                    [
                        "id": task.id, "marker": ChecklistState.marker(task.id), "title": task.title, "owner": task.owner,
                        "role": task.role.rawValue,
                        // Booleans are always set so a section never falls through to an enclosing name.
                        "checked": previous.ticked.contains(task.id), "due": task.due.map(Figure.date),
                        "due_note": task.dueNote, "overdue": task.overdue, "detail": detail,
                    ]))
        }
        let retired = previous.order.filter { !current.contains($0) }.compactMap { previous.lines[$0] }
        let title = triggered?.playbook.title ?? playbookID
        let checklist = Record(ReviewShape.checklist) {
            $0.set("id", playbookID)
            $0.set("title", title)
            $0.set("tasks", taskRecords)
            if let triggered {
                $0.set("kind", triggered.playbook.kind)
                $0.set("summary", triggered.playbook.summary)
                $0.set("reasons", triggered.reasons)
                $0.set("triggered", true)
            }
            if !retired.isEmpty { $0.set("retired", Record(ReviewShape.checklist.itemsShape("retired"), ["items": retired])) }
            if !previous.handAdded.isEmpty {
                $0.set("hand_added", Record(ReviewShape.checklist.itemsShape("hand_added"), ["items": previous.handAdded]))
            }
            if !previous.notes.isEmpty { $0.set("notes", previous.notes) }
            if triggered == nil, let title = previous.title { $0.set("previous_title", title) }
            if triggered == nil, let suppressed = model.suppressed.first(where: { $0.playbook.id == playbookID }) {
                $0.set("suppressed_by", suppressed.by.title)
            }
        }
        let markdown = try markdown(context: model.context(document: "playbook", checklist: checklist), template: "playbook")
        return (markdown, "\(model.account.profile.name) — \(title)")
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
