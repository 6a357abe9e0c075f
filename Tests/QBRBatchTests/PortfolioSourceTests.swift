import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRBatch

@Suite struct PortfolioSourceTests {
    static let asOf = Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0)

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func sample(_ count: Int, _ format: SamplePortfolio.Format, in folder: URL) throws -> String {
        var text = ""
        SamplePortfolio(count: count, seed: 5, asOf: Self.asOf).write(format) { text += $0 }
        let file = folder.appendingPathComponent("portfolio.\(format.rawValue)")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func records(_ path: String) throws -> [PortfolioRecord] {
        var result: [PortfolioRecord] = []
        try PortfolioSource.forEach(path) { result.append($0) }
        return result
    }

    @Test(arguments: [SamplePortfolio.Format.json, .yaml, .csv])
    func everyFormatGivesTheSameAccounts(format: SamplePortfolio.Format) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try records(try sample(40, format, in: dir))
        #expect(read.count == 40)
        let accounts = read.compactMap { try? $0.result.get().account }
        #expect(accounts.count == 40)
        let reference = try records(try sample(40, .json, in: dir)).compactMap { try? $0.result.get().account }
        #expect(accounts.map(\.profile.id) == reference.map(\.profile.id))
        #expect(accounts.map(\.outcomes.count) == reference.map(\.outcomes.count))
        #expect(accounts.map { $0.revenue?.startingARR } == reference.map { $0.revenue?.startingARR })
    }

    @Test func aBadRecordIsReportedWithItsRowAndTheRestAreRead() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("export.csv")
        try """
            Account.ID,account.name,account.contract.arr,health.score,favourite_colour
            A-1,Alpha,1000,80,blue
            A-2,Beta,lots,80,
            ,Gamma,10,,
            A-4,"Delta, Inc.",5000,120,
            A-5,Epsilon,7000,50,
            """.write(to: csv, atomically: true, encoding: .utf8)
        var warnings: [Diagnostic] = []
        var read: [PortfolioRecord] = []
        try PortfolioSource.forEach(csv.path, warning: { warnings.append($0) }) { read.append($0) }
        #expect(warnings.map(\.description) == ["\(csv.path):1:5: warning: unknown column \"favourite_colour\" is ignored"])
        #expect(read.map(\.location) == (2...6).map { "\(csv.path) row \($0)" })
        let failures = read.compactMap { record -> String? in
            guard case .failure(let error) = record.result else { return nil }
            return error.diagnostics.first.map { "\($0.file ?? ""): \($0.path ?? ""): \($0.message)" }
        }
        #expect(failures == [
            "\(csv.path) row 3: account.contract.arr: expected a number, found \"lots\"",
            "\(csv.path) row 4: account.id: is required but missing",
            "\(csv.path) row 5: health.score: 120 is out of range: expected 0 to 100",
        ])
        #expect(read.compactMap { try? $0.result.get().account.profile.name } == ["Alpha", "Epsilon"])
    }

    @Test func aFolderAndAListFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "account: {id: B, name: Bee}".write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        try "{\"account\": {\"id\": \"A\", \"name\": \"Ay\"}}".write(to: dir.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try "not an account".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(try records(dir.path).compactMap { try? $0.result.get().account.profile.id } == ["A", "B"])
        let list = dir.appendingPathComponent("list.yaml")
        try "- account: {id: X, name: Ex}\n- account: {name: No id}\n".write(to: list, atomically: true, encoding: .utf8)
        let read = try records(list.path)
        #expect(read.map(\.location) == ["\(list.path)[0]", "\(list.path)[1]"])
        if case .failure(let error) = read[1].result {
            #expect(error.diagnostics.first?.line == 2)
        } else {
            Issue.record("the record without an id loaded")
        }
        #expect(throws: (any Error).self) { try records("/nonexistent/portfolio.csv") }
    }
}

@Suite struct PortfolioCountTests {
    @Test func theProgressTotalIsCheapForFoldersAndCSV() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-count-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "a,b\n1,2\n3,4\n".write(to: dir.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8)
        try "account: {id: A, name: B}".write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        #expect(PortfolioSource.estimatedCount(dir.appendingPathComponent("x.csv").path) == 2)
        #expect(PortfolioSource.estimatedCount(dir.path) == 1)
        #expect(PortfolioSource.estimatedCount(dir.appendingPathComponent("a.yaml").path) == nil)
    }
}

@Suite struct SQLiteSourceTests {
    @Test func aTableOrAQueryWithDottedColumns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("crm.sqlite").path
        // Built with Python's sqlite3, as an export from another system would be.
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute('CREATE TABLE accounts ("account.id" TEXT, "account.name" TEXT, "account.contract.arr" REAL, "health.score" INTEGER, "usage.monthly_active_users" TEXT, "crm_owner" TEXT)')
            db.executemany('INSERT INTO accounts VALUES (?,?,?,?,?,?)', [
                ('A-1', 'Alpha', 120000.5, 80, '[10, 12]', 'x'),
                ('A-2', 'Beta', None, 140, None, 'y'),
                ('A-3', 'Gamma', 5000, None, None, 'z')])
            db.commit()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        var warnings: [String] = []
        var records: [PortfolioRecord] = []
        try PortfolioSource.forEach(path, warning: { warnings.append($0.message) }) { records.append($0) }
        #expect(warnings == [#"unknown column "crm_owner" is ignored"#])
        #expect(records.map(\.location) == ["\(path) row 1", "\(path) row 2", "\(path) row 3"])
        let alpha = try records[0].result.get().account
        #expect(alpha.profile.contract?.arr == Decimal(string: "120000.5"))
        #expect(alpha.usage?.monthlyActiveUsers == [10, 12])
        if case .failure(let error) = records[1].result {
            #expect(error.diagnostics.first?.path == "health.score")
        } else {
            Issue.record("a health score of 140 loaded")
        }
        var queried: [String] = []
        try PortfolioSource.forEach(path, query: "SELECT * FROM accounts WHERE \"account.contract.arr\" > 1000 ORDER BY \"account.id\" DESC") {
            queried.append((try? $0.result.get().account.profile.id) ?? "failed")
        }
        #expect(queried == ["A-3", "A-1"])
        #expect(throws: AccountLoadError.self) {
            try PortfolioSource.forEach(path, query: "SELECT * FROM nowhere") { _ in }
        }
    }
}
