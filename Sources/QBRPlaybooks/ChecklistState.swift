import Foundation

/// What a person did to a checklist file qbr wrote earlier: which tasks they ticked, the tasks they added by
/// hand and their notes. A regenerated checklist carries all of it over, so nothing a person wrote is lost.
public struct ChecklistState: Sendable, Equatable {
    /// Task id → the whole line as it stands in the file (`- [x] Call Priya <!-- qbr:task … -->`).
    public private(set) var lines: [String: String] = [:]
    /// Ids of ticked tasks.
    public private(set) var ticked: Set<String> = []
    /// Task ids in file order.
    public private(set) var order: [String] = []
    /// Task lines without a qbr id: tasks a person added.
    public private(set) var handAdded: [String] = []
    /// Everything under the `## Notes` heading, verbatim.
    public private(set) var notes: String = ""
    /// The first `# ` heading, verbatim Markdown: the title of a playbook that may no longer exist.
    public private(set) var title: String?

    /// The marker that carries a task's id in the Markdown; an HTML comment, so GitHub and cmark-gfm's
    /// HTML output show nothing of it.
    public static func marker(_ id: String) -> String { "<!-- qbr:task \(id) -->" }

    /// The heading under which a person's notes are kept.
    public static let notesHeading = "## Notes"
    /// The heading of tasks that no longer apply.
    public static let retiredHeading = "## No longer triggered"

    /// An empty state: nothing ticked.
    public init() {}

    /// Reads a checklist file's Markdown.
    public init(markdown: String) {
        var inNotes = false
        var noteLines: [String] = []
        // isNewline also splits "\r\n", which Swift holds as one character: files edited on Windows keep their ticks.
        for raw in markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(raw)
            if inNotes {
                noteLines.append(line)
                continue
            }
            if line.trimmingCharacters(in: .whitespaces) == Self.notesHeading {
                inNotes = true
                continue
            }
            if title == nil, line.hasPrefix("# ") {
                title = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                continue
            }
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("- [") || trimmed.hasPrefix("* ["), trimmed.count >= 5 else { continue }
            let box = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 3)]
            let isTicked = box == "x" || box == "X"
            guard box == " " || isTicked else { continue }
            if let id = Self.id(in: line) {
                if lines[id] == nil { order.append(id) }
                lines[id] = line
                if isTicked { ticked.insert(id) } else { ticked.remove(id) }
            } else {
                handAdded.append(line)
            }
        }
        while let last = noteLines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { noteLines.removeLast() }
        while let first = noteLines.first, first.trimmingCharacters(in: .whitespaces).isEmpty {
            noteLines.removeFirst()
        }
        notes = noteLines.joined(separator: "\n")
    }

    /// The id in a line's marker, if it has one.
    static func id(in line: String) -> String? {
        guard let start = line.range(of: "<!-- qbr:task ") else { return nil }
        let rest = line[start.upperBound...]
        guard let end = rest.range(of: " -->") else { return nil }
        let id = String(rest[..<end.lowerBound])
        return id.isEmpty || id.contains(" ") ? nil : id
    }
}
