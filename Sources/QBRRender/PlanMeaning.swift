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
        // The standard library's searches: Foundation's `range(of:)` was most of an action plan's time.
        var head = Substring(title.lowercased())
        if let range = head.firstRange(of: " — ") { head = head[..<range.lowerBound] }
        if let stop = head.firstIndex(where: { $0 == ":" || $0 == ";" || $0 == "(" }) { head = head[..<stop] }
        let words = head.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
        for (word, next) in zip(words, words.dropFirst()) {
            for topic in topics where word == topic.first && topic.then.contains(next) {
                return topic.first + " " + (topic.first == "value" ? "summary" : "strategy")
            }
        }
        return words.joined(separator: " ")
    }
}
