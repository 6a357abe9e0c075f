import Foundation
import GRDB
import QBRCore
import QBRLoad

/// Outcomes, value realized, opportunities, risks and asks exported as reports of their own, one row per item
/// with the account's id (`--related outcomes.csv`, or SQLite tables of those names). They are read whole before
/// the accounts, so a related file that cannot be read stops the run before anything is written, and each
/// account's items are added to its row in file order. Items whose account never comes are reported by row.
final class RelatedLists: @unchecked Sendable {
    /// The lists a related source may hold, and the file or table names that say which without a prefix.
    static let names: [String: String] = [
        "outcomes": "outcomes", "outcome": "outcomes", "value_realized": "value_realized", "value": "value_realized",
        "valuerealized": "value_realized", "opportunities": "opportunities", "opportunity": "opportunities",
        "risks": "risks", "risk": "risks", "narrative_asks": "narrative.asks", "asks": "narrative.asks",
    ]

    private var items: [String: [RowCells]] = [:]
    /// Ids in the order first seen, for the report of items no account claimed.
    private var ids: [String] = []
    private var claimed = Set<String>()
    /// Rows that cannot be used (ragged, no account id), reported with the accounts.
    private(set) var failures: [PortfolioRecord] = []
    /// Items read, over every file.
    private(set) var count = 0
    /// The files and tables read.
    private(set) var sources: [String] = []

    /// Reads every related CSV file.
    init(files: [String], settings: ImportSettings, warning: (Diagnostic) -> Void) throws {
        for file in files {
            guard FileManager.default.fileExists(atPath: file) else {
                throw AccountLoadError(.unreadable, [Diagnostic(.error, "no such related file", file: file)])
            }
            sources.append(file)
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            try CSVPortfolio.rows(
                file, settings: settings, related: true, list: Self.names[stem.lowercased()], warning: warning
            ) { event in
                switch event {
                case .row(let row): add(row)
                case .failed(let location, let message, let path): fail(location, message, path: path)
                }
            }
        }
    }

    /// Reads the tables of `names` that a SQLite database holds, after `files`.
    func read(database db: Database, file: String, settings: ImportSettings, warning: (Diagnostic) -> Void) throws {
        for table in Self.names.keys.sorted() where try db.tableExists(table) {
            let location = "\(file) table \(table)"
            sources.append(location)
            try SQLitePortfolio.rows(
                db, sql: "SELECT * FROM \"\(table)\"", file: location, settings: settings, related: true,
                list: Self.names[table], warning: warning
            ) { add($0) }
        }
    }

    private func add(_ row: RowCells) {
        guard let id = row.text(at: "account.id"), !id.isEmpty else {
            fail(row.location, "has no account id: each item names the account it belongs to", path: "account.id")
            return
        }
        if items[id] == nil { ids.append(id) }
        items[id, default: []].append(row)
        count += 1
    }

    private func fail(_ location: String, _ message: String, path: String?) {
        failures.append(
            PortfolioRecord(
                location: location,
                result: .failure(AccountLoadError(.invalid, [Diagnostic(.error, message, file: location, path: path)]))))
    }

    /// The items of the account `id`, once (a second record with the id is skipped as a duplicate).
    func claim(_ id: String) -> [RowCells] {
        claimed.insert(id)
        return items[id] ?? []
    }

    /// A failed record for every item whose account is not in the source, in file order.
    func unclaimed(source: String) -> [PortfolioRecord] {
        ids.filter { !claimed.contains($0) }.flatMap { id in
            (items[id] ?? []).map { row in
                let list = row.layout.relatedList ?? "item"
                let message =
                    "account.id \"\(shortened(id))\" is no account of \(source): this item of \(list) belongs to none and is not used"
                return PortfolioRecord(
                    location: row.location,
                    result: .failure(AccountLoadError(.invalid, [Diagnostic(.error, message, file: row.location)])))
            }
        }
    }

    /// A related source's columns hold the account id and the fields of exactly one list.
    static func check(_ layout: RowLayout) throws(AccountLoadError) -> RowLayout {
        guard layout.idColumn != nil else {
            throw AccountLoadError(
                .invalid,
                [Diagnostic(
                    .error, "has no account id column: a related file names each item's account in account.id (or a "
                        + "column mapped to it under import: columns: in qbr.yaml)", file: layout.file, line: 1)])
        }
        var lists: [String] = []
        for column in layout.columns {
            guard let list = column.target.list else { continue }
            if column.target.form == .wholeList, case .list(.object(_)) = column.target.type { continue }
            if !lists.contains(list) { lists.append(list) }
        }
        guard lists.count == 1, let list = lists.first else {
            let message =
                lists.isEmpty
                ? "names no item fields: a related file has the account id and the fields of one list, one item a row "
                    + "(outcomes.name, outcomes.target…; value_realized.amount; opportunities.name; risks.description; "
                    + "narrative.asks)"
                : "holds fields of \(lists.joined(separator: " and ")): a related file holds the items of one list"
            throw AccountLoadError(.invalid, [Diagnostic(.error, message, file: layout.file, line: 1)])
        }
        return RowLayout(
            file: layout.file, columns: layout.columns, settings: layout.settings, unknown: layout.unknown, relatedList: list)
    }
}
