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
        // One pass over the bytes: each slide's first heading, and which slide holds the marker. Only the
        // headings become strings (splitting the whole deck into lines took a third of the merge).
        let marker = Array(Self.marker.utf8)
        var markdown = markdown
        let (headings, markerSlide): ([String?], Int?) = markdown.withUTF8 { bytes in
            var headings: [String?] = [nil]
            var markerSlide: Int?
            var fenced = false
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if line.starts(with: [0x60, 0x60, 0x60]) { fenced.toggle() }
                if !fenced && line.count == 3 && line.allSatisfy({ $0 == UInt8(ascii: "-") }) {
                    headings.append(nil)
                } else {
                    if headings[headings.count - 1] == nil
                        && (line.starts(with: Array("## ".utf8)) || line.starts(with: Array("# ".utf8)))
                    {
                        headings[headings.count - 1] = String(decoding: line, as: UTF8.self)
                    }
                    if markerSlide == nil && Self.contains(line, marker) { markerSlide = headings.count - 1 }
                }
                start = end + 1
            }
            return (headings, markerSlide)
        }
        guard let markerSlide else { return nil }
        var titles: [String] = []
        for heading in headings[(markerSlide + 1)...] {
            guard let heading else { continue }
            var title = unescaped(String(heading.drop { $0 == "#" }.drop { $0 == " " }))
            if title.hasSuffix("(internal)") { continue }
            title = withoutPageNumber(title)
            if titles.last == title { continue }
            titles.append(title)
        }
        return titles
    }

    private static func contains(_ line: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard line.count >= pattern.count, let first = pattern.first else { return false }
        for index in 0...(line.count - pattern.count) where line[index] == first {
            if (1..<pattern.count).allSatisfy({ line[index + $0] == pattern[$0] }) { return true }
        }
        return false
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
