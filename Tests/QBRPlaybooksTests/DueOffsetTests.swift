import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

@Suite struct DueOffsetTests {
    static func offset(_ text: String) throws -> DueOffset { try DueOffset.parse(text).get() }

    static func due(_ text: String, asOf: String = "2026-07-01", renewal: String? = nil, start: String? = nil) throws
        -> Day?
    {
        try offset(text).resolve(asOf: day(asOf), renewal: renewal.map(day), start: start.map(day))
    }

    // MARK: Parsing

    @Test(arguments: [
        ("+7d", DueOffset.Anchor.run, 7, DueOffset.Unit.days),
        ("-3d", .run, -3, .days),
        ("+2w", .run, 2, .weeks),
        ("+1m", .run, 1, .months),
        ("renewal-120d", .renewal, -120, .days),
        ("renewal+2w", .renewal, 2, .weeks),
        ("start+30d", .start, 30, .days),
        ("today", .run, 0, .days),
        ("renewal", .renewal, 0, .days),
        ("start", .start, 0, .days),
        ("today+3d", .run, 3, .days),
        (" renewal - 90d ", .renewal, -90, .days),
        ("+7D", .run, 7, .days),
        ("Renewal-1M", .renewal, -1, .months),
    ])
    func parses(_ text: String, _ anchor: DueOffset.Anchor, _ amount: Int, _ unit: DueOffset.Unit) throws {
        #expect(try Self.offset(text) == DueOffset(anchor: anchor, amount: amount, unit: unit), "\(text)")
    }

    @Test(arguments: [
        "7d", "+7", "+d", "+7x", "+7dd", "", "   ", "tomorrow", "renewal120d", "renewal-", "+1.5d", "+123456d",
        "7 days",
    ])
    func refuses(_ text: String) {
        guard case .failure(let error) = DueOffset.parse(text) else {
            Issue.record("expected \"\(text)\" to be refused")
            return
        }
        #expect(error.text == text)
        #expect(
            error.message
                == "\"\(text)\" is not a due offset: expected +7d, -3d, +2w, +1m, renewal-120d, start+30d, today or renewal"
        )
    }

    @Test func describesItselfAsWritten() throws {
        #expect(try Self.offset("+7d").description == "+7d")
        #expect(try Self.offset("-3d").description == "-3d")
        #expect(try Self.offset("renewal-120d").description == "renewal-120d")
        #expect(try Self.offset("start+30d").description == "start+30d")
        #expect(try Self.offset("renewal").description == "renewal")
        #expect(try Self.offset("+2w").description == "+2w")
    }

    // MARK: Arithmetic

    @Test func daysAndWeeksFromTheRunDate() throws {
        #expect(try Self.due("+7d") == day("2026-07-08"))
        #expect(try Self.due("-3d") == day("2026-06-28"))
        #expect(try Self.due("+2w") == day("2026-07-15"))
        #expect(try Self.due("-1w") == day("2026-06-24"))
        #expect(try Self.due("today") == day("2026-07-01"))
        #expect(try Self.due("+30d", asOf: "2026-12-15") == day("2027-01-14"))
    }

    @Test func monthsKeepTheDayOfMonth() throws {
        #expect(try Self.due("+1m") == day("2026-08-01"))
        #expect(try Self.due("+1m", asOf: "2026-01-15") == day("2026-02-15"))
        #expect(try Self.due("+12m", asOf: "2026-03-10") == day("2027-03-10"))
        #expect(try Self.due("+1m", asOf: "2026-12-20") == day("2027-01-20"))
        #expect(try Self.due("-1m", asOf: "2026-01-20") == day("2025-12-20"))
    }

    @Test func monthsAcrossMonthEnds() throws {
        #expect(try Self.due("+1m", asOf: "2026-01-31") == day("2026-02-28"))
        #expect(try Self.due("+1m", asOf: "2027-01-31") == day("2027-02-28"))
        #expect(try Self.due("+1m", asOf: "2028-01-31") == day("2028-02-29"))
        #expect(try Self.due("+1m", asOf: "2026-03-31") == day("2026-04-30"))
        #expect(try Self.due("-1m", asOf: "2026-03-31") == day("2026-02-28"))
        #expect(try Self.due("+2m", asOf: "2026-12-31") == day("2027-02-28"))
        #expect(try Self.due("+12m", asOf: "2028-02-29") == day("2029-02-28"))
        #expect(try Self.due("+48m", asOf: "2028-02-29") == day("2032-02-29"))
        #expect(day("2100-01-31").adding(months: 1) == day("2100-02-28"))
        #expect(day("2000-01-31").adding(months: 1) == day("2000-02-29"))
    }

    @Test func daysAcrossLeapDays() throws {
        #expect(try Self.due("+1d", asOf: "2028-02-28") == day("2028-02-29"))
        #expect(try Self.due("+2d", asOf: "2028-02-28") == day("2028-03-01"))
        #expect(try Self.due("-1d", asOf: "2028-03-01") == day("2028-02-29"))
        #expect(try Self.due("+1d", asOf: "2027-02-28") == day("2027-03-01"))
        #expect(try Self.due("-1d", asOf: "2027-03-01") == day("2027-02-28"))
        #expect(try Self.due("+1w", asOf: "2028-02-25") == day("2028-03-03"))
        #expect(try Self.due("+365d", asOf: "2028-01-01") == day("2028-12-31"))
    }

    @Test func fromTheRenewalDate() throws {
        #expect(try Self.due("renewal-120d", renewal: "2027-02-28") == day("2026-10-31"))
        #expect(try Self.due("renewal-120d", renewal: "2026-10-31") == day("2026-07-03"))
        #expect(try Self.due("renewal", renewal: "2026-10-31") == day("2026-10-31"))
        #expect(try Self.due("renewal+1m", renewal: "2028-01-31") == day("2028-02-29"))
        #expect(try Self.due("renewal-90d", renewal: "2028-05-29") == day("2028-02-29"))
    }

    @Test func fromTheContractStart() throws {
        #expect(try Self.due("start+30d", start: "2026-06-01") == day("2026-07-01"))
        #expect(try Self.due("start", start: "2026-06-01") == day("2026-06-01"))
        #expect(try Self.due("start+1m", start: "2028-01-30") == day("2028-02-29"))
    }

    @Test func aMissingAnchorHasNoDate() throws {
        #expect(try Self.due("renewal-120d") == nil)
        #expect(try Self.due("renewal") == nil)
        #expect(try Self.due("start+30d", renewal: "2026-10-31") == nil)
        #expect(try Self.due("+7d", renewal: nil, start: nil) == day("2026-07-08"))
    }
}
