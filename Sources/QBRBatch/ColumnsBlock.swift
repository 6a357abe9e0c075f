import Foundation
import GRDB
import QBRCore
import QBRLoad

/// `qbr columns FILE`: the `import:` block a team pastes into `qbr.yaml` and edits — a guess for every column of
/// a CSV header or a SQLite table, the columns nothing fits as comments, and the formats the first rows show.
public enum ColumnGuesser {
    /// What was found.
    public struct Guess: Sendable {
        /// Header → guessed path (nil: no guess), in column order.
        public var columns: [(header: String, path: String?)]
        public var delimiter: String?
        public var dateFormat: ImportSettings.DateFormat?
        /// A date seen that decided the format, for the comment.
        public var dateExample: String?
        public var decimal: String?
        public var encoding: ImportSettings.Encoding?
        /// The file, for the heading comment.
        public var file: String

        /// The block, ready to edit.
        public var yaml: String {
            let placed = columns.filter { $0.path != nil }.count
            var lines = [
                "# qbr columns \(file): \(columns.count) columns, \(placed) placed; check each line, then paste into qbr.yaml",
                "import:", "  columns:",
            ]
            let width = min(40, (columns.map { quoted($0.header).count }.max() ?? 0) + 1)
            for column in columns {
                let key = quoted(column.header) + ":"
                let padded = key + String(repeating: " ", count: max(1, width + 1 - key.count))
                if let path = column.path {
                    let same = ImportPath.resolve(column.header)?.dotted == path
                    lines.append("    " + padded + path + (same ? "    # read as it is; this line may go" : ""))
                } else {
                    lines.append("    # " + padded + "?    # no guess: a schema path (qbr schema), or leave it out")
                }
            }
            if let delimiter { lines.append("  delimiter: \"\(delimiter == "\t" ? "\\t" : delimiter)\"") }
            if let dateFormat {
                lines.append("  date_format: \(dateFormat.rawValue)" + (dateExample.map { "    # seen: \($0)" } ?? ""))
            } else {
                lines.append("  # date_format: MM/DD/YYYY    # or DD/MM/YYYY, DD.MM.YYYY; ISO dates are always read")
            }
            if let decimal { lines.append("  decimal: \"\(decimal)\"") }
            if let encoding { lines.append("  encoding: \(encoding.rawValue)") }
            return lines.joined(separator: "\n") + "\n"
        }

        private func quoted(_ text: String) -> String {
            let plain = text.allSatisfy { $0.isLetter || $0.isNumber || " _-.()%/".contains($0) }
                && text.first.map { $0.isLetter || $0.isNumber } == true && !text.hasSuffix(" ")
            guard !plain else { return text }
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }

    /// Rows looked at for the formats.
    static let sampleRows = 500

    /// Guesses the block for a CSV file or a SQLite database's `table`.
    public static func guess(_ path: String, table: String = "accounts") throws -> Guess {
        let lower = path.lowercased()
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        if [".sqlite", ".sqlite3", ".db"].contains(where: { lower.hasSuffix($0) }) {
            return try sqlite(path, table: table)
        }
        let list = RelatedLists.names[stem]
        var encoding: ImportSettings.Encoding?
        var headers: [String] = []
        var samples: [[String]] = []
        var delimiter: String?
        for attempt in [ImportSettings.Encoding.utf8, .windows1252] {
            headers = []
            samples = []
            var notUTF8 = false
            var settings = ImportSettings(encoding: attempt)
            let detected = CSVRows.detectDelimiter(path: path)
            if let found = detected.delimiter, found != UInt8(ascii: ",") {
                delimiter = String(Character(UnicodeScalar(found)))
                settings.delimiter = delimiter
            }
            guard var reader = CSVRows(path: path, delimiter: settings.delimiter?.utf8.first ?? UInt8(ascii: ","), encoding: attempt)
            else {
                throw AccountLoadError(.unreadable, [Diagnostic(.error, "cannot be opened", file: path)])
            }
            guard let header = reader.next() else {
                throw AccountLoadError(.invalid, [Diagnostic(.error, "is empty: expected a header row", file: path)])
            }
            if header.problem?.message.contains("not UTF-8") == true { notUTF8 = true }
            headers = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            while samples.count < sampleRows, let row = reader.next() {
                if row.problem?.message.contains("not UTF-8") == true { notUTF8 = true }
                if row.cells.count == headers.count { samples.append(row.cells) }
            }
            if !notUTF8 { break }
            encoding = .windows1252
        }
        return formats(
            Guess(columns: [], delimiter: delimiter, encoding: encoding, file: path), headers: headers, samples: samples,
            list: list)
    }

    private static func sqlite(_ path: String, table: String) throws -> Guess {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        var headers: [String] = []
        var samples: [[String]] = []
        try queue.read { db in
            let columns = try db.columns(in: table)
            headers = columns.map(\.name)
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table.replacingOccurrences(of: "\"", with: "\"\""))\" LIMIT \(sampleRows)")
            samples = rows.map { row in
                (0..<row.count).map { index in
                    let value = row[index] as DatabaseValue
                    if case .string(let text) = value.storage { return text }
                    return ""
                }
            }
        }
        return formats(Guess(columns: [], file: "\(path) table \(table)"), headers: headers, samples: samples, list: RelatedLists.names[table])
    }

    /// The columns' guesses, and the date format and decimal mark the sampled cells of date and number columns show.
    private static func formats(_ start: Guess, headers: [String], samples: [[String]], list: String?) -> Guess {
        var guess = start
        guess.columns = headers.map { ($0, ColumnGuess.guess($0, list: list)) }
        var monthFirst = false
        var dayFirst = false
        var dots = false
        var decimalComma = false
        for (index, column) in guess.columns.enumerated() {
            guard let path = column.path, let target = ImportPath.resolve(path) else { continue }
            for row in samples where index < row.count {
                let cell = row[index].trimmingCharacters(in: .whitespaces)
                switch target.type {
                case .date:
                    let parts = cell.split(whereSeparator: { $0 == "/" || $0 == "." }).compactMap { Int($0) }
                    guard parts.count == 3 else { continue }
                    if cell.contains(".") { dots = true }
                    if parts[0] > 12 { dayFirst = true; guess.dateExample = guess.dateExample ?? cell }
                    if parts[1] > 12 { monthFirst = true; guess.dateExample = guess.dateExample ?? cell }
                case .number, .integer:
                    // 1.234,56 or 12,5: a comma before the last one or two digits.
                    if let comma = cell.lastIndex(of: ","), cell[cell.index(after: comma)...].count <= 2,
                        cell[cell.index(after: comma)...].allSatisfy(\.isNumber), !cell[cell.index(after: comma)...].isEmpty
                    {
                        decimalComma = true
                    }
                default: continue
                }
            }
        }
        if dots && !monthFirst {
            guess.dateFormat = .dayMonthYearDots
        } else if monthFirst != dayFirst {
            guess.dateFormat = monthFirst ? .monthDayYear : .dayMonthYear
        }
        if decimalComma { guess.decimal = "," }
        return guess
    }
}
