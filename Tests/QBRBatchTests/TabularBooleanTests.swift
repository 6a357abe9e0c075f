import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRBatch

/// Issue 12: SQLite has no boolean type and spreadsheets write TRUE; boolean fields read 0/1 and true/false in any
/// case (and the CRM import's yes/no); anything else is the located error it was.
@Suite struct TabularBooleanTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-bool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func referrals(_ path: String) throws -> [String: Result<Bool?, AccountLoadError>] {
        var result: [String: Result<Bool?, AccountLoadError>] = [:]
        try PortfolioSource.forEach(path) { record in
            result[record.id ?? "?"] = record.result.map { $0.account.signals?.referral }
        }
        return result
    }

    @Test func aSQLiteIntegerColumnHolding1Or0IsABoolean() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("crm.sqlite").path
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute('CREATE TABLE accounts ("account.id" TEXT, "account.name" TEXT, "signals.referral" INTEGER)')
            db.executemany('INSERT INTO accounts VALUES (?,?,?)', [('Y', 'Yes Co', 1), ('N', 'No Co', 0), ('B', 'Bad Co', 2)])
            db.commit()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let read = try referrals(path)
        #expect(try read["Y"]?.get() == true)
        #expect(try read["N"]?.get() == false)
        guard case .failure(let error) = read["B"] else {
            Issue.record("2 read as a boolean")
            return
        }
        #expect(error.diagnostics.first?.path == "signals.referral")
        #expect(error.diagnostics.first?.file == "\(path) row 3")
    }

    @Test func aCSVReadsTrueFalseInAnyCaseAnd1And0() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.csv")
        try """
            account.id,account.name,signals.referral
            A,Upper,TRUE
            B,Mixed,False
            C,One,1
            D,Zero,0
            E,Bad,maybe

            """.write(to: path, atomically: true, encoding: .utf8)
        let read = try referrals(path.path)
        #expect(try read["A"]?.get() == true && read["B"]?.get() == false)
        #expect(try read["C"]?.get() == true && read["D"]?.get() == false)
        guard case .failure(let error) = read["E"] else {
            Issue.record("maybe read as a boolean")
            return
        }
        #expect(error.diagnostics.first?.path == "signals.referral")
        #expect(error.diagnostics.first?.description.contains("row 6") == true)
    }
}
