import Foundation
import Yams

/// Maps a character offset inside a YAML scalar's value back to the file's line and column, so a rule
/// error points at the spot in the playbook file, with the line and a caret under it.
struct RuleLocation {
    let line: Int
    let column: Int
    let sourceLine: String

    /// The caret block: the source line, then `^^^` under the offending part.
    func snippet(length: Int) -> String {
        "\n    \(sourceLine)\n    \(String(repeating: " ", count: max(0, column - 1)))\(String(repeating: "^", count: max(1, length)))"
    }

    /// Locates `offset` of the value of `node` in `fileLines`. The value's characters are matched to the
    /// source greedily, skipping the whitespace and line breaks YAML folds away and the opening quote.
    static func locate(offset: Int, in node: Node, fileLines: [[Character]]) -> RuleLocation? {
        guard case .scalar(let scalar) = node, let mark = scalar.mark, mark.line - 1 < fileLines.count else {
            return nil
        }
        let value = Array(scalar.string)
        var line = mark.line - 1
        var column = mark.column - 1
        if scalar.style == .literal || scalar.style == .folded {
            line += 1  // the text starts on the line after | or >
            column = 0
        } else if scalar.style == .singleQuoted || scalar.style == .doubleQuoted {
            column += 1
        }
        func current() -> Character? {
            guard line < fileLines.count else { return nil }
            return column < fileLines[line].count ? fileLines[line][column] : "\n"
        }
        func advance() {
            guard line < fileLines.count else { return }
            if column < fileLines[line].count {
                column += 1
            } else {
                line += 1
                column = 0
            }
        }
        for index in 0...min(offset, value.count) {
            // Past the last character the spot is right after it, on the same line.
            guard index < value.count else { break }
            let wanted = value[index]
            // Skip what folding removed: indentation, line breaks, runs of spaces.
            while let here = current(), here != wanted, here.isWhitespace || here == "\n" { advance() }
            if index == offset { break }
            advance()
        }
        guard line < fileLines.count else { return nil }
        return RuleLocation(line: line + 1, column: column + 1, sourceLine: String(fileLines[line]))
    }
}
