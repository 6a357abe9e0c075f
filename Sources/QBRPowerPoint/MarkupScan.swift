/// Just enough reading of XML parts for a template: the start tags of an element and their attributes. Office
/// writes these parts; a part this cannot read is reported as invalid by the caller, never guessed at.
enum MarkupScan {
    /// The start tags `<name …>` (or `<name …/>`) in `xml`, each as its attributes (prefixes kept: `r:id`).
    static func tags(_ name: String, in xml: Substring) -> [[String: String]] {
        var found: [[String: String]] = []
        var rest = xml[...]
        let opener = "<" + name
        while let range = rest.range(of: opener) {
            let after = rest[range.upperBound...]
            guard let next = after.first,
                next == " " || next == "/" || next == ">" || next == "\n" || next == "\t" || next == "\r",
                let end = after.firstIndex(of: ">")
            else {
                rest = after
                continue
            }
            found.append(attributes(after[..<end]))
            rest = after[end...]
        }
        return found
    }

    /// `a="1" b='2'` → ["a": "1", "b": "2"], entities of the values decoded.
    static func attributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var index = text.startIndex
        while index < text.endIndex {
            guard let equals = text[index...].firstIndex(of: "=") else { break }
            let name = text[index..<equals].trimmingCharacters(in: .whitespacesAndNewlines)
            var quoteIndex = text.index(after: equals)
            while quoteIndex < text.endIndex, text[quoteIndex] == " " { quoteIndex = text.index(after: quoteIndex) }
            guard quoteIndex < text.endIndex, text[quoteIndex] == "\"" || text[quoteIndex] == "'" else { break }
            let quote = text[quoteIndex]
            let start = text.index(after: quoteIndex)
            guard let close = text[start...].firstIndex(of: quote) else { break }
            result[name] = decode(text[start..<close])
            index = text.index(after: close)
        }
        return result
    }

    /// The whole first element `<name …>…</name>` (or `<name …/>`), nil when absent.
    static func element(_ name: String, in xml: String) -> String? {
        guard
            let start = xml.range(of: "<" + name + ">") ?? xml.range(of: "<" + name + " ")
                ?? xml.range(of: "<" + name + "/")
        else { return nil }
        if let close = xml.range(of: "</" + name + ">", range: start.lowerBound..<xml.endIndex) {
            return String(xml[start.lowerBound..<close.upperBound])
        }
        guard let end = xml.range(of: "/>", range: start.lowerBound..<xml.endIndex) else { return nil }
        return String(xml[start.lowerBound..<end.upperBound])
    }

    /// The `<name …>…</name>` elements of `xml` (not nested in each other), in order.
    static func elements(_ name: String, in xml: String) -> [Substring] {
        var found: [Substring] = []
        var rest = xml[...]
        while let start = rest.range(of: "<" + name + ">") ?? rest.range(of: "<" + name + " "),
            let close = rest.range(of: "</" + name + ">", range: start.lowerBound..<rest.endIndex)
        {
            found.append(rest[start.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return found
    }

    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
