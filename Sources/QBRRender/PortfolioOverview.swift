import Foundation
import QBRCore
import QBRTemplate
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
        public var context: TemplateValue {
            .object(
                Record(
                    PortfolioShape.row,
                    [
                        "id": id, "name": name, "folder": folder, "arr": arr, "health": health, "playbooks": playbooks,
                        "renewal": renewal,
                        "documents": documents.map {
                            Record(PortfolioShape.document, ["document": $0.document, "path": $0.path])
                        },
                    ]))
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

    /// One page of a large account list, as the overview links to it.
    public struct Page: Sendable {
        /// Page number, from 1.
        public let number: Int
        /// The page's file, relative to the index.
        public let path: String
        /// First and last account names on the page.
        public let first, last: String
        /// Accounts on the page.
        public let count: Int

        /// A page entry.
        public init(number: Int, path: String, first: String, last: String, count: Int) {
            self.number = number
            self.path = path
            self.first = first
            self.last = last
            self.count = count
        }
    }

    /// The portfolio's retention against an earlier month on record.
    public struct Change: Sendable {
        /// The month compared with (`2026-09`).
        public let since: String
        /// NRR and GRR change, in points, as shown.
        public let nrr, grr: String?

        /// A change entry.
        public init(since: String, nrr: String?, grr: String?) {
            self.since = since
            self.nrr = nrr
            self.grr = grr
        }
    }

    /// The overview's title.
    public var title: String { "Portfolio overview — \(Format.longDate(asOf))" }

    /// The title of an account-list page holding `rows`.
    public static func pageTitle(rows: [Row], asOf: Day) -> String {
        "Accounts \(rows.first?.name ?? "") – \(rows.last?.name ?? "") — \(Format.longDate(asOf))"
    }

    /// The template context; `failures` is the number of records that could not be rendered.
    ///
    /// `rows` replaces the kept account list (already in name order); `pages` lists the pages a large account
    /// list is split into, shown instead of rows.
    public func context(failures: Int, rows: [Row]? = nil, pages: [Page] = [], change: Change? = nil) -> TemplateValue {
        let currency = self.currency ?? "USD"
        let retention = self.retention
        func money(_ value: Decimal) -> String { Format.money(value, currency: currency) }
        func renewals(_ entry: (count: Int, arr: Decimal)) -> Record {
            Record(PortfolioShape.renewals, ["count": entry.count, "arr": money(entry.arr)])
        }
        return .object(
            Record(PortfolioShape.overview) {
                $0.set("title", title)
                $0.set("as_of", Format.longDate(asOf))
                $0.set("accounts", count)
                $0.set("starting_arr", money(retention.startingARR))
                $0.set("expansion", money(total.expansion))
                $0.set("contraction", money(total.contraction))
                $0.set("churn", money(total.churn))
                $0.set("ending_arr", money(retention.endingARR))
                $0.set(
                    "bands",
                    Record(
                        PortfolioShape.bands,
                        [
                            "green": bands[.green, default: 0], "yellow": bands[.yellow, default: 0],
                            "red": bands[.red, default: 0], "unknown": noHealth,
                        ]))
                $0.set("at_risk_arr", money(atRiskARR))
                $0.set("renewals_90", renewals(renewals90))
                $0.set("renewals_180", renewals(renewals180))
                $0.set("weighted_pipeline", money(pipeline))
                $0.set(
                    "playbooks",
                    playbooks.sorted { $0.key < $1.key }.map {
                        Record(PortfolioShape.playbook, ["id": $0.key, "title": $0.value.title, "count": $0.value.count])
                    })
                if failures > 0 { $0.set("failures", failures) }  // absent when none: Mustache treats 0 as true
                if pages.isEmpty {
                    $0["rows"] = .list((rows ?? self.rows.sorted { ($0.name, $0.id) < ($1.name, $1.id) }).map(\.context))
                } else {
                    $0.set(
                        "pages",
                        pages.map {
                            Record(
                                PortfolioShape.page,
                                ["number": $0.number, "path": $0.path, "first": $0.first, "last": $0.last, "count": $0.count])
                        })
                }
                $0.set("nrr", retention.nrr.map { Format.percent($0, scale: 1) })
                $0.set("grr", retention.grr.map { Format.percent($0, scale: 1) })
                $0.set("change", change.map { Record(PortfolioShape.change, ["since": $0.since, "nrr": $0.nrr, "grr": $0.grr]) })
            })
    }

    /// The context of one page of a large account list (`portfolio-page.md.mustache`).
    public func pageContext(rows: [Row], page: Int, of pages: Int, previous: String?, next: String?) -> TemplateValue {
        .object(
            Record(PortfolioShape.accountPage) {
                $0.set("title", Self.pageTitle(rows: rows, asOf: asOf))
                $0.set("as_of", Format.longDate(asOf))
                $0.set("page", page)
                $0.set("pages", pages)
                $0.set("accounts", count)
                $0.set("first", rows.first?.name ?? "")
                $0.set("last", rows.last?.name ?? "")
                $0["rows"] = .list(rows.map(\.context))
                $0.set("previous", previous)
                $0.set("next", next)
            })
    }
}
