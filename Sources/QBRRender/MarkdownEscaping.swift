/// Escapes user text so it renders literally inside GitHub-flavoured Markdown: a `|` cannot split a table
/// cell, `#`, `*`, `_`, `[`, `<` and backticks stay characters, and a newline cannot start a new block.
///
/// Newlines become spaces because one value is always one inline run (a table cell, a list item); text
/// with paragraphs reaches templates as a list of paragraphs instead.
public enum MarkdownEscaping {
    /// Escapes `text` for use inside a Markdown line. Figures such as "+18%" or "0.9×" stay readable:
    /// only what could really start syntax is escaped.
    public static func escape(_ text: String) -> String {
        if isPlain(text) { return text }  // most names and figures need nothing
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var pendingSpace = false
        for (index, scalar) in scalars.enumerated() {
            // One value is one inline run: line breaks and tabs become single spaces, control characters go.
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = true
                continue
            }
            if scalar.value < 0x20 || scalar.value == 0x7F { continue }
            if pendingSpace {
                if !result.isEmpty && scalar != " " { result.append(" ") }
                pendingSpace = false
            }
            let atStart = result.isEmpty
            if atStart && scalar == " " { continue }  // leading spaces could make a code block
            let next = scalars[(index + 1)...].first { $0.value >= 0x20 && $0 != "\r" }
            if needsEscape(scalar, atStart: atStart, next: next) { result.append("\\") }
            result.append(scalar)
        }
        let escaped = escapeOrderedListMarker(String(result))
        // Right-to-left text is isolated (FSI … PDI) so it cannot reorder the numbers and words around it:
        // "Prepared by ليلى حداد · 15 Oct 2026" keeps its date in one piece.
        return scalars.contains(where: isRightToLeft) ? "\u{2068}" + escaped + "\u{2069}" : escaped
    }

    /// Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms: the strong right-to-left scripts.
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }

    /// Characters that start Markdown syntax anywhere in a line.
    private static func isInlineSyntax(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\\", "`", "*", "_", "[", "]", "<", "|", "~": return true
        default: return false
        }
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, atStart: Bool, next: Unicode.Scalar?) -> Bool {
        if isInlineSyntax(scalar) { return true }
        if scalar == "&" {
            // Only "&name;" or "&#…;" can become an entity.
            return next.map { $0 == "#" || $0.properties.isAlphabetic || ("0"..."9").contains($0) } ?? false
        }
        guard atStart else { return false }
        // `# heading`, `> quote`; list markers only before a space or the end; `-` and `=` also before
        // themselves, since a value alone on its line that reads `---` or `==` would be a thematic break
        // (a new slide) or turn the line above into a setext heading.
        return scalar == "#" || scalar == ">"
            || ((scalar == "-" || scalar == "+" || scalar == "=") && (next == nil || next == " "))
            || ((scalar == "-" || scalar == "=") && next == scalar)
    }

    /// True when no character of `text` could need escaping: the common case, checked on bytes. Figures that
    /// start with a digit ("18 days", "108%") and text with dashes, arrows or emoji are plain too; only what
    /// `escape` would change is not.
    static func isPlain(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        var first = true
        var leadingDigits = 0
        var inLeadingDigits = true
        var previous: (UInt8, UInt8) = (0, 0)
        while let byte = utf8.next() {
            defer { previous = (previous.1, byte) }
            if inLeadingDigits {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    leadingDigits += 1
                    first = false
                    continue
                }
                inLeadingDigits = false
                // "12. " or "3)" would start an ordered list: `escape` adds a backslash.
                if leadingDigits > 0 && leadingDigits <= 9 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ")")) {
                    var rest = utf8
                    let after = rest.next()
                    if after == nil || after == UInt8(ascii: " ") { return false }
                }
            }
            switch byte {
            case 0..<0x20, 0x7F, UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
                UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: "|"), UInt8(ascii: "~"),
                UInt8(ascii: "&"),
                0xD6...0xDF, 0xEF:  // lead bytes of right-to-left scripts (and their forms), which get isolated
                return false
            case 0x80...0xBF:
                // U+2028 and U+2029 (E2 80 A8/A9) become spaces.
                if previous == (0xE2, 0x80) && (byte == 0xA8 || byte == 0xA9) { return false }
                // Four-byte scalars outside emoji (F0 9F …) may be right-to-left (U+10800…, U+1E800…).
                if previous.1 == 0xF0 && byte != 0x9F { return false }
            case UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="),
                UInt8(ascii: " "):
                if first { return false }
            default: break
            }
            first = false
        }
        return true
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
