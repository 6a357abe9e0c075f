import Foundation
import QBRTemplate

/// One case of the official Mustache specification.
struct SpecCase: CustomStringConvertible, Sendable {
    let file: String
    let name: String
    let template: String
    let partials: [String: String]
    let expected: String
    let data: JSONBox

    var description: String { "\(file): \(name)" }
}

/// A parsed JSON value (Foundation's types are not Sendable; this keeps what the tests need).
indirect enum JSONBox: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONBox])
    case object([(String, JSONBox)])

    init(_ any: Any) {
        switch any {
        case is NSNull:
            self = .null
        case let number as NSNumber:
            // JSONSerialization answers booleans and numbers as NSNumber; the Objective-C type code tells them
            // apart ("c" for booleans, "d"/"f" for literals with a fraction or exponent).
            let type = String(cString: number.objCType)
            if type == "c" || type == "B" {
                self = .bool(number.boolValue)
            } else if type == "d" || type == "f" {
                self = .double(number.doubleValue)
            } else {
                self = .int(number.intValue)
            }
        case let string as String:
            self = .string(string)
        case let array as [Any]:
            self = .array(array.map(JSONBox.init))
        case let dictionary as [String: Any]:
            self = .object(dictionary.keys.sorted().map { ($0, JSONBox(dictionary[$0] as Any)) })
        default:
            self = .null
        }
    }
}

enum SpecLoader {
    static let supportedFiles = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance",
    ]

    /// `MUSTACHE_SPEC_DIR`, else `../shared/mustache-spec` beside the package root found above this file.
    static func directory(filePath: String = #filePath) -> URL {
        if let override = ProcessInfo.processInfo.environment["MUSTACHE_SPEC_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder.deletingLastPathComponent().appendingPathComponent("shared/mustache-spec")
            }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent/mustache-spec")
    }

    static var isAvailable: Bool {
        let available = FileManager.default.fileExists(
            atPath: directory().appendingPathComponent("sections.json").path)
        if !available {
            print("Mustache specification not found at \(directory().path): spec suite skipped")
        }
        return available
    }

    static func load() throws -> [SpecCase] {
        var cases: [SpecCase] = []
        for file in supportedFiles {
            let url = directory().appendingPathComponent(file + ".json")
            let data = try Data(contentsOf: url)
            guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let tests = root["tests"] as? [[String: Any]]
            else { continue }
            for test in tests {
                cases.append(
                    SpecCase(
                        file: file + ".json",
                        name: test["name"] as? String ?? "?",
                        template: test["template"] as? String ?? "",
                        partials: test["partials"] as? [String: String] ?? [:],
                        expected: test["expected"] as? String ?? "",
                        data: JSONBox(test["data"] as Any)))
            }
        }
        return cases
    }
}

/// Shapes inferred from JSON data: objects at one place are the union of their keys, list elements the union of
/// the elements; values of different kinds at one place make `.any`.
indirect enum Inferred {
    case unknown  // null, or an empty list's element
    case text, number, flag
    case list(Inferred)
    case object([(String, Inferred)])
    case any

    static func of(_ json: JSONBox) -> Inferred {
        switch json {
        case .null: return .unknown
        case .bool: return .flag
        case .int, .double: return .number
        case .string: return .text
        case .array(let items): return .list(items.map(of).reduce(.unknown, union))
        case .object(let pairs): return .object(pairs.map { ($0.0, of($0.1)) })
        }
    }

    static func union(_ a: Inferred, _ b: Inferred) -> Inferred {
        switch (a, b) {
        case (.unknown, _): return b
        case (_, .unknown): return a
        case (.text, .text): return .text
        case (.number, .number): return .number
        case (.flag, .flag): return .flag
        case let (.list(x), .list(y)): return .list(union(x, y))
        case let (.object(x), .object(y)):
            var merged = x
            for (key, value) in y {
                if let index = merged.firstIndex(where: { $0.0 == key }) {
                    merged[index].1 = union(merged[index].1, value)
                } else {
                    merged.append((key, value))
                }
            }
            return .object(merged)
        default: return .any
        }
    }

    var shape: Shape {
        switch self {
        case .unknown, .any: return .any
        case .text: return .text
        case .number: return .number
        case .flag: return .flag
        case .list(let element): return .list(element.shape)
        case .object(let pairs):
            return .object(ObjectShape("Object", pairs.map { Field($0.0, $0.1.shape) }))
        }
    }
}

enum SpecValues {
    /// Builds the data as `Record`s of `shape` (objects at `.any` places get a shape of their own).
    static func value(_ json: JSONBox, shape: Shape) -> TemplateValue {
        switch json {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .string(let text): return .text(text)
        case .array(let items):
            let element: Shape
            if case .list(let declared) = shape { element = declared } else { element = .any }
            return .list(items.map { value($0, shape: element) })
        case .object(let pairs):
            let object: ObjectShape
            if case .object(let declared) = shape {
                object = declared
            } else if case .object(let own) = Inferred.of(json).shape {
                object = own
            } else {
                return .null
            }
            let fields = object.fields.map { field -> TemplateValue in
                guard let pair = pairs.first(where: { $0.0 == field.name }) else { return .absent }
                return value(pair.1, shape: field.shape)
            }
            return .object(Record(shape: object, fields: fields))
        }
    }
}
