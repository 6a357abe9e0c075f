import Foundation
import Testing

@testable import QBRCore

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }
private func day(_ s: String) -> Day { Day(iso: s)! }

@Suite("OutcomeProgress")
struct OutcomeProgressTests {
    // MARK: Attainment

    @Test("with a baseline: (actual − baseline) ÷ (target − baseline), decrease")
    func attainmentWithBaselineDecrease() {
        // onboarding days 45 → target 20, actual 18: (18 − 45) ÷ (20 − 45) = −27 ÷ −25 = 1.08
        let outcome = Outcome(name: "Faster onboarding", baseline: 45, target: 20, actual: 18, direction: .decrease)
        #expect(OutcomeProgress.attainment(outcome) == dec("1.08"))
        let progress = OutcomeProgress(outcome, asOf: day("2026-06-30"))
        #expect(progress.attainment == dec("1.08"))
        #expect(progress.change == -27)  // 18 − 45
        #expect(progress.status == .achieved)
    }

    @Test("with a baseline: increase")
    func attainmentWithBaselineIncrease() {
        // 60 → target 90, actual 75: (75 − 60) ÷ (90 − 60) = 15 ÷ 30 = 0.5
        let outcome = Outcome(name: "Adoption", baseline: 60, target: 90, actual: 75)
        #expect(OutcomeProgress.attainment(outcome) == dec("0.5"))
        #expect(OutcomeProgress(outcome, asOf: day("2026-01-01")).change == 15)
    }

    @Test("with a baseline: going the wrong way is negative attainment")
    func attainmentNegative() {
        // 60 → target 90, actual 54: (54 − 60) ÷ 30 = −0.2
        let outcome = Outcome(name: "Adoption", baseline: 60, target: 90, actual: 54)
        #expect(OutcomeProgress.attainment(outcome) == dec("-0.2"))
    }

    @Test("without a baseline: actual ÷ target for an increase")
    func attainmentNoBaselineIncrease() {
        // 150 ÷ 200 = 0.75
        let outcome = Outcome(name: "Reports automated", target: 200, actual: 150)
        #expect(OutcomeProgress.attainment(outcome) == dec("0.75"))
        #expect(OutcomeProgress(outcome, asOf: day("2026-01-01")).change == nil)
    }

    @Test("without a baseline: target ÷ actual for a decrease")
    func attainmentNoBaselineDecrease() {
        // 20 ÷ 25 = 0.8; and beating the target: 20 ÷ 16 = 1.25
        let behind = Outcome(name: "Ticket backlog", target: 20, actual: 25, direction: .decrease)
        #expect(OutcomeProgress.attainment(behind) == dec("0.8"))
        let ahead = Outcome(name: "Ticket backlog", target: 20, actual: 16, direction: .decrease)
        #expect(OutcomeProgress.attainment(ahead) == dec("1.25"))
    }

    @Test("target equal to baseline: attainment undefined")
    func targetEqualsBaseline() {
        // (12 − 10) ÷ (10 − 10) = ÷ 0 → nil; but the actual is at/above the target → achieved
        let reached = Outcome(name: "Hold uptime", baseline: 10, target: 10, actual: 12)
        #expect(OutcomeProgress.attainment(reached) == nil)
        let progress = OutcomeProgress(reached, asOf: day("2026-01-01"))
        #expect(progress.attainment == nil)
        #expect(progress.status == .achieved)

        let slipped = Outcome(
            name: "Hold uptime", baseline: 10, target: 10, actual: 8, committedOn: day("2026-01-01"),
            due: day("2026-12-31"))
        #expect(OutcomeProgress.attainment(slipped) == nil)
        #expect(OutcomeProgress(slipped, asOf: day("2026-06-01")).status == .atRisk)
    }

    @Test("missing actual or target: attainment nil")
    func missingActual() {
        #expect(OutcomeProgress.attainment(Outcome(name: "x", baseline: 1, target: 2)) == nil)
        #expect(OutcomeProgress.attainment(Outcome(name: "x", baseline: 1, actual: 2)) == nil)
        #expect(OutcomeProgress.attainment(Outcome(name: "x", target: 2)) == nil)
        let progress = OutcomeProgress(
            Outcome(name: "x", baseline: 1, target: 2, committedOn: day("2026-01-01"), due: day("2026-12-31")),
            asOf: day("2026-06-01"))
        #expect(progress.attainment == nil)
        #expect(progress.change == nil)
        #expect(progress.status == .atRisk)  // 0 progress < elapsed share
    }

