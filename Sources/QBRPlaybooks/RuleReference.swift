import Foundation

/// The reference of every name a rule can use — the metric catalog and a library's flags — as `qbr variables
/// --rules` prints it and the README carries it.
public enum RuleReference {
    /// One name a rule can use.
    public struct Entry: Sendable, Equatable {
        /// The dotted name (`adoption.seat_utilization`, `flags.renewal_risk`).
        public let name: String
        /// number, count, share (write `90%`), text, yes/no.
        public let type: String
        /// What it is; for a flag, its rule.
        public let meaning: String
        /// Earlier names still accepted with a warning.
        public let oldNames: [String]
    }

    /// Every metric in catalog order, then the flags of `library` in definition order.
    public static func entries(flags: [(name: String, rule: Rule)] = []) -> [Entry] {
        MetricCatalog.all.map { metric in
            Entry(name: metric.path, type: type(of: metric), meaning: meaning(of: metric), oldNames: metric.oldNames)
        }
            + flags.map {
                Entry(name: "flags.\($0.name)", type: "yes/no", meaning: "flag: \($0.rule.source)", oldNames: [])
            }
    }

    /// The entries as a Markdown table (the README's "Names a rule can use").
    public static func markdown(_ entries: [Entry]) -> String {
        var lines = ["| name | type | meaning |", "| --- | --- | --- |"]
        for entry in entries {
            let formerly =
                entry.oldNames.isEmpty ? "" : " (formerly \(entry.oldNames.map { "`\($0)`" }.joined(separator: ", ")))"
            let meaning = entry.meaning.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(entry.name)` | \(entry.type) | \(meaning)\(formerly) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The entries as aligned text lines.
    public static func text(_ entries: [Entry]) -> String {
        let width = (entries.map(\.name.count).max() ?? 0) + 3
        return entries.map { entry in
            let formerly = entry.oldNames.isEmpty ? "" : " (formerly \(entry.oldNames.joined(separator: ", ")))"
            return entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
                + "\(entry.type) — \(entry.meaning)\(formerly)\n"
        }.joined()
    }

    private static func type(of metric: MetricDefinition) -> String {
        switch metric.type {
        case .boolean: return "yes/no"
        case .text:
            return metric.allowed.map { "text: \($0.joined(separator: ", "))" } ?? "text"
        case .number:
            if metric.isRatio { return "share (write `90%`)" }
            return metric.unitDescription == "a count" ? "count" : "number"
        }
    }

    private static func meaning(of metric: MetricDefinition) -> String { metric.meaning }
}
