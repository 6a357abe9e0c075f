import Testing

@testable import QBRCore

@Suite("Day")
struct DayTests {
    @Test("parses valid YYYY-MM-DD dates")
    func parsesValid() throws {
        let day = try #require(Day(iso: "2026-03-15"))
        #expect(day.year == 2026)
        #expect(day.month == 3)
        #expect(day.day == 15)
        #expect(day.description == "2026-03-15")
        #expect(Day(iso: "2026-12-31") != nil)
        #expect(Day(iso: "2026-01-01") != nil)
    }

    @Test("leap day exists only in leap years")
    func leapDay() {
        #expect(Day(iso: "2028-02-29") != nil)  // 2028 % 4 == 0
        #expect(Day(iso: "2000-02-29") != nil)  // divisible by 400
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2100-02-29") == nil)  // divisible by 100, not 400
    }

    @Test(
        "rejects dates that do not exist or have the wrong shape",
        arguments: [
            "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00", "2026-01-32",
            "2026-2-1", "2026-02-1", "26-02-01", "2026/02/01", "2026-02-01T00:00", "", "2026-02", "2026-02-01-",
            "0000-01-01", "2026-0a-01", "+026-01-01", " 2026-01-01", "２０２６-01-01",
            "2026-01-01\n", "2026-01-0\u{301}1", "2026-01-0١", "2026—01-01", "20260-1-01",
        ])
    func rejectsInvalid(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("memberwise initializer validates")
    func memberwiseValidation() {
        #expect(Day(year: 2026, month: 2, day: 28) != nil)
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
        #expect(Day(year: 2026, month: 13, day: 1) == nil)
        #expect(Day(year: 0, month: 1, day: 1) == nil)
    }

    @Test("day number of known dates")
    func knownDayNumbers() throws {
        #expect(try #require(Day(iso: "1970-01-01")).dayNumber == 0)
        #expect(try #require(Day(iso: "1970-01-02")).dayNumber == 1)
        #expect(try #require(Day(iso: "1969-12-31")).dayNumber == -1)
        // 30 years × 365 + 7 leap days (72,76,80,84,88,92,96) = 10957
        #expect(try #require(Day(iso: "2000-01-01")).dayNumber == 10_957)
        #expect(Day(dayNumber: 0).description == "1970-01-01")
        #expect(Day(dayNumber: 10_957).description == "2000-01-01")
    }

    @Test("dayNumber round-trips over a range of years")
    func roundTrip() {
        // 1899-12-31 … 2101-01-01 covers non-leap centuries (1900, 2100) and a 400-year leap (2000).
        let first = Day(year: 1899, month: 12, day: 31)!.dayNumber
        let last = Day(year: 2101, month: 1, day: 1)!.dayNumber
        var previous: Day?
        for n in first...last {
            let day = Day(dayNumber: n)
            #expect(day.dayNumber == n)
            #expect(Day(year: day.year, month: day.month, day: day.day) == day)
            #expect(Day(iso: day.description) == day)
            if let previous {
                #expect(previous < day)
                #expect(previous.days(until: day) == 1)
            }
            previous = day
        }
    }

    @Test("days(until:) across month ends and leap years")
    func daysUntil() throws {
        func d(_ s: String) throws -> Day { try #require(Day(iso: s)) }
        #expect(try d("2026-01-31").days(until: d("2026-02-01")) == 1)
        #expect(try d("2026-02-28").days(until: d("2026-03-01")) == 1)  // 2026 not leap
        #expect(try d("2028-02-28").days(until: d("2028-03-01")) == 2)  // 2028 leap
        #expect(try d("2026-12-31").days(until: d("2027-01-01")) == 1)
        #expect(try d("2026-01-01").days(until: d("2027-01-01")) == 365)
        #expect(try d("2028-01-01").days(until: d("2029-01-01")) == 366)
        // 2026-01-01 → 2030-01-01: 365+365+366+365 = 1461
        #expect(try d("2026-01-01").days(until: d("2030-01-01")) == 1461)
        #expect(try d("2026-03-01").days(until: d("2026-02-01")) == -28)
        #expect(try d("2026-05-05").days(until: d("2026-05-05")) == 0)
    }

    @Test("adding(days:) forward and backward")
    func adding() throws {
        func d(_ s: String) throws -> Day { try #require(Day(iso: s)) }
        #expect(try d("2026-01-31").adding(days: 1) == d("2026-02-01"))
        #expect(try d("2028-02-28").adding(days: 1) == d("2028-02-29"))
        #expect(try d("2026-02-28").adding(days: 1) == d("2026-03-01"))
        #expect(try d("2026-12-31").adding(days: 1) == d("2027-01-01"))
        #expect(try d("2026-03-01").adding(days: -1) == d("2026-02-28"))
        #expect(try d("2026-01-01").adding(days: 0) == d("2026-01-01"))
        #expect(try d("2026-01-01").adding(days: 365) == d("2027-01-01"))
        #expect(try d("2026-06-15").adding(days: -90) == d("2026-03-17"))  // 15 back → May 31, 31 → Apr 30, 30 → Mar 31, 14 → Mar 17
    }

    @Test("comparison and description padding")
    func comparisonAndDescription() throws {
        let a = try #require(Day(iso: "2026-01-31"))
        let b = try #require(Day(iso: "2026-02-01"))
        #expect(a < b)
        #expect(!(b < a))
        #expect(Day(year: 5, month: 3, day: 7)!.description == "0005-03-07")
    }
}
