import Foundation
import Yams

/// Finds where a field is in an account file: `outcomes[2].actual` → line 31, column 13.
///
/// Built from the same Yams `compose` tree the loader reads, so its lines and columns match the loader's
/// diagnostics (the value's position; for a list item, its first key).
public struct FieldLocator {
    /// A 1-based line and column.
    public struct Location: Hashable, Sendable {
        /// 1-based line.
        public let line: Int
        /// 1-based column.
        public let column: Int
    }

    private let root: Node

    /// Parses `data` (YAML or JSON, UTF-8, an optional BOM); nil when it does not parse or is beyond the
    /// account limits (`InputLimits`).
    public init?(data: Data) {
        guard let node = try? AccountLoader.parse(data, name: "", limits: .account) else {
            return nil
        }
        root = node
    }

    /// Where the field at `path` is. A field that is absent is located at its nearest present ancestor
    /// (a missing `category` at its list item), so a warning about it still points into the file.
    public func location(of path: String) -> Location? {
        var node = root
        var best = Self.location(root)
        for step in Self.steps(path) {
            let next: Node?
            switch (step, node) {
            case (.key(let name), .mapping(let mapping)):
                next = mapping.first { $0.key.scalar?.string == name }?.value
            case (.index(let index), .sequence(let sequence)):
                next = index < sequence.count ? sequence[index] : nil
            default:
                next = nil
            }
            guard let next else { break }
            node = next
            best = Self.location(next) ?? best
        }
        return best
    }

    private static func location(_ node: Node) -> Location? {
        node.mark.map { Location(line: $0.line, column: $0.column) }
    }

    private enum Step {
        case key(String)
        case index(Int)
    }

    /// `outcomes[2].actual` → key outcomes, index 2, key actual.
    private static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(part)
            if let open = rest.firstIndex(of: "[") {
                let name = rest[..<open]
                if !name.isEmpty { steps.append(.key(String(name))) }
                rest = rest[open...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) { steps.append(.index(index)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.key(String(rest)))
            }
        }
        return steps
    }
}
