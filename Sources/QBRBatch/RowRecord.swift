import Foundation
import QBRCore
import QBRLoad
import Yams

/// The non-blank cells of one row of a tabular source, kept as read until the record is validated.
struct RowCells: Sendable {
    /// One cell: its column's place in `layout.columns`, and its text.
    struct Cell: Sendable {
        let column: Int
        let text: String
    }

    let layout: RowLayout
    /// `export.csv row 12`.
    let location: String
    let cells: [Cell]

    /// The text of the cell holding `path`, trimmed.
    func text(at path: String) -> String? {
        cells.first { layout.columns[$0.column].target.dotted == path }?.text.trimmingCharacters(in: .whitespaces)
    }
}

/// A row made into an account: every cell read as a spreadsheet value for its field, the related lists' items
/// added, and the tree validated by the same reader as an account file. Every problem of the row is reported —
/// the cells that cannot be read and what the reader finds in the rest — not the first alone.
enum RowRecord {
    static func load(_ row: RowCells, related: [RowCells]) -> Result<LoadedAccount, AccountLoadError> {
        let context = SpreadsheetValue.Context(
            settings: row.layout.settings, currency: row.text(at: "account.contract.currency")?.uppercased())
        var tree = OrderedTree()
        // (the column's order, the problem): sorted into the row's column order at the end.
        var problems: [(order: Int, diagnostic: Diagnostic)] = []
        var failed = Set<String>()
        for cell in row.cells {
            let column = row.layout.columns[cell.column]
            let path = column.target.dotted
            func problem(_ message: String) {
                problems.append((column.index, Diagnostic(.error, message + hint(column), file: row.location, path: path)))
                failed.insert(path)
            }
            switch SpreadsheetValue.read(cell.text, as: column.target, context: context, location: row.location) {
            case .text(let text):
                if !tree.insert(scalar(text), at: column.target.components[...]) { problem("is given twice in this row") }
            case .node(let node):
                if !tree.insert(node, at: column.target.components[...]) { problem("is given twice in this row") }
            case .problem(let message):
                problem(message)
            }
        }
        // Related items, one list at a time, in the order the files and their rows give them.
        var lists: [String] = []
        var items: [String: [RowCells]] = [:]
        for item in related {
            guard let list = item.layout.relatedList else { continue }
            if items[list] == nil { lists.append(list) }
            items[list, default: []].append(item)
        }
        var itemLocations: [(prefix: String, location: String)] = []
        for list in lists {
            let rows = items[list] ?? []
            let components = list.split(separator: ".").map(String.init)
            var nodes: [Node] = []
            for (index, item) in rows.enumerated() {
                let prefix = "\(list)[\(index)]"
                itemLocations.append((prefix, item.location))
                if let node = itemNode(item, list: list, prefix: prefix, context: context, problems: &problems) {
                    nodes.append(node)
                }
            }
            if !tree.insert(Node.sequence(.init(nodes)), at: components[...]) {
                problems.append(
                    (Int.max, Diagnostic(
                        .error, "is given both in a column of this row and in \(rows.first?.layout.file ?? "a related file"): "
                            + "give the items in one place", file: row.location, path: list)))
            }
        }
        let loaded: Result<LoadedAccount, AccountLoadError>
        do {
            loaded = .success(try AccountLoader.load(node: tree.node(), name: row.location, cellMarks: true))
        } catch {
            loaded = .failure(error)
        }
        // Where each path's column is, so the reader's findings sort among the cells' own.
        var order: [String: RowLayout.Column] = [:]
        for column in row.layout.columns { order[column.target.dotted] = column }
        func placed(_ diagnostic: Diagnostic) -> (Int, Diagnostic) {
            var diagnostic = diagnostic
            let path = diagnostic.path ?? ""
            if let column = order[path] { diagnostic.message += hint(column) }
            if let item = itemLocations.last(where: { path.hasPrefix($0.prefix) }) {
                diagnostic.message += " (\(item.location))"
            }
            return (order[path]?.index ?? Int.max - 1, diagnostic)
        }
        switch loaded {
        case .success(let account) where problems.isEmpty:
            return .success(account)
        case .success(let account):
            return .failure(merged(problems + account.warnings.map(placed), file: row.location))
        case .failure(let error):
            // A required value whose cell could not be read is not "missing" too.
            let found = error.diagnostics.filter { !(failed.contains($0.path ?? "") && $0.message.hasPrefix("is required")) }
            return .failure(merged(problems + found.map(placed), file: row.location))
        }
    }

