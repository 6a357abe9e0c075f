import Foundation
import QBRCore
import QBRLoad
import Yams

/// A CSV export, read as a stream: the header names dotted paths of the account schema (matched
/// case-insensitively); list fields (outcomes, value_realized, …, monthly_active_users) hold JSON. Each row
/// becomes the same tree a YAML file gives, so it is validated by the same reader, with the row in messages.
enum CSVPortfolio {
    static func read(
        _ path: String, warning: (Diagnostic) -> Void, _ body: (PortfolioRecord) throws -> Void
    ) throws {
        guard var reader = CSVRows(path: path) else {
            throw AccountLoadError(.unreadable, [Diagnostic(.error, "cannot be opened", file: path)])
        }
        guard let headerRow = reader.next() else {
            throw AccountLoadError(
                .invalid,
                [Diagnostic(.error, "is empty: expected a header row naming the columns (account.id, account.name, …)", file: path)])
        }
        if let problem = headerRow.problem {
            throw AccountLoadError(
                .invalid, [Diagnostic(.error, "header row " + problem.message, file: path, line: 1, column: problem.column.map { $0 + 1 })])
        }
        guard headerRow.cells.count <= InputLimits.maxCSVColumns else {
            throw AccountLoadError(
                .invalid,
                [Diagnostic(
                    .error, "has \(InputLimits.grouped(headerRow.cells.count)) columns: a CSV export may have at most "
                        + InputLimits.grouped(InputLimits.maxCSVColumns), file: path, line: 1)])
        }
        let header = headerRow.cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let known = Set(Self.knownPaths)
        var columns: [(index: Int, path: [String])] = []
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if let first = seen[name], known.contains(name) {
                throw AccountLoadError(
                    .invalid,
                    [Diagnostic(
                        .error, "column \"\(name)\" appears twice (columns \(first + 1) and \(index + 1)): which one holds the value?",
                        file: path, line: 1, column: index + 1)])
            }
            seen[name] = index
            if known.contains(name) {
                columns.append((index, name.split(separator: ".").map(String.init)))
            } else {
                warning(Diagnostic(.warning, "unknown column \"\(shortened(name))\" is ignored", file: path, line: 1, column: index + 1))
            }
        }
        var records = 0
        while let row = reader.next() {
            let location = "\(path) row \(row.number)"
            func fail(_ message: String, column: Int?) throws {
                let path = column.flatMap { $0 < header.count ? shortened(header[$0]) : nil }
                try body(
                    PortfolioRecord(
                        location: location,
                        result: .failure(AccountLoadError(.invalid, [Diagnostic(.error, message, file: location, path: path)]))))
            }
            if let problem = row.problem {
                records += 1
                try fail(problem.message, column: problem.column)
                continue
            }
            if row.cells == [""] { continue }  // a blank line
            records += 1
            guard row.cells.count == header.count else {
                try fail(
                    "has \(row.cells.count) cells but the header has \(header.count) columns "
                        + (row.cells.count > header.count ? "(a comma inside a cell that is not quoted?)" : "(a cell missing?)"),
                    column: nil)
                continue
            }
            var kept: [PortfolioRecord.Cell] = []
            for column in columns {
                let cell = row.cells[column.index]
                guard !isBlank(cell) else { continue }
                kept.append(.init(path: column.path, text: cell))
            }
            try body(PortfolioRecord(location: location, cells: kept))
        }
        if records == 0 {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "holds no accounts: only a header row", file: path)])
        }
    }

    /// `cell.trimmingCharacters(in: .whitespaces).isEmpty`, which was more than half the time of reading a
    /// CSV, asked of Foundation only when the cell starts with a byte that is not ASCII.
    @inline(__always)
    static func isBlank(_ cell: String) -> Bool {
        for byte in cell.utf8 {
            if byte == 0x20 || byte == 0x09 { continue }
            if byte < 0x80 { return false }
            return cell.trimmingCharacters(in: .whitespaces).isEmpty
        }
        return true
    }

    /// Every dotted path a column may name: the schema's fields, lists included (as JSON cells).
    static let knownPaths: [String] = {
        func walk(_ fields: [SchemaField], _ prefix: String) -> [String] {
            fields.flatMap { field -> [String] in
                let path = prefix.isEmpty ? field.name : prefix + "." + field.name
                if case .object(let inner) = field.type { return walk(inner, path) }
                return [path]
            }
        }
        return walk(AccountSchema.fields, "")
    }()

    static func insert(_ cell: String, at path: ArraySlice<String>, into tree: inout [String: Any]) {
        guard let key = path.first else { return }
        if path.count == 1 {
            tree[key] = cell
            return
        }
        var child = tree[key] as? [String: Any] ?? [:]
        insert(cell, at: path.dropFirst(), into: &child)
        tree[key] = child
    }

    /// The YAML tree of one row: plain cells are scalars, cells starting with `[` or `{` are parsed as JSON.
    static func node(_ tree: [String: Any], location: String, prefix: String = "") throws -> Node {
        var pairs: [(Node, Node)] = []
        for key in tree.keys.sorted() {
            let value: Node
            switch tree[key] {
            case let child as [String: Any]:
                value = try node(child, location: location, prefix: prefix + key + ".")
            case let cell as String where cell.hasPrefix("[") || cell.hasPrefix("{"):
                // Parsed within the limits of one account (no alias bomb in a cell).
                do {
                    value = try AccountLoader.parse(text: cell, name: location, limits: .account) ?? Node.scalar(.init(cell))
                } catch {
                    let problem = error.diagnostics.first
                    let place = problem?.line.map { " (line \($0), column \(problem?.column ?? 1) of the cell)" } ?? ""
                    throw AccountLoadError(
                        .invalid,
                        [Diagnostic(
                            .error, "the JSON in this cell cannot be read: \(problem?.message ?? "\(error)")\(place)",
                            file: location, path: prefix + key)])
                }
            case let cell as String:
                value = Node.scalar(.init(cell, .init(.str), .doubleQuoted))
            default:
                continue
            }
            pairs.append((Node(key), value))
        }
        return Node.mapping(.init(pairs))
    }
}
