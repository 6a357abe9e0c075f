import Foundation
import QBRCore
import QBRTemplate

/// The meeting's own sections: support, the people in the room, the last review's commitments, the roadmap.
extension ReviewViewModel {
    /// The Support slide; nil without any support figure.
    func support() -> Record? {
        guard let support = account.support, !support.isEmpty else { return nil }
        return Record(ReviewShape.support) {
            $0.set("tickets_opened", support.ticketsOpened.map(Figure.count))
            $0.set("tickets_closed", support.ticketsClosed.map(Figure.count))
            $0.set("csat", support.csat.map { Figure.percent($0) })
            $0.set("sla_attainment", support.slaAttainment.map { Figure.percent($0) })
            $0.set("open_escalations", support.openEscalations)
            $0.set("escalations_in_words", support.openEscalations.map(CountedWords.openEscalations))
        }
    }

    /// Who is in the relationship and who attends. A stakeholder's role in the account and the team's note
    /// about them are internal: a customer's VP does not read "economic buyer" next to their own name.
    func stakeholders() -> Record? {
        guard !account.stakeholders.isEmpty else { return nil }
        // Customer side first, each side in input order (the sort is stable on the index).
        let ordered = account.stakeholders.enumerated().sorted {
            ($0.element.side == .customer ? 0 : 1, $0.offset) < ($1.element.side == .customer ? 0 : 1, $1.offset)
        }.map(\.element)
        let ours = company ?? "Our team"
        func record(_ person: Stakeholder) -> Record {
            Record(ReviewShape.stakeholder) {
                $0.set("name", person.name)
                $0.set("job_title", person.title)
                $0.set("side", person.side == .customer ? account.profile.name : ours)
                $0.set("side_id", person.side.rawValue)
                $0.set("attending", person.attending == true)
                if isInternal {
                    $0.set("role", person.role?.label)
                    $0.set("note", person.note)
                }
            }
        }
        let items = ordered.map(record)
        let attending = zip(ordered, items).filter { $0.0.attending == true }.map(\.1)
        // Everyone is in the room when nobody's attendance is given; when it is given and nobody attends, the
        // customer edition has no attendees slide (its only use of the list).
        let unmarked = ordered.allSatisfy { $0.attending == nil }
        let attendees = unmarked ? items : attending
        if attendees.isEmpty && !isInternal { return nil }
        return Record(ReviewShape.stakeholders) {
            $0.set("items", items)
            if !attending.isEmpty { $0.set("attending", attending) }
            if !attendees.isEmpty { $0.set("attendees", attendees) }
            $0.set("count", items.count)
        }
    }

    /// "You asked, we did": the last review's commitments and where each stands.
    func lastReview() -> Record? {
        guard let review = account.lastReview, !review.commitments.isEmpty else { return nil }
        let ours = company ?? "Our team"
        let items = review.commitments.enumerated().map { index, commitment in
            Record(ReviewShape.commitment) {
                $0.set("number", index + 1)
                $0.set("text", commitment.text)
                $0.set("side", commitment.side == .customer ? account.profile.name : ours)
                $0.set("side_id", commitment.side.rawValue)
                $0.set("owner", commitment.owner.map(person))
                $0.set("due", commitment.due.map(Figure.date))
                $0.set("status", commitment.status.map(StatusLabel.commitment) ?? "—")
                $0.set("status_id", commitment.status?.rawValue)
                $0.set("done", commitment.status == .done)
                $0.set("note", commitment.note)
            }
        }
        let done = review.commitments.filter { $0.status == .done }.count
        return Record(ReviewShape.lastReview) {
            $0.set("date", review.date.map(Figure.date))
            $0.set("items", items)
            $0.set("count", items.count)
            $0.set("done", done)
            $0.set("summary", "\(done) of \(items.count) \(items.count == 1 ? "commitment" : "commitments") done")
        }
    }

    /// The account's roadmap items, then the team's from `qbr.yaml` whose title the account does not already
    /// list (case and spacing aside).
    func roadmap() -> Record? {
        var seen = Set<String>()
        let items = (account.roadmap + teamRoadmap).filter {
            seen.insert(TextKey.of($0.title)).inserted
        }
        guard !items.isEmpty else { return nil }
        let records = items.map { item in
            Record(
                ReviewShape.roadmapItem,
                [
                    "title": item.title, "quarter": item.quarter, "status": item.status?.label,
                    "status_id": item.status?.rawValue, "why": item.why,
                ])
        }
        return Record(ReviewShape.roadmap, ["items": records, "count": records.count])
    }

    /// The asks with their owners (the executive sponsor when none is named) and due dates.
    func askItems() -> [Record] {
        (account.narrative?.asks ?? []).map { ask in
            Record(
                ReviewShape.ask,
                ["text": ask.text, "owner": askOwner(ask), "due": ask.due.map(Figure.date)])
        }
    }

    /// The person who owns an ask: its owner (a role is resolved to the person), else the sponsor.
    func askOwner(_ ask: Ask) -> String {
        ask.owner.map(person) ?? account.profile.executiveSponsor?.name ?? "Customer sponsor"
    }

    /// "CSM Dana Whitfield · AM Luis Ortega · enterprise · tier 1", with only the parts known.
    func byline() -> String? {
        let profile = account.profile
        let parts = [
            profile.csm.map { "CSM \($0)" }, profile.accountManager.map { "AM \($0)" }, profile.segment?.rawValue,
            profile.tier.map { "tier \($0)" },
        ].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

/// Counted words with their number right.
enum CountedWords {
    /// "no open escalations", "1 open escalation", "3 open escalations".
    static func openEscalations(_ count: Int) -> String {
        count == 0
            ? "no open escalations"
            : count == 1 ? "1 open escalation" : "\(Format.number(Decimal(count))) open escalations"
    }

    /// "1 task", "5 tasks".
    static func tasks(_ count: Int) -> String { count == 1 ? "1 task" : "\(Format.number(Decimal(count))) tasks" }

    /// "1 of 4 is achieved", "2 of 3 are achieved", "0 of 2 are achieved".
    static func achieved(_ achieved: Int, of count: Int) -> String {
        "\(achieved) of \(count) \(achieved == 1 ? "is" : "are") achieved"
    }
}

/// Text compared as people read it.
enum TextKey {
    /// `text` with case, and spacing around and between words, aside.
    static func of(_ text: String) -> String {
        // Plain ASCII with typographic quotes and dashes, most text, on bytes; Unicode's tables for the rest.
        if Self.isPlain(text) {
            var key: [UInt8] = []
            key.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for var byte in text.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = !key.isEmpty
                    continue
                }
                if pendingSpace { key.append(0x20) }
                pendingSpace = false
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 0x20 }
                key.append(byte)
            }
            return String(decoding: key, as: UTF8.self)
        }
        return text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// ASCII, and “ ” ‘ ’ – — (neither spaces nor letters with a case): bytes that read the same either way.
    private static func isPlain(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte < 0x80 { continue }
            guard byte == 0xE2, utf8.next() == 0x80, let last = utf8.next(), [0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D].contains(last)
            else { return false }
        }
        return true
    }
}
