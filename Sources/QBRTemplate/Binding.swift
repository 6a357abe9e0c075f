/// Where a name will be found at render time, decided at compile time.
///
/// A name `a.b.c` is bound to every enclosing frame that may hold `a` (innermost first); the rest `b.c` is bound
/// by field indexes through declared object shapes. At render time a static step is a shape identity check and an
/// array index; only values of another shape (or `.any` frames) fall back to a lookup by name.
final class Lookup: Sendable {
    enum Head: Sendable {
        /// `{{.}}`: the top of the context stack.
        case implicit
        /// A name nothing can hold: always absent (the compiler reported it).
        case never
        /// `@first`, `@last`, `@index` of the innermost list iteration.
        case position(ListPosition)
        /// Frames bound at compile time, innermost first.
        case candidates([Candidate])
        /// Searched by name through the whole context stack (recursive partials).
        case dynamic(String, rest: [Step])
    }

    let head: Head
    /// The common case, unpacked so rendering touches no arrays: one declared frame, an undotted name.
    let single: Bool
    let depth: Int
    let expected: ObjectShape?
    let index: Int
    let name: String

    init(_ head: Head) {
        self.head = head
        if case .candidates(let candidates) = head, candidates.count == 1, candidates[0].rest.isEmpty,
            let expected = candidates[0].expected
        {
            single = true
            depth = candidates[0].depth
            self.expected = expected
            index = candidates[0].index
            name = candidates[0].name
        } else {
            single = false
            depth = 0
            expected = nil
            index = 0
            name = ""
        }
    }

    static let never = Lookup(.never)
}

/// A list iteration's position name.
enum ListPosition: Sendable {
    case first, last, index
}

/// One frame that may hold the first segment of a name.
struct Candidate: Sendable {
    /// Frames from the top of the context stack (0 is the innermost).
    let depth: Int
    /// The shape the frame is expected to have, nil when it was declared `.any`.
    let expected: ObjectShape?
    /// The field index in `expected`.
    let index: Int
    /// The first segment, for the by-name fallback.
    let name: String
    /// The rest of the dotted name.
    let rest: [Step]
}

/// One segment after the first.
enum Step: Sendable {
    /// A declared field: fast when the value has exactly this shape.
    case field(ObjectShape, Int, String)
    /// Looked up by name.
    case named(String)
    /// The declared shape cannot hold it: always absent.
    case fail
}

extension Step {
    @inline(__always)
    func apply(to value: TemplateValue) -> TemplateValue {
        guard case .object(let object) = value else { return .absent }
        switch self {
        case let .field(shape, index, name):
            if object.shape === shape { return object.field(at: index) }
            guard let found = object.shape.index(of: name) else { return .absent }
            return object.field(at: found)
        case .named(let name):
            guard let found = object.shape.index(of: name) else { return .absent }
            return object.field(at: found)
        case .fail:
            return .absent
        }
    }
}
