import Foundation

/// Adoption metrics.
public enum AdoptionMetrics {
    /// seats_active ÷ contract.seats; nil without both or with zero seats.
    public static func seatUtilization(seatsActive: Int?, seats: Int?) -> Decimal? {
        guard let seatsActive, let seats else { return nil }
        return Decimal(seatsActive).divided(by: Decimal(seats))
    }

    /// Last monthly active users ÷ the value three months earlier − 1; nil with fewer than four months
    /// or a zero three months earlier.
    public static func usageTrend90d(_ monthlyActiveUsers: [Int]) -> Decimal? {
        guard monthlyActiveUsers.count >= 4, let last = monthlyActiveUsers.last else { return nil }
        let earlier = monthlyActiveUsers[monthlyActiveUsers.count - 4]
        return Decimal(last).divided(by: Decimal(earlier)).map { $0 - 1 }
    }
}
