import Foundation
import QBRCore
import QBRRender

/// What a run (or `qbr index`) keeps of each account for the month's record and the comparison with last
/// month: the ARR movements per native currency, each account's name and health band.
struct MonthTally {
    let settings: MetricSettings
    /// Σ ARR movements and accounts per contract currency, unconverted: the history keeps native figures.
    private(set) var native: [String: (revenue: Revenue, accounts: Int)] = [:]
    /// Every account's id and name, in the order added.
    private(set) var names: [(id: String, name: String)] = []
    private var bands: [String: String] = [:]

    init(settings: MetricSettings) { self.settings = settings }

    mutating func add(_ entry: PortfolioOverview.Entry) {
        names.append((entry.id, entry.name))
        if let band = entry.healthBand { bands[entry.id] = band }
        let currency = entry.currency ?? "USD"
        var total = native[currency] ?? (Revenue(startingARR: 0), 0)
        total.accounts += 1
        if let revenue = entry.revenue {
            total.revenue.startingARR += revenue.startingARR
            total.revenue.expansion += revenue.expansion
            total.revenue.contraction += revenue.contraction
            total.revenue.churn += revenue.churn
        }
        native[currency] = total
    }

    /// Health-band moves and accounts gone since the latest earlier month on record in `histories`; `failed`
    /// accounts are in the source, so never "missing"; `keep` limits last month's accounts to this shard's.
    func comparison(
        histories: [HistoryStore], month: String, failed: Set<String>, keep: ((String) -> Bool)? = nil
    ) throws -> PortfolioOverview.MonthComparison? {
        let months = try histories.compactMap { try $0.previousMonth(before: month) }
        guard let since = months.max() else { return nil }
        var before: [String: String] = [:]
        for history in histories { try before.merge(history.accounts(month: since)) { first, _ in first } }
        if let keep { before = before.filter { keep($0.key) } }
        var moves: [(id: String, name: String, from: String, to: String)] = []
        var present = Set<String>()
        var index = 0
        while index < names.count {
            let slice = Array(names[index..<min(index + 500, names.count)])
            index += slice.count
            var snapshots: [String: MonthSnapshot] = [:]
            for history in histories {
                try snapshots.merge(history.previous(before: month, ids: slice.map(\.id))) { first, _ in first }
            }
            for (id, name) in slice {
                present.insert(id)
                guard let snapshot = snapshots[id], snapshot.month == since, let score = snapshot.health,
                    let now = bands[id]
                else { continue }
                let then = HealthAssessment.band(of: score, settings: settings).rawValue
                if then != now { moves.append((id, name, then, now)) }
            }
        }
        let missing = before.filter { !present.contains($0.key) && !failed.contains($0.key) }.map { (id: $0.key, name: $0.value) }
        return PortfolioOverview.MonthComparison(since: since, moves: moves, missing: missing)
    }
}

extension BatchRun {
    /// A failed record, named: its id and name as the record spells them (the name from its last good run when
    /// the record has none), its documents from its last good run; a row's errors (which have no line) name the
    /// account beside the row.
    ///
    /// The last good run is this month's when there was one, else the latest earlier month's (`earlier`, with
    /// the path from this month's folder to it), whose document paths are rewritten to point there.
    static func failure(
        _ record: PortfolioRecord, location: String, diagnostics: [Diagnostic], previous: PreviousRun?,
        earlier: (run: PreviousRun, prefix: String)? = nil
    ) -> Failure {
        let lastGood = record.id.flatMap { id in
            previous?.entry(id: id, input: nil)
                ?? earlier.flatMap { earlier in
                    earlier.run.entry(id: id, input: nil).map { entry in
                        var entry = entry
                        entry.line = PortfolioIndex.relink(entry.line ?? entry.json(), prefix: earlier.prefix)
                        return entry
                    }
                }
        }
        let name = record.name ?? lastGood?.name
        var named = diagnostics
        if let id = record.id, !id.isEmpty {
            // At the end of the line, so `file row N: error: path: message` keeps the shape tools parse.
            let account = " [account \(id)\(name.map { ", \($0)" } ?? "")]"
            named = diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.message += account
                return diagnostic
            }
        }
        return Failure(location: location, diagnostics: named, id: record.id, name: name, lastGood: lastGood)
    }

    /// Why a run rendered nothing.
    static func nothingRendered(_ report: Report, source: String, shard: (k: Int, n: Int)?) -> NothingRendered {
        if report.failures.isEmpty {
            let why =
                report.skippedByShard > 0 && shard != nil
                ? "\(source): no account of shard \(shard?.k ?? 0)/\(shard?.n ?? 0) (\(report.skippedByShard) went to other shards)"
                : "\(source): the source holds no account"
            return NothingRendered(
                isEmpty: true, description: why + "; nothing was written, the last run's overview, manifest and history stay",
                failures: [])
        }
        return NothingRendered(
            isEmpty: false,
            description:
                "\(source): none of its \(report.failures.count) records could be rendered (errors above); nothing was written, the last run's overview, manifest and history stay",
            failures: report.failures)
    }

    /// The portfolio's retention change per currency the overview shows (the reporting currency alone when
    /// converting), against the latest earlier month in `histories` — their native totals converted at this run's
    /// rates, so a rate change never shows as retention. A history from before currencies were kept gives
    /// its single NRR and GRR.
    static func changes(overview: PortfolioOverview, histories: [HistoryStore], month: String) throws
        -> [String: PortfolioOverview.Change]
    {
        var latest: String?
        var previous: [String: Revenue] = [:]
        for history in histories {
            guard let found = try history.previousTotals(before: month) else { continue }
            if latest == nil || found.month > latest ?? "" {
                latest = found.month
                previous = [:]
            }
            guard found.month == latest else { continue }
            for (currency, total) in found.totals { previous[currency] = Self.sum(previous[currency], total) }
        }
        let now = overview.totals
        guard let since = latest else {
            // 0.1.0's record: one ratio for the whole portfolio, comparable only with one currency.
            guard now.count == 1, let code = now.keys.first, let before = try histories.first?.previousPortfolio(before: month)
            else { return [:] }
            let retention = overview.retention
            return [
                code: PortfolioOverview.Change(
                    since: before.month, nrr: retention.nrr.flatMap { now in before.nrr.map { points(now - $0) } },
                    grr: retention.grr.flatMap { now in before.grr.map { points(now - $0) } })
            ]
        }
        if let rates = overview.currencies {
            var converted = Revenue(startingARR: 0)
            for (currency, total) in previous {
                guard let rate = rates.rate(currency) else { continue }
                converted = sum(converted, scaled(total, rate))
            }
            previous = [rates.reporting: converted]
        }
        var changes: [String: PortfolioOverview.Change] = [:]
        for (currency, total) in now {
            guard let before = previous[currency] else { continue }
            let a = RevenueRetention(total)
            let b = RevenueRetention(before)
            changes[currency] = PortfolioOverview.Change(
                since: since, nrr: a.nrr.flatMap { now in b.nrr.map { points(now - $0) } },
                grr: a.grr.flatMap { now in b.grr.map { points(now - $0) } })
        }
        return changes
    }

    static func sum(_ a: Revenue?, _ b: Revenue) -> Revenue {
        var total = a ?? Revenue(startingARR: 0)
        total.startingARR += b.startingARR
        total.expansion += b.expansion
        total.contraction += b.contraction
        total.churn += b.churn
        return total
    }

    static func scaled(_ revenue: Revenue, _ rate: Decimal) -> Revenue {
        var result = revenue
        result.startingARR *= rate
        result.expansion *= rate
        result.contraction *= rate
        result.churn *= rate
        return result
    }
}
