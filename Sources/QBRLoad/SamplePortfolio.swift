import Foundation
import QBRCore

/// A realistic synthetic portfolio for demos and benchmarks: a segment mix, ARR skewed within each segment,
/// some red accounts, some sponsor changes, renewals spread over the year. The same seed gives the same
/// portfolio, byte for byte.
public struct SamplePortfolio {
    /// Output formats of `qbr sample`.
    public enum Format: String, CaseIterable, Sendable {
        case json, yaml, csv
    }

    /// How many accounts.
    public let count: Int
    /// The random seed.
    public let seed: UInt64
    /// The run date the portfolio is built around (renewals, sponsor changes, outcome windows).
    public let asOf: Day

    /// Creates a generator.
    public init(count: Int, seed: UInt64, asOf: Day) {
        self.count = count
        self.seed = seed
        self.asOf = asOf
    }

    /// Writes the portfolio in `format`, one account at a time, so memory stays flat for any count.
    public func write(_ format: Format, to sink: (String) -> Void) {
        var random = SplitMix64(seed: seed)
        switch format {
        case .json:
            sink("[\n")
            for index in 0..<count {
                let record = account(index, &random)
                sink("  " + json(record) + (index + 1 < count ? ",\n" : "\n"))
            }
            sink("]\n")
        case .yaml:
            for index in 0..<count {
                // JSON is YAML: one flow mapping per list item keeps every value quoted correctly.
                sink("- " + json(account(index, &random)) + "\n")
            }
        case .csv:
            writeCSV(to: sink)
        }
    }

    /// The CSV format: every field of the schema a column — health components and feature adoption one column
    /// per name — and lists as JSON cells; with `related`, the lists go instead to one CSV each, one item a row
    /// with its account's id (`related(list, text)`: `outcomes`, `value_realized`, `opportunities`, `risks`,
    /// `narrative_asks`), as a CRM exports them.
    public func writeCSV(to sink: (String) -> Void, related: ((_ list: String, _ text: String) -> Void)? = nil) {
        var random = SplitMix64(seed: seed)
        let columns = related == nil ? Self.csvColumns : Self.csvColumns.filter { !Self.relatedColumns.keys.contains($0) }
        sink(columns.joined(separator: ",") + "\n")
        if let related {
            for (list, fields) in Self.relatedColumns.sorted(by: { $0.key < $1.key }) {
                let header = fields.isEmpty ? [list] : fields.map { list + "." + $0 }
                related(Self.relatedFile(list), (["account.id"] + header).joined(separator: ",") + "\n")
            }
        }
        for index in 0..<count {
            let record = account(index, &random)
            sink(columns.map { csvCell(value(at: $0, in: record)) }.joined(separator: ",") + "\n")
            guard let related else { continue }
            let id = csvCell(value(at: "account.id", in: record))
            for (list, fields) in Self.relatedColumns.sorted(by: { $0.key < $1.key }) {
                for item in value(at: list, in: record) as? [Any] ?? [] {
                    let cells = fields.isEmpty ? [csvCell(item)] : fields.map { csvCell(($0 == "" ? item : (item as? [String: Any])?[$0])) }
                    related(Self.relatedFile(list), ([id] + cells).joined(separator: ",") + "\n")
                }
            }
        }
    }

    /// The lists `writeCSV(related:)` writes to files of their own, with their items' fields.
    public static let relatedColumns: [String: [String]] = [
        "outcomes": ["name", "metric", "baseline", "target", "actual", "unit", "direction", "committed_on", "due", "evidence"],
        "value_realized": ["category", "description", "amount", "confirmed"],
        "opportunities": ["name", "kind", "estimated_arr", "confidence", "owner", "rationale"],
        "risks": ["description", "severity", "mitigation"],
        "narrative.asks": [],
    ]

    /// The file stem of a related list: `narrative.asks` → `narrative_asks`.
    public static func relatedFile(_ list: String) -> String { list.replacingOccurrences(of: ".", with: "_") }

