import Foundation
import QBRCore
import QBRRender

/// One account's files in `manifest.json`.
struct ManifestEntry {
    struct File {
        let document: String
        let path: String
        let fnv1a64: String
    }

    let id: String
    let name: String
    /// Hash of the account's input, to skip it on a re-run when nothing changed.
    let input: String
    let files: [File]
    /// What the portfolio overview keeps of the account, so `qbr index` can rebuild it from manifests.
    var overview: PortfolioOverview.Entry?
}

/// What a previous run wrote, read back from its `manifest.json`.
struct PreviousRun {
    let run: String
    let accounts: [String: ManifestEntry]

    init?(folder: String) {
        let path = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: path),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let run = root["run"] as? String, let list = root["accounts"] as? [[String: Any]]
        else { return nil }
        var accounts: [String: ManifestEntry] = [:]
        for entry in list {
            guard let id = entry["id"] as? String, let input = entry["input"] as? String,
                let files = entry["files"] as? [[String: Any]]
            else { continue }
            accounts[id] = ManifestEntry(
                id: id, name: entry["name"] as? String ?? id, input: input,
                files: files.compactMap { file in
                    guard let document = file["document"] as? String, let path = file["path"] as? String,
                        let hash = file["fnv1a64"] as? String
                    else { return nil }
                    return .init(document: document, path: path, fnv1a64: hash)
                })
        }
        self.run = run
        self.accounts = accounts
    }
}

/// `manifest.json`: every file written with its account, document and content hash, and every account that
/// failed with its errors — what a job runner checks, and what `qbr index` will merge across shards.
enum Manifest {
    static func json(
        entries: [ManifestEntry], failures: [(location: String, diagnostics: [Diagnostic])], asOf: Day,
        shard: (k: Int, n: Int)?, run: String
    ) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var root: [String: Any] = [
            "as_of": asOf.description, "run": run,
            "generator": "qbr \(QBRVersion.current)",
            "accounts": entries.sorted { $0.id < $1.id }.map { entry in
                var item: [String: Any] = [
                    "id": entry.id, "name": entry.name, "input": entry.input,
                    "files": entry.files.map { ["document": $0.document, "path": $0.path, "fnv1a64": $0.fnv1a64] },
                ]
                item["overview"] = entry.overview.flatMap { overview in
                    (try? encoder.encode(overview)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
                }
                return item
            },
            "failures": failures.map { failure in
                ["record": failure.location, "errors": failure.diagnostics.map(\.description)] as [String: Any]
            },
        ]
        if let shard { root["shard"] = ["k": shard.k, "n": shard.n] }
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
