import Foundation
import Mustache
import QBRCore

/// A number as templates see it: `{{x}}` prints the formatted text, and named children give the other
/// forms (`{{x.raw}}`, `{{x.compact}}`, `{{x.signed}}`), so templates never format anything themselves.
///
/// Formatting happens only when a template asks for a form: a deck uses a fraction of the forms the
/// view model offers.
struct Figure: MustacheCustomRenderable, MustacheParent {
    enum Kind {
        /// "$240,000"; `compact` "$240K"; `signed` "+$36,000"; `signed_compact` "+$36K".
        case money(currency: String)
        /// "112.5%"; `signed` "+12.5%"; `points` "+12.5 pts" (relative to 100%).
        case percent(scale: Int)
        /// "45 days", "64%"; `number` "45". With `signed`, the default text carries a "+".
        case quantity(unit: String?, signed: Bool)
        /// "1,204".
        case count
        /// "0.9×".
        case multiple
        /// "2026-10-31"; `long` "31 Oct 2026".
        case date(Day)
    }

    let value: Decimal
    let kind: Kind

    static func money(_ value: Decimal, currency: String) -> Figure {
        Figure(value: value, kind: .money(currency: currency))
    }
    static func percent(_ ratio: Decimal, scale: Int = 0) -> Figure {
        Figure(value: ratio, kind: .percent(scale: scale))
    }
    static func quantity(_ value: Decimal, unit: String?, signed: Bool = false) -> Figure {
        Figure(value: value, kind: .quantity(unit: unit, signed: signed))
    }
    static func count(_ value: Int) -> Figure { Figure(value: Decimal(value), kind: .count) }
    static func multiple(_ value: Decimal) -> Figure { Figure(value: value, kind: .multiple) }
    static func date(_ day: Day) -> Figure { Figure(value: Decimal(day.dayNumber), kind: .date(day)) }

    var renderText: String { text }
    var isNull: Bool { false }

    /// The default rendering.
    var text: String {
        switch kind {
        case .money(let currency): return Format.money(value, currency: currency)
        case .percent(let scale): return Format.percent(value, scale: scale)
        case .quantity(let unit, let signed):
            let number = Format.plain(value)
            let text: String
            switch unit {
            case nil, "": text = number
            case "%": text = number + "%"
            case let unit?: text = number + " " + unit
            }
            return signed ? Format.signed(text, isPositive: value > 0) : text
        case .count: return Format.number(value)
        case .multiple: return Format.plain(value, maxScale: 1) + "×"
        case .date(let day): return day.description
        }
    }

    func child(named name: String) -> Any? {
        switch (kind, name) {
        case (.date(let day), "raw"): return day.description
        case (.date(let day), "long"): return Format.longDate(day)
        case (.count, "raw"): return NSDecimalNumber(decimal: value).intValue
        case (_, "raw"): return value
        case (.money(let currency), "compact"): return Format.compactMoney(value, currency: currency)
        case (.money(let currency), "signed"):
            return Format.signed(Format.money(value, currency: currency), isPositive: value.rounded(0) > 0)
        case (.money(let currency), "signed_compact"):
            return Format.signed(Format.compactMoney(value, currency: currency), isPositive: value.rounded(0) > 0)
        case (.percent(let scale), "signed"):
            return Format.signed(Format.percent(value, scale: scale), isPositive: value.rounded(scale + 2) > 0)
        case (.percent(let scale), "points"):
            let delta = value - 1
            return Format.signed(
                Format.number(delta * 100, scale: scale) + " pts", isPositive: delta.rounded(scale + 2) > 0)
        case (.quantity, "number"): return Format.plain(value)
        default: return nil
        }
    }
}
