import Foundation

/// Decimal helpers shared by the metrics: division that refuses a zero denominator, and rounding.
extension Decimal {
    /// `self ÷ divisor`, or nil when the divisor is zero (a ratio over nothing is undefined, not 0 or ∞).
    public func divided(by divisor: Decimal) -> Decimal? {
        divisor == 0 ? nil : self / divisor
    }

    /// Rounded half away from zero to `scale` decimal places.
    public func rounded(_ scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }
}
