import Foundation
import QBRCore
import QBRPlaybooks

/// The portfolio overview's view model (`portfolio.md.mustache`): the aggregates it needs, kept as accounts
/// stream by — sums and counts, plus one short row per account for the links.
public struct PortfolioOverview: Sendable {
    /// The run date.
    public let asOf: Day
    private var revenues: [Revenue] = []
    private var bands: [HealthBand: Int] = [:]
    private var noHealth = 0
    private var atRiskARR: Decimal = 0
    private var renewals90 = (count: 0, arr: Decimal(0))
    private var renewals180 = (count: 0, arr: Decimal(0))
    private var pipeline: Decimal = 0
    private var playbooks: [String: (title: String, count: Int)] = [:]
    private var rows: [Row] = []
    private var currency: String?

    /// One account's line in the overview.
    struct Row: Sendable {
        let id, name, folder, arr, health, playbooks: String
        let renewal: String?
        let documents: [(document: String, path: String)]
    }

    /// An empty overview for `asOf`.
    public init(asOf: Day) { self.asOf = asOf }

    /// Adds one rendered account; `documents` are its Markdown files (document id, path from the output folder).
    public mutating func add(
        _ account: Account, triggered: [TriggeredPlaybook], folder: String, documents: [(document: String, path: String)]
    ) {
        let metrics = AccountMetrics(account, asOf: asOf)
        if let revenue = account.revenue { revenues.append(revenue) }
        currency = currency ?? account.profile.contract?.currency
        let arr = account.profile.contract?.arr ?? metrics.retention?.endingARR ?? 0
        if let band = metrics.health?.band { bands[band, default: 0] += 1 } else { noHealth += 1 }
        let churnRisk = triggered.contains { $0.playbook.kind == "churn" }
        if metrics.health?.band == .red || churnRisk { atRiskARR += arr }
        if let days = metrics.daysToRenewal, days >= 0 {
            if days <= 90 { renewals90 = (renewals90.count + 1, renewals90.arr + arr) }
            if days <= 180 { renewals180 = (renewals180.count + 1, renewals180.arr + arr) }
        }
        pipeline += metrics.pipeline.weightedARR
        for playbook in triggered {
            playbooks[playbook.playbook.id, default: (playbook.playbook.title, 0)].count += 1
        }
        rows.append(
            Row(
                id: account.profile.id, name: account.profile.name, folder: folder,
                arr: Format.money(arr, currency: account.profile.contract?.currency ?? "USD"),
                health: metrics.health.map { "\(Format.number($0.score)) \($0.band.rawValue)" } ?? "—",
                playbooks: triggered.map(\.playbook.id).joined(separator: ", "),
                renewal: account.profile.contract?.renewal?.description, documents: documents))
    }

    /// The template context; `failures` is the number of records that could not be rendered.
    public func context(failures: Int) -> [String: Any] {
        let currency = self.currency ?? "USD"
        let retention = RevenueRetention(portfolio: revenues)
        func money(_ value: Decimal) -> String { Format.money(value, currency: currency) }
        var total = Revenue(startingARR: 0)
        for revenue in revenues {
            total.expansion += revenue.expansion
            total.contraction += revenue.contraction
            total.churn += revenue.churn
        }
        var result: [String: Any] = [
            "title": "Portfolio overview — \(Format.longDate(asOf))",
            "as_of": Format.longDate(asOf),
            "accounts": rows.count,
            "starting_arr": money(retention.startingARR), "expansion": money(total.expansion),
            "contraction": money(total.contraction), "churn": money(total.churn), "ending_arr": money(retention.endingARR),
            "bands": [
                "green": bands[.green, default: 0], "yellow": bands[.yellow, default: 0], "red": bands[.red, default: 0],
                "unknown": noHealth,
            ],
            "at_risk_arr": money(atRiskARR),
            "renewals_90": ["count": renewals90.count, "arr": money(renewals90.arr)],
            "renewals_180": ["count": renewals180.count, "arr": money(renewals180.arr)],
            "weighted_pipeline": money(pipeline),
            "playbooks": playbooks.sorted { $0.key < $1.key }.map {
                ["id": $0.key, "title": $0.value.title, "count": $0.value.count] as [String: Any]
            },
            "rows": rows.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map { row -> [String: Any] in
                var entry: [String: Any] = [
                    "id": row.id, "name": row.name, "folder": row.folder, "arr": row.arr, "health": row.health,
                    "playbooks": row.playbooks,
                    "documents": row.documents.map { ["document": $0.document, "path": $0.path] as [String: Any] },
                ]
                entry["renewal"] = row.renewal
                return entry
            },
        ]
        if failures > 0 { result["failures"] = failures }  // absent when none: Mustache treats 0 as true
        result["nrr"] = retention.nrr.map { Format.percent($0, scale: 1) }
        result["grr"] = retention.grr.map { Format.percent($0, scale: 1) }
        return result
    }
}
