import Foundation

/// One Mustache tag of a template, with where its name starts.
struct MustacheTag: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// `{{name}}`, `{{{name}}}`, `{{&name}}`.
        case variable
        /// `{{#name}}`.
        case section
        /// `{{^name}}`.
        case inverted
        /// `{{/name}}`.
        case close
        /// `{{>name}}`.
        case partial
        /// `{{<name}}`.
        case parent
        /// `{{$name}}`.
        case block
    }

    let kind: Kind
    /// The tag's content without sigil and surrounding spaces (`outcomes.items`, `last()`).
    let name: String
    /// 1-based line and column of the name's first character.
    let line: Int
    let column: Int
}

/// A small scanner over `{{…}}` tags that keeps line and column, for `qbr lint`. Comments (`{{!…}}`),
/// pragmas (`{{%…}}`) are skipped; `{{=<% %>=}}` changes the delimiters as in Mustache. Syntax is checked
/// by swift-mustache's parser first; this scanner only runs on templates that parse.
enum TagScanner {
    static func tags(in text: String) -> [MustacheTag] {
        let characters = Array(text)
        var open: [Character] = ["{", "{"]
        var close: [Character] = ["}", "}"]
        var tags: [MustacheTag] = []
        var index = 0
        var line = 1
        var lineStart = 0

        func matches(_ pattern: [Character], at position: Int) -> Bool {
            guard position + pattern.count <= characters.count else { return false }
            return characters[position..<position + pattern.count].elementsEqual(pattern)
        }
        /// Advances `index` to `target`, counting lines.
        func advance(to target: Int) {
            while index < target && index < characters.count {
                if characters[index].isNewline {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
        }
        func find(_ pattern: [Character], from position: Int) -> Int? {
            var position = position
            while position + pattern.count <= characters.count {
                if matches(pattern, at: position) { return position }
                position += 1
            }
            return nil
        }

        while index < characters.count {
            guard matches(open, at: index) else {
                advance(to: index + 1)
                continue
            }
            var position = index + open.count
            let triple = open == ["{", "{"] && position < characters.count && characters[position] == "{"
            var kind = MustacheTag.Kind.variable
            var skip = false
            var end = close
            if triple {
                position += 1
                end = ["}"] + close
            } else if position < characters.count {
                switch characters[position] {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "&": kind = .variable
                case "!", "%": skip = true
                case "=":
                    // {{=<% %>=}}: new delimiters.
                    guard let stop = find(["="] + close, from: position + 1) else { return tags }
                    let parts = String(characters[(position + 1)..<stop]).split(separator: " ")
                    if parts.count == 2 {
                        open = Array(parts[0])
                        close = Array(parts[1])
                    }
                    advance(to: stop + 1 + (close.count))
                    continue
                default: position -= 1
                }
                position += 1
            }
            guard let stop = find(end, from: position) else { return tags }
            if !skip {
                // Where the name starts: after the sigil and any spaces.
                var nameStart = position
                while nameStart < stop && characters[nameStart].isWhitespace { nameStart += 1 }
                let name = String(characters[nameStart..<stop]).trimmingCharacters(in: .whitespacesAndNewlines)
                // The name may sit on a later line than the tag's braces.
                advance(to: nameStart)
                tags.append(MustacheTag(kind: kind, name: name, line: line, column: index - lineStart + 1))
            }
            advance(to: stop + end.count)
        }
        return tags
    }
}
