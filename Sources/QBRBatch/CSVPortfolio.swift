import Foundation
import QBRCore
import QBRLoad
import Yams

/// A CSV export, read as a stream: the header names dotted paths of the account schema or columns of
/// `import.columns`; each row's cells are kept as read and become the same tree a YAML file gives when the record
/// is validated (`RowRecord`), so it is checked by the same reader, with the row in messages.
enum CSVPortfolio {
    /// What one line of the file gives.
    enum Event {
        /// A row's non-blank cells.
        case row(RowCells)
        /// A row that cannot be used at all (ragged, too long, a quote never closed…): where and why.
        case failed(location: String, message: String, path: String?)
    }

    /// Reads the accounts of a CSV export.
    static func read(
        _ path: String, settings: ImportSettings, warning: (Diagnostic) -> Void,
        layout: (RowLayout) -> Void = { _ in }, _ body: (PortfolioRecord) throws -> Void
    ) throws {
        try rows(path, settings: settings, warning: warning, layout: layout) { event in
            switch event {
            case .row(let cells):
                try body(PortfolioRecord(row: cells))
            case .failed(let location, let message, let column):
                try body(
                    PortfolioRecord(
                        location: location,
                        result: .failure(AccountLoadError(.invalid, [Diagnostic(.error, message, file: location, path: column)]))))
            }
        }
    }

    /// The rows of a CSV file (an account export, or a related list with `related`), one event a line.
    static func rows(
        _ path: String, settings: ImportSettings, related: Bool = false, list: String? = nil,
        warning: (Diagnostic) -> Void, layout report: (RowLayout) throws -> Void = { _ in },
        _ body: (Event) throws -> Void
    ) throws {
        let delimiter: UInt8
        if let configured = settings.delimiter?.utf8.first {
            delimiter = configured
        } else {
            let detected = CSVRows.detectDelimiter(path: path)
            guard let found = detected.delimiter else {
                let counts = detected.counts.sorted { $0.key < $1.key }
                    .map { "\($0.value) \($0.key == "\t" ? "tabs" : "\"\($0.key)\"")" }.joined(separator: ", ")
                throw AccountLoadError(
                    .invalid,
                    [Diagnostic(
                        .error, "the header line has as many of two delimiters (\(counts)): add delimiter: \";\" (or the "
                            + "one the export uses) under import: in qbr.yaml", file: path, line: 1)])
            }
            delimiter = found
        }
        guard var reader = CSVRows(path: path, delimiter: delimiter, encoding: settings.encoding ?? .utf8) else {
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
        let header = headerRow.cells
        var layout = try ImportMapping.layout(
            headers: header, file: path, settings: settings, related: related, list: list, warning: warning)
        if related { layout = try RelatedLists.check(layout) }
        try report(layout)
        var records = 0
        while let row = reader.next() {
            let location = "\(path) row \(row.number)"
            func fail(_ message: String, column: Int?) throws {
                let name = column.flatMap { index in
                    layout.columns.first { $0.index == index }?.target.dotted
                        ?? (index < header.count ? shortened(header[index].trimmingCharacters(in: .whitespaces).lowercased()) : nil)
                }
                try body(.failed(location: location, message: message, path: name))
            }
            if let problem = row.problem {
                records += 1
                try fail(problem.message, column: problem.column)
                continue
            }
            if row.cells == [""] { continue }  // a blank line
            records += 1
            guard row.cells.count == header.count else {
                let separator = delimiter == 0x09 ? "tab" : "\"\(Character(UnicodeScalar(delimiter)))\""
                try fail(
                    "has \(row.cells.count) cells but the header has \(header.count) columns "
                        + (row.cells.count > header.count
                            ? "(a \(delimiter == UInt8(ascii: ",") ? "comma" : separator) inside a cell that is not quoted?)"
                            : "(a cell missing?)"),
                    column: nil)
                continue
            }
            var kept: [RowCells.Cell] = []
            for (position, column) in layout.columns.enumerated() {
                let cell = row.cells[column.index]
                guard !isBlank(cell) else { continue }
                kept.append(.init(column: position, text: cell))
            }
            try body(.row(RowCells(layout: layout, location: location, cells: kept)))
        }
        if records == 0 && !related {
            throw AccountLoadError(.empty, [Diagnostic(.error, "holds no accounts: only a header row", file: path)])
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
}
