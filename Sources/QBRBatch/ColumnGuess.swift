import Foundation
import QBRLoad

/// The schema path a column's header most likely means, for the did-you-mean of an unknown column and for
/// `qbr columns`. A guess is only ever a suggestion: a column is read only through its dotted path or a line of
/// `import.columns`.
enum ColumnGuess {
    /// Header labels CRMs and CS platforms (Salesforce, HubSpot, Gainsight) use, spelled as `key` spells them.
    static let labels: [String: String] = {
        let table: [(String, [String])] = [
            ("account.name", ["Account Name", "Account", "Company", "Company Name", "Customer", "Customer Name"]),
            ("account.id", ["Account ID", "Id", "Record ID", "Account Number", "Customer ID", "Company ID", "Account_ID"]),
            ("account.segment", ["Segment", "Customer Segment", "Account Segment", "Market Segment"]),
            ("account.tier", ["Tier", "CS Tier", "Coverage Tier", "Service Tier", "Customer Tier"]),
            ("account.industry", ["Industry", "Vertical"]),
            ("account.csm", ["CSM", "CSM Owner", "CSM Name", "Customer Success Manager", "CS Owner", "CSM Owner Name"]),
            ("account.account_manager", ["Account Owner", "Account Manager", "AM", "Account Executive", "Owner"]),
            ("account.executive_sponsor.name", ["Executive Sponsor", "Exec Sponsor", "Sponsor", "Sponsor Name"]),
            ("account.executive_sponsor.title", ["Sponsor Title", "Executive Sponsor Title"]),
            ("account.executive_sponsor.since", ["Sponsor Since", "Executive Sponsor Since", "Sponsor Start Date"]),
            ("account.contract.start", ["Contract Start", "Contract Start Date", "Start Date", "Customer Since"]),
            ("account.contract.renewal", ["Renewal", "Renewal Date", "Contract End", "Contract End Date", "Next Renewal Date"]),
            ("account.contract.arr", ["ARR", "Annual Recurring Revenue", "Current ARR", "ARR (USD)", "Total ARR"]),
            ("account.contract.currency", ["Currency", "Currency Code", "Account Currency", "Contract Currency"]),
            ("account.contract.seats", ["Seats", "Licenses", "Licensed Seats", "Seat Count", "Number of Seats", "Licences"]),
            ("usage.seats_active", ["Active Seats", "Active Licenses", "Seats Used", "Active Users"]),
            ("usage.plan_limit_utilization", ["Plan Utilization", "Plan Limit Utilization", "License Utilization"]),
            ("usage.monthly_active_users", ["Monthly Active Users", "MAU", "MAU History"]),
            ("revenue.starting_arr", ["Starting ARR", "Beginning ARR", "ARR at Start", "Opening ARR", "Start ARR"]),
            ("revenue.expansion", ["Expansion", "Expansion ARR", "Upsell ARR"]),
            ("revenue.contraction", ["Contraction", "Contraction ARR", "Downgrade ARR", "Downsell ARR"]),
            ("revenue.churn", ["Churn", "Churned ARR", "Churn ARR", "Lost ARR"]),
            ("health.score", ["Health Score", "Health", "Overall Health", "Overall Health Score", "Customer Health"]),
            ("health.history", ["Health History", "Health Score History"]),
            ("health.components.usage", ["Usage Score", "Usage Health", "Product Usage Score"]),
            ("health.components.engagement", ["Engagement Score", "Engagement Health"]),
            ("health.components.support", ["Support Score", "Support Health"]),
            ("health.components.sentiment", ["Sentiment Score", "Sentiment Health", "Sentiment"]),
            ("signals.nps", ["NPS", "NPS Score", "Net Promoter Score"]),
            ("signals.open_escalations", ["Open Escalations", "Escalations", "Open Escalation Count"]),
            ("signals.missed_milestones", ["Missed Milestones", "Onboarding Milestones Missed"]),
            ("signals.skipped_reviews", ["Skipped Reviews", "Missed QBRs", "Skipped QBRs"]),
            ("signals.referral", ["Referral", "Referenceable", "Reference Account", "Reference"]),
            ("period.label", ["Period", "Quarter", "Period Label", "Fiscal Quarter"]),
            ("period.start", ["Period Start", "Quarter Start"]),
            ("period.end", ["Period End", "Quarter End"]),
            ("narrative.executive_summary", ["Executive Summary", "Summary"]),
            ("narrative.asks", ["Asks", "Customer Asks"]),
            ("narrative.misses", ["Misses", "What We Missed"]),
            ("notes", ["Notes", "CSM Notes", "Internal Notes", "Comments"]),
        ]
        var labels: [String: String] = [:]
        for (path, names) in table {
            for name in names { labels[key(name)] = path }
        }
        return labels
    }()

