import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRBatch

/// Issue 12: a failure names the account by id and name as the record spells them, also when the account never
/// had a good run to take the name from.
@Suite struct FailedRecordNameTests {
    let base = BatchRunTests()

    @Test func aRowAndAListItemCarryTheirNameBeforeValidation() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("p.csv")
        try "account.id,account.name,account.contract.arr\nA-1, Acme Corp ,lots\nA-2,,5\n".write(to: csv, atomically: true, encoding: .utf8)
        var rows: [PortfolioRecord] = []
        _ = try PortfolioSource.forEach(csv.path) { rows.append($0) }
        #expect(rows.map(\.name) == ["Acme Corp", nil])
        let json = dir.appendingPathComponent("p.json")
        try #"[{"account": {"id": "J-1", "name": "Jolly Ltd", "tier": 9}}, {"account": {"id": "J-2", "name": null}}]"#
            .write(to: json, atomically: true, encoding: .utf8)
        var items: [PortfolioRecord] = []
        _ = try PortfolioSource.forEach(json.path) { items.append($0) }
        #expect(items.map(\.name) == ["Jolly Ltd", nil])
    }

    @Test func aFirstRunFailureIsNamedInStderrTheManifestAndTheOverview() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.csv")
        try "account.id,account.name,account.contract.arr,health.score\nA-1,Acme Corp,lots,40\nB-1,Beta,5000,80\n"
            .write(to: source, atomically: true, encoding: .utf8)
        let report = try base.run(source.path, out: dir.appendingPathComponent("out"))
        #expect(report.accounts == 1)
        let failure = try #require(report.failures.first)
        #expect(failure.id == "A-1" && failure.name == "Acme Corp")
        #expect(failure.diagnostics.first?.description.hasSuffix("[account A-1, Acme Corp]") == true)
        let month = dir.appendingPathComponent("out/\(BatchRunTests.month)")
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: month.appendingPathComponent("manifest.json"))) as? [String: Any])
        let failed = try #require((root["failures"] as? [[String: Any]])?.first)
        #expect(failed["id"] as? String == "A-1" && failed["name"] as? String == "Acme Corp")
        #expect(failed["rendered_before"] == nil)
        let index = try String(contentsOf: month.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(index.contains("| A-1 | Acme Corp | \(source.path) row 2 |"))
    }
}
