import Foundation
import QBRTemplate
import QBRCore

/// A number as templates see it: `{{x}}` prints the formatted text, and named children give the other
/// forms (`{{x.raw}}`, `{{x.compact}}`, `{{x.signed}}`), so templates never format anything themselves.
///
/// Formatting happens only when a template asks for a form: a deck uses a fraction of the forms the
/// view model offers.
struct Figure: TemplateObject {
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

    var interpolation: String? { text }

    var shape: ObjectShape {
        switch kind {
        case .money: return FigureShapes.money
        case .percent: return FigureShapes.percent
        case .quantity: return FigureShapes.quantity
        case .count: return FigureShapes.count
        case .multiple: return FigureShapes.multiple
        case .date: return FigureShapes.date
        }
    }

    /// The other forms, formatted only when a template asks for one (by its index in ``shape``).
    func field(at index: Int) -> TemplateValue {
        switch (kind, index) {
        case (.date(let day), 0): return .text(day.description)
        case (.date(let day), 1): return .text(Format.longDate(day))
        case (.count, 0): return .int(NSDecimalNumber(decimal: value).intValue)
        case (_, 0): return .text(value.description)
        case (.money(let currency), 1): return .text(Format.compactMoney(value, currency: currency))
        case (.money(let currency), 2):
            return .text(Format.signed(Format.money(value, currency: currency), isPositive: value.rounded(0) > 0))
        case (.money(let currency), 3):
            return .text(
                Format.signed(Format.compactMoney(value, currency: currency), isPositive: value.rounded(0) > 0))
        case (.money(let currency), 4):
            return .text(Format.money(-value, currency: currency))
        case (.percent(let scale), 1):
            return .text(Format.signed(Format.percent(value, scale: scale), isPositive: value.rounded(scale + 2) > 0))
        case (.percent(let scale), 2):
            let delta = value - 1
            return .text(
                Format.signed(Format.number(delta * 100, scale: scale) + " pts", isPositive: delta.rounded(scale + 2) > 0))
        case (.quantity, 1): return .text(Format.plain(value))
        default: return .absent
        }
    }
}
