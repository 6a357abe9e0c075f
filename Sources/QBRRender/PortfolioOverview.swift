import Foundation
import QBRCore
import QBRPlaybooks

/// The portfolio overview's view model (`portfolio.md.mustache`): the aggregates it needs, kept as accounts
/// stream by — sums and counts, plus one short row per account for the links.
public struct PortfolioOverview: Sendable {
    /// The run date.
    public let asOf: Day
    /// Σ of the accounts' ARR movements: portfolio retention is ARR-weighted, so sums are all it needs.
    private var total = Revenue(startingARR: 0)
    private var bands: [HealthBand: Int] = [:]
    private var noHealth = 0
    private var atRiskARR: Decimal = 0
    private var renewals90 = (count: 0, arr: Decimal(0))
    private var renewals180 = (count: 0, arr: Decimal(0))
    private var pipeline: Decimal = 0
    private var playbooks: [String: (title: String, count: Int)] = [:]
    private var rows: [Row] = []
    private let keepsRows: Bool
    /// Accounts added.
    public private(set) var count = 0
    private var currency: String?

    /// One account's line in the overview's account list.
    public struct Row: Sendable {
        /// Account id, name and folder; ARR, health and playbooks as shown.
        public let id, name, folder, arr, health, playbooks: String
        /// Renewal date, when known.
        public let renewal: String?
        /// Markdown documents: document id and path from the output folder.
        public let documents: [(document: String, path: String)]

        /// The row of `entry`.
        public init(_ entry: Entry) {
            self.init(
                id: entry.id, name: entry.name, folder: entry.folder,
                arr: Format.money(entry.arr, currency: entry.currency ?? "USD"),
                health: entry.healthScore.map { "\(Format.number($0)) \(entry.healthBand ?? "")" } ?? "—",
                playbooks: entry.playbooks.map(\.id).joined(separator: ", "), renewal: entry.renewal,
                documents: entry.documents.map { ($0.document, $0.path) })
        }

        /// A row from its parts (read back from where a large run keeps them).
        public init(
            id: String, name: String, folder: String, arr: String, health: String, playbooks: String, renewal: String?,
            documents: [(document: String, path: String)]
        ) {
            self.id = id
            self.name = name
            self.folder = folder
            self.arr = arr
            self.health = health
            self.playbooks = playbooks
            self.renewal = renewal
            self.documents = documents
        }

        /// The names a template sees for this row.
        public var context: [String: Any] {
            var entry: [String: Any] = [
                "id": id, "name": name, "folder": folder, "arr": arr, "health": health, "playbooks": playbooks,
                "documents": documents.map { ["document": $0.document, "path": $0.path] as [String: Any] },
            ]
            entry["renewal"] = renewal
            return entry
        }
    }

    /// An empty overview for `asOf`. With `keepsRows` false only the aggregates are kept, and the caller keeps
    /// the account list (a large run spills it to disk).
    public init(asOf: Day, keepsRows: Bool = true) {
        self.asOf = asOf
        self.keepsRows = keepsRows
    }

    /// Adds one rendered account; `documents` are its Markdown files (document id, path from the output folder).
    public mutating func add(
        _ account: Account, triggered: [TriggeredPlaybook], folder: String, documents: [(document: String, path: String)]
    ) {
        add(Entry(account, asOf: asOf, triggered: triggered, folder: folder, documents: documents))
    }

    /// Adds one account's entry (from this run, or read back from a shard's manifest by `qbr index`).
    public mutating func add(_ entry: Entry) {
        if let revenue = entry.revenue {
            total.startingARR += revenue.startingARR
            total.expansion += revenue.expansion
            total.contraction += revenue.contraction
            total.churn += revenue.churn
        }
        currency = currency ?? entry.currency
        if let band = entry.healthBand.flatMap(HealthBand.init(rawValue:)) { bands[band, default: 0] += 1 } else { noHealth += 1 }
        if entry.atRisk { atRiskARR += entry.arr }
        if let days = entry.daysToRenewal, days >= 0 {
            if days <= 90 { renewals90 = (renewals90.count + 1, renewals90.arr + entry.arr) }
            if days <= 180 { renewals180 = (renewals180.count + 1, renewals180.arr + entry.arr) }
        }
        pipeline += entry.weightedPipeline
        for playbook in entry.playbooks {
            playbooks[playbook.id, default: (playbook.title, 0)].count += 1
        }
        count += 1
        if keepsRows { rows.append(Row(entry)) }
    }

