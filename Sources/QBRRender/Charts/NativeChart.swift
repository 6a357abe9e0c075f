import Foundation
import QBRCore

/// A chart as figures rather than a picture: categories, series and how to draw them, for writers that make
/// editable charts (PowerPoint's `c:chartSpace`). Built from the same account figures as the SVG charts of
/// ``ChartSet``, under the same conditions, so a deck in any format shows the same charts.
public struct NativeChart: Sendable, Equatable {
    /// How the chart is drawn.
    public enum Kind: Sendable, Equatable {
        /// Horizontal bars, the series overlapping (outcomes: attainment in front of the 100% target).
        case bar
        /// Horizontal bars, the series stacked (value: confirmed then estimated).
        case stackedBar
        /// A line per series over the categories.
        case line
        /// Columns stacked on an invisible base series (the first), so each step floats at its running level.
        case waterfall
    }

    /// The colour role a series is painted in; writers map roles to the team's theme.
    public enum Paint: String, Sendable, Equatable {
        /// The team's accent colour.
        case accent
        /// A lighter accent.
        case accentLight
        /// Dark grey, for totals and the health score.
        case slate
        /// Red, for losses.
        case danger
        /// Light grey, for reference series (the target, the band thresholds).
        case faint
        /// Not drawn (a waterfall's base).
        case none
    }

    /// One series: its name (the legend and the workbook's header cell), a value per category (nil: no data),
    /// and its paint.
    public struct Series: Sendable, Equatable {
        /// The series' name.
        public let name: String
        /// One value per category.
        public let values: [Decimal?]
        /// How it is painted.
        public let paint: Paint

        /// A series of `values`, one per category.
        public init(name: String, values: [Decimal?], paint: Paint) {
            self.name = name
            self.values = values
            self.paint = paint
        }
    }

    /// The chart's name in the templates: `outcomes`, `value`, `mau`, `health`, `waterfall`.
    public let name: String
    /// Its title.
    public let title: String
    /// How it is drawn.
    public let kind: Kind
    /// The category labels (outcome names with their status in words, value categories, months, steps).
    public let categories: [String]
    /// The series, in drawing order.
    public let series: [Series]
    /// The Excel number format of the values (`0"%"`, `"$"#,##0`, `#,##0`).
    public let numberFormat: String
    /// The number format of the labels on the bars: money in thousands and millions (`$165K`), as the SVG
    /// writes it; otherwise `numberFormat`.
    public let labelFormat: String
    /// A fixed value axis, when the scale means something (0–100 for the health score); nil lets the reader scale.
    public let axis: ClosedRange<Double>?
    /// The chart in words, as the SVG's description (alternative text).
    public let summary: String

    /// A chart of `series` over `categories`.
    public init(
        name: String, title: String, kind: Kind, categories: [String], series: [Series], numberFormat: String,
        labelFormat: String? = nil, axis: ClosedRange<Double>?, summary: String
    ) {
        self.labelFormat = labelFormat ?? numberFormat
        self.name = name
        self.title = title
        self.kind = kind
        self.categories = categories
        self.series = series
        self.numberFormat = numberFormat
        self.axis = axis
        self.summary = summary
    }
}

