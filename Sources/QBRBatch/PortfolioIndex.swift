import Foundation
import QBRCore
import QBRRender

/// `qbr index`: one portfolio overview from the manifests of several shards' runs, so a book split across
/// machines gets one `index.md` with every account linked.
public enum PortfolioIndex {
    /// Reads `folders`' manifests and writes `index.md` (and `index.html`) into `out`; returns the number of
    /// accounts. Document links are relative to `out` when a shard's folder is inside it, absolute otherwise.
    public static func build(
        folders: [String], out: String, renderer: DocumentRenderer, formats: Set<OutputFormat>
    ) throws -> Int {
        var overview: PortfolioOverview?
        let list = try AccountList()
        var rows: [PortfolioOverview.Row] = []
        var failures = 0
        var accounts = 0
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent("manifest.json")
            guard let data = FileManager.default.contents(atPath: path),
                let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let asOfText = root["as_of"] as? String, let asOf = Day(iso: asOfText)
            else {
                throw IndexError(message: "\(path): not a qbr batch manifest")
            }
            if let current = overview, current.asOf != asOf {
                throw IndexError(message: "\(path): as_of \(asOf) differs from \(current.asOf) of the other shards")
            }
            var merged = overview ?? PortfolioOverview(asOf: asOf, keepsRows: false)
            let shardURL = URL(fileURLWithPath: folder).standardizedFileURL
            let prefix =
                shardURL.path.hasPrefix(outURL.path + "/")
                ? String(shardURL.path.dropFirst(outURL.path.count + 1)) + "/"
                : (shardURL.path == outURL.path ? "" : shardURL.path + "/")
            for account in root["accounts"] as? [[String: Any]] ?? [] {
                guard let object = account["overview"],
                    let json = try? JSONSerialization.data(withJSONObject: object),
                    var entry = try? JSONDecoder().decode(PortfolioOverview.Entry.self, from: json)
                else {
                    throw IndexError(message: "\(path): account \(account["id"] ?? "?") has no overview entry (rerun qbr batch)")
                }
                entry.documents = entry.documents.map { .init(document: $0.document, path: prefix + $0.path) }
                merged.add(entry)
                rows.append(PortfolioOverview.Row(entry))
                if rows.count >= 1_000 {
                    try list.add(rows)
                    rows.removeAll(keepingCapacity: true)
                }
                accounts += 1
            }
            failures += (root["failures"] as? [Any])?.count ?? 0
            overview = merged
        }
        guard let overview else { throw IndexError(message: "no folders given") }
        try list.add(rows)
        _ = try OverviewFiles.write(
            overview: overview, accounts: list, failures: failures, change: nil, renderer: renderer, formats: formats,
            out: out)
        return accounts
    }

    /// A manifest that cannot be merged.
    public struct IndexError: Error, CustomStringConvertible {
        /// What is wrong, with the file.
        public let message: String
        /// The message.
        public var description: String { message }
    }
}