    /// What the overview keeps of one account: enough to rebuild it from manifests, nothing more.
    public struct Entry: Codable, Sendable {
        /// A triggered playbook.
        public struct Playbook: Codable, Sendable {
            /// Playbook id, title and kind.
            public let id, title, kind: String
        }
        /// A Markdown document and its path from the output folder.
        public struct Document: Codable, Sendable {
            /// Document id (`qbr`, `playbook:churn-risk`) and path.
            public var document, path: String

            /// Creates a document link.
            public init(document: String, path: String) {
                self.document = document
                self.path = path
            }
        }
        /// Account id, name and folder.
        public let id, name, folder: String
        /// Contract currency.
        public let currency: String?
        /// Contract ARR (or ending ARR).
        public let arr: Decimal
        /// Health score and band.
        public let healthScore: Decimal?
        /// Health band name.
        public let healthBand: String?
        /// Red health or a churn playbook.
        public let atRisk: Bool
        /// Days to renewal at the run date.
        public let daysToRenewal: Int?
        /// Renewal date.
        public let renewal: String?
        /// The period's ARR movements.
        public let revenue: Revenue?
        /// Σ estimated ARR × confidence.
        public let weightedPipeline: Decimal
        /// Triggered playbooks.
        public let playbooks: [Playbook]
        /// Markdown documents.
        public var documents: [Document]

        /// Derives the entry of a rendered account.
        public init(
            _ account: Account, asOf: Day, triggered: [TriggeredPlaybook], folder: String,
            documents: [(document: String, path: String)]
        ) {
            self.init(
                account, metrics: AccountMetrics(account, asOf: asOf), triggered: triggered, folder: folder,
                documents: documents)
        }

        /// Derives the entry from metrics already computed.
        public init(
            _ account: Account, metrics: AccountMetrics, triggered: [TriggeredPlaybook], folder: String,
            documents: [(document: String, path: String)]
        ) {
            id = account.profile.id
            name = account.profile.name
            self.folder = folder
            currency = account.profile.contract?.currency
            arr = account.profile.contract?.arr ?? metrics.retention?.endingARR ?? 0
            healthScore = metrics.health?.score
            healthBand = metrics.health?.band.rawValue
            atRisk = metrics.health?.band == .red || triggered.contains { $0.playbook.kind == "churn" }
            daysToRenewal = metrics.daysToRenewal
            renewal = account.profile.contract?.renewal?.description
            revenue = account.revenue
            weightedPipeline = metrics.pipeline.weightedARR
            playbooks = triggered.map { Playbook(id: $0.playbook.id, title: $0.playbook.title, kind: $0.playbook.kind) }
            self.documents = documents.map { Document(document: $0.document, path: $0.path) }
        }
    }

    /// ARR-weighted retention of the accounts added so far.
    public var retention: RevenueRetention { RevenueRetention(total) }

    /// The template context; `failures` is the number of records that could not be rendered.
    ///
    /// `rows` replaces the kept account list (already in name order); `pages` lists the pages a large account
    /// list is split into (`number`, `path`, `first`, `last`, `count`), shown instead of rows.
    public func context(failures: Int, rows: [Row]? = nil, pages: [[String: Any]] = []) -> [String: Any] {
        let currency = self.currency ?? "USD"
        let retention = self.retention
        func money(_ value: Decimal) -> String { Format.money(value, currency: currency) }
        var result: [String: Any] = [
            "title": "Portfolio overview — \(Format.longDate(asOf))",
            "as_of": Format.longDate(asOf),
            "accounts": count,
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
            "rows": (rows ?? self.rows.sorted { ($0.name, $0.id) < ($1.name, $1.id) }).map(\.context),
        ]
        if failures > 0 { result["failures"] = failures }  // absent when none: Mustache treats 0 as true
        if !pages.isEmpty {
            result["rows"] = nil
            result["pages"] = pages
        }
        result["nrr"] = retention.nrr.map { Format.percent($0, scale: 1) }
        result["grr"] = retention.grr.map { Format.percent($0, scale: 1) }
        return result
    }

    /// The context of one page of a large account list (`portfolio-page.md.mustache`).
    public func pageContext(rows: [Row], page: Int, of pages: Int, previous: String?, next: String?) -> [String: Any] {
        var result: [String: Any] = [
            "title": "Accounts \(rows.first?.name ?? "") – \(rows.last?.name ?? "") — \(Format.longDate(asOf))",
            "as_of": Format.longDate(asOf), "page": page, "pages": pages, "accounts": count,
            "first": rows.first?.name ?? "", "last": rows.last?.name ?? "", "rows": rows.map(\.context),
        ]
        result["previous"] = previous
        result["next"] = next
        return result
    }
}
