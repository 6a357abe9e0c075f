/// Text made safe for XML parts: account text can hold anything, so every string that goes into a part goes
/// through here. Characters XML 1.0 forbids (control characters but tab, newline and return; lone surrogates
/// cannot occur in a Swift string; U+FFFE and U+FFFF) are dropped, and `& < > " '` are escaped, so the text can
/// neither end an element or attribute nor make the part unreadable.
enum XMLText {
    /// `text` for element content or a quoted attribute value.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default:
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// `escape` for a run of slide text: tabs, newlines and returns become spaces too (a run holds one line).
    static func run(_ text: String) -> String {
        escape(String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 ? " " : $0 })))
    }

    /// Whether XML 1.0 allows `scalar` in a document, and it is not a C1 control (which renders as nothing).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00..<0x20, 0x7F..<0xA0, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}
