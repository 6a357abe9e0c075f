import Foundation

/// Trimming that skips Foundation in the common case: a value with an ASCII character other than white space
/// at both ends has nothing to trim (Foundation's `trimmingCharacters` showed in a batch's profile).
package enum Whitespace {
    /// `raw` without spaces and tabs (and with `newlines`, line breaks) around it, as
    /// `trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines`) gives it.
    package static func trimmed(_ raw: String, newlines: Bool = false) -> String {
        let utf8 = raw.utf8
        guard let first = utf8.first, let last = utf8.last else { return raw }
        // Other Unicode spaces start with a byte above 0x7F and go the Foundation way.
        func plain(_ byte: UInt8) -> Bool {
            byte < 0x80 && byte != 0x20 && byte != 0x09 && !(newlines && (byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C))
        }
        if plain(first) && plain(last) { return raw }
        return raw.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
}

extension Whitespace {
    /// Free text split into paragraphs at blank lines ("\n\n", or "\r\n\r\n"), each trimmed of white space
    /// and line breaks, empty ones left out: as splitting with Foundation gives it, with no Foundation call
    /// for text without carriage returns whose paragraphs start and end with ASCII letters or marks.
    package static func paragraphs(_ text: String) -> [String] {
        // Text with carriage returns keeps Foundation's reading, which works on characters ("\r\n" is one).
        if text.utf8.contains(UInt8(ascii: "\r")) {
            return text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
        var pieces: [String] = []
        var utf8 = text.utf8[...]
        while true {
            // The next "\n\n", on bytes.
            var cut: String.UTF8View.Index?
            var index = utf8.startIndex
            while index < utf8.endIndex {
                let next = utf8.index(after: index)
                if utf8[index] == 0x0A, next < utf8.endIndex, utf8[next] == 0x0A {
                    cut = index
                    break
                }
                index = next
            }
            let piece = String(Substring(utf8[..<(cut ?? utf8.endIndex)]))
            let trimmed = trimmed(piece, newlines: true)
            if !trimmed.isEmpty { pieces.append(trimmed) }
            guard let cut else { break }
            utf8 = utf8[utf8.index(cut, offsetBy: 2)...]
        }
        return pieces
    }
}
