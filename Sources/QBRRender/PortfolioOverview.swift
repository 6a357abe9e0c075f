import Foundation
import QBRCore
import QBRTemplate
import QBRPlaybooks

/// The portfolio overview's view model (`portfolio.md.mustache`): the aggregates it needs, kept as accounts
/// stream by — sums and counts per currency, plus one short row per account for the links.
///
/// Money is never added across currencies. With ``CurrencyRates`` every amount of a currency that has a rate
/// is converted into the reporting currency as it is added (exact decimals, rounded only when shown), and an
/// account whose currency has no rate is kept out of every total and named. Without rates each currency keeps
/// its own totals and its own retention line.
public struct PortfolioOverview: Sendable {
    /// The run date.
    public let asOf: Day
    /// Conversion into one reporting currency, when the team set rates.
    public let currencies: CurrencyRates?
    /// Totals by the currency they are kept in (the reporting currency for every converted account).
    private var buckets: [String: Totals] = [:]
    /// Totals by segment and by CSM, each within its currency.
    private var segments: [GroupKey: Totals] = [:]
    private var csms: [GroupKey: Totals] = [:]
    private var bands: [HealthBand: Int] = [:]
    private var noHealth = 0
    private var playbooks: [String: (title: String, count: Int)] = [:]
    /// Accounts whose currency has no rate: not in any converted total.
    private var leftOut: [Listed] = []
    /// The largest at-risk accounts and the renewals of the next 90 days (overdue included), bounded.
    private var atRisk: [Listed] = []
    private var renewals: [Listed] = []
    private var rows: [Row] = []
    private let keepsRows: Bool
    /// Accounts added.
    public private(set) var count = 0

    /// At-risk accounts and upcoming renewals listed by name; the rest are counted.
    public static let listed = 20
    /// Characters of a name shown in a table before it is cut with an ellipsis.
    public static let nameWidth = 48

    /// Sums of one currency (or of one segment or CSM within a currency).
    struct Totals: Sendable {
        var revenue = Revenue(startingARR: 0)
        var arr: Decimal = 0
        var accounts = 0
        var red = 0
        var atRiskARR: Decimal = 0
        var atRiskAccounts = 0
        var renewals90 = (count: 0, arr: Decimal(0))
        var renewals180 = (count: 0, arr: Decimal(0))
        var overdue = (count: 0, arr: Decimal(0))
        var pipeline: Decimal = 0

        var retention: RevenueRetention { RevenueRetention(revenue) }
    }

    struct GroupKey: Hashable, Sendable {
        let name: String
        let currency: String
    }

    /// An account named in one of the overview's short lists, its ARR in the currency it is totalled in.
    struct Listed: Sendable {
        let id, name, currency: String
        let arr: Decimal
        let health: String?
        let reason: String?
        let days: Int?
        let renewal: String?
        let renewalPlaybook: Bool
        /// ``PortfolioOverview/sortKey(_:)`` of `name`, computed once: the bounded lists are re-sorted often.
        let key: String
    }

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

