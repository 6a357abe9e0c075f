import Testing

@testable import QBRRender

/// The quick ASCII readings of a row's meaning and text key give what the Unicode readings give.
@Suite struct PlanMeaningTests {
    static let titles = [
        "Send the sponsor a one-page value summary", "Assemble the renewal value story",
        "Put the value evidence on one page", "Agree the renewal strategy, pricing and decision makers",
        "Agree the renewal approach — and any commercial concession", "Escalations: review (2) open ones; today",
        "  Mixed CASE\ttabs\nand  spaces-with-dashes 42 ", "Value: summary", "a—b — c", "—", "", "   ",
        "Book the EBR — Q1", "Re-run the audit_log check", "Confirm $50,000 by 2026-12-01!",
        "Bring “Automate freight audit” back on track", "Résumé review", "שלום — world",
        "Agree a recovery plan and a new date for “Cut costs”", "a–b ‘quoted’ x\u{2003}y", "“”", "end —",
        "value\u{2014}summary", "renewal\u{2028}terms", "x\u{2070}2", "\u{E2}",
    ]

    @Test(arguments: titles) func asciiReadingEqualsUnicodeReading(_ title: String) {
        #expect(PlanMeaning.of(title) == PlanMeaning.unicodeMeaning(title))
        if title.utf8.allSatisfy({ $0 < 0x80 }) || title.hasPrefix("Bring") { #expect(PlanMeaning.asciiMeaning(title) != nil) }
        #expect(TextKey.of(title) == title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    @Test func topics() {
        #expect(PlanMeaning.of("Put the VALUE evidence on one page") == "value summary")
        #expect(PlanMeaning.of("Agree the renewal approach — pricing") == "renewal strategy")
        #expect(PlanMeaning.of("Call the champion: today") == "call the champion")
    }
}
