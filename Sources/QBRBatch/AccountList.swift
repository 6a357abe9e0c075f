import Foundation
import GRDB
import QBRCore
import QBRRender
import QBRTemplate

/// The portfolio overview's account list, kept on disk as accounts finish — a private temporary SQLite
/// database that vanishes when closed — and read back in name order, so memory stays flat however large the
/// portfolio is.
final class AccountList {
    private let queue: DatabaseQueue
    /// Rows added.
    private(set) var count = 0

    /// An empty list.
    init() throws {
        // An empty path is SQLite's private temporary database on disk, deleted when the connection closes.
        queue = try DatabaseQueue(path: "")
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE row (
                        sort_key TEXT NOT NULL, name TEXT NOT NULL, id TEXT NOT NULL, folder TEXT NOT NULL, arr TEXT NOT NULL,
                        health TEXT NOT NULL, playbooks TEXT NOT NULL, renewal TEXT, documents TEXT NOT NULL)
                    """)
        }
    }

    /// Adds the rows of one chunk of accounts, in one transaction.
    func add(_ rows: [PortfolioOverview.Row]) throws {
        guard !rows.isEmpty else { return }
        try queue.write { db in
            let statement = try db.makeStatement(
                sql: "INSERT INTO row (sort_key, name, id, folder, arr, health, playbooks, renewal, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for row in rows {
                // Documents as "document<TAB>path" lines: neither holds a tab or a line break.
                let documents = row.documents.map { "\($0.document)\t\($0.path)" }.joined(separator: "\n")
                try statement.execute(arguments: [
                    PortfolioOverview.sortKey(row.name), row.name, row.id, row.folder, row.arr, row.health, row.playbooks, row.renewal, documents,
                ])
            }
        }
        count += rows.count
    }

    /// Calls `body` with the rows in name order as a person sorts them (case- and accent-insensitive, then id), `size` at a time, with the page's 1-based number.
    func forEachPage(size: Int, _ body: ([PortfolioOverview.Row], Int) throws -> Void) throws {
        try queue.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM row ORDER BY sort_key, id")
            var page: [PortfolioOverview.Row] = []
            var number = 0
            while let row = try cursor.next() {
                let documents = (row["documents"] as String).split(separator: "\n").compactMap { line -> (String, String)? in
                    let parts = line.split(separator: "\t", maxSplits: 1)
                    return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                }
                page.append(
                    PortfolioOverview.Row(
                        id: row["id"], name: row["name"], folder: row["folder"], arr: row["arr"], health: row["health"],
                        playbooks: row["playbooks"], renewal: row["renewal"], documents: documents))
                if page.count == size {
                    number += 1
                    try body(page, number)
                    page.removeAll(keepingCapacity: true)
                }
            }
            if !page.isEmpty || number == 0 { try body(page, number + 1) }
        }
    }
}

/// Writes the portfolio overview: `index.md` (and `index.html`), with every account in its table, or — past
/// `pageSize` accounts — on pages `accounts-0001.md`… of `pageSize` accounts each, in name order, that the
/// index links to. Returns the files written.
enum OverviewFiles {
    /// Accounts listed in `index.md` itself; a larger portfolio gets pages of this many.
    static let defaultPageSize = 1_000

    static func write(
        overview: PortfolioOverview, accounts: AccountList, failed: [PortfolioOverview.Failure],
        changes: [String: PortfolioOverview.Change], comparison: PortfolioOverview.MonthComparison?,
        renderer: DocumentRenderer, formats: Set<OutputFormat>, out: String, pageSize: Int = defaultPageSize
    ) throws -> Int {
        let pageSize = max(1, pageSize)
        var files = 0
        func write(markdown: String, name: String, title: String) throws {
            try AtomicFile.write(markdown, to: (out as NSString).appendingPathComponent(name + ".md"))
            files += 1
            if formats.contains(.html) {
                let html = try renderer.html(fromMarkdown: markdown, title: title)
                try AtomicFile.write(html, to: (out as NSString).appendingPathComponent(name + ".html"))
                files += 1
            }
        }
        let index: TemplateValue
        if accounts.count <= pageSize {
            var rows: [PortfolioOverview.Row] = []
            try accounts.forEachPage(size: pageSize) { page, _ in rows += page }
            index = overview.context(failed: failed, rows: rows, changes: changes, comparison: comparison)
        } else {
            let count = (accounts.count + pageSize - 1) / pageSize
            func name(_ page: Int) -> String { "accounts-" + String(format: "%04d", page) }
            var pages: [PortfolioOverview.Page] = []
            try accounts.forEachPage(size: pageSize) { rows, page in
                let context = overview.pageContext(
                    rows: rows, page: page, of: count, previous: page > 1 ? name(page - 1) + ".md" : nil,
                    next: page < count ? name(page + 1) + ".md" : nil)
                let markdown = try renderer.markdown(context: context, template: "portfolio-page")
                try write(markdown: markdown, name: name(page), title: PortfolioOverview.pageTitle(rows: rows, asOf: overview.asOf))
                pages.append(
                    PortfolioOverview.Page(
                        number: page, path: name(page) + ".md", first: rows.first?.name ?? "",
                        last: rows.last?.name ?? "", count: rows.count))
            }
            index = overview.context(failed: failed, pages: pages, changes: changes, comparison: comparison)
        }
        let markdown = try renderer.markdown(context: index, template: "portfolio")
        try write(markdown: markdown, name: "index", title: overview.title)
        return files
    }
}
