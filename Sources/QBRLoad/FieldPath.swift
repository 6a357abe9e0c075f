/// A field's place in the account, written as users read it: `outcomes[2].target` (lists count from 0).
package struct FieldPath: CustomStringConvertible {
    package private(set) var text: String

    package static let root = FieldPath(text: "")

    package func key(_ name: String) -> FieldPath {
        FieldPath(text: text.isEmpty ? name : text + "." + name)
    }

    package func index(_ index: Int) -> FieldPath {
        FieldPath(text: text + "[\(index)]")
    }

    package var description: String { text }
}
