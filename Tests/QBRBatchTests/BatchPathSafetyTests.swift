import Foundation
import QBRCore
import QBRRender
import Testing

@testable import QBRBatch

/// Issue 7, paths: the folders `qbr batch` derives from account ids stay inside the output folder and never
/// collide silently — not for `a/b` and `a_b`, not for `../../etc/passwd`, an absolute path, a Windows device
/// name or two 500-character ids that share their first 100 characters.
@Suite struct BatchPathSafetyTests {
    let base = BatchRunTests()

    static let hostileIDs = [
        "a/b", "a_b", "A_B", "a b", "a\\b", "../../etc/passwd", "/etc/passwd", "..", ".", "./a_b", "CON", "con.txt",
        "nul", "trailing.", String(repeating: "x", count: 500), String(repeating: "x", count: 499) + "y",
        String(repeating: "../", count: 100) + "deep",
    ]

    /// A JSON portfolio of accounts with `ids`, each red and renewing soon, so each gets checklists too.
    func portfolio(_ ids: [String], in dir: URL) throws -> URL {
        let accounts = ids.enumerated().map { index, id -> [String: Any] in
            [
                "account": [
                    "id": id, "name": "Account \(index)", "tier": 2,
                    "contract": ["arr": 1000 + index, "renewal": "2026-12-01"],
                ],
                "health": ["score": 40],
            ]
        }
        let source = dir.appendingPathComponent("portfolio.json")
        try JSONSerialization.data(withJSONObject: accounts).write(to: source)
        return source
    }

