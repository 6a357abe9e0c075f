import Foundation

/// The account schema as JSON Schema (draft 2020-12), for editors (VS Code's YAML extension completes and
/// checks account files with it) and for validating exports.
public enum JSONSchema {
    /// The whole document, pretty-printed with sorted keys so it is byte-identical run to run.
    public static func document() -> String {
        var root = object(AccountSchema.fields)
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "https://qbr.invalid/schema/account.json"
        root["title"] = "qbr account"
        root["description"] = "One customer account: the input of qbr render, check and playbooks."
        let data =
            (try? JSONSerialization.data(
                withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func object(_ fields: [SchemaField]) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in fields {
            var property = schema(field.type)
            property["description"] = field.meaning
            properties[field.name] = property
        }
        var result: [String: Any] = ["type": "object", "properties": properties]
        let required = fields.filter(\.required).map(\.name)
        if !required.isEmpty { result["required"] = required }
        return result
    }

    private static func schema(_ type: SchemaType) -> [String: Any] {
        // Optional fields may be null: the loader reads `~` as absent.
        switch type {
        case .text: return ["type": ["string", "number", "boolean", "null"]]  // YAML scalars are read as text
        case .number(let minimum, let maximum):
            var result: [String: Any] = ["type": ["number", "null"]]
            if let minimum { result["minimum"] = NSDecimalNumber(decimal: minimum) }
            if let maximum { result["maximum"] = NSDecimalNumber(decimal: maximum) }
            return result
        case .integer(let minimum, let maximum):
            var result: [String: Any] = ["type": ["integer", "null"]]
            if let minimum { result["minimum"] = minimum }
            if let maximum { result["maximum"] = maximum }
            return result
        case .boolean: return ["type": ["boolean", "null"]]
        case .date: return ["type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"]
        case .choice(let values): return ["enum": values + [NSNull()]]
        case .currency: return ["type": ["string", "null"], "pattern": "^[A-Z]{3}$"]
        case .object(let fields): return object(fields)
        case .list(let element): return ["type": ["array", "null"], "items": schema(element)]
        case .map(let value): return ["type": ["object", "null"], "additionalProperties": schema(value)]
        case .textOr(let fields): return ["anyOf": [schema(.text), object(fields)]]
        }
    }
}