extension ChartSet {
    /// The native charts of `account` in `edition`, by name: the same charts as ``charts`` (a chart is present
    /// only when the account has its data), as figures.
    public static func native(account: Account, metrics: AccountMetrics, edition: Edition) -> [String: NativeChart] {
        let currency = account.profile.contract?.currency ?? "USD"
        let money = Self.moneyFormat(currency)
        let compact = Self.compactMoneyFormat(currency)
        var charts: [String: NativeChart] = [:]
        let outcomes = Array(zip(account.outcomes, metrics.outcomes))
        if !outcomes.isEmpty {
            charts["outcomes"] = NativeChart(
                name: "outcomes", title: "Outcomes: committed vs achieved", kind: .bar,
                categories: outcomes.map { outcome, progress in
                    SVG.label(outcome.name) + ": "
                        + (OutcomesChart.gap(outcome, progress).map { OutcomesChart.word(progress.status) + ", " + $0 }
                            ?? OutcomesChart.word(progress.status))
                },
                series: [
                    .init(name: "Target", values: outcomes.map { _ in 100 }, paint: .faint),
                    .init(
                        name: "Attainment (% of target)",
                        values: outcomes.map { $0.1.attainment.map { ($0 * 100).rounded(1) } }, paint: .accent),
                ],
                numberFormat: "0\"%\"", axis: nil,
                summary: "Outcomes committed vs achieved. "
                    + outcomes.map { OutcomesChart.summary($0.0, $0.1) + "." }.joined(separator: " "))
        }
        let value = metrics.value
        if value.total > 0, !value.categories.isEmpty {
            charts["value"] = NativeChart(
                name: "value", title: "Value realized by category", kind: .stackedBar,
                categories: value.categories.map { SVG.label($0.name) },
                series: [
                    // No amount of a kind is an empty cell, not a zero bar with a "0" label.
                    .init(
                        name: "Confirmed", values: value.categories.map { $0.confirmed > 0 ? $0.confirmed : nil },
                        paint: .accent),
                    .init(
                        name: "Estimated", values: value.categories.map { $0.estimated > 0 ? $0.estimated : nil },
                        paint: .accentLight),
                ],
                numberFormat: money, labelFormat: compact, axis: nil,
                summary: "Value realized by category, \(Format.compactMoney(value.total, currency: currency)) in total."
            )
        }
        let users = account.usage?.monthlyActiveUsers ?? []
        if users.count >= 2 {
            charts["mau"] = NativeChart(
                name: "mau", title: "Monthly active users", kind: .line, categories: monthLabels(users.count),
                series: [.init(name: "Monthly active users", values: users.map { Decimal($0) }, paint: .accent)],
                numberFormat: "#,##0", axis: nil,
                summary: "Monthly active users over \(Sparkline.months(users.count)): from "
                    + "\(Format.number(Decimal(users[0]))) to \(Format.number(Decimal(users[users.count - 1]))).")
        }
        guard edition == .internal else { return charts }
        if let revenue = account.revenue, let retention = metrics.retention, revenue.startingARR > 0,
            let nrr = retention.nrr, let grr = retention.grr
        {
            let columns = WaterfallChart.columns(revenue)
            charts["waterfall"] = NativeChart(
                name: "waterfall", title: "ARR waterfall", kind: .waterfall, categories: columns.map(\.label),
                series: [
                    .init(
                        name: "Base",
                        values: columns.map { $0.kind == .total ? 0 : min($0.from, $0.to) }, paint: .none),
                    .init(
                        name: "ARR", values: columns.map { $0.kind == .total ? $0.to : nil }, paint: .slate),
                    .init(
                        name: "Expansion",
                        values: columns.map { $0.kind == .gain ? $0.to - $0.from : nil }, paint: .accentLight),
                    .init(
                        name: "Losses",
                        values: columns.map { $0.kind == .loss ? $0.from - $0.to : nil }, paint: .danger),
                ],
                numberFormat: money, labelFormat: compact, axis: nil,
                summary: "ARR waterfall: NRR \(Format.percent(nrr, scale: 1)), GRR \(Format.percent(grr, scale: 1)).")
        }
        if let series = HealthChart.series(history: account.health?.history ?? [], current: metrics.health?.score) {
            let settings = MetricSettings.standard
            let band = HealthAssessment.band(of: series[series.count - 1], settings: settings)
            let score = { (value: Decimal) in Format.plain(value, maxScale: 0) }
            charts["health"] = NativeChart(
                name: "health", title: "Health score trend", kind: .line, categories: monthLabels(series.count),
                series: [
                    .init(name: "Health score", values: series, paint: .slate),
                    .init(
                        name: "Green from \(score(settings.healthGreenFrom))",
                        values: series.map { _ in settings.healthGreenFrom }, paint: .faint),
                    .init(
                        name: "Red below \(score(settings.healthYellowFrom))",
                        values: series.map { _ in settings.healthYellowFrom }, paint: .danger),
                ],
                numberFormat: "0", axis: HealthChart.floor(series: series, settings: settings)...100,
                summary: "Health score over \(Sparkline.months(series.count)): from \(score(series[0])) to "
                    + "\(score(series[series.count - 1])) (\(band.rawValue)).")
        }
        return charts
    }

    /// "5 months ago" … "Latest": the series are monthly, oldest first, without dates of their own.
    static func monthLabels(_ count: Int) -> [String] {
        (0..<count).map { index in
            let back = count - 1 - index
            return back == 0 ? "Latest" : back == 1 ? "1 month ago" : "\(back) months ago"
        }
    }

    /// `$240K`, `$1.3M`, `$500`: whole amounts in thousands and millions, by Excel's conditional sections.
    static func compactMoneyFormat(_ currency: String) -> String {
        let symbols = ["USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"]
        if let symbol = symbols[currency] {
            return "[>=1000000]\"\(symbol)\"0.0,,\"M\";[>=1000]\"\(symbol)\"0,\"K\";\"\(symbol)\"0"
        }
        let code = currency.filter { $0.isASCII && $0.isLetter }.prefix(3)
        return "[>=1000000]0.0,,\"M \(code)\";[>=1000]0,\"K \(code)\";0\" \(code)\""
    }

    /// An Excel number format for whole amounts in `currency`: `"$"#,##0` for the dollar, `#,##0" EUR"` otherwise.
    static func moneyFormat(_ currency: String) -> String {
        let symbols = ["USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"]
        if let symbol = symbols[currency] { return "\"\(symbol)\"#,##0" }
        let code = currency.filter { $0.isASCII && $0.isLetter }.prefix(3)
        return "#,##0\" \(code)\""
    }
}