    /// Case, spaces and punctuation do not count for a label.
    static func key(_ header: String) -> String {
        String(header.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The best guess for `header`: its own path, a known CRM label, a component or feature column, a field's
    /// own name, or the closest name within two edits; nil when nothing fits. `list`: the related list a file
    /// holds (`outcomes`), whose item fields come first.
    static func guess(_ header: String, list: String? = nil) -> String? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if let path = ImportPath.resolve(trimmed), path.form != .listItem || list != nil { return path.dotted }
        if let list, let path = ImportPath.resolve(list + "." + trimmed) { return path.dotted }
        let wanted = key(trimmed)
        if let list {
            // "Outcome Name", "Opportunity Stage": the item's own field after the list's word.
            let singular = ["outcomes": "outcome", "opportunities": "opportunity", "risks": "risk", "value_realized": "value"][list]
            if let singular, wanted.hasPrefix(singular), let path = ImportPath.resolve(list + "." + String(wanted.dropFirst(singular.count))) {
                return path.dotted
            }
            if let field = AccountSchema.keys(at: list).first(where: { key($0) == wanted }) { return list + "." + field }
        }
        if let path = labels[wanted] { return path }
        for suffix in [" score", " health"] where trimmed.lowercased().hasSuffix(suffix) {
            let name = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if ["usage", "engagement", "support", "sentiment"].contains(name.lowercased()) {
                return "health.components." + name.lowercased()
            }
        }
        if let feature = feature(trimmed) { return "usage.feature_adoption." + feature }
        // A field's own name ("Starting ARR" → revenue.starting_arr) when only one field has it.
        let byLeaf = leaves.filter { key(String($0.split(separator: ".").last ?? "")) == wanted }
        if byLeaf.count == 1 { return byLeaf[0] }
        // A typo of a path's own name (`healthscor`); CRM labels match only as written, as a near label is as
        // likely another field.
        if let closest = Suggestion.closest(to: wanted, in: leaves.map(key)), closest.count >= 5 {
            return leaves.first { key($0) == closest }
        }
        return nil
    }

    /// The paths of one value of a row (not a list item, not a whole map).
    static let leaves: [String] = ImportPath.all.filter { path in
        guard let resolved = ImportPath.resolve(path) else { return false }
        return resolved.form != .listItem && resolved.form != .wholeMap
    }

    /// "Routing Adoption", "Adoption: Routing", "Feature Adoption - Routing" → "Routing", as written.
    static func feature(_ header: String) -> String? {
        let lower = header.lowercased()
        for prefix in ["feature adoption", "adoption"] where lower.hasPrefix(prefix) {
            let name = header.dropFirst(prefix.count).trimmingCharacters(in: CharacterSet(charactersIn: " :-–()%"))
            if !name.isEmpty { return name }
        }
        for suffix in ["adoption %", "adoption", "adoption rate"] where lower.hasSuffix(suffix) {
            let name = header.dropLast(suffix.count).trimmingCharacters(in: CharacterSet(charactersIn: " :-–()%"))
            if !name.isEmpty, name.lowercased() != "feature" { return name }
        }
        return nil
    }
}
