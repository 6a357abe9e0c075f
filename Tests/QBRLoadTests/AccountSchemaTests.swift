import Foundation
import QBRCore
import Testing

@testable import QBRLoad

/// The schema and the loader are one definition: every field the schema names is read with the schema's type,
/// and the JSON Schema printed from it accepts every example.
@Suite struct AccountSchemaTests {
    /// Every leaf (and container) of the schema with its dotted path; list elements are `[0]`.
    static func paths(_ fields: [SchemaField], prefix: String = "") -> [(path: String, type: SchemaType)] {
        fields.flatMap { field -> [(path: String, type: SchemaType)] in
            let path = prefix.isEmpty ? field.name : prefix + "." + field.name
            switch field.type {
            case .object(let inner): return [(path, field.type)] + paths(inner, prefix: path)
            case .list(.object(let inner)): return [(path, field.type)] + paths(inner, prefix: path + "[0]")
            default: return [(path, field.type)]
            }
        }
    }

    /// A value of the wrong type for `type`.
    static func wrongValue(_ type: SchemaType) -> Any {
        switch type {
        case .text: return [1]
        case .number: return "abc"
        case .integer: return "1.5"
        case .boolean: return "maybe"
        case .date: return "2026-02-30"
        case .choice: return "zzz"
        case .currency: return "dollars"
        case .object, .list, .map: return "x"
        case .textOr: return [1]
        }
    }

    /// The smallest valid account, with `value` set at `path` (and what it needs around it).
    static func account(setting path: String, to value: Any) throws -> Data {
        var root: [String: Any] = ["account": ["id": "A", "name": "B"]]
        let required: [String: [String: Any]] = [
            "revenue": ["starting_arr": 10], "outcomes[0]": ["name": "O"], "value_realized[0]": ["amount": 1],
            "opportunities[0]": ["name": "P"], "risks[0]": ["description": "R"], "stakeholders[0]": ["name": "S"],
            "last_review.commitments[0]": ["text": "C"], "roadmap[0]": ["title": "T"],
        ]
        func set(_ dictionary: [String: Any], _ keys: ArraySlice<String>, prefix: String) -> [String: Any] {
            var result = dictionary
            guard let key = keys.first else { return result }
            let isList = key.hasSuffix("[0]")
            let name = isList ? String(key.dropLast(3)) : key
            let here = prefix.isEmpty ? key : prefix + "." + key
            if keys.count == 1 {
                result[name] = value
                return result
            }
            var inner = (isList ? (result[name] as? [[String: Any]])?.first : result[name] as? [String: Any]) ?? [:]
            for (requiredKey, requiredValue) in required[here] ?? [:] where inner[requiredKey] == nil {
                inner[requiredKey] = requiredValue
            }
            inner = set(inner, keys.dropFirst(), prefix: here)
            result[name] = isList ? [inner] : inner
            return result
        }
        root = set(root, ArraySlice(path.split(separator: ".").map(String.init)), prefix: "")
        if path.hasPrefix("revenue.") && !path.hasSuffix("starting_arr") {
            var revenue = root["revenue"] as? [String: Any] ?? [:]
            revenue["starting_arr"] = revenue["starting_arr"] ?? 1_000_000
            root["revenue"] = revenue
        }
        return try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
    }

    @Test func theLoaderRefusesAWrongValueInEveryFieldAtItsPath() throws {
        var checked = 0
        for (path, type) in Self.paths(AccountSchema.fields) where path != "narrative.asks" {
            let data = try Self.account(setting: path, to: Self.wrongValue(type))
            do {
                _ = try AccountLoader.load(data: data, name: "a.json")
                Issue.record("\(path): a wrong value was accepted")
            } catch {
                let expected = path.replacingOccurrences(of: "[0]", with: "[0]")
                #expect(
                    error.diagnostics.contains { $0.severity == .error && $0.path == expected }, "\(path): \(error)")
            }
            checked += 1
        }
        #expect(checked > 60)
    }

    @Test func everyObjectWarnsAboutKeysTheSchemaDoesNotName() throws {
        for (path, type) in Self.paths(AccountSchema.fields) {
            guard case .object = type else { continue }
            let data = try Self.account(setting: path + ".zz_unknown", to: 1)
            let loaded = try AccountLoader.load(data: data, name: "a.json")
            #expect(loaded.warnings.contains { $0.path?.hasSuffix("zz_unknown") == true }, "\(path)")
        }
    }

    @Test func theJSONSchemaAcceptsEveryExampleAndRefusesABadOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try JSONSchema.document().write(
            to: folder.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        // A real validator: Python's jsonschema (Draft 2020-12), on YAML read by PyYAML.
        let script = """
            import json, sys, yaml, jsonschema, datetime
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            def plain(v):
                if isinstance(v, (datetime.date, datetime.datetime)): return v.isoformat()
                if isinstance(v, dict): return {str(k): plain(x) for k, x in v.items()}
                if isinstance(v, list): return [plain(x) for x in v]
                return v
            for path in sys.argv[2:]:
                errors = list(jsonschema.Draft202012Validator(schema).iter_errors(plain(yaml.safe_load(open(path)))))
                print(path, len(errors))
            """
        let bad = folder.appendingPathComponent("bad.yaml")
        try "account: {id: X, name: Y, tier: 7, contract: {arr: -5}}\nrevenue: {expansion: 1}\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
        let files = ["northwind.yaml", "contoso-health.json", "bluebird-bakery.yaml"].map {
            examples.appendingPathComponent($0).path
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", "-c", script, folder.appendingPathComponent("schema.json").path] + files + [bad.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with jsonschema and PyYAML is needed: \(text)")
        let counts = text.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
        #expect(counts == ["0", "0", "0", "3"], "\(text)")
    }

    /// The keys of a path come from a table built once; a path written another way still finds them.
    @Test func keysAtAPathFromTheTableAndTheWalkAgree() {
        #expect(AccountSchema.keys(at: "").contains("account"))
        #expect(AccountSchema.keys(at: "account.contract").contains("renewal"))
        #expect(AccountSchema.keys(at: "outcomes").contains("baseline"))
        #expect(AccountSchema.keys(at: ".account..contract") == AccountSchema.keys(at: "account.contract"))
        #expect(AccountSchema.keys(at: "account.nope").isEmpty)
    }
}
