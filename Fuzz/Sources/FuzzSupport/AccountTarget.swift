import Foundation
import QBRCore
import QBRLoad
import Yams

/// The checks of FuzzAccountYAML and FuzzAccountJSON.
public enum AccountTarget {
    /// Loads `data` as the account file `name`. A file that does not load must say why (at least one error,
    /// at most the cap and its summary line); one that loads goes through what `qbr check` does with it.
    public static func check(_ data: Data, name: String) {
        do {
            let loaded = try AccountLoader.load(data: data, name: name)
            Fuzz.expect(loaded.warnings.count <= AccountLoader.maxDiagnostics + 1, "diagnostics not capped")
            inspect(loaded.account, file: data)
        } catch {
            Fuzz.expect(error.diagnostics.contains { $0.severity == .error }, "refused without an error: \(error)")
            Fuzz.expect(error.diagnostics.count <= AccountLoader.maxDiagnostics + 1, "diagnostics not capped")
            _ = error.description
        }
    }

    /// What `qbr check` computes for an account that loads: metrics, plausibility warnings located in the
    /// file, readiness.
    public static func inspect(_ account: Account, file: Data?) {
        let metrics = AccountMetrics(account, asOf: Fuzz.asOf)
        let warnings = Plausibility.warnings(account, metrics: metrics)
        let locator = file.flatMap(FieldLocator.init(data:))
        for warning in warnings {
            let location = locator?.location(of: warning.path)
            _ = warning.diagnostic(file: "fuzz", line: location?.line, column: location?.column).description
        }
        let readiness = Readiness(account, warnings: warnings.count)
        Fuzz.expect((0...100).contains(readiness.score), "readiness \(readiness.score) outside 0-100")
        _ = readiness.summary
    }
}

/// Seeds for the account targets: the bundled examples, synthetic accounts from `SamplePortfolio` and the
/// test suite's presentation edge cases, as YAML or as JSON.
public enum AccountSeeds {
    /// YAML seeds: `examples/*.yaml`, `Tests/Presentation/*.yaml`, synthetic accounts in block YAML.
    public static func writeYAML(_ folder: URL) throws {
        for (name, text) in try files(["examples", "Tests/Presentation"], suffix: ".yaml") {
            try Fuzz.seed(folder, name, text)
        }
        for (index, json) in sampleAccounts().enumerated() {
            // The sample's JSON lines re-serialised as block YAML, so both styles are in the corpus.
            guard let node = try Yams.compose(yaml: json) else { continue }
            try Fuzz.seed(folder, "sample-\(index).yaml", try Yams.serialize(node: node))
        }
    }

    /// JSON seeds: `examples/*.json`, every YAML example converted to JSON, synthetic accounts.
    public static func writeJSON(_ folder: URL) throws {
        for (name, text) in try files(["examples"], suffix: ".json") { try Fuzz.seed(folder, name, text) }
        for (name, text) in try files(["examples", "Tests/Presentation"], suffix: ".yaml") {
            guard let node = try Yams.compose(yaml: text) else { continue }
            try Fuzz.seed(folder, String(name.dropLast(5)) + ".json", json(node, indent: ""))
        }
        for (index, json) in sampleAccounts().enumerated() { try Fuzz.seed(folder, "sample-\(index).json", json) }
    }

    /// Ten synthetic accounts, each one line of JSON.
    public static func sampleAccounts() -> [String] {
        var text = ""
        SamplePortfolio(count: 10, seed: 7, asOf: Fuzz.asOf).write(.json) { text += $0 }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("{") }.map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
    }

    /// `(file name, text)` of every file ending in `suffix` in the repository's `folders`.
    static func files(_ folders: [String], suffix: String) throws -> [(String, String)] {
        try folders.flatMap { folder -> [(String, String)] in
            let url = Fuzz.root.appendingPathComponent(folder)
            return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
                .filter { $0.hasSuffix(suffix) }
                .map { ($0, try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8)) }
        }
    }

    /// A YAML tree as JSON: numbers, booleans and null stay bare when YAML would read them so.
    static func json(_ node: Node, indent: String) -> String {
        let inner = indent + "  "
        switch node {
        case .mapping(let mapping):
            if mapping.isEmpty { return "{}" }
            let members = mapping.map {
                "\(inner)\(quoted($0.key.scalar?.string ?? "")): \(json($0.value, indent: inner))"
            }
            return "{\n" + members.joined(separator: ",\n") + "\n\(indent)}"
        case .sequence(let sequence):
            if sequence.isEmpty { return "[]" }
            return "[\n" + sequence.map { inner + json($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .scalar(let scalar):
            let text = scalar.string
            if scalar.style == .plain {
                if Int(text) != nil || (Double(text) != nil && text.first != "." && !text.hasSuffix(".")) {
                    return text
                }
                if ["true", "false", "null"].contains(text) { return text }
                if text == "~" || text.isEmpty { return "null" }
            }
            return quoted(text)
        case .alias:
            return "null"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
