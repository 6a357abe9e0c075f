import Foundation

/// Value realized, totalled and split confirmed / estimated.
public struct ValueSummary: Hashable, Sendable {
    /// Σ amounts.
    public let total: Decimal
    /// Σ amounts the customer confirmed.
    public let confirmed: Decimal
    /// Σ amounts that are our estimate.
    public let estimated: Decimal
    /// Total ÷ contract ARR; nil without a positive ARR.
    public let roiMultiple: Decimal?
    /// Per category in first-seen order; items without a category go under "Other".
    public let categories: [Category]

    /// One category's totals.
    public struct Category: Hashable, Sendable {
        /// Category name.
        public let name: String
        /// Confirmed amount.
        public let confirmed: Decimal
        /// Estimated amount.
        public let estimated: Decimal
        /// Confirmed + estimated.
        public var total: Decimal { confirmed + estimated }
    }

    /// Sums `items` against the contract ARR.
    public init(_ items: [ValueRealized], contractARR: Decimal?) {
        var confirmed: Decimal = 0
        var estimated: Decimal = 0
        var order: [String] = []
        var sums: [String: (confirmed: Decimal, estimated: Decimal)] = [:]
        for item in items {
            let name = item.category ?? "Other"
            if sums[name] == nil {
                order.append(name)
                sums[name] = (0, 0)
            }
            if item.confirmed {
                confirmed += item.amount
                sums[name]?.confirmed += item.amount
            } else {
                estimated += item.amount
                sums[name]?.estimated += item.amount
            }
        }
        self.confirmed = confirmed
        self.estimated = estimated
        let total = confirmed + estimated
        self.total = total
        roiMultiple = contractARR.flatMap { $0 > 0 ? total / $0 : nil }
        categories = order.compactMap { name in
            sums[name].map { Category(name: name, confirmed: $0.confirmed, estimated: $0.estimated) }
        }
    }
}
