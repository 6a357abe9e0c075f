import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRBatch

/// A source that holds no record is an error of its own kind (`.empty`, exit 66 in `qbr batch`), told apart
/// from bad data by its kind, never by its message.
@Suite struct EmptySourceTests {
    let base = BatchRunTests()

    func kind(_ path: String, query: String? = nil) -> AccountLoadError.Kind? {
        do {
            _ = try PortfolioSource.forEach(path, query: query) { _ in }
            return nil
        } catch {
            return error.kind
        }
    }

    func sqlite(_ path: String, rows: Int) throws {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute('CREATE TABLE accounts ("account.id" TEXT, "account.name" TEXT)')
            db.executemany('INSERT INTO accounts VALUES (?,?)', [('A-%d' % i, 'Name %d' % i) for i in range(int(sys.argv[2]))])
            db.commit()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path, "\(rows)"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func everyKindOfEmptySourceSaysSoByItsKind() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        #expect(kind(try file("empty.yaml", "[]\n")) == .empty)
        #expect(kind(try file("null.yaml", "# nothing\n")) == .empty)
        #expect(kind(try file("header.csv", "account.id,account.name\n")) == .empty)
        let folder = dir.appendingPathComponent("no-accounts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(kind(folder.path) == .empty)
        let database = dir.appendingPathComponent("crm.sqlite").path
        try sqlite(database, rows: 0)
        #expect(kind(database) == .empty)
        #expect(kind(database, query: "SELECT * FROM accounts WHERE 0") == .empty)
        // Not empty: a missing file, a list of something else, a table with rows.
        #expect(kind(dir.appendingPathComponent("missing.csv").path) == .unreadable)
        #expect(kind(try file("scalar.yaml", "42\n")) != .empty)
        let full = dir.appendingPathComponent("full.sqlite").path
        try sqlite(full, rows: 2)
        #expect(kind(full) == nil)
    }

    @Test func aBatchOfAnEmptySourceRendersNothingAndIsNoInput() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("crm.sqlite").path
        try sqlite(database, rows: 0)
        let error = try #require(throws: BatchRun.NothingRendered.self) {
            try base.run(database, out: dir.appendingPathComponent("out"))
        }
        #expect(error.isEmpty && error.failures.isEmpty)
        #expect(error.description.contains("holds no accounts: the accounts table has no rows"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/\(BatchRunTests.month)").path))
    }
}
