import Foundation
import QBRCore
import QBRLoad

/// A portfolio written as a CRM exports it (issue 13): CRM headers, `$` money, `%` ratios, US dates, semicolons,
/// Windows-1252, names starting with `[`, health components and feature adoption as columns, outcomes and
/// opportunities in related files — and the same portfolio as YAML, to compare with. Shared by the end-to-end
/// test; `scripts/check-crm.sh` does the same at 3,000 accounts.
struct CRMExport {
    /// The `import:` section that reads it.
    static let qbrYAML = """
        import:
          columns:
            Account ID: account.id
            Account Name: account.name
            Segment: account.segment
            Tier: account.tier
            Industry: account.industry
            CSM Owner: account.csm
            Account Owner: account.account_manager
            Executive Sponsor: account.executive_sponsor.name
            Sponsor Title: account.executive_sponsor.title
            Sponsor Since: account.executive_sponsor.since
            Contract Start Date: account.contract.start
            Renewal Date: account.contract.renewal
            ARR: account.contract.arr
            Currency: account.contract.currency
            Seats: account.contract.seats
            Period: period.label
            Period Start: period.start
            Period End: period.end
            Starting ARR: revenue.starting_arr
            Expansion ARR: revenue.expansion
            Contraction ARR: revenue.contraction
            Churned ARR: revenue.churn
            Health Score: health.score
            Health History: health.history
            Engagement Score: health.components.engagement
            Sentiment Score: health.components.sentiment
            Support Score: health.components.support
            Usage Score: health.components.usage
            Active Seats: usage.seats_active
            MAU History: usage.monthly_active_users
            Plan Utilization: usage.plan_limit_utilization
            Analytics Adoption: usage.feature_adoption.Analytics
            Mobile app Adoption: usage.feature_adoption.Mobile app
            Routing Adoption: usage.feature_adoption.Routing
            NPS: signals.nps
            Open Escalations: signals.open_escalations
            Missed Milestones: signals.missed_milestones
            Skipped Reviews: signals.skipped_reviews
            Referenceable: signals.referral
            Value Realized: value_realized
            Risks: risks
            Executive Summary: narrative.executive_summary
            Asks: narrative.asks
            Misses: narrative.misses
            CSM Notes: notes
            Outcome Name: outcomes.name
            Outcome Metric: outcomes.metric
            Baseline: outcomes.baseline
            Target: outcomes.target
            Actual: outcomes.actual
            Unit: outcomes.unit
            Direction: outcomes.direction
            Committed On: outcomes.committed_on
            Due Date: outcomes.due
            Evidence: outcomes.evidence
            Opportunity Name: opportunities.name
            Opportunity Type: opportunities.kind
            Estimated ARR: opportunities.estimated_arr
            Probability: opportunities.confidence
            Opportunity Owner: opportunities.owner
            Rationale: opportunities.rationale
          date_format: MM/DD/YYYY
          delimiter: ";"
          encoding: windows-1252

        """

    /// Headers of the accounts file and how each cell is written: (header, path, form).
    static let main: [(String, String, Form)] = [
        ("Account ID", "account.id", .text), ("Account Name", "account.name", .text), ("Segment", "account.segment", .title),
        ("Tier", "account.tier", .tier), ("Industry", "account.industry", .text), ("CSM Owner", "account.csm", .text),
        ("Account Owner", "account.account_manager", .text), ("Executive Sponsor", "account.executive_sponsor.name", .text),
        ("Sponsor Title", "account.executive_sponsor.title", .text), ("Sponsor Since", "account.executive_sponsor.since", .date),
        ("Contract Start Date", "account.contract.start", .date), ("Renewal Date", "account.contract.renewal", .date),
        ("ARR", "account.contract.arr", .money), ("Currency", "account.contract.currency", .lower),
        ("Seats", "account.contract.seats", .grouped), ("Period", "period.label", .text), ("Period Start", "period.start", .date),
        ("Period End", "period.end", .date), ("Starting ARR", "revenue.starting_arr", .money),
        ("Expansion ARR", "revenue.expansion", .money), ("Contraction ARR", "revenue.contraction", .money),
        ("Churned ARR", "revenue.churn", .money), ("Health Score", "health.score", .text), ("Health History", "health.history", .json),
        ("Engagement Score", "health.components.engagement", .text), ("Sentiment Score", "health.components.sentiment", .text),
        ("Support Score", "health.components.support", .text), ("Usage Score", "health.components.usage", .text),
        ("Active Seats", "usage.seats_active", .grouped), ("MAU History", "usage.monthly_active_users", .json),
        ("Plan Utilization", "usage.plan_limit_utilization", .percent),
        ("Analytics Adoption", "usage.feature_adoption.Analytics", .percent),
        ("Mobile app Adoption", "usage.feature_adoption.Mobile app", .percent),
        ("Routing Adoption", "usage.feature_adoption.Routing", .percent), ("NPS", "signals.nps", .text),
        ("Open Escalations", "signals.open_escalations", .text), ("Missed Milestones", "signals.missed_milestones", .text),
        ("Skipped Reviews", "signals.skipped_reviews", .text), ("Referenceable", "signals.referral", .yesNo),
        ("Value Realized", "value_realized", .json), ("Risks", "risks", .json),
        ("Executive Summary", "narrative.executive_summary", .text), ("Asks", "narrative.asks", .json),
        ("Misses", "narrative.misses", .text), ("CSM Notes", "notes", .text),
    ]
    static let outcomes: [(String, String, Form)] = [
        ("Account ID", "", .text), ("Outcome Name", "name", .text), ("Outcome Metric", "metric", .text),
        ("Baseline", "baseline", .text), ("Target", "target", .text), ("Actual", "actual", .text), ("Unit", "unit", .text),
        ("Direction", "direction", .title), ("Committed On", "committed_on", .date), ("Due Date", "due", .date),
        ("Evidence", "evidence", .text),
    ]
    static let opportunities: [(String, String, Form)] = [
        ("Account ID", "", .text), ("Opportunity Name", "name", .text), ("Opportunity Type", "kind", .title),
        ("Estimated ARR", "estimated_arr", .money), ("Probability", "confidence", .percent),
        ("Opportunity Owner", "owner", .text), ("Rationale", "rationale", .text),
    ]

