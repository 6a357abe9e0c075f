import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRBatch

/// The CSV reader on bytes: RFC 4180 quoting, and the limits (`InputLimits.maxCSVRowBytes`,
/// `maxCSVColumns`) that keep a file with no line break, or an unclosed quote, from becoming one huge cell.
/// The real sizes (a 200 MB export, 200 MB without a line break) are run by `scripts/check-limits.sh`.
@Suite struct CSVLimitsTests {
    func file(_ bytes: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-csv-\(UUID().uuidString).csv")
        try bytes.write(to: url)
        return url
    }

    func rows(_ text: String, limit: Int = InputLimits.maxCSVRowBytes) throws -> [CSVRows.Row] {
        let url = try file(Data(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try #require(CSVRows(path: url.path, limit: limit))
        var rows: [CSVRows.Row] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    /// Every record of a portfolio file: its location and either its id or its first problem.
    func records(_ bytes: Data) throws -> [(location: String, outcome: String)] {
        let url = try file(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        var seen: [(String, String)] = []
        try PortfolioSource.forEach(url.path) { record in
            let location = String(record.location.dropFirst(url.path.count))
            switch record.result {
            case .success(let loaded): seen.append((location, loaded.account.profile.id))
            case .failure(let error): seen.append((location, error.diagnostics.first.map(\.description) ?? ""))
            }
        }
        return seen.map { (location: $0.0, outcome: $0.1.replacingOccurrences(of: url.path, with: "")) }
    }

    @Test func quotingFollowsRFC4180() throws {
        let read = try rows("\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n5\" screen,,\"\"\r")
        #expect(read.map(\.cells) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["5\" screen", "", ""]])
        #expect(read.map(\.number) == [1, 2, 3])
        #expect(read.map(\.line) == [1, 2, 4])
        #expect(read.allSatisfy { $0.problem == nil })
    }

    @Test func aRowOverTheLimitIsSkippedAndReadingGoesOn() throws {
        let read = try rows("a,b\n1,\"" + String(repeating: "x", count: 100) + "\"\n2,ok\n", limit: 64)
        #expect(read.count == 3)
        #expect(read[1].cells.isEmpty && read[1].problem?.message.hasPrefix("is longer than 64 bytes") == true)
        #expect(read[2].cells == ["2", "ok"] && read[2].number == 3 && read[2].line == 3)
    }

    @Test func aFileWithNoLineBreakIsOneSkippedRowNotOneHugeCell() throws {
        // 3 MiB of garbage after the header, no line break: one row past the limit, reported and skipped.
        var bytes = Data("account.id,account.name\n".utf8)
        bytes.append(Data(repeating: UInt8(ascii: "g"), count: 3 << 20))
        let read = try records(bytes)
        #expect(read.count == 1)
        #expect(read.first?.location == " row 2")
        #expect(read.first?.outcome.hasPrefix(" row 2: error: is longer than 1 MiB (one row holds one account") == true)
    }

    @Test func anUnclosedQuoteIsReportedWhereItOpened() throws {
        let read = try records(Data("account.id,account.name\nA,Alpha\nB,\"Beta\nC,Gamma\n".utf8))
        #expect(read.map(\.location) == [" row 2", " row 3"])
        #expect(read[1].outcome == " row 3: error: account.name: has a quoted cell opened on line 3 that is never closed (a missing \"?)")
    }

    @Test func raggedRowsAndTextAfterAQuoteAreBadRows() throws {
        let read = try records(Data("account.id,account.name\nA,Alpha\nB\nC,Gamma,x\nD,\"Delta\"x\nE,Epsilon\n".utf8))
        #expect(read.map(\.outcome) == [
            "A",
            " row 3: error: has 1 cells but the header has 2 columns (a cell missing?)",
            " row 4: error: has 3 cells but the header has 2 columns (a comma inside a cell that is not quoted?)",
            " row 5: error: account.name: has text after the closing quote of a cell (a quote inside a quoted cell is written twice: \"\")",
            "E",
        ])
    }

    @Test func tooManyColumnsStopTheSource() throws {
        let header = (0...InputLimits.maxCSVColumns).map { "c\($0)" }.joined(separator: ",")
        #expect {
            _ = try records(Data((header + "\n1\n").utf8))
        } throws: { error in
            (error as? AccountLoadError)?.diagnostics.first?.message == "has 1,001 columns: a CSV export may have at most 1,000"
        }
    }

    @Test func aRowThatIsNotUTF8IsABadRowNamingItsColumn() throws {
        var bytes = Data("account.id,account.name\nA,Alpha\nB,Caf".utf8)
        bytes.append(contentsOf: [0xE9, 0x0A])
        bytes.append(Data("C,Gamma\n".utf8))
        let read = try records(bytes)
        #expect(read.map(\.outcome) == [
            "A",
            " row 3: error: account.name: is not UTF-8 text: byte 0xE9 cannot be read here (save the export as UTF-8)",
            "C",
        ])
    }

    @Test func aRepeatedIdIsReportedAndTheFirstKept() throws {
        let read = try records(Data("account.id,account.name\nA,Alpha\nB,Beta\nA,Alpha again\n".utf8))
        #expect(read.map(\.outcome).prefix(2) == ["A", "B"])
        #expect(read[2].outcome.hasPrefix(" row 4: error: account.id \"A\" is also the id of "))
    }
}
