import CSV
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
        guard let stream = InputStream(fileAtPath: path) else {
            throw AccountLoadError(.unreadable, [Diagnostic(.error, "cannot be opened", file: path)])
        }
        let reader = try CSVReader(stream: stream, hasHeaderRow: true)
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let known = Set(Self.knownPaths)
        var columns: [(index: Int, path: [String])] = []
        for (index, name) in header.enumerated() {
            let plain = name.hasPrefix("\u{FEFF}") ? String(name.dropFirst()) : name
            if known.contains(plain) {
                columns.append((index, plain.split(separator: ".").map(String.init)))
            } else {
                warning(Diagnostic(.warning, "unknown column \"\(plain)\" is ignored", file: path, line: 1, column: index + 1))
            }
        }
        var row = 1
        while let cells = reader.next() {
            row += 1
            let location = "\(path) row \(row)"
            var kept: [PortfolioRecord.Cell] = []
            for column in columns where column.index < cells.count {
                let cell = cells[column.index]
                guard !cell.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                kept.append(.init(path: column.path, text: cell))
            }
            try body(PortfolioRecord(location: location, cells: kept))
        }
        // CSV.swift flags the end of the stream as a read error; only an error before the end counts.
        if let error = reader.error, stream.streamStatus != .atEnd {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "is not valid CSV after row \(row): \(error)", file: path)])
        }
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
    static func node(_ tree: [String: Any], location: String) throws -> Node {
        var pairs: [(Node, Node)] = []
        for key in tree.keys.sorted() {
            let value: Node
            switch tree[key] {
            case let child as [String: Any]:
                value = try node(child, location: location)
            case let cell as String where cell.hasPrefix("[") || cell.hasPrefix("{"):
                do {
                    value = try Yams.compose(yaml: cell) ?? Node.scalar(.init(cell))
                } catch {
                    throw AccountLoadError(
                        .invalid, [Diagnostic(.error, "the JSON in this cell cannot be read: \(error)", file: location, path: key)])
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