    /// The flat columns of the account schema written by the CSV format; lists go into JSON columns.
    public static let csvColumns = [
        "account.id", "account.name", "account.segment", "account.tier", "account.industry", "account.csm",
        "account.account_manager", "account.executive_sponsor.name", "account.executive_sponsor.title",
        "account.executive_sponsor.since", "account.contract.start", "account.contract.renewal", "account.contract.arr",
        "account.contract.currency", "account.contract.seats", "period.label", "period.start", "period.end",
        "revenue.starting_arr", "revenue.expansion", "revenue.contraction", "revenue.churn", "health.score",
        "health.history", "health.components.usage", "health.components.engagement", "health.components.support",
        "health.components.sentiment", "usage.seats_active", "usage.monthly_active_users", "usage.plan_limit_utilization",
        "usage.feature_adoption.Routing", "usage.feature_adoption.Analytics", "usage.feature_adoption.Mobile app",
        "signals.nps", "signals.open_escalations", "signals.missed_milestones", "signals.skipped_reviews",
        "signals.referral", "outcomes", "value_realized", "opportunities", "risks", "narrative.executive_summary",
        "narrative.asks", "narrative.misses", "notes", "support.tickets_opened", "support.tickets_closed",
        "support.csat", "support.sla_attainment", "support.open_escalations", "stakeholders", "last_review.date",
        "last_review.commitments",
    ]

    // MARK: One account

