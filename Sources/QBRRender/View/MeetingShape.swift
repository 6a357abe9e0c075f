import QBRTemplate

/// The names of the meeting's own sections: support, the people in the room, the last review's commitments
/// and the roadmap. The customer edition leaves the names marked internal absent.
extension ReviewShape {
    static let support = ObjectShape(
        "Support",
        [
            Field("tickets_opened", count, "tickets opened in the period"),
            Field("tickets_closed", count, "tickets closed in the period"),
            Field("csat", percent, "support satisfaction"),
            Field("sla_attainment", percent, "share of tickets answered within the SLA"),
            Field("open_escalations", .number, "escalations open at the end of the period"),
            Field(
                "escalations_in_words", .text, "\"no open escalations\", \"1 open escalation\", \"2 open escalations\""),
        ])
    static let stakeholder = ObjectShape(
        "Stakeholder",
        [
            Field("name", .text, "full name"),
            // Not `title`: an absent job title would be looked up in the enclosing context, the document's title.
            Field("job_title", .text, "job title"),
            Field("side", .text, "the company they are with: the account's name, or ours"),
            Field("side_id", .text, "customer or vendor"),
            Field("attending", .flag, "true when they attend this review"),
            Field("role", .text, "internal: their role in the account (Sponsor, Economic buyer, Champion…)"),
            Field("note", .text, "internal: what the team should know about them"),
        ])
    static let stakeholders = ObjectShape(
        "Stakeholders",
        [
            Field("items", .list(.object(stakeholder)), "everyone, customer side first, in input order"),
            Field("attending", .list(.object(stakeholder)), "those who attend this review"),
            Field(
                "attendees", .list(.object(stakeholder)),
                "the attendees' slide: those attending, or everyone when no attendance is given"),
            Field("count", .number, "how many"),
        ])
    static let commitment = ObjectShape(
        "Commitment",
        [
            Field("number", .number, "position, from 1"),
            Field("text", .text, "what was agreed"),
            Field("side", .text, "who committed: the account's name, or ours"),
            Field("side_id", .text, "customer or vendor"),
            Field("owner", .text, "the person who owns it"),
            Field("due", date, "when it was due"),
            Field("status", .text, "status with its symbol (✅ Done, 🔄 In progress, ❌ Not done)"),
            Field("status_id", .text, "done, in-progress or not-done"),
            Field("done", .flag, "true when done"),
            Field("note", .text, "what happened"),
        ])
    static let lastReview = ObjectShape(
        "LastReview",
        [
            Field("date", date, "when the last review was held"),
            Field("items", .list(.object(commitment)), "the commitments, in input order"),
            Field("count", .number, "commitments"),
            Field("done", .number, "commitments done"),
            Field("summary", .text, "\"3 of 4 commitments done\""),
        ])
    static let roadmapItem = ObjectShape(
        "RoadmapItem",
        [
            Field("title", .text, "what is coming"),
            Field("quarter", .text, "when"),
            Field("status", .text, "Planned, In development, Beta or Released"),
            Field("status_id", .text, "planned, in-development, beta or released"),
            Field("why", .text, "why it matters to the customer"),
        ])
    static let roadmap = ObjectShape(
        "Roadmap",
        [
            Field("items", .list(.object(roadmapItem)), "the account's items, then the team's (qbr.yaml)"),
            Field("count", .number, "how many"),
        ])
    static let ask = ObjectShape(
        "Ask",
        [
            Field("text", .text, "what we ask"),
            Field("owner", .text, "the person who owns it (the sponsor when none is given)"),
            Field("due", date, "when it is due"),
        ])
}
