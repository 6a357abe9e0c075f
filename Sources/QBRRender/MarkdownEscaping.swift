import Mustache

/// Escapes user text so it renders literally inside GitHub-flavoured Markdown: a `|` cannot split a table
/// cell, `#`, `*`, `_`, `[`, `<` and backticks stay characters, and a newline cannot start a new block.
///
/// Newlines become spaces because one value is always one inline run (a table cell, a list item); text
/// with paragraphs reaches templates as a list of paragraphs instead.
public enum MarkdownEscaping {
    /// Characters that start Markdown syntax anywhere in a line.
    private static let inline: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", "|", "~"]
    /// Characters that start a block only at the beginning of a line (`# heading`, `> quote`).
    private static let leading: Set<Character> = ["#", ">"]
    /// List markers and setext underlines: block syntax at the start only when a space or the end follows.
    private static let leadingBeforeSpace: Set<Character> = ["-", "+", "="]

    /// Escapes `text` for use inside a Markdown line. Figures such as "+18%" or "0.9×" stay readable:
    /// only what could really start syntax is escaped.
    public static func escape(_ text: String) -> String {
        // One value is one inline run: line breaks and tabs become single spaces, control characters go.
        var flat = ""
        flat.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isNewline || character == "\t" {
                pendingSpace = true
                continue
            }
            if let ascii = character.asciiValue, ascii < 0x20 || ascii == 0x7F { continue }
            if pendingSpace {
                if !flat.isEmpty && character != " " { flat.append(" ") }
                pendingSpace = false
            }
            if flat.isEmpty && character == " " { continue }  // leading spaces could make a code block
            flat.append(character)
        }
        var result = ""
        result.reserveCapacity(flat.utf8.count + 8)
        let characters = Array(flat)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let escaped: Bool
            if inline.contains(character) {
                escaped = true
            } else if character == "&" {
                // Only "&name;" or "&#…;" can become an entity.
                escaped = next.map { $0.isLetter || $0.isNumber || $0 == "#" } ?? false
            } else if index == 0 {
                escaped = leading.contains(character) || (leadingBeforeSpace.contains(character) && (next == nil || next == " "))
            } else {
                escaped = false
            }
            if escaped { result.append("\\") }
            result.append(character)
        }
        return escapeOrderedListMarker(result)
    }

    /// "1. text" or "2) text" at the start would begin an ordered list.
    private static func escapeOrderedListMarker(_ text: String) -> String {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return text }
        let rest = text.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")" else { return text }
        let after = rest.dropFirst().first
        guard after == nil || after == " " else { return text }
        return digits + "\\" + rest
    }
}

/// The Mustache content type of `.md.mustache` templates: `{{name}}` is Markdown-escaped,
/// `{{{name}}}` is inserted as is.
struct MarkdownContentType: MustacheContentType {
    /// The name used in `{{% CONTENT_TYPE: MARKDOWN }}`.
    static let name = "MARKDOWN"

    func escapeText(_ text: String) -> String { MarkdownEscaping.escape(text) }
}
