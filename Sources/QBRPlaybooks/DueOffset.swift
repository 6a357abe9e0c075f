import Foundation
import QBRCore

/// When a task is due, relative to the run date, the renewal date or the contract start: `+7d`, `+2w`,
/// `+1m`, `renewal-120d`, `start+30d`, `today`, `renewal`.
public struct DueOffset: Hashable, Sendable, CustomStringConvertible {
    /// What the offset counts from.
    public enum Anchor: String, Sendable {
        /// The run date (`--as-of`).
        case run = "today"
        /// The contract's renewal date.
        case renewal
        /// The contract's start date.
        case start
    }

    /// Days, weeks or calendar months.
    public enum Unit: Character, Sendable {
        case days = "d", weeks = "w", months = "m"
    }

    /// What it counts from.
    public let anchor: Anchor
    /// Signed amount of `unit`.
    public let amount: Int
    /// Unit of `amount`.
    public let unit: Unit

    /// Parses the offset; nil with a sentence saying what is expected.
    public static func parse(_ text: String) -> Result<DueOffset, DueOffsetError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        var rest = Substring(trimmed)
        var anchor = Anchor.run
        for candidate in [Anchor.renewal, .start, .run] where rest.hasPrefix(candidate.rawValue) {
            anchor = candidate
            rest = rest.dropFirst(candidate.rawValue.count)
            break
        }
        rest = rest.drop { $0 == " " }
        if rest.isEmpty {
            return trimmed.isEmpty
                ? .failure(.init(text: text)) : .success(DueOffset(anchor: anchor, amount: 0, unit: .days))
        }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return .failure(.init(text: text)) }
        rest = rest.dropFirst().drop { $0 == " " }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 5, let number = Int(digits) else { return .failure(.init(text: text)) }
        rest = rest.dropFirst(digits.count)
        guard rest.count == 1, let unitCharacter = rest.first, let unit = Unit(rawValue: unitCharacter) else {
            return .failure(.init(text: text))
        }
        return .success(DueOffset(anchor: anchor, amount: sign == "-" ? -number : number, unit: unit))
    }

    /// The due date, or nil when the anchor date is missing from the account.
    public func resolve(asOf: Day, renewal: Day?, start: Day?) -> Day? {
        let base: Day?
        switch anchor {
        case .run: base = asOf
        case .renewal: base = renewal
        case .start: base = start
        }
        guard let base else { return nil }
        switch unit {
        case .days: return base.adding(days: amount)
        case .weeks: return base.adding(days: amount * 7)
        case .months: return base.adding(months: amount)
        }
    }

    /// The text users read: a sentence, or `file:line:column: error: message` lines.
    public var description: String {
        let prefix = anchor == .run ? "" : anchor.rawValue
        return amount == 0 && anchor != .run
            ? prefix : "\(prefix)\(amount < 0 ? "-" : "+")\(abs(amount))\(unit.rawValue)"
    }
}

/// A due offset that cannot be read.
public struct DueOffsetError: Error, Hashable, Sendable {
    /// The text as written.
    public let text: String

    /// What is expected, in a sentence.
    public var message: String {
        "\"\(text)\" is not a due offset: expected +7d, -3d, +2w, +1m, renewal-120d, start+30d, today or renewal"
    }
}

extension Day {
    /// The same day `months` calendar months later, on the last day of the month when that day does not
    /// exist (Jan 31 + 1 month = Feb 28, or 29 in a leap year).
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let lastDay = Day.daysIn(month: newMonth, year: newYear)
        return Day(year: newYear, month: newMonth, day: Swift.min(day, lastDay)) ?? self
    }
}
