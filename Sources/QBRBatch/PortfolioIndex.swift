import Foundation
import QBRCore
import QBRRender

/// `qbr index`: one portfolio overview from the manifests of several shards' runs, so a book split across
/// machines gets one `index.md` with every account linked, and one merged `manifest.json`.
///
/// Merging is refused (``IndexError``, exit 65) when an account id appears in two runs, when the same run is
/// given twice (the same folder, or two copies of one manifest), or when the runs are of different dates:
/// every one of these would count accounts twice or mix months.
///
/// Each folder given is a shard's `--out`, whose month folders hold its runs: the index merges `month` of each
/// (by default each one's latest month, which must then be the same month). A folder holding a manifest itself
/// — a month's folder, or a folder qbr 0.1.0 wrote — is merged as it is. Like `qbr batch`, the merged month goes
/// to its own folder, `OUT/2026-11/`, with `OUT/index.md` pointing at the latest.
public enum PortfolioIndex {
    /// What a merge wrote.
    public struct Merged: Sendable {
        /// Accounts in the merged overview.
        public let accounts: Int
        /// The month's folder it went to (`OUT/2026-11`).
        public let folder: String
    }

    /// Reads `folders`' manifests of `month` (default: each folder's latest) and writes `index.md` (and
    /// `index.html`) and `manifest.json` into the month's folder of `top`, and the pointer to the latest month
    /// into `top`. Document links are relative to the month's folder, wherever the shards are.
    public static func build(
        folders given: [String], out top: String, renderer: DocumentRenderer, formats: Set<OutputFormat>,
        month wanted: String? = nil
    ) throws -> Merged {
        guard !given.isEmpty else { throw IndexError(message: "no folders given") }
        let folders = try given.map { try runFolder($0, month: wanted) }
        // The merged month's folder; a run of another month is refused below.
        guard let first = folders.first,
            let month = MonthFolders.asOfMonth(manifest: (first as NSString).appendingPathComponent("manifest.json"))
        else { throw IndexError(message: "\(given[0]): not a qbr batch manifest") }
        let out = (top as NSString).appendingPathComponent(month)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let list = try AccountList()
        var overview: PortfolioOverview?
        var tally = MonthTally(settings: renderer.config.settings)
        var rows: [PortfolioOverview.Row] = []
        var owner: [String: String] = [:]
        var failures: [PortfolioOverview.Failure] = []
        var failureLines: [String] = []
        var failedIDs = Set<String>()
        var seenFolders: [String: String] = [:]
        var seenManifests: [String: String] = [:]
        var histories: [String: HistoryStore] = [:]
        var runs: [String] = []
        let manifest = try Manifest(folder: out)
        var finished = false
        defer { if !finished { manifest.abandon() } }
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent("manifest.json")
            let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
            if let earlier = seenFolders[real] {
                throw IndexError(message: "\(folder): the same run is given twice (as \(earlier) and \(folder))")
            }
            seenFolders[real] = folder
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IndexError(message: "\(path): not a qbr batch manifest (no such file)")
            }
            let digest = BatchRun.hash(String(decoding: data, as: UTF8.self))
            if let earlier = seenManifests[digest] {
                throw IndexError(message: "\(folder): the same run is given twice (its manifest is identical to \(earlier)'s)")
            }
            seenManifests[digest] = folder
            let facts = try ManifestFacts(data: data, path: path)
            if let current = overview, current.asOf != facts.asOf {
                throw IndexError(
                    message: "\(path): as_of \(facts.asOf) differs from \(current.asOf) of the other runs"
                        + (wanted == nil ? " (give --month YYYY-MM to merge one month every folder has)" : ""))
            }
            var merged = overview ?? PortfolioOverview(asOf: facts.asOf, keepsRows: false, currencies: renderer.config.currencies)
            let prefix = relative(folder, from: out)
            let linkPrefix = prefix == "." ? "" : prefix + "/"
            for line in facts.accountLines {
                guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(line.utf8)),
                    var entry = stored.overview
                else {
                    throw IndexError(message: "\(path): an account has no overview entry (rerun qbr batch)")
                }
                if let earlier = owner[entry.id] {
                    throw IndexError(message: "account \(entry.id) is in two runs: \(earlier) and \(folder); merging would count it twice")
                }
                owner[entry.id] = folder
                entry.documents = entry.documents.map { .init(document: $0.document, path: linkPrefix + $0.path) }
                merged.add(entry)
                tally.add(entry)
                rows.append(PortfolioOverview.Row(entry))
                if rows.count >= 1_000 {
                    try list.add(rows)
                    rows.removeAll(keepingCapacity: true)
                }
                try manifest.append(relink(line, prefix: linkPrefix))
            }
            for line in facts.failureLines {
                let failure = try? JSONDecoder().decode(StoredFailure.self, from: Data(line.utf8))
                if let id = failure?.id {
                    if let earlier = owner[id] {
                        throw IndexError(message: "account \(id) is in two runs: \(earlier) and \(folder); merging would count it twice")
                    }
                    owner[id] = folder
                    failedIDs.insert(id)
                }
                failures.append(
                    PortfolioOverview.Failure(
                        id: failure?.id, name: failure?.name, location: failure?.record ?? "?",
                        error: failure?.errors.first.map(PortfolioOverview.Failure.message(of:)) ?? "",
                        arr: failure?.renderedBefore?.overview?.arr, currency: failure?.renderedBefore?.overview?.currency))
                failureLines.append(relink(line, prefix: linkPrefix))
            }
            var history = facts.history.map { $0.hasPrefix("/") ? $0 : (folder as NSString).appendingPathComponent($0) }
                ?? (folder as NSString).appendingPathComponent("history.sqlite")
            // A manifest qbr 0.1.0 wrote names the history beside it; moved into its month's folder, the history
            // stayed one folder up.
            let above = ((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("history.sqlite")
            if !FileManager.default.fileExists(atPath: history), MonthFolders.isMonth((folder as NSString).lastPathComponent),
                FileManager.default.fileExists(atPath: above)
            {
                history = above
            }
            let key = URL(fileURLWithPath: history).resolvingSymlinksInPath().standardizedFileURL.path
            if histories[key] == nil, FileManager.default.fileExists(atPath: history) {
                histories[key] = try HistoryStore(path: history)
            }
            runs.append(facts.run)
            overview = merged
        }
        guard let overview else { throw IndexError(message: "no folders given") }
        try list.add(rows)
        // The shards' histories together hold last month's record of the whole book.
        let stores = histories.keys.sorted().compactMap { histories[$0] }
        let changes = try BatchRun.changes(overview: overview, histories: stores, month: month)
        let comparison = try tally.comparison(histories: stores, month: month, failed: failedIDs)
        _ = try OverviewFiles.write(
            overview: overview, accounts: list, failed: failures, changes: changes, comparison: comparison,
            renderer: renderer, formats: formats, out: out)
        try manifest.finish(
            failureLines: failureLines, asOf: overview.asOf, shard: nil, run: BatchRun.hash(runs.joined(separator: ",")),
            mergedFrom: folders.map { relative($0, from: out) })
        finished = true
        _ = try MonthFolders.writePointer(out: top, renderer: renderer, formats: formats)
        return Merged(accounts: list.count, folder: out)
    }

    /// The run folder `folder` stands for: itself when it holds a manifest, else its month folder `month`,
    /// else its latest month folder.
    static func runFolder(_ folder: String, month: String?) throws -> String {
        let manager = FileManager.default
        if manager.fileExists(atPath: (folder as NSString).appendingPathComponent("manifest.json")) { return folder }
        if let month {
            let path = (folder as NSString).appendingPathComponent(month)
            guard manager.fileExists(atPath: (path as NSString).appendingPathComponent("manifest.json")) else {
                let months = MonthFolders.months(in: folder)
                throw IndexError(
                    message: "\(folder): no finished run of \(month)"
                        + (months.isEmpty ? " (no month folder with a manifest.json)" : " (it has \(months.joined(separator: ", ")))"))
            }
            return path
        }
        guard let latest = MonthFolders.latest(in: folder) else {
            throw IndexError(message: "\(folder): not a qbr batch output folder (no manifest.json, no month folder with one)")
        }
        return (folder as NSString).appendingPathComponent(latest)
    }

    /// `path` relative to the folder `base` (`../shards/s1`), `.` for the folder itself.
    public static func relative(_ path: String, from base: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let origin = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, origin.count), target[common] == origin[common] { common += 1 }
        let parts = Array(repeating: "..", count: origin.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// A manifest line with every document path made relative to the merged folder. Paths are the only
    /// values that start with `accounts/` after `"path":"`; a name holding that text has its quotes escaped.
    static func relink(_ line: String, prefix: String) -> String {
        prefix.isEmpty ? line : line.replacingOccurrences(of: "\"path\":\"accounts/", with: "\"path\":\"\(prefix)accounts/")
    }

    /// An account's line, as far as the index reads it.
    private struct Stored: Decodable {
        let overview: PortfolioOverview.Entry?
    }

    /// A failure's line.
    private struct StoredFailure: Decodable {
        let errors: [String]
        let id, name: String?
        let record: String
        let renderedBefore: Stored?

        enum CodingKeys: String, CodingKey {
            case errors, id, name, record
            case renderedBefore = "rendered_before"
        }
    }

    /// A manifest read line by line (it is written one account a line): the accounts' and failures' lines and
    /// the run's facts, without decoding the whole file at once.
    private struct ManifestFacts {
        var accountLines: [String] = []
        var failureLines: [String] = []
        var asOf: Day
        var run = ""
        var history: String?

        init(data: Data, path: String) throws {
            var asOf: Day?
            for raw in data.split(separator: 0x0A) {
                var line = String(decoding: raw, as: UTF8.self)
                if line.hasSuffix(",") { line.removeLast() }
                if line.hasPrefix("{\"files\":[") {
                    accountLines.append(line)
                } else if line.hasPrefix("{\"errors\":[") {
                    failureLines.append(line)
                } else if line.hasPrefix("\"as_of\":") {
                    asOf = Self.value(line).flatMap(Day.init(iso:))
                } else if line.hasPrefix("\"run\":") {
                    run = Self.value(line) ?? ""
                } else if line.hasPrefix("\"history\":") {
                    history = Self.value(line)
                }
            }
            guard let asOf else { throw IndexError(message: "\(path): not a qbr batch manifest") }
            self.asOf = asOf
        }

        /// The string value of a `"key":"value"` line.
        static func value(_ line: String) -> String? {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return try? JSONDecoder().decode(String.self, from: Data(line[line.index(after: colon)...].utf8))
        }
    }

    /// A manifest that cannot be merged.
    public struct IndexError: Error, CustomStringConvertible {
        /// What is wrong, with the file.
        public let message: String
        /// The message.
        public var description: String { message }
    }
}
