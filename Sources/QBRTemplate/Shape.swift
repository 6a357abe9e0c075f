/// The declared type of a name: what a template may do with it, and how the compiler binds the names below it.
public indirect enum Shape: Sendable {
    /// Unknown: names below it are looked up by name at render time, and the compiler reports nothing about them.
    case any
    /// A string or number printed as text.
    case text
    /// A boolean (sections test it).
    case flag
    /// An `Int` or `Double`.
    case number
    /// A list whose elements all have the given shape.
    case list(Shape)
    /// An object declaring the given names.
    case object(ObjectShape)
}

extension Shape {
    /// Whether two shapes are the same; objects compare by identity, because an `ObjectShape` is a declaration.
    func isSame(as other: Shape) -> Bool {
        switch (self, other) {
        case (.any, .any), (.text, .text), (.flag, .flag), (.number, .number): return true
        case let (.list(a), .list(b)): return a.isSame(as: b)
        case let (.object(a), .object(b)): return a === b
        default: return false
        }
    }

    /// A short description for messages, e.g. `list of Outcome`.
    var summary: String {
        switch self {
        case .any: return "any value"
        case .text: return "text"
        case .flag: return "flag"
        case .number: return "number"
        case .list(let element): return "list of \(element.summary)"
        case .object(let object): return object.name
        }
    }
}

/// A declared object: its names, in order, each with a shape and a one-line meaning (for `qbr variables`).
public final class ObjectShape: Sendable {
    /// The type name used in messages, e.g. "Outcome".
    public let name: String
    /// The declared names, in the order `TemplateObject.field(at:)` indexes them.
    public let fields: [Field]
    // Built once so that `index(of:)` is O(1) on the render-time fallback path.
    private let indexByName: [String: Int]

    /// Declares an object type. Later duplicates of a name are ignored by `index(of:)` (the first declaration wins).
    public init(_ name: String, _ fields: [Field]) {
        self.name = name
        self.fields = fields
        var indexByName: [String: Int] = [:]
        indexByName.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() where indexByName[field.name] == nil {
            indexByName[field.name] = index
        }
        self.indexByName = indexByName
        self.hasDuplicates = indexByName.count != fields.count
    }

    /// Whether some name is declared twice; only then can a guessed index be a later duplicate.
    @usableFromInline
    let hasDuplicates: Bool

    /// The position of `name` in `fields`, or nil when the object does not declare it.
    public func index(of name: String) -> Int? {
        indexByName[name]
    }

    /// ``index(of:)``, trying `guess` first: view code sets a record's names in declaration order, so the field
    /// after the last one set is usually the one, and comparing one short string is cheaper than hashing it.
    @inlinable
    public func index(of name: String, guess: Int) -> Int? {
        if guess >= 0, guess < fields.count, fields[guess].name == name, !hasDuplicates || isFirstDeclaration(guess) {
            return guess
        }
        return index(of: name)
    }

    /// Whether `fields[index]` is the declaration `index(of:)` answers for its name (not a later duplicate).
    @usableFromInline
    func isFirstDeclaration(_ index: Int) -> Bool {
        indexByName[fields[index].name] == index
    }
}

/// One declared name of an object.
public struct Field: Sendable {
    /// The name as templates write it.
    public let name: String
    /// What the name holds.
    public let shape: Shape
    /// A one-line explanation, shown by `qbr variables`.
    public let meaning: String

    /// Declares a name with its shape and meaning.
    public init(_ name: String, _ shape: Shape, _ meaning: String = "") {
        self.name = name
        self.shape = shape
        self.meaning = meaning
    }
}
