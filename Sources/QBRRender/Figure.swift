import Foundation
import Mustache
import QBRCore

/// A number as templates see it: `{{x}}` prints the formatted text, and named children give the other
/// forms (`{{x.raw}}`, `{{x.compact}}`, `{{x.signed}}`), so templates never format anything themselves.
struct Figure: MustacheCustomRenderable, MustacheParent {
    /// The default rendering.
    let text: String
    /// Other renderings by name, `raw` among them.
    let forms: [String: Any]

    var renderText: String { text }
    var isNull: Bool { false }

    func child(named name: String) -> Any? { forms[name] }

    /// Money in the contract currency: default "$240,000"; compact "$240K"; signed "+$36,000".
    static func money(_ value: Decimal, currency: String) -> Figure {
        let compact = Format.compactMoney(value, currency: currency)
        let full = Format.money(value, currency: currency)
        return Figure(
            text: full,
            forms: [
                "raw": value, "compact": compact,
                "signed": Format.signed(full, isPositive: value.rounded(0) > 0),
                "signed_compact": Format.signed(compact, isPositive: value.rounded(0) > 0),
            ])
    }

    /// A ratio: default "112.0%" at scale 1; `signed` "+12.0%"; `points` "+12.0 pts" relative to 100%.
    static func percent(_ ratio: Decimal, scale: Int = 0) -> Figure {
        let text = Format.percent(ratio, scale: scale)
        let delta = ratio - 1
        return Figure(
            text: text,
            forms: [
                "raw": ratio,
                "signed": Format.signed(text, isPositive: ratio.rounded(scale + 2) > 0),
                "points": Format.signed(
                    Format.number(delta * 100, scale: scale) + " pts", isPositive: delta.rounded(scale + 2) > 0),
            ])
    }

    /// A plain quantity with an optional unit: "45 days", "92%".
    static func quantity(_ value: Decimal, unit: String?) -> Figure {
        let number = Format.plain(value)
        let text: String
        switch unit {
        case nil, "": text = number
        case "%": text = number + "%"
        case let unit?: text = number + " " + unit
        }
        return Figure(text: text, forms: ["raw": value, "number": number])
    }

    /// A count: "1,204".
    static func count(_ value: Int) -> Figure {
        Figure(text: Format.number(Decimal(value)), forms: ["raw": value])
    }

    /// A date: default "2026-10-31"; `long` "31 Oct 2026".
    static func date(_ day: Day) -> Figure {
        Figure(text: day.description, forms: ["raw": day.description, "long": Format.longDate(day)])
    }
}
