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

    /// The draft's agenda: two items whose number and title are markers, so the text one item makes can be
    /// found and copied (`splice`). The second title carries a `*`, which Markdown escaping changes, to tell
    /// whether the template escapes the title.
    static let draftItems: TemplateValue = .list(
        [(number: numberA, title: marker), (number: numberB, title: titleB)].map { item in
            .object(Record(ReviewShape.agendaItem) {
                $0["number"] = .text(item.number)
                $0["title"] = .text(item.title)
            })
        })
    static let numberA = "\u{F8FF}qbrnumbera\u{F8FF}"
    static let numberB = "\u{F8FF}qbrnumberb\u{F8FF}"
    static let titleB = "\u{F8FF}qbr*titleb\u{F8FF}"
    /// ``titleB`` as a Markdown template's `{{title}}` writes it.
    static let escapedB = Array(MarkdownEscaping.escape(titleB).utf8)

    /// `draft` with its two agenda items replaced by one per title, numbered from 1; nil when the two items were
    /// not written the same way, next to each other, one marker of each kind (a template that tells the first
    /// or last item apart, or an unusual one: it is rendered again instead).
    static func splice(_ draft: [UInt8], titles: [String]) -> [UInt8]? {
        guard !titles.isEmpty else { return nil }
        let titleA = Array(marker.utf8), numberA = Array(Self.numberA.utf8), numberB = Array(Self.numberB.utf8)
        guard let a = only(titleA, in: draft), let na = only(numberA, in: draft), let nb = only(numberB, in: draft)
        else { return nil }
        let escapes: Bool
        let b: Int
        if let found = only(escapedB, in: draft) {
            (escapes, b) = (true, found)
        } else if let found = only(Array(titleB.utf8), in: draft) {
            (escapes, b) = (false, found)
        } else {
            return nil
        }
        // Each item's text: from the start of the line of its first marker to the end of the line of its last.
        func lineStart(_ index: Int) -> Int {
            var start = index
            while start > 0 && draft[start - 1] != 0x0A { start -= 1 }
            return start
        }
        func lineEnd(_ index: Int) -> Int {
            var end = index
            while end < draft.count && draft[end] != 0x0A { end += 1 }
            return min(end + 1, draft.count)
        }
        let first = lineStart(min(a, na)), middle = lineEnd(max(a, na))
        guard lineStart(min(b, nb)) == middle else { return nil }
        let last = lineEnd(max(b, nb))
        let itemA = Array(draft[first..<middle]), itemB = Array(draft[middle..<last])
        let titleBBytes = escapes ? escapedB : Array(titleB.utf8)
        // Both items the same but for their markers: the template writes every item alike.
        guard replacing(itemA, [(titleA, [0]), (numberA, [1])]) == replacing(itemB, [(titleBBytes, [0]), (numberB, [1])])
        else { return nil }
        var output = Array(draft[..<first])
        output.reserveCapacity(draft.count + titles.count * itemA.count)
        for (index, title) in titles.enumerated() {
            let text = escapes ? MarkdownEscaping.escape(title) : title
            output += replacing(itemA, [(titleA, Array(text.utf8)), (numberA, Array(String(index + 1).utf8))])
        }
        output += draft[last...]
        return output
    }

    /// The index of the one occurrence of `pattern` in `bytes`; nil when there is none or more than one.
    private static func only(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        var found: Int?
        var index = 0
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                if found != nil { return nil }
                found = index
                index += pattern.count
            } else {
                index += 1
            }
        }
        return found
    }

    /// `bytes` with every occurrence of each pattern replaced.
    private static func replacing(_ bytes: [UInt8], _ replacements: [([UInt8], [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        outer: while index < bytes.count {
            for (pattern, replacement) in replacements
            where index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                output += replacement
                index += pattern.count
                continue outer
            }
            output.append(bytes[index])
            index += 1
        }
        return output
    }

    /// The agenda items of `markdown`, rendered with ``marker`` as the only item; nil when the marker is not
    /// there (the template shows no agenda).
    static func titles(in markdown: [UInt8]) -> [String]? {
        // One pass over the bytes: each slide's first heading, and which slide holds the marker. Only the
        // headings become strings (splitting the whole deck into lines took a third of the merge).
        let marker = Array(Self.marker.utf8)
        let (headings, markerSlide): ([String?], Int?) = markdown.withUnsafeBufferPointer { bytes in
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
