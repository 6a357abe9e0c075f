import Foundation

/// The files of `Templates/` (and `Playbooks/`) compiled into the binary by the EmbedResources plugin.
enum BuiltInFiles {
    /// Template path relative to `Templates/` → text.
    static let templates: [String: String] = files(under: "Templates/")

    private static func files(under prefix: String) -> [String: String] {
        var result: [String: String] = [:]
        for (path, encoded) in EmbeddedResources.encodedFiles where path.hasPrefix(prefix) {
            guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
                continue
            }
            result[String(path.dropFirst(prefix.count))] = text
        }
        return result
    }
}
