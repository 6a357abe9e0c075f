import Foundation
import QBRCore
import Testing

@testable import QBRBatch

/// A month is recorded whole or not at all: snapshots wait in a temporary table until `commit`.
@Suite struct HistoryStoreTests {
    func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("qbr-history-\(UUID().uuidString).sqlite").path
    }

    func snapshot(_ health: Decimal) -> MonthSnapshot {
        MonthSnapshot(month: "2026-10", health: health, nrr: 1.08, arr: 240_000, monthlyActiveUsers: 90)
    }

    @Test func aRunThatNeverCommitsLeavesNoPartialMonth() throws {
        let file = path()
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            let killed = try HistoryStore(path: file)
            try killed.record([("A", snapshot(70)), ("B", snapshot(50))])
        }  // the connection closes as a killed process's would, without commit
        let next = try HistoryStore(path: file)
        #expect(try next.count(month: "2026-10") == 0)
        // The next run commits only its own rows.
        try next.record([("A", snapshot(71))])
        try next.commit(month: "2026-10", nrr: 1.1, grr: 0.9, accounts: 1)
        #expect(try next.count(month: "2026-10") == 1)
        #expect(try next.previous(before: "2026-11", ids: ["A"])["A"]?.health == 71)
        #expect(try next.previousPortfolio(before: "2026-11")?.nrr == 1.1)
    }

    @Test func twoStoresOnOneFileStageApart() throws {
        // Two shards sharing one history file: each commits its own accounts, neither sees the other's staging.
        let file = path()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let first = try HistoryStore(path: file)
        let second = try HistoryStore(path: file)
        try first.record([("A", snapshot(70))])
        try second.record([("B", snapshot(50))])
        try first.commit(month: "2026-10", nrr: nil, grr: nil, accounts: 1)
        #expect(try first.count(month: "2026-10") == 1)
        try second.commit(month: "2026-10", nrr: nil, grr: nil, accounts: 1)
        #expect(try first.count(month: "2026-10") == 2)
    }
}
