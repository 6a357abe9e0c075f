import Foundation
import QBRCore
import QBRTemplate

/// One name a rule can read (`adoption.usage_trend_90d`), its type, and how to say its value in a sentence.
public struct MetricDefinition: Sendable {
    /// Dotted path used in rules: the name templates use for the same figure, where they have it.
    public let path: String
    /// Number, text or boolean.
    public let type: RuleType
    /// A share written as a percentage in rules (`-20%`); plain numbers above 1 are refused.
    public let isRatio: Bool
    /// The only values a text metric takes, when it is an enumeration.
    public let allowed: [String]?
    /// One line saying what it is, for references and messages.
    public let meaning: String
    let unitDescription: String
    let value: @Sendable (AccountFacts) -> RuleValue?
    let phrase: @Sendable (RuleValue, AccountFacts) -> String
    /// Names of earlier versions still accepted, with a warning that names `path` (`usage.seat_utilization`).
    public internal(set) var oldNames: [String] = []
    /// What a reason says when the account does not have it ("no executive sponsor is named").
    public internal(set) var absent: String = ""

    /// The same metric, also accepted under `names` (deprecated).
    func formerly(_ names: String...) -> MetricDefinition {
        var copy = self
        copy.oldNames = names
        return copy
    }

    /// The same metric, saying `text` in reasons when it is missing.
    func whenMissing(_ text: String) -> MetricDefinition {
        var copy = self
        copy.absent = text
        return copy
    }
}

/// Every metric a playbook rule or flag can use, as the README's Metrics section defines them.
public enum MetricCatalog {
    /// All metrics, in reference order.
    public static let all: [MetricDefinition] =
        health + adoption + account + renewal + signals + revenue + outcomes + value

    /// The paths, for suggestions.
    public static let paths: [String] = all.map(\.path)

    /// Old name → current name, for every renamed metric.
    public static let oldNames: [String: String] = Dictionary(
        all.flatMap { metric in metric.oldNames.map { ($0, metric.path) } }
    ) { first, _ in first }

    private static let byPath: [String: MetricDefinition] = Dictionary(
        all.map { ($0.path, $0) } + all.flatMap { metric in metric.oldNames.map { ($0, metric) } }
    ) { first, _ in first }

    /// The metric at `path` (current or old name), or nil.
    public static func metric(_ path: String) -> MetricDefinition? { byPath[path] }

    /// The metric meant by an unknown `path`: one whose name ends with it (`days_since_start` →
    /// `account.days_since_start`, across namespaces), else the closest spelling of a current or old name;
    /// always said as the current name.
    public static func suggestion(for path: String) -> String? {
        let lowered = path.lowercased()
        if let exact = byPath[lowered] { return exact.path }
        let names = paths + oldNames.keys.sorted()
        if let suffix = names.first(where: { $0.hasSuffix("." + lowered) }) { return byPath[suffix]?.path }
        if let close = Suggestions.closest(lowered, among: names) { return byPath[close]?.path }
        // The last part misspelt in another namespace: `usage.seat_utilisation` → adoption.seat_utilization.
        let last = String(lowered.split(separator: ".").last ?? "")
        let lastParts = names.map { String($0.split(separator: ".").last ?? "") }
        if let index = lastParts.firstIndex(where: { Suggestions.distance(last, $0) <= Suggestions.limit(for: last) }) {
            return byPath[names[index]]?.path
        }
        return nil
    }
}

/// Numbers in reasons: the same formatting as the documents (money with its symbol, as on every slide).
enum Words {
    static func number(_ value: Decimal, scale: Int = 0) -> String { Format.number(value, scale: scale) }

    static func percent(_ ratio: Decimal, scale: Int = 0) -> String { Format.percent(ratio, scale: scale) }

    static func days(_ days: Decimal) -> String {
        days == 1 ? "1 day" : "\(Format.number(days)) days"
    }

    static func money(_ amount: Decimal, _ facts: AccountFacts) -> String {
        Format.money(amount, currency: facts.account.profile.contract?.currency ?? "USD")
    }
}
