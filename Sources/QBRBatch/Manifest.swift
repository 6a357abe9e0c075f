import Foundation
import QBRCore

/// One account's files in `manifest.json`.
struct ManifestEntry {
    struct File {
        let document: String
        let path: String
        let fnv1a64: String
    }

    let id: String
    let name: String
    let files: [File]
}

/// `manifest.json`: every file written with its account, document and content hash, and every account that
/// failed with its errors — what a job runner checks, and what `qbr index` will merge across shards.
enum Manifest {
    static func json(
        entries: [ManifestEntry], failures: [(location: String, diagnostics: [Diagnostic])], asOf: Day,
        shard: (k: Int, n: Int)?
    ) -> String {
        var root: [String: Any] = [
            "as_of": asOf.description,
            "generator": "qbr \(QBRVersion.current)",
            "accounts": entries.sorted { $0.id < $1.id }.map { entry in
                [
                    "id": entry.id, "name": entry.name,
                    "files": entry.files.map { ["document": $0.document, "path": $0.path, "fnv1a64": $0.fnv1a64] },
                ] as [String: Any]
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