    @Test("decrease to zero without a baseline: attainment nil but achieved")
    func decreaseToZero() {
        // target ÷ actual = 5 ÷ 0 → undefined; actual 0 ≤ target 5 → achieved
        let outcome = Outcome(
            name: "Sev-1 incidents", target: 5, actual: 0, direction: .decrease, committedOn: day("2026-01-01"),
            due: day("2026-03-31"))
        #expect(OutcomeProgress.attainment(outcome) == nil)
        let progress = OutcomeProgress(outcome, asOf: day("2026-06-30"))  // even past due
        #expect(progress.attainment == nil)
        #expect(progress.status == .achieved)
    }

    // MARK: Status

    @Test("achieved at exactly 100%, even past due")
    func achieved() {
        // 100 ÷ 100 = 1
        let outcome = Outcome(
            name: "x", target: 100, actual: 100, committedOn: day("2026-01-01"), due: day("2026-03-31"))
        #expect(OutcomeProgress(outcome, asOf: day("2026-02-01")).status == .achieved)
        #expect(OutcomeProgress(outcome, asOf: day("2026-09-01")).status == .achieved)
    }

    @Test("missed: as_of after the due date and under 100%")
    func missed() {
        // 99 ÷ 100 = 0.99 < 1, due 2026-03-31, as_of the day after
        let outcome = Outcome(
            name: "x", target: 100, actual: 99, committedOn: day("2026-01-01"), due: day("2026-03-31"))
        let progress = OutcomeProgress(outcome, asOf: day("2026-04-01"))
        #expect(progress.status == .missed)
        #expect(progress.elapsed == 1)  // clamped
    }

    @Test("on the due date itself the outcome is not yet missed")
    func onDueDate() {
        let outcome = Outcome(
            name: "x", target: 100, actual: 50, committedOn: day("2026-01-01"), due: day("2026-03-31"))
        let progress = OutcomeProgress(outcome, asOf: day("2026-03-31"))
        #expect(progress.status != .missed)
        #expect(progress.elapsed == 1)
        #expect(progress.status == .atRisk)  // 0.5 < 1
    }

    @Test("on track when attainment ≥ elapsed share, at risk when below")
    func onTrackAndAtRisk() {
        // window 2026-01-01 → 2026-04-11 is 100 days; as_of 2026-02-10 is day 40 → elapsed 0.4
        let committed = day("2026-01-01")
        let due = committed.adding(days: 100)
        let asOf = committed.adding(days: 40)
        #expect(due == day("2026-04-11"))
        #expect(asOf == day("2026-02-10"))

        // 40 ÷ 100 = 0.40 ≥ 0.40 → on track (boundary)
        let even = OutcomeProgress(
            Outcome(name: "x", target: 100, actual: 40, committedOn: committed, due: due), asOf: asOf)
        #expect(even.elapsed == dec("0.4"))
        #expect(even.attainment == dec("0.4"))
        #expect(even.status == .onTrack)

        // 39 ÷ 100 = 0.39 < 0.40 → at risk
        let behind = OutcomeProgress(
            Outcome(name: "x", target: 100, actual: 39, committedOn: committed, due: due), asOf: asOf)
        #expect(behind.status == .atRisk)

        // 70 ÷ 100 = 0.70 ≥ 0.40 → on track
        let ahead = OutcomeProgress(
            Outcome(name: "x", target: 100, actual: 70, committedOn: committed, due: due), asOf: asOf)
        #expect(ahead.status == .onTrack)
    }

    @Test("elapsed share is clamped to 0 before the window opens")
    func elapsedBeforeStart() {
        let progress = OutcomeProgress(
            Outcome(name: "x", target: 100, actual: 0, committedOn: day("2026-03-01"), due: day("2026-06-01")),
            asOf: day("2026-02-01"))
        #expect(progress.elapsed == 0)
        #expect(progress.status == .onTrack)  // 0 ≥ 0
    }

