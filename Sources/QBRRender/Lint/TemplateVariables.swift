import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks

/// The reference of every name a template can use: its type, an example value and a one-line meaning. It is
/// read off the view model itself (the same name tree `qbr lint` checks against), so it cannot miss a name.
public enum TemplateVariables {
    /// One name.
    public struct Entry: Sendable, Equatable {
        /// Dotted name; `[]` marks a list whose items have the names below it.
        public let name: String
        /// money, percent, quantity, count, date, multiple, text, number, yes/no, list, object.
        public let type: String
        /// A value from the sample account, as the template prints it.
        public let example: String
        /// What it is.
        public let meaning: String
        /// Only the internal edition has it.
        public let internalOnly: Bool
    }

    /// The names available to `template` (`qbr`, `ebr`, `summary`, `playbook`, `deck.html`, `page.html`).
    public static func entries(template: String = "qbr", playbooks: PlaybookLibrary?) -> [Entry] {
        let shells = ["deck.html", "page.html", "deck", "page"]
        if shells.contains(template) { return walk(NameTree.shell, sample: [:], customer: nil, prefix: "") }
        var all = NameTree.viewModel(playbooks: playbooks)
        if template == "playbook" { all.merge(tree: NameTree.checklist) }
        let customer = NameTree.viewModel(playbooks: playbooks, editions: [.customer])
        var sample: [String: Any] = [:]
        if let (yaml, asOf) = MaximalAccount.variants.first,
            let account = try? AccountLoader.load(data: Data(yaml.utf8), name: "sample.yaml").account
        {
            sample = ReviewViewModel(
                account: account, asOf: asOf, edition: .internal, playbooks: playbooks, company: "Company",
                mermaid: false
            ).context(document: template)
        }
        return walk(all, sample: sample, customer: customer, prefix: "")
    }

    /// A Markdown table of `entries`, the README's template reference.
    public static func markdown(_ entries: [Entry]) -> String {
        var lines = ["| name | type | example | meaning |", "| --- | --- | --- | --- |"]
        for entry in entries {
            let example = entry.example.isEmpty ? "" : "`\(entry.example.replacingOccurrences(of: "|", with: "\\|"))`"
            lines.append(
                "| `\(entry.name)`\(entry.internalOnly ? " ◆" : "") | \(entry.type) | \(example) | \(entry.meaning) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func walk(_ tree: NameTree, sample: Any?, customer: NameTree?, prefix: String) -> [Entry] {
        var result: [Entry] = []
        for key in tree.children.keys.sorted() {
            guard let child = tree.children[key] else { continue }
            let name = prefix.isEmpty ? key : prefix + "." + key
            let value = (sample as? [String: Any])?[key] ?? (sample as? Figure)?.child(named: key)
            let isList = child.element != nil
            let shown = name + (isList ? "[]" : "")
            result.append(
                Entry(
                    name: shown, type: type(of: value, isList: isList), example: example(value),
                    meaning: VariableMeanings.meaning(name),
                    internalOnly: customer != nil && customer?.children[key] == nil))
            let itemSample = isList ? (value as? [Any])?.first : value
            let itemTree = child.element?.tree ?? child
            let customerChild = customer?.children[key].map { $0.element?.tree ?? $0 }
            result += walk(
                itemTree, sample: itemSample, customer: customer == nil ? nil : customerChild ?? NameTree(),
                prefix: shown)
        }
        return result
    }

    private static func type(of value: Any?, isList: Bool) -> String {
        if isList { return "list" }
        switch value {
        case let figure as Figure:
            switch figure.kind {
            case .money: return "money"
            case .percent: return "percent"
            case .quantity: return "quantity"
            case .count: return "count"
            case .multiple: return "multiple"
            case .date: return "date"
            }
        case is String: return "text"
        case is Bool: return "yes/no"
        case is Int, is Decimal: return "number"
        case is [String: Any]: return "object"
        case nil: return "—"
        default: return "value"
        }
    }

    private static func example(_ value: Any?) -> String {
        switch value {
        case let figure as Figure: return figure.text
        case let text as String:
            let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return flat.count > 40 ? String(flat.prefix(39)) + "…" : flat
        case let bool as Bool: return bool ? "true" : "false"
        case let number as Int: return String(number)
        case let number as Decimal: return "\(number)"
        default: return ""
        }
    }
}
