import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRBatch

/// Issue 14: the review's own sections come in from a CSV export like every field — flat columns for `support`
/// and `last_review.date`, JSON cells for the lists — and a mistake in one is reported with its row and path.
@Suite struct MeetingSectionsCSVTests {
    @Test func newSectionsReadFromColumnsAndJSONCells() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-meeting-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("export.csv")
        try """
            account.id,account.name,support.csat,support.tickets_opened,last_review.date,stakeholders,narrative.asks,roadmap
            C-1,Csv Co,0.9,12,2026-07-01,"[{""name"": ""Ann"", ""attending"": true}]","[""Plain"", {""text"": ""Owned"", ""owner"": ""csm""}]","[{""title"": ""X"", ""quarter"": ""Q1 2027""}]"
            C-2,Bad Co,90,1,,,,

            """.write(to: csv, atomically: true, encoding: .utf8)
        var accounts: [Account] = []
        var errors: [Diagnostic] = []
        try PortfolioSource.forEach(csv.path) {
            switch $0.result {
            case .success(let loaded): accounts.append(loaded.account)
            case .failure(let error): errors += error.diagnostics
            }
        }
        let account = try #require(accounts.first)
        #expect(accounts.count == 1)
        #expect(account.support == Support(ticketsOpened: 12, csat: Decimal(string: "0.9")))
        #expect(account.lastReview?.date == Day(year: 2026, month: 7, day: 1))
        #expect(account.stakeholders == [Stakeholder(name: "Ann", attending: true)])
        #expect(account.narrative?.asks == [Ask(text: "Plain"), Ask(text: "Owned", owner: "csm")])
        #expect(account.roadmap == [RoadmapItem(title: "X", quarter: "Q1 2027")])
        #expect(errors.map(\.path) == ["support.csat"])
        #expect(errors.first?.description.contains("row 3") == true)
    }
}
