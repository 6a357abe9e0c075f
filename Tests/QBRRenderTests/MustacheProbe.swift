import QBRTemplate

@testable import QBRRender

/// Renders a one-off template string as a Markdown team template would be, over a context given as
/// dictionaries (untyped: every name is looked up at render time).
enum MustacheProbe {
    static func render(_ text: String, _ context: Any) throws -> String {
        let set = try TemplateSet(sources: ["probe.md": text], escaping: TemplateLibrary.escaping)
        let value = context as? TemplateValue ?? TemplateValue.dynamic(context)
        return set.compile("probe.md", root: .any).template?.render(value) ?? ""
    }
}

extension TemplateValue {
    /// A value from dictionaries, lists, strings, numbers and booleans, each object with a shape of its own keys.
    static func dynamic(_ value: Any?) -> TemplateValue {
        switch value {
        case nil: return .absent
        case let value as TemplateValue: return value
        case let value as String: return .text(value)
        case let value as Bool: return .bool(value)
        case let value as Int: return .int(value)
        case let value as Double: return .double(value)
        case let value as [Any]: return .list(value.map { dynamic($0) })
        case let value as [String: Any]:
            let keys = value.keys.sorted()
            return .object(
                Record(
                    shape: ObjectShape("Dynamic", keys.map { Field($0, .any) }),
                    fields: keys.map { dynamic(value[$0]) }))
        case let value as any TemplateObject: return .object(value)
        default: return .text("\(value!)")
        }
    }

    /// The value as dictionaries and lists, absent names left out, so tests can look into a context by name.
    var untyped: Any? {
        switch self {
        case .absent, .null: return nil
        case .bool(let value): return value
        case .int(let value): return value
        case .double(let value): return value
        case .text(let value): return value
        case .list(let items): return items.compactMap(\.untyped)
        case .object(let object):
            if object is Figure { return object }
            var result: [String: Any] = [:]
            for (index, field) in object.shape.fields.enumerated() {
                result[field.name] = object.field(at: index).untyped
            }
            return result
        }
    }

    /// The value as a dictionary (empty when it is not an object).
    var dictionary: [String: Any] { untyped as? [String: Any] ?? [:] }
}