    /// How a value is written in the export.
    enum Form {
        case text, title, tier, date, money, lower, grouped, percent, yesNo, json
    }

    /// The accounts of `qbr sample` with some names made hard: `[Beta] …` and Windows-1252 letters.
    static func accounts(count: Int, seed: UInt64, asOf: Day) throws -> [[String: Any]] {
        var json = ""
        SamplePortfolio(count: count, seed: seed, asOf: asOf).write(.json) { json += $0 }
        var accounts = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        for index in accounts.indices {
            guard var account = accounts[index]["account"] as? [String: Any], let name = account["name"] as? String else { continue }
            if index % 7 == 0 { account["name"] = "[Beta] " + name }
            if index % 11 == 3 { account["name"] = "Café Olé – Margie’s " + (account["name"] as? String ?? name) }
            accounts[index]["account"] = account
            // What a CRM export holds: the review's own sections (support, the people in the room, the last
            // review) are kept out, in the export and in the reference alike.
            for key in ["support", "stakeholders", "last_review"] { accounts[index].removeValue(forKey: key) }
        }
        return accounts
    }

    /// Writes `reference.yaml`, `accounts.csv`, `outcomes.csv`, `opportunities.csv` and `qbr.yaml` into `folder`.
    static func write(_ accounts: [[String: Any]], to folder: URL) throws {
        let reference = try JSONSerialization.data(withJSONObject: accounts, options: [.sortedKeys])
        try reference.write(to: folder.appendingPathComponent("reference.yaml"))
        var main = [line(Self.main.map(\.0))]
        var outcomes = [line(Self.outcomes.map(\.0))]
        var opportunities = [line(Self.opportunities.map(\.0))]
        for account in accounts {
            main.append(line(Self.main.map { cell(value(at: $0.1, in: account), $0.2) }))
            let id = value(at: "account.id", in: account)
            for item in account["outcomes"] as? [[String: Any]] ?? [] {
                outcomes.append(line(Self.outcomes.map { $0.1.isEmpty ? cell(id, .text) : cell(item[$0.1], $0.2) }))
            }
            for item in account["opportunities"] as? [[String: Any]] ?? [] {
                opportunities.append(line(Self.opportunities.map { $0.1.isEmpty ? cell(id, .text) : cell(item[$0.1], $0.2) }))
            }
        }
        for (name, lines) in [("accounts", main), ("outcomes", outcomes), ("opportunities", opportunities)] {
            let text = lines.joined(separator: "\r\n") + "\r\n"
            guard let data = text.data(using: .windowsCP1252) else { throw CocoaError(.fileWriteInapplicableStringEncoding) }
            try data.write(to: folder.appendingPathComponent(name + ".csv"))
        }
        try qbrYAML.write(to: folder.appendingPathComponent("qbr.yaml"), atomically: true, encoding: .utf8)
    }

    private static func line(_ cells: [String]) -> String {
        cells.map { $0.contains(where: { ";\"\r\n".contains($0) }) ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
            .joined(separator: ";")
    }

    private static func value(at path: String, in record: [String: Any]) -> Any? {
        // Map keys may hold a space ("Mobile app"): the first two parts are the map's path.
        let parts = path.split(separator: ".", maxSplits: path.hasPrefix("usage.feature_adoption.") || path.hasPrefix("health.components.") ? 2 : 10)
        var current: Any? = record
        for part in parts { current = (current as? [String: Any])?[String(part)] }
        return current
    }

    private static func cell(_ value: Any?, _ form: Form) -> String {
        guard let value else { return "" }
        if form == .json {
            let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        let text = "\(value)"
        let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        switch form {
        case .title: return text.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
        case .tier: return "Tier \(text)"
        case .date:
            let parts = text.split(separator: "-")
            return parts.count == 3 ? "\(parts[1])/\(parts[2])/\(parts[0])" : text
        case .money: return "$" + grouped(number ?? 0, decimals: 2)
        case .grouped: return grouped(number ?? 0, decimals: 0)
        case .lower: return text.lowercased()
        case .percent: return "\((number ?? 0) * 100)%"
        case .yesNo: return (value as? Bool ?? (text == "1" || text == "true")) ? "Yes" : "No"
        case .text, .json: return text
        }
    }

    /// 1234567.5 → "1,234,567.50".
    private static func grouped(_ number: Decimal, decimals: Int) -> String {
        var value = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, decimals, .plain)
        let plain = "\(rounded)"
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        var out = ""
        for (index, character) in whole.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(",") }
            out.append(character)
        }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.count < decimals { fraction += "0" }
        return String(out.reversed()) + (decimals > 0 ? "." + fraction : "")
    }
}
