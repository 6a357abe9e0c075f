import QBRTemplate

/// The agenda is the deck's own slides: the template is rendered once with a marker in the agenda's place,
/// and the agenda lists the slides that follow the one holding the marker, by their headings, in order. A
/// team template that renames, reorders, adds or removes a slide gets an agenda that says so.
///
/// Left out: slides whose heading ends in "(internal)" (preparation, not the meeting's agenda), and the
/// continuation pages of one slide ("Mutual action plan (2/3)" is one item, "Mutual action plan").
enum Agenda {
    /// What the first pass shows as the agenda's only item; no account text can produce it (it is a
    /// private-use character around a name, and templates' text never contains it).
    static let marker = "\u{F8FF}qbragenda\u{F8FF}"

    /// The agenda items of `markdown`, rendered with ``marker`` as the only item; nil when the marker is not
    /// there (the template shows no agenda).
    static func titles(in markdown: String) -> [String]? {
        let slides = Self.slides(markdown)
        guard let agenda = slides.firstIndex(where: { $0.contains { $0.contains(marker) } }) else { return nil }
        var titles: [String] = []
        for slide in slides[(agenda + 1)...] {
            guard let heading = slide.first(where: { $0.hasPrefix("## ") || $0.hasPrefix("# ") }) else { continue }
            var title = unescaped(String(heading.drop { $0 == "#" }.drop { $0 == " " }))
            if title.hasSuffix("(internal)") { continue }
            title = withoutPageNumber(title)
            if titles.last == title { continue }
            titles.append(title)
        }
        return titles
    }

    /// The lines of each slide: slides are separated by a line holding only `---`, outside code fences.
    static func slides(_ markdown: String) -> [[Substring]] {
        var slides: [[Substring]] = [[]]
        var fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle() }
            if !fenced && line == "---" {
                slides.append([])
            } else {
                slides[slides.count - 1].append(line)
            }
        }
        return slides
    }

    /// "Mutual action plan (2/3)" → "Mutual action plan".
    static func withoutPageNumber(_ title: String) -> String {
        guard title.hasSuffix(")"), let open = title.lastIndex(of: "(") else { return title }
        let inside = title[title.index(after: open)..<title.index(before: title.endIndex)]
        let parts = inside.split(separator: "/")
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return title }
        return String(title[..<open]).trimmingCharacters(in: .whitespaces)
    }

    /// A heading's text with Markdown's backslash escapes removed, so the agenda (escaped again) reads the same.
    static func unescaped(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping || character != "\\" {
                result.append(character)
                escaping = false
            } else {
                escaping = true
            }
        }
        return result
    }
}

extension Record {
    /// A copy with `name` set to `value`.
    func replacing(_ name: String, with value: TemplateValue) -> Record {
        guard let index = shape.index(of: name) else { return self }
        var fields = self.fields
        fields[index] = value
        return Record(shape: shape, fields: fields)
    }
}
