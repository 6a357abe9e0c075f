import Foundation
import GRDB
import QBRCore

/// Month-by-month metrics of every account in an embedded SQLite file (`history.sqlite` in the output folder,
/// or `--history PATH`). A run records each account's snapshot for its month; re-running the same month
/// replaces that month's rows, never duplicates them. Snapshots wait in a temporary table until the run ends
/// and `commit` moves them in one transaction, so a killed run never leaves a partial month.
public final class HistoryStore: Sendable {
    private let queue: DatabaseQueue

    /// Opens (or creates) the history at `path`.
    public init(path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS snapshot (
                        account_id TEXT NOT NULL, month TEXT NOT NULL, health TEXT, nrr TEXT, arr TEXT, mau INTEGER,
                        PRIMARY KEY (account_id, month))
                    """)
            try db.execute(
                sql: "CREATE TABLE IF NOT EXISTS portfolio (month TEXT PRIMARY KEY, nrr TEXT, grr TEXT, accounts INTEGER)")
            // The portfolio's ARR movements per currency (native, never converted: rates change, the record
            // does not), per run — "" for an unsharded run, "K/N" for a shard — so shards sharing one history
            // file add up, and retention in any currency or conversion can be worked out again.
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS portfolio_currency (
                        month TEXT NOT NULL, run TEXT NOT NULL, currency TEXT NOT NULL, starting TEXT NOT NULL,
                        expansion TEXT NOT NULL, contraction TEXT NOT NULL, churn TEXT NOT NULL, accounts INTEGER NOT NULL,
                        PRIMARY KEY (month, run, currency))
                    """)
            // Account names of a month, so next month can name the accounts that went missing.
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS account_name (account_id TEXT PRIMARY KEY, name TEXT NOT NULL)")
            // What this run has recorded so far: a temporary table lives only as long as this connection,
            // so a killed run's rows vanish with it, and shards sharing one history file never see each other's.
            try db.execute(
                sql: """
                    CREATE TEMP TABLE IF NOT EXISTS pending (
                        account_id TEXT NOT NULL, month TEXT NOT NULL, health TEXT, nrr TEXT, arr TEXT, mau INTEGER,
                        PRIMARY KEY (account_id, month))
                    """)
        }
    }


    /// The latest snapshot of each of `ids` before `month` (the previous run's figures).
    public func previous(before month: String, ids: [String]) throws -> [String: MonthSnapshot] {
        guard !ids.isEmpty else { return [:] }
        return try queue.read { db in
            var result: [String: MonthSnapshot] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM snapshot s
                    JOIN (SELECT account_id, MAX(month) AS month FROM snapshot WHERE month < ? GROUP BY account_id) latest
                      ON latest.account_id = s.account_id AND latest.month = s.month
                    WHERE s.account_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
                    """, arguments: StatementArguments([month] + ids))
            for row in rows {
                let id: String = row["account_id"]
                result[id] = MonthSnapshot(
                    month: row["month"], health: (row["health"] as String?).flatMap { Decimal(string: $0) },
                    nrr: (row["nrr"] as String?).flatMap { Decimal(string: $0) },
                    arr: (row["arr"] as String?).flatMap { Decimal(string: $0) }, monthlyActiveUsers: row["mau"])
            }
            return result
        }
    }

    /// Stages this run's snapshots; `commit` makes them the month's record.
    public func record(_ snapshots: [(id: String, snapshot: MonthSnapshot)]) throws {
        try queue.write { db in
            for (id, snapshot) in snapshots {
                // Decimals are stored as text: exact, like the input.
                try db.execute(
                    sql: "INSERT OR REPLACE INTO pending (account_id, month, health, nrr, arr, mau) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        id, snapshot.month, snapshot.health.map(Format.exact), snapshot.nrr.map(Format.exact),
                        snapshot.arr.map(Format.exact), snapshot.monthlyActiveUsers,
                    ])
            }
        }
    }

    /// Makes the staged snapshots the record of their month, replacing those accounts' earlier rows of the same
    /// month, and records the portfolio's retention for `month` — all in one transaction. `failed` are the ids
    /// that could not be rendered this run: a row an earlier run of the same month left for them is removed,
    /// so the month never holds figures the month's documents do not show. `totals` are the portfolio's ARR
    /// movements per native currency for `run` ("" unsharded, "K/N" a shard); `names` the accounts' names.
    public func commit(
        month: String, nrr: Decimal?, grr: Decimal?, accounts: Int, failed: [String] = [],
        totals: [String: (revenue: Revenue, accounts: Int)] = [:], run: String = "", names: [(id: String, name: String)] = []
    ) throws {
        try queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO main.snapshot SELECT * FROM temp.pending")
            try db.execute(sql: "DELETE FROM temp.pending")
            // In a fixed order, like every write here, so the same run writes the same file.
            for id in failed.sorted() {
                try db.execute(sql: "DELETE FROM main.snapshot WHERE account_id = ? AND month = ?", arguments: [id, month])
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO portfolio (month, nrr, grr, accounts) VALUES (?, ?, ?, ?)",
                arguments: [month, nrr.map { "\($0)" }, grr.map { "\($0)" }, accounts])
            try db.execute(sql: "DELETE FROM portfolio_currency WHERE month = ? AND run = ?", arguments: [month, run])
            for (currency, total) in totals.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "INSERT INTO portfolio_currency VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        month, run, currency, "\(total.revenue.startingARR)", "\(total.revenue.expansion)",
                        "\(total.revenue.contraction)", "\(total.revenue.churn)", total.accounts,
                    ])
            }
            let statement = try db.makeStatement(sql: "INSERT OR REPLACE INTO account_name VALUES (?, ?)")
            for (id, name) in names { try statement.execute(arguments: [id, name]) }
        }
    }

    /// The portfolio's ARR movements per native currency at the latest month before `month` that has them:
    /// the unsharded run's when there is one, else the sum of that month's shards. Nil for a history written
    /// before currencies were kept (0.1.0), or with no earlier month.
    public func previousTotals(before month: String) throws -> (month: String, totals: [String: Revenue])? {
        try queue.read { db in
            guard let latest = try String.fetchOne(
                db, sql: "SELECT MAX(month) FROM portfolio_currency WHERE month < ?", arguments: [month])
            else { return nil }
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM portfolio_currency WHERE month = ?", arguments: [latest])
            let unsharded = rows.contains { ($0["run"] as String) == "" }
            var totals: [String: Revenue] = [:]
            for row in rows where !unsharded || (row["run"] as String) == "" {
                let currency: String = row["currency"]
                func value(_ name: String) -> Decimal { (row[name] as String?).flatMap { Decimal(string: $0) } ?? 0 }
                var total = totals[currency] ?? Revenue(startingARR: 0)
                total.startingARR += value("starting")
                total.expansion += value("expansion")
                total.contraction += value("contraction")
                total.churn += value("churn")
                totals[currency] = total
            }
            return (latest, totals)
        }
    }

    /// The accounts on record at `month` (id → name, the id when no name was kept), for "missing since last month".
    public func accounts(month: String) throws -> [String: String] {
        try queue.read { db in
            var result: [String: String] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT s.account_id, n.name FROM snapshot s LEFT JOIN account_name n ON n.account_id = s.account_id WHERE s.month = ?",
                arguments: [month])
            while let row = try rows.next() {
                let id: String = row["account_id"]
                result[id] = (row["name"] as String?) ?? id
            }
            return result
        }
    }

    /// The latest month before `month` with snapshots.
    public func previousMonth(before month: String) throws -> String? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(month) FROM snapshot WHERE month < ?", arguments: [month])
        }
    }

    /// The portfolio's retention at the latest month before `month`.
    public func previousPortfolio(before month: String) throws -> (month: String, nrr: Decimal?, grr: Decimal?)? {
        try queue.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM portfolio WHERE month < ? ORDER BY month DESC LIMIT 1", arguments: [month])
            else { return nil }
            return (
                row["month"], (row["nrr"] as String?).flatMap { Decimal(string: $0) },
                (row["grr"] as String?).flatMap { Decimal(string: $0) }
            )
        }
    }

    /// How many snapshots are stored for `month`.
    public func count(month: String) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshot WHERE month = ?", arguments: [month]) ?? 0
        }
    }
}
