import Foundation
import GRDB
import QBRCore
import QBRLoad

/// A SQLite database: a table (`accounts` by default) or a query whose column names are the dotted paths of
/// the schema or columns of `import.columns`, like a CSV export's header. Rows are read through a cursor, one at
/// a time. Tables named like the related lists (`outcomes`, `value_realized`, `opportunities`, `risks`,
/// `narrative_asks`) with an account id column give each account its items.
enum SQLitePortfolio {
    static func read(
        _ path: String, query: String?, settings: ImportSettings, related: RelatedLists,
        warning: (Diagnostic) -> Void, layout report: (RowLayout) -> Void = { _ in },
        _ body: (PortfolioRecord) throws -> Void
    ) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw AccountLoadError(.unreadable, [Diagnostic(.error, "cannot be opened as SQLite: \(error)", file: path)])
        }
        try queue.read { db in
            do {
                try related.read(database: db, file: path, settings: settings, warning: warning)
            } catch let error as AccountLoadError {
                throw error
            } catch {
                throw AccountLoadError(.invalid, [Diagnostic(.error, "a related table cannot be read: \(error)", file: path)])
            }
            var records = 0
            try rows(
                db, sql: query ?? "SELECT * FROM accounts", file: path, settings: settings, warning: warning,
                layout: report
            ) {
                records += 1
                try body(PortfolioRecord(row: $0))
            }
            // Like a CSV of only a header: no input rather than bad data.
            if records == 0 {
                throw AccountLoadError(
                    .empty,
                    [Diagnostic(.error, "holds no accounts: \(query == nil ? "the accounts table has no rows" : "the query returned no rows")", file: path)])
            }
        }
    }

    /// The rows of a table or query, each as its non-blank cells.
    static func rows(
        _ db: Database, sql: String, file: String, settings: ImportSettings, related: Bool = false, list: String? = nil,
        warning: (Diagnostic) -> Void, layout report: (RowLayout) -> Void = { _ in }, _ body: (RowCells) throws -> Void
    ) throws {
        let cursor: RowCursor
        do {
            cursor = try Row.fetchCursor(db, sql: sql)
        } catch {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "the query failed: \(error)", file: file)])
        }
        var layout: RowLayout?
        var number = 0
        while let row = try cursor.next() {
            number += 1
            if layout == nil {
                var found = try ImportMapping.layout(
                    headers: Array(row.columnNames), file: file, settings: settings, related: related, list: list,
                    lines: false, warning: warning)
                if related { found = try RelatedLists.check(found) }
                report(found)
                layout = found
            }
            guard let layout else { continue }
            var cells: [RowCells.Cell] = []
            for (position, column) in layout.columns.enumerated() {
                let value = row[column.index] as DatabaseValue
                let text: String
                switch value.storage {
                case .null: continue
                case .int64(let number): text = String(number)
                case .double(let number): text = "\(Decimal(number))"
                case .string(let string): text = string
                case .blob: continue
                }
                if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                cells.append(.init(column: position, text: text))
            }
            try body(RowCells(layout: layout, location: "\(file) row \(number)", cells: cells))
        }
    }
}
