/// A value a template can show.
public enum TemplateValue: Sendable {
    /// This object has no such name: lookup continues in the enclosing contexts.
    case absent
    /// Present but empty: falsey, prints nothing, and lookup stops here.
    case null
    /// A boolean; `false` is falsey.
    case bool(Bool)
    /// An integer, printed in decimal. Zero is truthy.
    case int(Int)
    /// A floating-point number, printed as Swift prints it (`1.21`, `1.0`). Zero is truthy.
    case double(Double)
    /// Text. The empty string is truthy.
    case text(String)
    /// A list; sections repeat once per element, and an empty list is falsey.
    case list([TemplateValue])
    /// An object whose names are declared by its shape.
    case object(any TemplateObject)
}

extension TemplateValue {
    /// Whether a section shows its content: everything is truthy except absent, null, `false` and the empty list.
    @inlinable
    public var isTruthy: Bool {
        switch self {
        case .absent, .null: return false
        case .bool(let value): return value
        case .list(let items): return !items.isEmpty
        case .int, .double, .text, .object: return true
        }
    }
}

/// An object whose names are declared by a shape; `field(at:)` answers by the index of the name in `shape.fields`.
public protocol TemplateObject: Sendable {
    /// The declaration of the object's names.
    var shape: ObjectShape { get }
    /// The value of `shape.fields[index]`, or `.absent` when the object has no value for it.
    func field(at index: Int) -> TemplateValue
    /// What `{{x}}` prints when the object itself is interpolated (nil prints nothing).
    var interpolation: String? { get }
}

extension TemplateObject {
    /// By default an object prints nothing when interpolated.
    public var interpolation: String? { nil }
}

/// The plain object: values stored in shape order.
public final class Record: TemplateObject {
    /// The declaration of the record's names.
    public let shape: ObjectShape
    /// The values, one per field of `shape`, in the same order.
    public let fields: [TemplateValue]
    /// What the record prints when interpolated itself (nil prints nothing).
    public let interpolation: String?

    /// Stores values in shape order; `fields.count` must equal `shape.fields.count`.
    public init(shape: ObjectShape, fields: [TemplateValue], interpolation: String? = nil) {
        precondition(
            fields.count == shape.fields.count,
            "Record of \(shape.name) needs \(shape.fields.count) values, got \(fields.count)")
        self.shape = shape
        self.fields = fields
        self.interpolation = interpolation
    }

    /// Builds by name; names not set are `.absent`. A name the shape does not declare is a programming error.
    public convenience init(_ shape: ObjectShape, _ build: (inout RecordBuilder) -> Void) {
        var builder = RecordBuilder(shape: shape)
        build(&builder)
        self.init(shape: shape, fields: builder.values, interpolation: builder.interpolation)
    }

    /// The value at `index`, or `.absent` when the index is out of range.
    public func field(at index: Int) -> TemplateValue {
        index >= 0 && index < fields.count ? fields[index] : .absent
    }
}

/// Collects a record's values by name for `Record.init(_:_:)`.
public struct RecordBuilder {
    /// The shape being filled.
    public let shape: ObjectShape
    /// What the record prints when interpolated itself.
    public var interpolation: String?
    var values: [TemplateValue]
    /// The field after the last one set: where the next name usually is.
    private var next = 0

    init(shape: ObjectShape) {
        self.shape = shape
        self.values = Array(repeating: .absent, count: shape.fields.count)
    }

    /// The value of a declared name; setting an undeclared name is a programming error.
    public subscript(name: String) -> TemplateValue {
        get {
            guard let index = shape.index(of: name) else { return .absent }
            return values[index]
        }
        set {
            guard let index = shape.index(of: name, guess: next) else {
                preconditionFailure("\(shape.name) declares no name `\(name)`")
            }
            values[index] = newValue
            next = index + 1
        }
    }
}
