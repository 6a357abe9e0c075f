/// A field's place in the account, written as users read it: `outcomes[2].target` (lists count from 0).
struct FieldPath: CustomStringConvertible {
    private(set) var text: String

    static let root = FieldPath(text: "")

    func key(_ name: String) -> FieldPath {
        FieldPath(text: text.isEmpty ? name : text + "." + name)
    }

    func index(_ index: Int) -> FieldPath {
        FieldPath(text: text + "[\(index)]")
    }

    var description: String { text }
}
