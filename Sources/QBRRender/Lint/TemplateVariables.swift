import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRTemplate

/// The reference of every name a template can use: its type, an example value and a one-line meaning. It is
/// read off the declared view model (the shapes the template compiler checks against), so it cannot miss a
/// name, with examples from a sample account rendered through the view model.
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

    /// The names available to `template` (`qbr`, `ebr`, `summary`, `playbook`, `deck.html`, `page.html`,
    /// `portfolio`, `portfolio-page`).
    public static func entries(template: String = "qbr", playbooks: PlaybookLibrary?) -> [Entry] {
        switch template {
        case "deck.html", "page.html", "deck", "page": return walk(ShellShape.root, sample: .absent, customer: nil, prefix: "")
        case "portfolio": return walk(PortfolioShape.overview, sample: .absent, customer: nil, prefix: "")
        case "portfolio-page": return walk(PortfolioShape.accountPage, sample: .absent, customer: nil, prefix: "")
        default: break
        }
        let root = ReviewShape.root(flags: playbooks?.flags.map(\.name) ?? [])
        var sample = TemplateValue.absent
        var customer = TemplateValue.absent
        if let (yaml, asOf) = MaximalAccount.variants.first,
            let account = try? AccountLoader.load(data: Data(yaml.utf8), name: "sample.yaml").account
        {
            func context(_ edition: Edition) -> TemplateValue {
                ReviewViewModel(
                    account: account, asOf: asOf, edition: edition, playbooks: playbooks, company: "Company",
                    mermaid: false
                ).context(document: template)
            }
            sample = context(.internal)
            customer = context(.customer)
        }
        return walk(root, sample: sample, customer: customer, prefix: "")
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

    /// The entries of `shape`'s names; `customer` is the customer edition's value at the same place, nil when
    /// editions do not apply.
    private static func walk(_ shape: ObjectShape, sample: TemplateValue, customer: TemplateValue?, prefix: String)
        -> [Entry]
    {
        var result: [Entry] = []
        for (index, field) in shape.fields.enumerated() {
            let name = prefix.isEmpty ? field.name : prefix + "." + field.name
            let value = child(sample, index)
            let customerValue = customer.map { child($0, index) }
            var isList = false
            if case .list = field.shape { isList = true }
            let shown = name + (isList ? "[]" : "")
            result.append(
                Entry(
                    name: shown, type: type(of: field.shape), example: example(value), meaning: field.meaning,
                    internalOnly: customerValue.map { !present($0) } ?? false))
            var element = field.shape
            var itemSample = value
            var itemCustomer = customerValue
            if case .list(let inner) = field.shape {
                element = inner
                itemSample = first(value)
                itemCustomer = customerValue.map(first)
            }
            // A figure's forms are listed under it; objects' names too.
            if case .object(let object) = element {
                result += walk(object, sample: itemSample, customer: itemCustomer, prefix: shown)
            }
        }
        return result
    }

    private static func child(_ value: TemplateValue, _ index: Int) -> TemplateValue {
        if case .object(let object) = value { return object.field(at: index) }
        return .absent
    }

    private static func first(_ value: TemplateValue) -> TemplateValue {
        if case .list(let items) = value, let item = items.first { return item }
        return .absent
    }

    private static func present(_ value: TemplateValue) -> Bool {
        switch value {
        case .absent, .null: return false
        default: return true
        }
    }

    private static func type(of shape: Shape) -> String {
        switch shape {
        case .list: return "list"
        case .text: return "text"
        case .flag: return "yes/no"
        case .number: return "number"
        case .any: return "value"
        case .object(let object):
            switch object.name {
            case "Money": return "money"
            case "Percent": return "percent"
            case "Quantity": return "quantity"
            case "Count": return "count"
            case "Multiple": return "multiple"
            case "Date": return "date"
            default: return "object"
            }
        }
    }

    private static func example(_ value: TemplateValue) -> String {
        switch value {
        case .object(let object): return object.interpolation ?? ""
        case .text(let text):
            let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return flat.count > 40 ? String(flat.prefix(39)) + "…" : flat
        case .bool(let bool): return bool ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        default: return ""
        }
    }
}
