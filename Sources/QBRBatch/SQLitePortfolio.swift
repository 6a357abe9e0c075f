import Foundation
import GRDB
import QBRCore
import QBRLoad

/// A SQLite database: a table (`accounts` by default) or a query whose column names are the dotted paths of
/// the schema, like a CSV export's header. Rows are read through a cursor, one at a time.
enum SQLitePortfolio {
    static func read(
        _ path: String, query: String?, warning: (Diagnostic) -> Void, _ body: (PortfolioRecord) throws -> Void
    ) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw AccountLoadError(.unreadable, [Diagnostic(.error, "cannot be opened as SQLite: \(error)", file: path)])
        }
        let sql = query ?? "SELECT * FROM accounts"
        let known = Set(CSVPortfolio.knownPaths)
        try queue.read { db in
            let cursor: RowCursor
            do {
                cursor = try Row.fetchCursor(db, sql: sql)
            } catch {
                throw AccountLoadError(.invalid, [Diagnostic(.error, "the query failed: \(error)", file: path)])
            }
            var columns: [(index: Int, path: [String])]?
            var number = 0
            while let row = try cursor.next() {
                number += 1
                if columns == nil {
                    var found: [(Int, [String])] = []
                    for (index, name) in row.columnNames.enumerated() {
                        let plain = name.lowercased()
                        if known.contains(plain) {
                            found.append((index, plain.split(separator: ".").map(String.init)))
                        } else {
                            warning(Diagnostic(.warning, "unknown column \"\(name)\" is ignored", file: path))
                        }
                    }
                    columns = found
                }
                let location = "\(path) row \(number)"
                var cells: [PortfolioRecord.Cell] = []
                for column in columns ?? [] {
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
                    cells.append(.init(path: column.path, text: text))
                }
                try body(PortfolioRecord(location: location, cells: cells))
            }
        }
    }
}