        /// The names a template sees for this row; a very long name is cut (the table, not the account's documents).
        public var context: TemplateValue {
            .object(
                Record(
                    PortfolioShape.row,
                    [
                        "id": id, "name": PortfolioOverview.cut(name), "folder": folder, "arr": arr, "health": health,
                        "playbooks": playbooks, "renewal": renewal,
                        "documents": documents.map {
                            Record(PortfolioShape.document, ["document": $0.document, "path": $0.path])
                        },
                    ]))
        }
    }

    /// An empty overview for `asOf`. With `keepsRows` false only the aggregates are kept, and the caller keeps
    /// the account list (a large run spills it to disk). With `currencies`, totals are converted.
    public init(asOf: Day, keepsRows: Bool = true, currencies: CurrencyRates? = nil) {
        self.asOf = asOf
        self.keepsRows = keepsRows
        self.currencies = currencies
    }

    /// Adds one rendered account; `documents` are its Markdown files (document id, path from the output folder).
    public mutating func add(
        _ account: Account, triggered: [TriggeredPlaybook], folder: String, documents: [(document: String, path: String)]
    ) {
        add(Entry(account, asOf: asOf, triggered: triggered, folder: folder, documents: documents))
    }

    /// Adds one account's entry (from this run, or read back from a shard's manifest by `qbr index`).
    public mutating func add(_ entry: Entry) {
        count += 1
        if keepsRows { rows.append(Row(entry)) }
        if let band = entry.healthBand.flatMap(HealthBand.init(rawValue:)) { bands[band, default: 0] += 1 } else { noHealth += 1 }
        for playbook in entry.playbooks {
            playbooks[playbook.id, default: (playbook.title, 0)].count += 1
        }
        let native = entry.currency ?? "USD"
        var currency = native
        var rate: Decimal = 1
        if let currencies {
            guard let known = currencies.rate(native) else {
                // Never added unconverted: named as left out instead.
                leftOut.append(listed(entry, currency: native, rate: 1, reason: nil))
                return
            }
            currency = currencies.reporting
            rate = known
        }
        func fold(_ totals: inout Totals) {
            if let revenue = entry.revenue {
                totals.revenue.startingARR += revenue.startingARR * rate
                totals.revenue.expansion += revenue.expansion * rate
                totals.revenue.contraction += revenue.contraction * rate
                totals.revenue.churn += revenue.churn * rate
            }
            let arr = entry.arr * rate
            totals.arr += arr
            totals.accounts += 1
            if entry.healthBand == HealthBand.red.rawValue { totals.red += 1 }
            if entry.atRisk {
                totals.atRiskARR += arr
                totals.atRiskAccounts += 1
            }
            if let days = entry.daysToRenewal {
                if days < 0 {
                    totals.overdue = (totals.overdue.count + 1, totals.overdue.arr + arr)
                } else {
                    if days <= 90 { totals.renewals90 = (totals.renewals90.count + 1, totals.renewals90.arr + arr) }
                    if days <= 180 { totals.renewals180 = (totals.renewals180.count + 1, totals.renewals180.arr + arr) }
                }
            }
            totals.pipeline += entry.weightedPipeline * rate
        }
        fold(&buckets[currency, default: Totals()])
        fold(&segments[GroupKey(name: entry.segment ?? "", currency: currency), default: Totals()])
        fold(&csms[GroupKey(name: entry.csm ?? "", currency: currency), default: Totals()])
        if entry.atRisk {
            atRisk.append(listed(entry, currency: currency, rate: rate, reason: entry.riskReasons?.joined(separator: "; ")))
            if atRisk.count >= 4 * Self.listed { atRisk = Self.largest(atRisk) }
        }
        if let days = entry.daysToRenewal, days <= 90 {
            renewals.append(listed(entry, currency: currency, rate: rate, reason: nil))
            if renewals.count >= 40 * Self.listed { renewals = Self.soonest(renewals) }
        }
    }

    private func listed(_ entry: Entry, currency: String, rate: Decimal, reason: String?) -> Listed {
        Listed(
            id: entry.id, name: entry.name, currency: currency, arr: entry.arr * rate,
            health: entry.healthScore.map { "\(Format.number($0)) \(entry.healthBand ?? "")" }, reason: reason,
            days: entry.daysToRenewal, renewal: entry.renewal,
            renewalPlaybook: entry.playbooks.contains { $0.kind == "renewal" }, key: Self.sortKey(entry.name))
    }

    /// The largest by ARR (ties by name, then id), at most `listed`.
    static func largest(_ list: [Listed]) -> [Listed] {
        Array(
            list.sorted {
                ($0.arr, $1.key, $1.id) > ($1.arr, $0.key, $0.id)
            }.prefix(listed))
    }

    /// Overdue first (most overdue first), then by renewal date; a bounded list keeps 20 times `listed`.
    static func soonest(_ list: [Listed]) -> [Listed] {
        Array(
            list.sorted { ($0.days ?? 0, $0.key, $0.id) < ($1.days ?? 0, $1.key, $1.id) }
                .prefix(20 * listed))
    }

    /// How a person sorts names: case- and accent-insensitive ("Acme" before "AT&T", "Émile" beside "Emile").
    public static func sortKey(_ name: String) -> String {
        // Plain ASCII folds to its lower case; only other text needs Foundation's folding, which is slow on Linux.
        var ascii = true
        let lowered = name.utf8.map { byte -> UInt8 in
            if byte >= 0x80 { ascii = false }
            return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        if ascii { return String(decoding: lowered, as: UTF8.self) }
        return name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// `name` cut to ``nameWidth`` characters with an ellipsis, for tables.
    public static func cut(_ name: String) -> String {
        name.count > nameWidth ? String(name.prefix(nameWidth - 1)).trimmingCharacters(in: .whitespaces) + "…" : name
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
        /// Why it is at risk: red health, and the churn playbooks' reasons (nil when not at risk).
        public let riskReasons: [String]?
        /// Segment and CSM, for the overview's breakdowns.
        public let segment, csm: String?
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
            let churn = triggered.filter { $0.playbook.kind == "churn" }
            atRisk = metrics.health?.band == .red || !churn.isEmpty
            var reasons: [String] = []
            if let health = metrics.health, health.band == .red { reasons.append("red health (score \(Format.number(health.score)))") }
            for playbook in churn { reasons += playbook.reasons }
            var seen = Set<String>()
            riskReasons = atRisk ? reasons.filter { seen.insert($0).inserted } : nil
            segment = account.profile.segment?.rawValue
            csm = account.profile.csm
            daysToRenewal = metrics.daysToRenewal
            renewal = account.profile.contract?.renewal?.description
            revenue = account.revenue
            weightedPipeline = metrics.pipeline.weightedARR
            playbooks = triggered.map { Playbook(id: $0.playbook.id, title: $0.playbook.title, kind: $0.playbook.kind) }
            self.documents = documents.map { Document(document: $0.document, path: $0.path) }
        }
    }

    /// ARR-weighted retention of the accounts added so far — of the one currency they are totalled in (the
    /// reporting currency when converting); nil ratios when several currencies are kept apart.
    public var retention: RevenueRetention {
        buckets.count <= 1 ? RevenueRetention(buckets.values.first?.revenue ?? Revenue(startingARR: 0)) : RevenueRetention(Revenue(startingARR: 0))
    }

    /// The revenue sums by the currency they are totalled in (what the history keeps for next month's change).
    public var totals: [String: Revenue] { buckets.mapValues(\.revenue) }

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

    /// An account that could not be rendered this run: what could be read of it, where, and why.
    public struct Failure: Sendable {
        /// Account id and name, when they could be read (the name may come from its last good run).
        public let id, name: String?
        /// The record or row.
        public let location: String
        /// The first error.
        public let error: String
        /// Its ARR and currency at its last good run, shown as not in the totals.
        public let arr: Decimal?
        /// Its contract currency at its last good run.
        public let currency: String?

        /// The message of a diagnostic's text, without its location (`field: what is wrong`).
        public static func message(of description: String) -> String {
            guard let range = description.range(of: ": error: ") ?? description.range(of: "error: ") else { return description }
            return String(description[range.upperBound...])
        }

        /// Creates a failure entry.
        public init(id: String?, name: String?, location: String, error: String, arr: Decimal?, currency: String?) {
            self.id = id
            self.name = name
            self.location = location
            self.error = error
            self.arr = arr
            self.currency = currency
        }
    }

    /// What changed since the previous month on record, beyond retention: health-band moves and accounts gone.
    public struct MonthComparison: Sendable {
        /// The month compared with.
        public let since: String
        /// Accounts whose health band changed: id, name, band before and now.
        public let moves: [(id: String, name: String, from: String, to: String)]
        /// Accounts on record that month and not in this month's source.
        public let missing: [(id: String, name: String)]

        /// Creates a comparison.
        public init(
            since: String, moves: [(id: String, name: String, from: String, to: String)], missing: [(id: String, name: String)]
        ) {
            self.since = since
            self.moves = moves
            self.missing = missing
        }
    }

    /// The overview's title.
    public var title: String { "Portfolio overview — \(Format.longDate(asOf))" }

    /// The title of an account-list page holding `rows`.
    public static func pageTitle(rows: [Row], asOf: Day) -> String {
        "Accounts \(rows.first?.name ?? "") – \(rows.last?.name ?? "") — \(Format.longDate(asOf))"
    }

    /// The template context; `failures` is the number of records that could not be rendered (none named).
    public func context(failures: Int, rows: [Row]? = nil, pages: [Page] = [], change: Change? = nil) -> TemplateValue {
        let unnamed = (0..<failures).map { _ in
            Failure(id: nil, name: nil, location: "", error: "", arr: nil, currency: nil)
        }
        let currency = buckets.keys.sorted().first ?? currencies?.reporting ?? "USD"
        return context(failed: unnamed, rows: rows, pages: pages, changes: change.map { [currency: $0] } ?? [:])
    }

    /// The template context.
    ///
    /// `failed` lists the records that could not be rendered; `rows` replaces the kept account list (already in
    /// name order); `pages` lists the pages a large account list is split into, shown instead of rows;
    /// `changes` is each currency's retention change since the previous month on record; `comparison` the
    /// band moves and missing accounts.
    public func context(
        failed: [Failure], rows: [Row]? = nil, pages: [Page] = [], changes: [String: Change] = [:],
        comparison: MonthComparison? = nil
    ) -> TemplateValue {
        let byCurrency = buckets.count > 1
        let order = buckets.keys.sorted {
            ($0 == currencies?.reporting ? 0 : 1, $0) < ($1 == currencies?.reporting ? 0 : 1, $1)
        }
        let totals = order.map { code -> Record in
            let bucket = buckets[code] ?? Totals()
            return Self.totalsRecord(bucket, currency: code, show: byCurrency, change: changes[code])
        }
        let empty = currencies?.reporting ?? "USD"
        let shown = totals.isEmpty ? [Self.totalsRecord(Totals(), currency: empty, show: false, change: nil)] : totals
        func money(_ value: Decimal, _ code: String) -> String { Format.money(value, currency: code) }
        func group(_ groups: [GroupKey: Totals], unnamed: String) -> [Record] {
            groups.sorted {
                (Self.sortKey($0.key.name.isEmpty ? "\u{10FFFF}" : $0.key.name), $0.key.currency)
                    < (Self.sortKey($1.key.name.isEmpty ? "\u{10FFFF}" : $1.key.name), $1.key.currency)
            }.map { key, value in
                let retention = value.retention
                return Record(PortfolioShape.group) {
                    $0.set("name", key.name.isEmpty ? unnamed : Self.cut(key.name))
                    if byCurrency { $0.set("currency", key.currency) }
                    $0.set("accounts", value.accounts)
                    $0.set("arr", money(value.arr, key.currency))
                    $0.set("nrr", retention.nrr.map { Format.percent($0, scale: 1) })
                    $0.set("grr", retention.grr.map { Format.percent($0, scale: 1) })
                    $0.set("red", value.red)
                }
            }
        }
        let risky = Self.largest(atRisk)
        let soon = Self.soonest(renewals)
        let renewalCount = buckets.values.reduce(0) { $0 + $1.renewals90.count + $1.overdue.count }
        let atRiskCount = buckets.values.reduce(0) { $0 + $1.atRiskAccounts }
        return .object(
            Record(PortfolioShape.overview) {
                $0.set("title", title)
                $0.set("as_of", Format.longDate(asOf))
                $0.set("accounts", count)
                if let currencies {
                    $0.set(
                        "converted",
                        Record(PortfolioShape.conversion) {
                            $0.set("currency", currencies.reporting)
                            $0.set("as_of", currencies.asOf.map(Format.longDate))
                            $0.set(
                                "rates",
                                currencies.rates.keys.sorted().map { code in
                                    Record(
                                        PortfolioShape.rate,
                                        [
                                            "currency": code, "rate": "\(currencies.rates[code] ?? 0)",
                                            "reporting": currencies.reporting,
                                        ])
                                })
                        })
                }
                if byCurrency { $0.set("by_currency", true) }
                $0.set("totals", shown)
                // The single-currency names: the first (or only) totals, as 0.1.0 templates use them.
                let first = buckets[order.first ?? ""] ?? Totals()
                let code = order.first ?? empty
                let retention = first.retention
                $0.set("starting_arr", money(retention.startingARR, code))
                $0.set("expansion", money(first.revenue.expansion, code))
                $0.set("contraction", money(first.revenue.contraction, code))
                $0.set("churn", money(first.revenue.churn, code))
                $0.set("ending_arr", money(retention.endingARR, code))
                $0.set("at_risk_arr", money(first.atRiskARR, code))
                $0.set("renewals_90", Self.renewals(first.renewals90, code))
                $0.set("renewals_180", Self.renewals(first.renewals180, code))
                $0.set("weighted_pipeline", money(first.pipeline, code))
                $0.set("nrr", retention.nrr.map { Format.percent($0, scale: 1) })
                $0.set("grr", retention.grr.map { Format.percent($0, scale: 1) })
                $0.set("change", changes[code].map { Record(PortfolioShape.change, ["since": $0.since, "nrr": $0.nrr, "grr": $0.grr]) })
                $0.set(
                    "bands",
                    Record(
                        PortfolioShape.bands,
                        [
                            "green": bands[.green, default: 0], "yellow": bands[.yellow, default: 0],
                            "red": bands[.red, default: 0], "unknown": noHealth,
                        ]))
                if !leftOut.isEmpty {
                    $0.set("left_out_count", leftOut.count)
                    $0.set(
                        "left_out",
                        leftOut.sorted { ($0.key, $0.id) < ($1.key, $1.id) }.map { item in
                            Record(
                                PortfolioShape.listed,
                                ["id": item.id, "name": Self.cut(item.name), "arr": money(item.arr, item.currency)])
                        })
                }
                if !risky.isEmpty {
                    $0.set(
                        "at_risk",
                        risky.map { item in
                            Record(
                                PortfolioShape.listed,
                                [
                                    "id": item.id, "name": Self.cut(item.name), "arr": money(item.arr, item.currency),
                                    "health": item.health, "reason": item.reason,
                                ])
                        })
                    if atRiskCount > risky.count { $0.set("at_risk_more", atRiskCount - risky.count) }
                }
                if !soon.isEmpty {
                    $0.set(
                        "renewals",
                        soon.prefix(Self.listed * 2).map { item in
                            Record(PortfolioShape.listed) {
                                $0.set("id", item.id)
                                $0.set("name", Self.cut(item.name))
                                $0.set("arr", money(item.arr, item.currency))
                                $0.set("health", item.health)
                                $0.set("date", item.renewal)
                                if let days = item.days, days < 0 {
                                    $0.set("overdue", "overdue by \(days == -1 ? "1 day" : "\(Format.number(Decimal(-days))) days")")
                                }
                                $0.set("playbook", item.renewalPlaybook ? "yes" : "no")
                            }
                        })
                    if renewalCount > min(soon.count, Self.listed * 2) {
                        $0.set("renewals_more", renewalCount - min(soon.count, Self.listed * 2))
                    }
                }
                $0.set("segments", group(segments, unnamed: "(no segment)"))
                $0.set("csms", group(csms, unnamed: "(no CSM)"))
                $0.set(
                    "playbooks",
                    playbooks.sorted { $0.key < $1.key }.map {
                        Record(PortfolioShape.playbook, ["id": $0.key, "title": $0.value.title, "count": $0.value.count])
                    })
                // Absent when none: Mustache treats 0 as true.
                if !failed.isEmpty {
                    $0.set("failures", failed.count)
                    let named = failed.filter { !$0.location.isEmpty }
                    if !named.isEmpty {
                        $0.set(
                            "failed",
                            named.map { failure in
                                Record(PortfolioShape.failure) {
                                    $0.set("id", failure.id ?? "—")
                                    $0.set("name", failure.name.map(Self.cut) ?? "—")
                                    $0.set("location", failure.location)
                                    $0.set("error", failure.error)
                                    $0.set("arr", failure.arr.map { money($0, failure.currency ?? "USD") + " (not in totals)" } ?? "—")
                                }
                            })
                    }
                }
                if let comparison, !comparison.moves.isEmpty || !comparison.missing.isEmpty {
                    $0.set(
                        "since_last_month",
                        Record(PortfolioShape.comparison) {
                            $0.set("since", comparison.since)
                            if !comparison.moves.isEmpty {
                                $0.set(
                                    "moves",
                                    comparison.moves.sorted {
                                        ($0.from, $0.to, Self.sortKey($0.name), $0.id) < ($1.from, $1.to, Self.sortKey($1.name), $1.id)
                                    }.map { move in
                                        Record(
                                            PortfolioShape.move,
                                            ["id": move.id, "name": Self.cut(move.name), "from": move.from, "to": move.to])
                                    })
                            }
                            if !comparison.missing.isEmpty {
                                $0.set(
                                    "missing",
                                    comparison.missing.sorted { (Self.sortKey($0.name), $0.id) < (Self.sortKey($1.name), $1.id) }
                                        .map { Record(PortfolioShape.listed, ["id": $0.id, "name": Self.cut($0.name)]) })
                            }
                        })
                }
                if pages.isEmpty {
                    $0["rows"] = .list(
                        (rows ?? self.rows.map { (Self.sortKey($0.name), $0) }.sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }.map(\.1)).map(\.context))
                } else {
                    $0.set(
                        "pages",
                        pages.map {
                            Record(
                                PortfolioShape.page,
                                ["number": $0.number, "path": $0.path, "first": $0.first, "last": $0.last, "count": $0.count])
                        })
                }
            })
    }

    private static func renewals(_ entry: (count: Int, arr: Decimal), _ currency: String) -> Record {
        Record(PortfolioShape.renewals, ["count": entry.count, "arr": Format.money(entry.arr, currency: currency)])
    }

    private static func totalsRecord(_ bucket: Totals, currency code: String, show: Bool, change: Change?) -> Record {
        let retention = bucket.retention
        func money(_ value: Decimal) -> String { Format.money(value, currency: code) }
        return Record(PortfolioShape.totals) {
            $0.set("currency", code)
            if show { $0.set("show_currency", true) }
            $0.set("accounts", bucket.accounts)
            $0.set("starting_arr", money(retention.startingARR))
            $0.set("expansion", money(bucket.revenue.expansion))
            $0.set("contraction", money(bucket.revenue.contraction))
            $0.set("churn", money(bucket.revenue.churn))
            $0.set("ending_arr", money(retention.endingARR))
            $0.set("at_risk_arr", money(bucket.atRiskARR))
            $0.set("renewals_90", renewals(bucket.renewals90, code))
            $0.set("renewals_180", renewals(bucket.renewals180, code))
            if bucket.overdue.count > 0 { $0.set("overdue", renewals(bucket.overdue, code)) }
            $0.set("weighted_pipeline", money(bucket.pipeline))
            $0.set("nrr", retention.nrr.map { Format.percent($0, scale: 1) })
            $0.set("grr", retention.grr.map { Format.percent($0, scale: 1) })
            $0.set("change", change.map { Record(PortfolioShape.change, ["since": $0.since, "nrr": $0.nrr, "grr": $0.grr]) })
        }
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