    /// Errors first, each group in column order.
    private static func merged(_ entries: [(order: Int, diagnostic: Diagnostic)], file: String) -> AccountLoadError {
        let sorted = entries.enumerated().sorted { a, b in
            let ka = (a.element.diagnostic.severity == .error ? 0 : 1, a.element.order, a.offset)
            let kb = (b.element.diagnostic.severity == .error ? 0 : 1, b.element.order, b.offset)
            return ka < kb
        }.map(\.element.diagnostic)
        let limit = AccountLoader.maxDiagnostics
        guard sorted.count > limit else { return AccountLoadError(.invalid, sorted) }
        return AccountLoadError(
            .invalid,
            Array(sorted.prefix(limit)) + [
                Diagnostic(.error, "\(sorted.count - limit) more problems not shown; fix these first", file: file)
            ])
    }

    /// One item of a related list: a mapping of its fields, or for a list of text (`narrative.asks`) the text.
    private static func itemNode(
        _ item: RowCells, list: String, prefix: String, context: SpreadsheetValue.Context,
        problems: inout [(order: Int, diagnostic: Diagnostic)]
    ) -> Node? {
        var pairs: [(Node, Node)] = []
        var single: Node?
        for cell in item.cells {
            let column = item.layout.columns[cell.column]
            let target = column.target
            guard target.list == list else { continue }
            let field = target.form == .listItem ? target.components.last ?? "" : ""
            let path = field.isEmpty ? prefix : prefix + "." + field
            let type: SchemaType
            if case .list(let element) = target.type, target.form == .wholeList { type = element } else { type = target.type }
            switch SpreadsheetValue.scalar(cell.text, type: type, path: target.dotted, context: context) {
            case .text(let text):
                if field.isEmpty { single = scalar(text) } else { pairs.append((Node(field), scalar(text))) }
            case .node(let node):
                if field.isEmpty { single = node } else { pairs.append((Node(field), node)) }
            case .problem(let message):
                problems.append(
                    (Int.max - 1, Diagnostic(.error, message + hint(column), file: item.location, path: path)))
            }
        }
        if case .list(.object(_)) = ImportPath.resolve(list)?.type { return Node.mapping(.init(pairs)) }
        return single
    }

    /// ` (column "ARR")` for a column named through the mapping, whose header is not the path.
    private static func hint(_ column: RowLayout.Column) -> String {
        column.mapped ? " (column \"\(shortened(column.header))\")" : ""
    }

    /// A cell's text as a YAML scalar that is text to the reader whatever it holds (`[Beta] Corp`, `yes`, `~`).
    static func scalar(_ text: String) -> Node { Node.scalar(.init(text, .init(.str), .doubleQuoted)) }
}

/// The tree of one row, its keys in column order (so feature adoption and health components keep the order of
/// the export, as a YAML file keeps its own).
struct OrderedTree {
    private indirect enum Entry {
        case leaf(Node)
        case branch(OrderedTree)
    }

    private var keys: [String] = []
    private var entries: [String: Entry] = [:]

    /// Places `value` at `path`; false when the place already holds a value, or a value is where a mapping
    /// must be (`health.components` as JSON and `health.components.usage` as a column).
    mutating func insert(_ value: Node, at path: ArraySlice<String>) -> Bool {
        guard let key = path.first else { return false }
        if path.count == 1 {
            guard entries[key] == nil else { return false }
            keys.append(key)
            entries[key] = .leaf(value)
            return true
        }
        var child: OrderedTree
        switch entries[key] {
        case .leaf: return false
        case .branch(let existing): child = existing
        case nil:
            child = OrderedTree()
            keys.append(key)
        }
        let done = child.insert(value, at: path.dropFirst())
        entries[key] = .branch(child)
        return done
    }

    func node() -> Node {
        var pairs: [(Node, Node)] = []
        for key in keys {
            switch entries[key] {
            case .leaf(let value): pairs.append((Node(key), value))
            case .branch(let child): pairs.append((Node(key), child.node()))
            case nil: continue
            }
        }
        return Node.mapping(.init(pairs))
    }
}
