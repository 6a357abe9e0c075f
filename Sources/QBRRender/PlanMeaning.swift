import QBRCore

/// What an action-plan row means, so the same task from two playbooks is one row.
///
/// The meaning of a title is read from its head — lowercased, cut at the first " — ", ":", ";" or "(", split into
/// words — as a topic when two adjacent words name one of the deliverables several playbooks ask for under
/// different titles, else as the head itself (words only, spacing aside):
/// - **value summary**: "value summary", "value story" or "value evidence" ("Assemble the renewal value story",
///   "Put the value evidence on one page", "Send the sponsor a one-page value summary");
/// - **renewal strategy**: "renewal strategy", "renewal approach" or "renewal terms" ("Agree the renewal
///   strategy, pricing and decision makers", "Agree the renewal approach, and any commercial concession").
///
/// Two rows with the same owner, due date and meaning are one row: the first, in plan order, is kept.
enum PlanMeaning {
    /// Owner, due date and meaning: the identity of a row.
    struct Key: Hashable {
        let owner: String
        let due: Day?
        let meaning: String
    }

    /// Topics several playbooks ask for under different titles: the first word, and the words that may follow it.
    static let topics: [(first: String, then: Set<String>)] = [
        ("value", ["summary", "story", "evidence"]),
        ("renewal", ["strategy", "approach", "terms"]),
    ]

    /// The meaning of `title`.
    static func of(_ title: String) -> String {
        if let meaning = asciiMeaning(title) { return meaning }
        return unicodeMeaning(title)
    }

    /// ``of(_:)`` on bytes, for a head in ASCII and General Punctuation (quotes, dashes): Unicode's letter and case tables, asked
    /// character by character, were most of an action plan's time. Nil for any other text.
    static func asciiMeaning(_ title: String) -> String? {
        var words: [[UInt8]] = [[]]
        let bytes = Array(title.utf8)
        var index = 0
        scan: while index < bytes.count {
            var byte = bytes[index]
            switch byte {
            case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "("):
                break scan
            case 0xE2 where index > 0 && bytes[index - 1] == 0x20 && index + 3 < bytes.count
                && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x94 && bytes[index + 3] == 0x20:
                break scan  // " — "
            case 0xE2 where index + 2 < bytes.count && (bytes[index + 1] == 0x80 || (bytes[index + 1] == 0x81 && bytes[index + 2] < 0xB0)):
                // General Punctuation (U+2000–U+206F: quotes, dashes, spaces) holds no letter or digit: it
                // separates words, as in the Unicode reading.
                if !words[words.count - 1].isEmpty { words.append([]) }
                index += 3
                continue
            case 0x80...:
                return nil
            default:
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 0x20 }
                let inWord = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                if inWord {
                    words[words.count - 1].append(byte)
                } else if !words[words.count - 1].isEmpty {
                    words.append([])
                }
            }
            index += 1
        }
        let found = words.filter { !$0.isEmpty }.map { String(decoding: $0, as: UTF8.self) }
        return meaning(of: found)
    }

    static func unicodeMeaning(_ title: String) -> String {
        // The standard library's searches: Foundation's `range(of:)` was most of an action plan's time.
        var head = Substring(title.lowercased())
        if let range = head.firstRange(of: " — ") { head = head[..<range.lowerBound] }
        if let stop = head.firstIndex(where: { $0 == ":" || $0 == ";" || $0 == "(" }) { head = head[..<stop] }
        return meaning(of: head.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init))
    }

    /// A topic when two adjacent words name one, else the words.
    private static func meaning(of words: [String]) -> String {
        for (word, next) in zip(words, words.dropFirst()) {
            for topic in topics where word == topic.first && topic.then.contains(next) {
                return topic.first + " " + (topic.first == "value" ? "summary" : "strategy")
            }
        }
        return words.joined(separator: " ")
    }
}
