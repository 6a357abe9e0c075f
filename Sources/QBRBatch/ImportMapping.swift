import Foundation
import QBRCore
import QBRLoad

/// The columns of one tabular source (a CSV header, a SQLite result) and the schema path each holds, shared
/// by every row of the source.
final class RowLayout: Sendable {
    /// One column that is read.
    struct Column: Sendable {
        /// Its place in a row.
        let index: Int
        /// Its header as written.
        let header: String
        let target: ImportPath
        /// Named through `import.columns` rather than by its path, so messages name the header too.
        let mapped: Bool
    }

    /// The file or table, for messages.
    let file: String
    let columns: [Column]
    let settings: ImportSettings
    /// The headers of the columns that are not read, for a summary.
    let unknown: [String]
    /// For a related file: the list its rows are items of (`outcomes`, `narrative.asks`).
    let relatedList: String?

    init(file: String, columns: [Column], settings: ImportSettings, unknown: [String], relatedList: String? = nil) {
        self.file = file
        self.columns = columns
        self.settings = settings
        self.unknown = unknown
        self.relatedList = relatedList
    }

    /// The column that holds `account.id`.
    var idColumn: Column? { columns.first { $0.target.form == .value && $0.target.dotted == "account.id" } }
}

/// Matches a source's headers to schema paths: a line of `import.columns` (case and spaces do not count), else
/// the header as a dotted path. Everything else is an unknown column, reported once with a did-you-mean over
/// the schema paths and the usual CRM labels.
enum ImportMapping {
    /// `list`: for a related file, the list its rows are items of when known from its name (`outcomes`), so
    /// bare field names (`name`, `target`) are read as that list's. `lines`: a CSV, whose warnings carry line 1
    /// and the column.
    static func layout(
        headers: [String], file: String, settings: ImportSettings, related: Bool = false, list: String? = nil,
        lines: Bool = true, warning: (Diagnostic) -> Void
    ) throws(AccountLoadError) -> RowLayout {
        var mapping: [String: String] = [:]
        for column in settings.columns { mapping[ImportPath.normalized(column.source)] = column.path }
        var columns: [RowLayout.Column] = []
        var unknown: [String] = []
        var taken: [String: (index: Int, header: String)] = [:]
        for (index, raw) in headers.enumerated() {
            let header = raw.trimmingCharacters(in: .whitespaces)
            var target: ImportPath?
            var mapped = false
            if let path = mapping[ImportPath.normalized(header)] {
                target = ImportPath.resolve(path)
                mapped = true
            } else if let path = ImportPath.resolve(header) {
                target = path
            } else if related, let list, let path = ImportPath.resolve(list + "." + header) {
                target = path
            } else if related, ["accountid", "account_id"].contains(ImportPath.normalized(header)) {
                target = ImportPath.resolve("account.id")
            }
            if let found = target, !related, found.form == .listItem {
                warning(
                    Diagnostic(
                        .warning,
                        "column \"\(shortened(header))\" is a field of one item of \(found.list ?? "a list"): give the items in "
                            + "a related file, one a row (--related \(found.list ?? "items").csv); it is ignored here",
                        file: file, line: lines ? 1 : nil, column: lines ? index + 1 : nil))
                unknown.append(header)
                continue
            }
            guard let target else {
                var message = "unknown column \"\(shortened(header))\" is ignored"
                if let guess = ColumnGuess.guess(header, list: related ? list : nil) {
                    message += " (did you mean \(guess)? add `\(shortened(header)): \(guess)` under import: columns: in qbr.yaml)"
                }
                warning(Diagnostic(.warning, message, file: file, line: lines ? 1 : nil, column: lines ? index + 1 : nil))
                unknown.append(header)
                continue
            }
            let key = target.dotted.lowercased()
            if let first = taken[key] {
                let what =
                    first.header.lowercased() == header.lowercased()
                    ? "column \"\(shortened(header.lowercased()))\" appears twice"
                    : "columns \"\(shortened(first.header))\" and \"\(shortened(header))\" both hold \(target.dotted)"
                throw AccountLoadError(
                    .invalid,
                    [Diagnostic(
                        .error, "\(what) (columns \(first.index + 1) and \(index + 1)): which one holds the value?",
                        file: file, line: lines ? 1 : nil, column: lines ? index + 1 : nil)])
            }
            taken[key] = (index, header)
            columns.append(.init(index: index, header: header, target: target, mapped: mapped))
        }
        return RowLayout(file: file, columns: columns, settings: settings, unknown: unknown)
    }
}
