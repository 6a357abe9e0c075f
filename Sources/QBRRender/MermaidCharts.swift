import Foundation
import QBRCore
import QBRTemplate

/// Mermaid sources of the charts (`--md-charts mermaid`), for Markdown renderers that draw them (GitHub).
/// Each is inserted inside a ```mermaid fence, so user text is reduced to characters Mermaid reads as plain
/// label text; the data tables that follow each chart carry the exact words.
struct MermaidCharts {
    let account: Account
    let metrics: AccountMetrics
    let edition: Edition

    func context() -> Record {
        var charts: [String: String] = [:]
        let attained = zip(account.outcomes, metrics.outcomes).compactMap { outcome, progress -> (String, Decimal)? in
            progress.attainment.map { (Self.label(outcome.name), ($0 * 100).rounded(0)) }
        }
        if !attained.isEmpty {
            let top = max(100, attained.map(\.1).max() ?? 100)
            charts["outcomes"] = """
                xychart-beta
                    title "Outcome attainment, % of target"
                    x-axis [\(attained.map { "\"\($0.0)\"" }.joined(separator: ", "))]
                    y-axis "% of target" 0 --> \(Self.number(top))
                    bar [\(attained.map { Self.number($0.1) }.joined(separator: ", "))]
                """
        }
        let categories = metrics.value.categories.filter { $0.total > 0 }
        if !categories.isEmpty {
            let currency = account.profile.contract?.currency ?? "USD"
            charts["value"] =
                "pie title Value realized (\(currency))\n"
                + categories.map { "    \"\(Self.label($0.name))\" : \(Self.number($0.total))" }.joined(separator: "\n")
        }
        let months = account.usage?.monthlyActiveUsers ?? []
        if months.count >= 2 {
            let axis = months.indices.map { index in
                index == months.count - 1 ? "\"now\"" : "\"-\(months.count - 1 - index)m\""
            }
            charts["mau"] = """
                xychart-beta
                    title "Monthly active users"
                    x-axis [\(axis.joined(separator: ", "))]
                    line [\(months.map(String.init).joined(separator: ", "))]
                """
        }
        if edition == .internal, let revenue = account.revenue, let retention = metrics.retention {
            let values = [
                revenue.startingARR, revenue.expansion, -revenue.contraction, -revenue.churn, retention.endingARR,
            ]
            charts["waterfall"] = """
                xychart-beta
                    title "ARR movement"
                    x-axis ["Starting", "Expansion", "Contraction", "Churn", "Ending"]
                    bar [\(values.map(Self.number).joined(separator: ", "))]
                """
        }
        return Record(ReviewShape.mermaid) { record in
            for (name, source) in charts { record.set(name, source) }
        }
    }

    /// Letters, digits, spaces and harmless punctuation only, at most 30 characters.
    static func label(_ text: String) -> String {
        let kept = text.map { character -> Character in
            character.isLetter || character.isNumber || " .,-+%&'/()".contains(character) ? character : " "
        }
        let collapsed = String(kept).split(separator: " ").joined(separator: " ")
        return collapsed.count > 30 ? String(collapsed.prefix(29)) + "…" : collapsed
    }

    static func number(_ value: Decimal) -> String { "\(value.rounded(0))" }
}
