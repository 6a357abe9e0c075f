import Foundation
import QBRCore
import QBRRender
import Testing

@testable import QBRBatch

/// Issue 12: an overdue renewal is a state, not an absence.
@Suite struct OverdueRenewalTests {
    let base = BatchRunTests()

    @Test func theDayAfterTheRenewalDateTheChecklistStaysAndTheOverviewListsItFirst() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        // The run is on 15 Oct 2026: O's renewal was yesterday, S's is in 30 days.
        try """
            - account: {id: O, name: Overdue Co, tier: 2, csm: Sam, contract: {arr: 120000, renewal: 2026-10-14}}
              health: {score: 55}
            - account: {id: S, name: Soon Co, tier: 2, contract: {arr: 80000, renewal: 2026-11-14}}
              health: {score: 85}
            """.write(to: source, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out/\(BatchRunTests.month)")
        _ = try base.run(source.path, out: dir.appendingPathComponent("out"))
        let checklist = try String(contentsOf: out.appendingPathComponent("accounts/O/playbook-renewal.md"), encoding: .utf8)
        #expect(checklist.contains("renewal overdue by 1 day (2026-10-14)"))
        // Every renewal-dated step is due now (the run date), none in the past.
        #expect(checklist.contains("15 Oct 2026"))
        #expect(!checklist.contains("15 Aug 2026") && !checklist.contains("16 Apr 2026"))
        // The customer never reads "past due"; the CSM's prep deck does.
        let customer = try String(contentsOf: out.appendingPathComponent("accounts/O/qbr.md"), encoding: .utf8)
        let prep = try String(contentsOf: out.appendingPathComponent("accounts/O/qbr.internal.md"), encoding: .utf8)
        #expect(!customer.contains("past due") && customer.contains("renewal in progress"))
        #expect(prep.contains("yesterday (past due)"))
        // The overview: overdue renewals first, with ARR, health and whether the renewal playbook runs.
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        let overdue = try #require(index.range(of: "| 2026-10-14 (**overdue by 1 day**) | Overdue Co | $120,000 | 55 yellow | yes |"))
        let soon = try #require(index.range(of: "| 2026-11-14 | Soon Co | $80,000 | 85 green | yes |"))
        #expect(overdue.lowerBound < soon.lowerBound)
        #expect(index.contains("| 1 ($120,000) | 1 ($80,000) | 1 ($80,000) |"))
    }
}