    private static let industries = ["Logistics", "Healthcare", "Retail", "Manufacturing", "Financial services",
                                     "Software", "Education", "Energy"]
    private static let first = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure", "Litware",
                                "Proseware", "Lucerne", "Margie's", "Alpine", "Coho", "Woodgrove", "Humongous"]
    private static let second = ["Traders", "Health", "Foods", "Airlines", "Bank", "Works", "Systems", "Logistics",
                                 "Outfitters", "Labs", "Energy", "Media"]
    private static let people = ["Dana Whitfield", "Amir Haddad", "Luis Ortega", "Jo Lindqvist", "Priya Raman",
                                 "Marta Nowak", "Sam Lee", "Kim Cho", "Robin Vale", "Noor Aziz", "Ines Duarte"]
    private static let outcomeNames = [
        ("Cut onboarding time", "days", "decrease", 45.0, 20.0), ("Automate invoice audit", "%", "increase", 10, 80),
        ("Fewer support tickets", "tickets/month", "decrease", 400, 250), ("Raise self-service rate", "%", "increase", 20, 60),
        ("Faster month-end close", "days", "decrease", 12, 6), ("Grow active users", "users", "increase", 100, 250),
    ]

    private func account(_ index: Int, _ random: inout SplitMix64) -> [String: Any] {
        let roll = random.unit()
        let segment = roll < 0.15 ? "enterprise" : roll < 0.5 ? "mid-market" : "smb"
        let (low, high): (Double, Double) =
            segment == "enterprise" ? (100_000, 2_000_000) : segment == "mid-market" ? (20_000, 200_000) : (2_000, 30_000)
        // Skewed: most accounts near the low end of their segment's range.
        let arr = (low * pow(high / low, pow(random.unit(), 2.2))).rounded(to: 1_000)
        let tier = segment == "enterprise" ? 1 : segment == "mid-market" ? 2 : 3
        let seats = max(5, Int(arr / (segment == "smb" ? 600 : 1_200)))
        let red = random.unit() < 0.18
        let score = red ? 25 + random.int(24) : 55 + random.int(44)
        let start = asOf.adding(days: -(120 + random.int(900)))
        let renewal = asOf.adding(days: random.int(365))
        let sponsorChanged = random.unit() < 0.12
        let sponsorSince = sponsorChanged ? asOf.adding(days: -(5 + random.int(80))) : start
        let trend = red ? -0.25 + random.unit() * 0.2 : -0.05 + random.unit() * 0.35
        let base = max(3, Int(Double(seats) * (0.4 + random.unit() * 0.5)))
        let months = (0..<6).map { month in max(1, Int(Double(base) * (1 + trend * Double(month) / 5))) }
        let expansion = random.unit() < 0.35 ? (arr * random.unit() * 0.3).rounded(to: 100) : 0
        let contraction = random.unit() < 0.15 ? (arr * random.unit() * 0.2).rounded(to: 100) : 0
        let churn = red && random.unit() < 0.2 ? (arr * 0.3).rounded(to: 100) : 0
        let name = "\(Self.first[random.int(Self.first.count)]) \(Self.second[random.int(Self.second.count)]) \(index + 1)"
        var outcomes: [[String: Any]] = []
        var used = Set<Int>()
        for _ in 0..<random.int(4) {
            // Each outcome once (the loader refuses two of the same name): a repeat takes the next unused one,
            // with no extra draw, so every other value of the portfolio stays as it was.
            var pick = random.int(Self.outcomeNames.count)
            while used.contains(pick) { pick = (pick + 1) % Self.outcomeNames.count }
            used.insert(pick)
            let (title, unit, direction, baseline, target) = Self.outcomeNames[pick]
            let progress = red ? random.unit() * 0.7 : 0.3 + random.unit() * 0.9
            outcomes.append([
                "name": title, "unit": unit, "direction": direction, "baseline": baseline, "target": target,
                "actual": ((baseline + (target - baseline) * progress) * 10).rounded() / 10,
                "committed_on": start.adding(days: 14).description,
                "due": start.adding(days: 200 + random.int(400)).description,
            ])
        }
        var record: [String: Any] = [
            "account": [
                "id": String(format: "ACC-%06d", index + 1), "name": name, "segment": segment, "tier": tier,
                "industry": Self.industries[random.int(Self.industries.count)],
                "csm": Self.people[random.int(Self.people.count)],
                "account_manager": Self.people[random.int(Self.people.count)],
                "executive_sponsor": ["name": Self.people[random.int(Self.people.count)], "since": sponsorSince.description],
                "contract": [
                    "start": start.description, "renewal": renewal.description, "arr": arr, "currency": "USD",
                    "seats": seats,
                ],
            ] as [String: Any],
            "period": [
                "label": "Q\((asOf.month - 1) / 3 + 1) \(asOf.year)", "start": asOf.adding(days: -90).description,
                "end": asOf.description,
            ],
            "revenue": ["starting_arr": arr, "expansion": expansion, "contraction": contraction, "churn": churn],
            "health": ["score": score],
            "usage": ["seats_active": min(seats, months.last ?? 0), "monthly_active_users": months],
            "signals": ["nps": red ? -30 + random.int(40) : random.int(70), "open_escalations": red ? random.int(4) : 0],
        ]
        if !outcomes.isEmpty { record["outcomes"] = outcomes }
        if !red && random.unit() < 0.6 {
            record["value_realized"] = [
                ["category": "Cost savings", "description": "Less manual work", "amount": (arr * (0.3 + random.unit())).rounded(to: 1_000),
                 "confirmed": random.unit() < 0.6] as [String: Any]
            ]
        }
        addDetails(to: &record, index: index, red: red, score: score, seats: seats)
        addMeeting(to: &record, index: index, red: red, seats: seats)
        if random.unit() < 0.4 {
            record["opportunities"] = [
                ["name": "More seats", "kind": "seats", "estimated_arr": (arr * 0.2).rounded(to: 1_000),
                 "confidence": (random.unit() * 100).rounded() / 100, "owner": "account_manager"] as [String: Any]
            ]
        }
        return record
    }

    private static let features = ["Routing", "Analytics", "Mobile app"]

    /// Health components and history, feature adoption, plan use, more signals, the sponsor's title, risks, the
    /// narrative and notes: drawn from a generator of their own per account, so the fields drawn before them keep
    /// their values for a seed.
    private func addDetails(to record: inout [String: Any], index: Int, red: Bool, score: Int, seats: Int) {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ UInt64(index) &+ 0x5EED)
        func near(_ value: Int) -> Int { min(100, max(0, value - 12 + random.int(25))) }
        var health = record["health"] as? [String: Any] ?? [:]
        health["components"] = [
            "usage": near(score), "engagement": near(score), "support": near(score), "sentiment": near(score),
        ]
        health["history"] = (0..<3).map { _ in near(score) }
        record["health"] = health
        var usage = record["usage"] as? [String: Any] ?? [:]
        var adoption: [String: Any] = [:]
        for feature in Self.features where random.unit() < 0.7 { adoption[feature] = (random.unit() * 100).rounded() / 100 }
        if !adoption.isEmpty { usage["feature_adoption"] = adoption }
        usage["plan_limit_utilization"] = ((0.3 + random.unit() * 0.7) * 100).rounded() / 100
        record["usage"] = usage
        var signals = record["signals"] as? [String: Any] ?? [:]
        signals["missed_milestones"] = red ? random.int(3) : 0
        signals["skipped_reviews"] = red ? random.int(2) : 0
        signals["referral"] = !red && random.unit() < 0.3
        record["signals"] = signals
        if var account = record["account"] as? [String: Any], var sponsor = account["executive_sponsor"] as? [String: Any] {
            sponsor["title"] = ["CFO", "COO", "VP Operations", "CIO", "Head of Support"][random.int(5)]
            account["executive_sponsor"] = sponsor
            record["account"] = account
        }
        if red || random.unit() < 0.2 {
            record["risks"] = [
                ["description": red ? "Usage is falling ahead of the renewal" : "The sponsor is new to the account",
                 "severity": red ? "high" : "medium", "mitigation": "Exec check-in and an adoption plan"]
            ]
        }
        record["narrative"] = [
            "executive_summary": "A steady quarter: \(seats) seats, health \(score).",
            "asks": random.unit() < 0.5 ? ["Confirm the renewal owner", "Introduce us to the analytics lead"] : ["Confirm the renewal owner"],
            "misses": red ? "Adoption slipped; a recovery plan is agreed." : "Nothing material.",
        ]
        record["notes"] = red ? "Watch closely, renewal at risk." : "No concerns."
    }

    /// Support, the people in the room and the last review's commitments (issue 14): drawn from a generator of
    /// their own per account, so every field drawn before them keeps its value for a seed.
    private func addMeeting(to record: inout [String: Any], index: Int, red: Bool, seats: Int) {
        var random = SplitMix64(seed: seed &* 0x2545_F491 &+ UInt64(index) &+ 0x3EE7)
        let opened = max(1, seats / 10 + random.int(10))
        record["support"] = [
            "tickets_opened": opened, "tickets_closed": max(0, opened - random.int(4)),
            "csat": ((red ? 0.6 + random.unit() * 0.25 : 0.85 + random.unit() * 0.14) * 100).rounded() / 100,
            "sla_attainment": ((red ? 0.7 + random.unit() * 0.2 : 0.9 + random.unit() * 0.1) * 100).rounded() / 100,
            "open_escalations": red ? 1 + random.int(3) : 0,
        ]
        let account = record["account"] as? [String: Any] ?? [:]
        let sponsor = (account["executive_sponsor"] as? [String: Any]) ?? [:]
        record["stakeholders"] = [
            ["name": sponsor["name"] ?? "Sponsor", "title": sponsor["title"] ?? "Sponsor", "role": "sponsor",
             "attending": random.unit() < 0.7] as [String: Any],
            ["name": account["csm"] ?? "CSM", "title": "Customer Success Manager", "side": "vendor", "attending": true],
        ]
        let statuses = red ? ["not-done", "in-progress", "done"] : ["done", "done", "in-progress"]
        record["last_review"] = [
            "date": asOf.adding(days: -90).description,
            "commitments": [
                ["text": "Run an adoption workshop", "owner": "csm", "due": asOf.adding(days: -45).description,
                 "status": statuses[random.int(3)]],
                ["text": "Confirm the renewal owner", "side": "customer", "due": asOf.adding(days: -30).description,
                 "status": statuses[random.int(3)]],
            ],
        ] as [String: Any]
    }

    // MARK: Writing

    private func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private func value(at column: String, in record: [String: Any]) -> Any? {
        var current: Any? = record
        for part in column.split(separator: ".") { current = (current as? [String: Any])?[String(part)] }
        return current
    }

    private func csvCell(_ value: Any?) -> String {
        let text: String
        switch value {
        case nil: return ""
        case let string as String: text = string
        case let list as [Any]: text = json(list)
        case let map as [String: Any]: text = json(map)
        case let flag as Bool: text = flag ? "true" : "false"
        case let number as Double: text = number == number.rounded() ? String(Int(number)) : String(number)
        case let other?: text = "\(other)"
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A small, fast, seedable generator (SplitMix64), so a portfolio is the same on every machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform in 0..<bound.
    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

extension Double {
    fileprivate func rounded(to step: Double) -> Double { (self / step).rounded() * step }
}