    func manifest(_ out: URL) throws -> [[String: Any]] {
        let root = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("\(BatchRunTests.month)/manifest.json")))
        return (root as? [String: Any])?["accounts"] as? [[String: Any]] ?? []
    }

    func files(of entry: [String: Any]) -> [(path: String, hash: String)] {
        (entry["files"] as? [[String: Any]] ?? []).compactMap { file in
            guard let path = file["path"] as? String, let hash = file["fnv1a64"] as? String else { return nil }
            return (path, hash)
        }
    }

    @Test func hostileAndCollidingIdsGetDistinctFoldersInsideTheOutputFolder() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try portfolio(Self.hostileIDs, in: dir)
        let out = dir.appendingPathComponent("out")
        let report = try base.run(source.path, out: out)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.accounts == Self.hostileIDs.count)

        let entries = try manifest(out)
        #expect(Set(entries.compactMap { $0["id"] as? String }) == Set(Self.hostileIDs))
        var folders: [String: String] = [:]
        let accounts = out.appendingPathComponent("\(BatchRunTests.month)/accounts").standardizedFileURL.path + "/"
        var listed = Set<String>()
        for entry in entries {
            let id = entry["id"] as? String ?? "?"
            let files = files(of: entry)
            #expect(files.contains { $0.path.hasSuffix("/summary.md") }, "\(id)")
            #expect(files.contains { $0.path.hasSuffix("/playbook-churn-risk.md") }, "\(id)")
            let owned = Set(files.map { ($0.path as NSString).pathComponents.dropFirst().first ?? "" })
            #expect(owned.count == 1, "\(id): files in \(owned)")
            for folder in owned {
                // Distinct, also where case is ignored (macOS, Windows).
                #expect(
                    folders[folder.lowercased()] == nil,
                    "\(id) and \(folders[folder.lowercased()] ?? "") share \(folder)")
                folders[folder.lowercased()] = id
                #expect(folder.count <= FileName.maxLength + 4, "\(folder)")
                #expect(!FileName.isReservedOnWindows(folder), "\(folder)")
            }
            for file in files {
                let url = out.appendingPathComponent("\(BatchRunTests.month)/\(file.path)").standardizedFileURL
                #expect(url.path.hasPrefix(accounts), "\(id): \(file.path) is outside \(accounts)")
                let contents = try String(contentsOf: url, encoding: .utf8)
                #expect(BatchRun.hash(contents) == file.hash, "\(file.path)")
                listed.insert(url.path)
            }
        }
        #expect(folders.count == Self.hostileIDs.count)

        // Nothing else was written: under the output folder only the listed files, the overview, the manifest,
        // the pointer to the latest month and the history; beside it only the source.
        let written =
            FileManager.default.enumerator(at: out, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map { $0.standardizedFileURL.path } ?? []
        let extra = written.filter { path in
            !listed.contains(path)
                && !["index.md", "index.html", "manifest.json"].contains((path as NSString).lastPathComponent)
                && !(path as NSString).lastPathComponent.hasPrefix("history.sqlite")
        }
        #expect(extra.isEmpty, "\(extra)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out", "portfolio.json"])
    }

    @Test func aRerunKeepsEveryAccountInItsFolder() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try portfolio(Self.hostileIDs, in: dir)
        let out = dir.appendingPathComponent("out")
        _ = try base.run(source.path, out: out)
        func folders() throws -> [String: Set<String>] {
            var result: [String: Set<String>] = [:]
            for entry in try manifest(out) {
                result[entry["id"] as? String ?? "?"] = Set(files(of: entry).map { $0.path })
            }
            return result
        }
        let first = try folders()
        let unchanged = try base.run(source.path, out: out)
        #expect(unchanged.unchanged == Self.hostileIDs.count)
        #expect(try folders() == first)
        let forced = try BatchRun(
            renderer: try base.renderer(),
            options: .init(out: out.path, asOf: BatchRunTests.asOf, jobs: 2, formats: [.markdown, .html], force: true)
        ).run(source: source.path)
        #expect(forced.unchanged == 0)
        #expect(try folders() == first)
    }

    /// Two ids that make the same folder name: what a person wrote in one account's checklist (ticks, notes)
    /// stays with that account and never shows up in the other's.
    @Test func checklistsOfCollidingIdsKeepToTheirOwnAccount() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try portfolio(["a/b", "a_b"], in: dir)
        let out = dir.appendingPathComponent("out")
        _ = try base.run(source.path, out: out)
        var folder: [String: String] = [:]
        for entry in try manifest(out) {
            folder[entry["id"] as? String ?? "?"] = files(of: entry).first.map {
                ($0.path as NSString).pathComponents.dropFirst().first ?? ""
            }
        }
        let first = try #require(folder["a/b"])
        let second = try #require(folder["a_b"])
        #expect(first != second)
        // A person adds a note to the first account's churn-risk checklist.
        let checklist = out.appendingPathComponent("\(BatchRunTests.month)/accounts/\(first)/playbook-churn-risk.md")
        let text = try String(contentsOf: checklist, encoding: .utf8)
        try (text + "\nNOTE-ONLY-FOR-\(first)\n").write(to: checklist, atomically: true, encoding: .utf8)

        let forced = try BatchRun(
            renderer: try base.renderer(),
            options: .init(out: out.path, asOf: BatchRunTests.asOf, jobs: 2, formats: [.markdown, .html], force: true)
        ).run(source: source.path)
        #expect(forced.accounts == 2)
        let mine = try String(contentsOf: checklist, encoding: .utf8)
        let theirs = try String(
            contentsOf: out.appendingPathComponent("\(BatchRunTests.month)/accounts/\(second)/playbook-churn-risk.md"), encoding: .utf8)
        #expect(mine.contains("NOTE-ONLY-FOR-\(first)"))
        #expect(!theirs.contains("NOTE-ONLY-FOR-\(first)"), "account a_b's checklist carries account a/b's notes")

        // Next month, with the rows the other way round: each account keeps last month's folder, so the note
        // carried into the new month's checklist is still its own.
        let reversed = try portfolio(["a_b", "a/b"], in: dir)
        _ = try BatchRun(
            renderer: try base.renderer(),
            options: .init(out: out.path, asOf: Day(year: 2026, month: 11, day: 15) ?? BatchRunTests.asOf, jobs: 2, formats: [.markdown])
        ).run(source: reversed.path)
        let november = out.appendingPathComponent("2026-11/accounts")
        #expect(try String(contentsOf: november.appendingPathComponent("\(first)/playbook-churn-risk.md"), encoding: .utf8)
            .contains("NOTE-ONLY-FOR-\(first)"))
        #expect(try !String(contentsOf: november.appendingPathComponent("\(second)/playbook-churn-risk.md"), encoding: .utf8)
            .contains("NOTE-ONLY-FOR-\(first)"))
    }
}
