import Foundation
import QBRCore
import Yams

/// Collects the diagnostics of one file while its tree is read, so every problem is reported at once.
package final class ReadSession {
    package let file: String
    package private(set) var diagnostics: [Diagnostic] = []

    package init(file: String) {
        self.file = file
    }

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    package func error(_ message: String, at node: Node?, path: FieldPath) {
        report(.error, message, at: node, path: path)
    }

    package func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    package func warning(_ message: String, at node: Node?, path: FieldPath) {
        report(.warning, message, at: node, path: path)
    }

    private func report(_ severity: Diagnostic.Severity, _ message: String, at node: Node?, path: FieldPath) {
        diagnostics.append(
            Diagnostic(
                severity, message, file: file, line: node?.mark?.line, column: node?.mark?.column,
                path: path.description))
    }
}

/// What a node is, in words for an error message ("found a list").
package func describe(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping of keys"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case .scalar(let scalar):
        return "\"\(shortened(scalar.string))\""
    }
}

/// True for `~`, `null`, an empty plain scalar and JSON `null`: the field counts as absent.
package func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
    switch scalar.string {
    case "", "~", "null", "Null", "NULL": return true
    default: return scalar.tag == nullTag
    }
}

/// Made once: a `Tag` builds its resolver's tables, and `isNull` asks for every value read.
nonisolated(unsafe) private let nullTag = Tag(.null)  // never mutated