    @Test("windowStart stands in for a missing committed_on")
    func windowStartFallback() {
        // contract start 2026-01-01, due 2026-04-11 (100 days), as_of 2026-02-10 (40) → elapsed 0.4
        let outcome = Outcome(name: "x", target: 100, actual: 30, due: day("2026-04-11"))
        let withWindow = OutcomeProgress(outcome, asOf: day("2026-02-10"), windowStart: day("2026-01-01"))
        #expect(withWindow.elapsed == dec("0.4"))
        #expect(withWindow.status == .atRisk)  // 0.3 < 0.4
        // Without any start, elapsed is unknown and the outcome is on track until due.
        let withoutWindow = OutcomeProgress(outcome, asOf: day("2026-02-10"))
        #expect(withoutWindow.elapsed == nil)
        #expect(withoutWindow.status == .onTrack)
    }

    @Test("committed_on wins over windowStart")
    func committedOnWins() {
        // committed 2026-02-01, due 2026-04-11 (69 days), as_of 2026-02-10 (9 days) → 9/69 ≈ 0.13
        let outcome = Outcome(
            name: "x", target: 100, actual: 30, committedOn: day("2026-02-01"), due: day("2026-04-11"))
        let progress = OutcomeProgress(outcome, asOf: day("2026-02-10"), windowStart: day("2026-01-01"))
        #expect(progress.elapsed == Decimal(9) / Decimal(69))
        #expect(progress.status == .onTrack)  // 0.3 ≥ 0.13
    }

    @Test("without a due date an outcome is never missed")
    func noDueDate() {
        let outcome = Outcome(name: "x", target: 100, actual: 50, committedOn: day("2020-01-01"))
        let progress = OutcomeProgress(outcome, asOf: day("2030-01-01"))
        #expect(progress.elapsed == nil)
        #expect(progress.status != .missed)
        #expect(progress.status == .onTrack)
        // Even with nothing measured.
        let empty = OutcomeProgress(Outcome(name: "y", target: 100), asOf: day("2030-01-01"))
        #expect(empty.status == .onTrack)
    }

    @Test("due date without a start: elapsed 1 once due, unknown before")
    func dueWithoutStart() {
        let outcome = Outcome(name: "x", target: 100, actual: 50, due: day("2026-03-31"))
        #expect(OutcomeProgress(outcome, asOf: day("2026-03-01")).elapsed == nil)
        #expect(OutcomeProgress(outcome, asOf: day("2026-03-31")).elapsed == 1)
        #expect(OutcomeProgress(outcome, asOf: day("2026-04-01")).status == .missed)
    }

    @Test("missing actual past due is missed")
    func missingActualPastDue() {
        let outcome = Outcome(name: "x", target: 100, committedOn: day("2026-01-01"), due: day("2026-03-31"))
        #expect(OutcomeProgress(outcome, asOf: day("2026-04-15")).status == .missed)
    }

    @Test("decrease outcome status from attainment")
    func decreaseStatus() {
        // baseline 45 → 20, actual 35: (35 − 45) ÷ (20 − 45) = −10 ÷ −25 = 0.4
        // window 2026-01-01 → 2026-04-11 (100 days), as_of day 50 → elapsed 0.5 → at risk
        let outcome = Outcome(
            name: "x", baseline: 45, target: 20, actual: 35, direction: .decrease, committedOn: day("2026-01-01"),
            due: day("2026-04-11"))
        let progress = OutcomeProgress(outcome, asOf: day("2026-01-01").adding(days: 50))
        #expect(progress.attainment == dec("0.4"))
        #expect(progress.elapsed == dec("0.5"))
        #expect(progress.status == .atRisk)
    }
}

/// Issue 14: a target equal to its baseline commits to no change; short of it, the outcome is at risk (missed
/// once due), never on track.
@Suite struct TargetEqualToBaselineTests {
    @Test func isAtRiskNotOnTrack() {
        let asOf = Day(year: 2026, month: 10, day: 15)!
        let flat = Outcome(name: "Flat", baseline: 10, target: 10, actual: 8, due: Day(year: 2026, month: 12, day: 31))
        #expect(OutcomeProgress(flat, asOf: asOf).status == .atRisk)
        #expect(OutcomeProgress(flat, asOf: asOf).attainment == nil)
        var reached = flat
        reached.actual = 10
        #expect(OutcomeProgress(reached, asOf: asOf).status == .achieved)
        var late = flat
        late.due = Day(year: 2026, month: 9, day: 30)
        #expect(OutcomeProgress(late, asOf: asOf).status == .missed)
    }
}
