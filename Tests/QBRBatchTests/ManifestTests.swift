import Foundation
import QBRCore
import Testing

@testable import QBRBatch

/// `manifest.json` written a line per account, and read back by a re-run without parsing the whole file.
@Suite struct ManifestTests {
    func entry(_ id: String, input: String = "i1") -> ManifestEntry {
        ManifestEntry(
            id: id, name: "Name \"\(id)\"", input: input,
            files: [.init(document: "qbr", path: "accounts/\(folder(id))/qbr.md", fnv1a64: "00ff")], overview: nil,
            snapshot: MonthSnapshot(month: "2026-10", health: 61.5, nrr: 1.08, arr: 240_000, monthlyActiveUsers: 12))
    }

    func folder(_ id: String) -> String { id.replacingOccurrences(of: "/", with: "_") }

    @Test func aWrittenManifestIsJSONAndReadsBack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try Manifest(folder: dir.path)
        let ids = ["A", "B/é \"q\" \\ \n", "C"]
        for id in ids { try manifest.append(entry(id).json()) }
        try manifest.finish(
            failures: [
                BatchRun.Failure(
                    location: "p.csv row 3", diagnostics: [Diagnostic(.error, "bad \"value\"", file: "p.csv")], id: nil,
                    name: nil, lastGood: nil)
            ],
            asOf: Day(year: 2026, month: 10, day: 15)!, shard: (2, 3), run: "run1")
        let data = try Data(contentsOf: dir.appendingPathComponent("manifest.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((root["accounts"] as? [[String: Any]])?.map { $0["id"] as? String } == ids)
        #expect(root["run"] as? String == "run1")
        #expect((root["shard"] as? [String: Int]) == ["k": 2, "n": 3])
        #expect(((root["failures"] as? [[String: Any]])?.first?["record"] as? String) == "p.csv row 3")

        let previous = try #require(PreviousRun(folder: dir.path))
        #expect(previous.run == "run1")
        for id in ids {
            let read = try #require(previous.entry(id: id, input: "i1"))
            #expect(read.id == id && read.name == "Name \"\(id)\"")
            #expect(read.files.map(\.path) == ["accounts/\(folder(id))/qbr.md"])
            #expect(read.snapshot == entry(id).snapshot)
            #expect(read.json() == entry(id).json())
            #expect(read.line == entry(id).json())  // a re-run writes the line back as it was
        }
        #expect(previous.entry(id: "A", input: "other") == nil)
        #expect(previous.folder(of: "A") == "A")
    }

    @Test func noManifestOrAForeignOneIsNoPreviousRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(PreviousRun(folder: dir.path) == nil)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "{\"accounts\": []}".write(to: dir.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        #expect(PreviousRun(folder: dir.path) == nil)
    }
}

@Suite struct ManifestScanTests {
    @Test func stringAfterAMarker() {
        let line = Array(#""run":"run1""#.utf8)[...]
        #expect(PreviousRun.string(after: "\"run\":\"", in: line) == "run1")
        #expect(PreviousRun.string(after: "\"id\":\"", in: Array(#"{"id":"a\"b","x":1}"#.utf8)[...]) == "a\"b")
    }

    /// The manifest's `fnv1a64` is the standard FNV-1a 64-bit hash (published test vectors), for text and for
    /// binary files alike, so anyone can check a file against it.
    @Test func fileHashesAreStandardFNV1a64() {
        #expect(BatchRun.hash("") == "cbf29ce484222325")
        #expect(BatchRun.hash("a") == "af63dc4c8601ec8c")
        #expect(BatchRun.hash("foobar") == "85944171f73967e8")
        #expect(BatchRun.hash(bytes: Array("foobar".utf8)) == "85944171f73967e8")
        let large = String(repeating: "| Acme | 🟢 |\n", count: 5_000)
        #expect(BatchRun.hash(large) == BatchRun.hash(bytes: Array(large.utf8)))
    }
}
