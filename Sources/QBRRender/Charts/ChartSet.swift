import Foundation
import QBRCore

/// The deck's inline SVG charts for one account, by name. A chart is present only when the account has its data:
///
/// - `outcomes`: committed vs achieved, one row per outcome (an empty track for one not measured yet), with
///   every figure of the outcomes table, so it can stand in for it;
/// - `value`: value realized by category, confirmed vs estimated, when the total is above zero;
/// - `mau`: monthly active users sparkline, with two months or more;
/// - `waterfall` (internal edition): starting → expansion → contraction → churn → ending ARR with NRR and GRR,
///   when the starting ARR is above zero;
/// - `health` (internal edition): health score sparkline over the earlier monthly scores and the current one.
///
/// Each value is one complete `<svg>` element: titled and described in words, sized by CSS, no scripts, styles
/// or external references, and byte-identical for the same input.
public struct ChartSet: Sendable {
    /// Chart name → complete `<svg>…</svg>`.
    public let charts: [String: String]

    /// Builds every chart the account has data for in `edition`.
    public init(account: Account, metrics: AccountMetrics, edition: Edition) {
        let currency = account.profile.contract?.currency ?? "USD"
        var charts: [String: String] = [:]
        charts["outcomes"] = OutcomesChart.svg(outcomes: account.outcomes, progress: metrics.outcomes)
        charts["value"] = ValueChart.svg(value: metrics.value, currency: currency)
        charts["mau"] = MAUChart.svg(monthlyActiveUsers: account.usage?.monthlyActiveUsers ?? [])
        if edition == .internal {
            charts["waterfall"] = WaterfallChart.svg(
                revenue: account.revenue, retention: metrics.retention, band: metrics.nrrBand,
                masking: metrics.grrMasking, currency: currency, period: account.period?.label)
            charts["health"] = HealthChart.svg(history: account.health?.history ?? [], current: metrics.health?.score)
        }
        self.charts = charts
    }
}

// MARK: - Outcomes

/// Committed vs achieved, one row per outcome, so the chart can stand in for the outcomes table: the name (up
/// to two lines) over its figures (baseline → target, the actual, the due date), and a bar from the baseline
/// (left) toward the target (the line) in the outcome's direction, filled to the attainment, then the
/// attainment and the status in words. An outcome without an actual or a target keeps its row: an empty track
/// and "not measured yet" or "no target" where the attainment would be.
///
/// Sizes are in viewBox units: drawn 1000–1100 px wide (a 16:9 slide) a unit is 1.25–1.4 px, so the smallest
/// type (10.5) is at least 13 px; each row takes `rowHeight` plus `lineHeight` per extra name line.
enum OutcomesChart {
    static let width: Double = 800
    /// Width of the name and figures column: `nameColumns` characters of the name in a wide bold font.
    static let nameWidth: Double = 404
    /// Left edge of the track.
    static let trackX: Double = 414
    /// Width of 0 → 100% attainment; the target line stands at its end.
    static let trackWidth: Double = 196
    static let barHeight: Double = 13
    /// Left edge of the attainment / status column.
    static let columnX: Double = 630
    /// Type sizes: the name and the status; the figures line and the words that stand for a missing attainment.
    static let nameSize: Double = 12
    static let detailSize: Double = 10.5
    /// A row with a one-line name; each further name line adds `lineHeight`.
    static let rowHeight: Double = 34
    static let lineHeight: Double = 14.5
    /// Outcome names wrap onto this many lines of this many characters (the full name is in the row's tooltip).
    static let nameColumns = 55
    static let nameLines = 2
    /// The figures line beyond this many characters loses its baseline ("target 20 days" for "45 → 20 days").
    static let detailColumns = 68

    /// The share of the track to fill (0…1) and whether the attainment goes beyond the target.
    /// No ratio but a reached target (target = baseline, a decrease to 0) fills the track; progress backwards
    /// fills nothing.
    static func fill(attainment: Decimal?, status: OutcomeStatus) -> (fraction: Double, overflow: Bool) {
        guard let attainment else { return (status == .achieved ? 1 : 0, false) }
        let value = SVG.double(attainment)
        return (min(max(value, 0), 1), value > 1)
    }

    /// "Achieved", "On track", "At risk", "Missed".
    static func word(_ status: OutcomeStatus) -> String {
        switch status {
        case .achieved: return "Achieved"
        case .onTrack: return "On track"
        case .atRisk: return "At risk"
        case .missed: return "Missed"
        }
    }

    /// What stands where the attainment would be when there is none and the target is not reached:
    /// "no target", "not measured yet" (no actual), "target = baseline" (no change to measure); nil otherwise.
    static func gap(_ outcome: Outcome, _ progress: OutcomeProgress) -> String? {
        guard progress.attainment == nil, progress.status != .achieved else { return nil }
        if outcome.target == nil { return "no target" }
        if outcome.actual == nil { return "not measured yet" }
        return "target = baseline"
    }

    /// Fill and outline of a status: solid dark for achieved, solid light for on track, hatched for at risk,
    /// cross-hatched for missed; the status word is printed next to every bar as well.
    static func paint(_ status: OutcomeStatus) -> (fill: String, stroke: String?) {
        switch status {
        case .achieved: return (SVG.Palette.accent, nil)
        case .onTrack: return (SVG.Palette.accentLight, nil)
        case .atRisk: return ("url(#outcomes-hatch-risk)", SVG.Palette.warning)
        case .missed: return ("url(#outcomes-hatch-missed)", SVG.Palette.danger)
        }
    }

    static func svg(outcomes: [Outcome], progress: [OutcomeProgress]) -> String? {
        let rows = Array(zip(outcomes, progress))
        guard !rows.isEmpty else { return nil }
        var svg = SVG()
        var defs: [SVG.Node] = []
        // Patterns only for statuses that fill something.
        let statuses = Set(rows.filter { gap($0.0, $0.1) == nil }.map(\.1.status))
        if statuses.contains(.atRisk) {
            defs.append(
                SVG.hatch(
                    id: "outcomes-hatch-risk", color: SVG.Palette.warning, background: SVG.Palette.warningWash))
        }
        if statuses.contains(.missed) {
            defs.append(
                SVG.hatch(
                    id: "outcomes-hatch-missed", color: SVG.Palette.danger, background: SVG.Palette.dangerWash,
                    crossed: true))
        }
        if !defs.isEmpty { svg.add(SVG.element("defs", [], defs)) }

        var sentences: [String] = []
        var top: Double = 3
        for (outcome, progress) in rows {
            let fact = summary(outcome, progress)
            sentences.append(fact + ".")
            let (node, height) = row(outcome, progress, top: top, tooltip: fact)
            svg.add(node)
            top += height
        }
        return svg.render(
            id: "outcomes", width: width, height: top - 6, title: "Outcomes: committed vs achieved",
            description: "Outcomes committed vs achieved. " + sentences.joined(separator: " "))
    }

    /// The row's facts in words, for its tooltip and the chart's description: "Cut carrier onboarding time
    /// (Days to onboard a carrier): 108% of target, achieved; baseline 45 days, target 20 days, actual 18 days,
    /// due 30 Sep 2026".
    static func summary(_ outcome: Outcome, _ progress: OutcomeProgress) -> String {
        let status = word(progress.status).lowercased()
        let state: String
        if let attainment = progress.attainment {
            state = Format.percent(attainment) + " of target, " + status
        } else {
            state = (gap(outcome, progress) ?? "target reached") + ", " + status
        }
        let unit = outcome.unit.map { SVG.label($0) }
        var figures: [String] = []
        if let baseline = outcome.baseline { figures.append("baseline " + quantity(baseline, unit: unit)) }
        if let target = outcome.target {
            figures.append((outcome.direction == .decrease ? "target ≤ " : "target ") + quantity(target, unit: unit))
        }
        if let actual = outcome.actual { figures.append("actual " + quantity(actual, unit: unit)) }
        if let due = outcome.due { figures.append("due " + Format.longDate(due)) }
        let metric = outcome.metric.map { " (" + SVG.label($0) + ")" } ?? ""
        return SVG.label(outcome.name) + metric + ": " + state
            + (figures.isEmpty ? "" : "; " + figures.joined(separator: ", "))
    }

    /// "45 → 20 days · now 18 · due 30 Sep 2026": the figures line under the name. A unit after a space is
    /// written once, after the target ("now 18 days" when there is no target); "%" goes with every number.
    /// Longer than `detailColumns` → the baseline goes ("target ≤ 20 days · now 18 · due 30 Sep 2026").
    static func details(_ outcome: Outcome) -> String {
        func line(baseline: Bool) -> String {
            let unit = outcome.unit.map { SVG.label($0, limit: 12) }
            var parts: [String] = []
            let range = range(outcome, baseline: baseline)
            if let range { parts.append(range) }
            if let actual = outcome.actual {
                parts.append(
                    "now " + (range == nil || unit == "%" ? quantity(actual, unit: unit) : Format.plain(actual)))
            }
            if let due = outcome.due { parts.append("due " + Format.longDate(due)) }
            return parts.joined(separator: " · ")
        }
        let full = line(baseline: true)
        return SVG.columns(full) > detailColumns ? line(baseline: false) : full
    }

    /// "45 → 20 days" (baseline → target), "target 60" (or "target ≤ 60" for a decrease) without a baseline or
    /// with `baseline` false, "baseline 45 days" without a target; nil without either.
    static func range(_ outcome: Outcome, baseline: Bool = true) -> String? {
        let unit = outcome.unit.map { SVG.label($0, limit: 12) }
        guard let target = outcome.target else {
            return outcome.baseline.map { "baseline " + quantity($0, unit: unit) }
        }
        if baseline, let from = outcome.baseline {
            return (unit == "%" ? Format.plain(from) + "%" : Format.plain(from)) + " → " + quantity(target, unit: unit)
        }
        return (outcome.direction == .decrease ? "target ≤ " : "target ") + quantity(target, unit: unit)
    }

    /// "45 days", "64%", "12" (as the outcomes table writes them).
    static func quantity(_ value: Decimal, unit: String?) -> String {
        let number = Format.plain(value)
        switch unit {
        case nil, "": return number
        case "%": return number + "%"
        case let unit?: return number + " " + unit
        }
    }

    /// One row at `top` and its height.
    private static func row(
        _ outcome: Outcome, _ progress: OutcomeProgress, top: Double, tooltip: String
    ) -> (node: SVG.Node, height: Double) {
        let paint = paint(progress.status)
        let gap = gap(outcome, progress)
        let names = SVG.lines(outcome.name, columns: nameColumns, maxLines: nameLines)
        let extra = Double(max(names.count, 1) - 1) * lineHeight
        let nameY = top + 12
        let barY = top + 2
        let middle = barY + barHeight / 2
        let trackEnd = trackX + trackWidth
        var children: [SVG.Node] = [SVG.element("title", [], [.text(tooltip)])]
        children.append(
            SVG.element(
                "text",
                [
                    ("x", "0"), ("y", SVG.number(nameY)), ("font-size", SVG.number(nameSize)), ("font-weight", "600"),
                    ("class", "outcomes-name"),
                ],
                names.enumerated().map { index, line in
                    SVG.element("tspan", index == 0 ? [] : [("x", "0"), ("dy", SVG.number(lineHeight))], [.text(line)])
                }))
        let details = details(outcome)
        if !details.isEmpty {
            children.append(
                SVG.text(
                    details, x: 0, y: nameY + extra + 14, size: detailSize, fill: SVG.Palette.muted,
                    className: "outcomes-details"))
        }
        children.append(
            SVG.rect(
                x: trackX, y: barY, width: trackWidth, height: barHeight, fill: SVG.Palette.track,
                className: "outcomes-track"))
        if gap == nil {
            let (fraction, overflow) = fill(attainment: progress.attainment, status: progress.status)
            children.append(
                SVG.rect(
                    x: trackX, y: barY, width: trackWidth * fraction, height: barHeight, fill: paint.fill,
                    stroke: paint.stroke, className: "outcomes-fill"))
            if overflow {
                // Beyond the target: a chevron past the line; the percentage says how far.
                let x = trackEnd + 5
                children.append(
                    SVG.element(
                        "path",
                        [
                            ("class", "outcomes-overflow"),
                            (
                                "d",
                                "M\(SVG.number(x)) \(SVG.number(barY + 1))L\(SVG.number(x + 8)) \(SVG.number(middle))"
                                    + "L\(SVG.number(x)) \(SVG.number(barY + barHeight - 1))Z"
                            ),
                            ("fill", paint.fill),
                        ]))
            }
        }
        if outcome.target != nil {
            children.append(
                SVG.line(
                    x1: trackEnd, y1: barY - 3, x2: trackEnd, y2: barY + barHeight + 3, stroke: SVG.Palette.ink,
                    width: 2, className: "outcomes-target"))
        }
        var status: [SVG.Node] = []
        if let attainment = progress.attainment {
            status.append(SVG.span(Format.percent(attainment), weight: "700"))
            status.append(SVG.span(word(progress.status), dx: 6))
        } else if let gap {
            status.append(SVG.span(gap, fill: SVG.Palette.muted, size: detailSize))
            status.append(SVG.span(word(progress.status), weight: "700", dx: 6))
        } else {
            status.append(SVG.span(word(progress.status), weight: "700"))
        }
        children.append(SVG.text(status, x: columnX, y: nameY, size: nameSize, className: "outcomes-status"))
        return (SVG.element("g", [("class", "outcomes-row")], children), rowHeight + extra)
    }
}

// MARK: - Value realized

/// Value realized by category: one stacked bar per category, confirmed (solid) then estimated (hatched).
enum ValueChart {
    static let width: Double = 800
    /// Width of the largest category's bar.
    static let maxBarWidth: Double = 420
    static let barHeight: Double = 18
    static let rowHeight: Double = 52
    static let legendHeight: Double = 30
    static let nameLimit = 40

    /// Widths of the confirmed and estimated segments of a category, on a scale where `largest` spans
    /// `maxBarWidth`.
    static func segments(confirmed: Decimal, estimated: Decimal, largest: Decimal) -> (
        confirmed: Double, estimated: Double
    ) {
        guard largest > 0 else { return (0, 0) }
        let scale = maxBarWidth / SVG.double(largest)
        return (SVG.double(confirmed) * scale, SVG.double(estimated) * scale)
    }

    static func svg(value: ValueSummary, currency: String) -> String? {
        guard value.total > 0, !value.categories.isEmpty else { return nil }
        let largest = value.categories.map(\.total).max() ?? 0
        let money = { (amount: Decimal) in Format.compactMoney(amount, currency: currency) }
        var svg = SVG()
        let hasEstimated = value.estimated > 0
        if hasEstimated {
            svg.add(
                SVG.element(
                    "defs", [],
                    [
                        SVG.hatch(id: "value-hatch", color: SVG.Palette.accent, background: SVG.Palette.accentWash)
                    ]))
        }
        // Legend: only the series that occur.
        var legend: [SVG.Node] = []
        var legendX: Double = 0
        if value.confirmed > 0 {
            legend.append(SVG.rect(x: legendX, y: 2, width: 14, height: 14, fill: SVG.Palette.accent))
            legend.append(SVG.text("Confirmed by the customer", x: legendX + 20, y: 14, fill: SVG.Palette.muted))
            legendX += 210
        }
        if hasEstimated {
            legend.append(
                SVG.rect(
                    x: legendX + 0.5, y: 2.5, width: 13, height: 13, fill: "url(#value-hatch)",
                    stroke: SVG.Palette.accent))
            legend.append(SVG.text("Estimated", x: legendX + 20, y: 14, fill: SVG.Palette.muted))
        }
        svg.add(SVG.element("g", [("class", "value-legend")], legend))

        var sentences: [String] = []
        for (index, category) in value.categories.enumerated() {
            let top = legendHeight + Double(index) * rowHeight
            let barY = top + 22
            let (confirmedWidth, estimatedWidth) = segments(
                confirmed: category.confirmed, estimated: category.estimated, largest: largest)
            let split: String
            if category.confirmed > 0 && category.estimated > 0 {
                split = "\(money(category.confirmed)) confirmed, \(money(category.estimated)) estimated"
            } else if category.estimated > 0 {
                split = "estimated"
            } else {
                split = "confirmed"
            }
            let name = SVG.label(category.name)
            let fact =
                category.confirmed > 0 && category.estimated > 0
                ? "\(money(category.total)): \(split)" : "\(money(category.total)), \(split)"
            sentences.append("\(name): \(fact).")
            var children: [SVG.Node] = [
                SVG.element("title", [], [.text("\(name): \(fact)")]),
                SVG.text(SVG.label(category.name, limit: nameLimit), x: 0, y: top + 14, size: 14, weight: "600"),
                SVG.rect(
                    x: 0, y: barY, width: confirmedWidth, height: barHeight, fill: SVG.Palette.accent,
                    className: "value-confirmed"),
            ]
            if category.estimated > 0 {
                children.append(
                    SVG.rect(
                        x: confirmedWidth + 0.5, y: barY + 0.5, width: max(estimatedWidth - 1, 0),
                        height: barHeight - 1,
                        fill: "url(#value-hatch)", stroke: SVG.Palette.accent, className: "value-estimated"))
            }
            let labelX = confirmedWidth + estimatedWidth + 10
            var label: [SVG.Node] = [SVG.span(money(category.total), weight: "700")]
            label.append(
                SVG.span(
                    category.confirmed > 0 && category.estimated > 0 ? "(\(split))" : split, fill: SVG.Palette.muted,
                    dx: 8))
            children.append(SVG.text(label, x: labelX, y: barY + 13.5, size: 14, className: "value-amount"))
            svg.add(SVG.element("g", [("class", "value-row")], children))
        }
        let height = legendHeight + Double(value.categories.count) * rowHeight - 10
        let totals =
            value.confirmed > 0 && value.estimated > 0
            ? " (\(money(value.confirmed)) confirmed, \(money(value.estimated)) estimated)" : ""
        return svg.render(
            id: "value", width: width, height: height, title: "Value realized by category",
            description: "Value realized by category, \(money(value.total)) in total\(totals). "
                + sentences.joined(separator: " "))
    }
}

// MARK: - Sparklines

/// Shared geometry of the two sparklines.
enum Sparkline {
    /// Points for `values` spread evenly over x0…x1, with `low` at y1 and `high` at y0 (a flat series sits in the
    /// middle).
    static func points(
        _ values: [Double], x0: Double, x1: Double, y0: Double, y1: Double, low: Double, high: Double
    ) -> [(x: Double, y: Double)] {
        let step = values.count > 1 ? (x1 - x0) / Double(values.count - 1) : 0
        return values.enumerated().map { index, value in
            let y = high > low ? y1 - (value - low) / (high - low) * (y1 - y0) : (y0 + y1) / 2
            return (x0 + Double(index) * step, y)
        }
    }

    /// "6 months".
    static func months(_ count: Int) -> String { count == 1 ? "1 month" : "\(count) months" }
}

/// Monthly active users: a line over the months, first and latest value labelled.
enum MAUChart {
    static let width: Double = 800
    static let height: Double = 136
    static let plotX0: Double = 64
    static let plotX1: Double = 700
    static let plotY0: Double = 40
    static let plotY1: Double = 120

    static func svg(monthlyActiveUsers values: [Int]) -> String? {
        guard values.count >= 2, let first = values.first, let last = values.last else { return nil }
        let doubles = values.map(Double.init)
        let points = Sparkline.points(
            doubles, x0: plotX0, x1: plotX1, y0: plotY0, y1: plotY1, low: doubles.min() ?? 0, high: doubles.max() ?? 0)
        let number = { (value: Int) in Format.number(Decimal(value)) }
        var svg = SVG()
        svg.add(
            SVG.text(
                "Monthly active users, last \(Sparkline.months(values.count))", x: 0, y: 14, fill: SVG.Palette.muted))
        svg.add(
            SVG.element(
                "polyline",
                [
                    ("class", "mau-line"), ("points", SVG.points(points)), ("fill", "none"),
                    ("stroke", SVG.Palette.accent),
                    ("stroke-width", "2.5"), ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
                ]))
        let start = points[0]
        let end = points[points.count - 1]
        svg.add(SVG.circle(cx: start.x, cy: start.y, r: 3.5, fill: "#ffffff", stroke: SVG.Palette.accent))
        svg.add(SVG.circle(cx: end.x, cy: end.y, r: 4.5, fill: SVG.Palette.accent))
        svg.add(
            SVG.text(
                number(first), x: start.x - 12, y: start.y + 5, anchor: "end", size: 14, fill: SVG.Palette.muted,
                className: "mau-first"))
        svg.add(SVG.text(number(last), x: end.x + 12, y: end.y + 6, size: 17, weight: "700", className: "mau-last"))
        var description =
            "Monthly active users over \(Sparkline.months(values.count)): from \(number(first)) to \(number(last))"
        if first > 0, first != last {
            let change = Decimal(last - first) / Decimal(first)
            description += " (\(change > 0 ? "up" : "down") \(Format.percent(abs(change))))"
        }
        description += "."
        return svg.render(
            id: "mau", width: width, height: height, title: "Monthly active users", description: description)
    }
}

/// Health score over time on a fixed 0–100 scale with the band thresholds marked.
enum HealthChart {
    static let width: Double = 800
    static let height: Double = 158
    static let plotX0: Double = 48
    static let plotX1: Double = 600
    static let plotY0: Double = 36
    static let plotY1: Double = 150

    /// The bottom of the scale: 0–100 would leave most of a healthy account's chart empty, so the scale starts
    /// a round ten below both the lowest score and the red threshold (never below 0).
    static func floor(series: [Decimal], settings: MetricSettings) -> Double {
        let lowest = min(series.map(SVG.double).min() ?? 0, SVG.double(settings.healthYellowFrom)) - 10
        return max(0, (lowest / 10).rounded(.down) * 10)
    }

    /// The earlier monthly scores then the current one; nil without a history or with fewer than two points.
    static func series(history: [Decimal], current: Decimal?) -> [Decimal]? {
        guard !history.isEmpty else { return nil }
        let series = history + (current.map { [$0] } ?? [])
        return series.count >= 2 ? series : nil
    }

    static func svg(history: [Decimal], current: Decimal?) -> String? {
        guard let series = series(history: history, current: current), let first = series.first,
            let last = series.last
        else { return nil }
        let settings = MetricSettings.standard
        let low = floor(series: series, settings: settings)
        let y = { (score: Double) in plotY1 - (score - low) / (100 - low) * (plotY1 - plotY0) }
        let points = Sparkline.points(
            series.map { min(max(SVG.double($0), 0), 100) }, x0: plotX0, x1: plotX1, y0: plotY0, y1: plotY1, low: low,
            high: 100)
        let band = HealthAssessment.band(of: last, settings: settings)
        let bandWord = band.rawValue.prefix(1).uppercased() + band.rawValue.dropFirst()
        let score = { (value: Decimal) in Format.plain(value, maxScale: 0) }
        var svg = SVG()
        svg.add(SVG.text("Health score, last \(Sparkline.months(series.count))", x: 0, y: 14, fill: SVG.Palette.muted))
        // Band thresholds: dashed reference lines across the plot, labelled above their right end.
        for (threshold, label) in [
            (settings.healthGreenFrom, "green ≥ \(score(settings.healthGreenFrom))"),
            (settings.healthYellowFrom, "red < \(score(settings.healthYellowFrom))"),
        ] {
            let level = y(SVG.double(threshold))
            svg.add(
                SVG.line(
                    x1: plotX0, y1: level, x2: width, y2: level, stroke: SVG.Palette.faint, width: 1, dash: "4 4",
                    className: "health-threshold"))
            svg.add(SVG.text(label, x: width, y: level - 5, anchor: "end", size: 12, fill: SVG.Palette.muted))
        }
        svg.add(
            SVG.element(
                "polyline",
                [
                    ("class", "health-line"), ("points", SVG.points(points)), ("fill", "none"),
                    ("stroke", SVG.Palette.slate),
                    ("stroke-width", "2.5"), ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
                ]))
        let start = points[0]
        let end = points[points.count - 1]
        svg.add(SVG.circle(cx: start.x, cy: start.y, r: 3.5, fill: "#ffffff", stroke: SVG.Palette.slate))
        svg.add(SVG.circle(cx: end.x, cy: end.y, r: 4.5, fill: SVG.Palette.slate))
        svg.add(
            SVG.text(
                score(first), x: start.x - 12, y: start.y + 5, anchor: "end", size: 14, fill: SVG.Palette.muted,
                className: "health-first"))
        svg.add(
            SVG.text(
                [SVG.span(score(last), weight: "700"), SVG.span(bandWord, fill: SVG.Palette.muted, dx: 6)],
                x: end.x + 12, y: end.y + 6, size: 17, className: "health-last"))
        return svg.render(
            id: "health", width: width, height: height, title: "Health score trend",
            description: "Health score over \(Sparkline.months(series.count)): from \(score(first)) to \(score(last)) "
                + "(\(band.rawValue)).")
    }
}

// MARK: - ARR waterfall

/// Starting ARR → +expansion → −contraction → −churn → ending ARR, with NRR and GRR.
enum WaterfallChart {
    static let width: Double = 800
    static let height: Double = 262
    static let plotTop: Double = 64
    static let baseline: Double = 232
    static let slot: Double = 160
    static let barWidth: Double = 96

    /// One column: its label, the level it starts from and the level it ends at (in ARR), and how it is drawn.
    struct Column: Equatable {
        enum Kind: Equatable { case total, gain, loss }
        let label: String
        let from: Decimal
        let to: Decimal
        let kind: Kind
    }

    /// The five columns of `revenue`.
    static func columns(_ revenue: Revenue) -> [Column] {
        let afterExpansion = revenue.startingARR + revenue.expansion
        let afterContraction = afterExpansion - revenue.contraction
        let ending = afterContraction - revenue.churn
        return [
            Column(label: "Starting ARR", from: 0, to: revenue.startingARR, kind: .total),
            Column(label: "Expansion", from: revenue.startingARR, to: afterExpansion, kind: .gain),
            Column(label: "Contraction", from: afterExpansion, to: afterContraction, kind: .loss),
            Column(label: "Churn", from: afterContraction, to: ending, kind: .loss),
            Column(label: "Ending ARR", from: 0, to: ending, kind: .total),
        ]
    }

    /// The y coordinate of an ARR level, with `top` (the highest level) at `plotTop` and 0 at `baseline`.
    static func y(_ level: Decimal, top: Decimal) -> Double {
        guard top > 0 else { return baseline }
        return baseline - SVG.double(level) / SVG.double(top) * (baseline - plotTop)
    }

    static func svg(
        revenue: Revenue?, retention: RevenueRetention?, band: NRRBand?, masking: Bool, currency: String,
        period: String?
    ) -> String? {
        guard let revenue, let retention, revenue.startingARR > 0, let nrr = retention.nrr, let grr = retention.grr
        else { return nil }
        let columns = columns(revenue)
        let top = columns.map { max($0.from, $0.to) }.max() ?? 0
        guard top > 0 else { return nil }
        let compact = { (amount: Decimal) in Format.compactMoney(amount, currency: currency) }
        var svg = SVG()
        svg.add(
            SVG.element(
                "defs", [],
                [
                    SVG.hatch(
                        id: "waterfall-hatch-contraction", color: SVG.Palette.danger, background: SVG.Palette.dangerWash
                    ),
                    SVG.hatch(
                        id: "waterfall-hatch-churn", color: SVG.Palette.danger, background: SVG.Palette.dangerWash,
                        crossed: true),
                ]))
        // Headline figures.
        var headline: [SVG.Node] = [
            SVG.span("NRR", fill: SVG.Palette.muted), SVG.span(Format.percent(nrr, scale: 1), weight: "700", dx: 6),
        ]
        if let band { headline.append(SVG.span("(\(band.rawValue))", fill: SVG.Palette.muted, dx: 6)) }
        headline += [
            SVG.span("GRR", fill: SVG.Palette.muted, dx: 28),
            SVG.span(Format.percent(grr, scale: 1), weight: "700", dx: 6),
        ]
        if masking { headline.append(SVG.span("(expansion masks losses)", fill: SVG.Palette.danger, dx: 6)) }
        svg.add(SVG.text(headline, x: 0, y: 20, size: 17, className: "waterfall-retention"))

        svg.add(
            SVG.line(
                x1: 0, y1: baseline + 0.5, x2: width, y2: baseline + 0.5, stroke: SVG.Palette.rule, width: 1,
                className: "waterfall-axis"))
        for (index, column) in columns.enumerated() {
            let x = Double(index) * slot + (slot - barWidth) / 2
            let center = x + barWidth / 2
            let y0 = y(max(column.from, column.to), top: top)
            var y1 = y(min(column.from, column.to), top: top)
            if column.from != column.to && y1 - y0 < 1.5 { y1 = y0 + 1.5 }  // small but not nothing: stays visible
            let fill: String
            let stroke: String?
            let amount: String
            switch column.kind {
            case .total:
                (fill, stroke, amount) = (SVG.Palette.slate, nil, compact(column.to))
            case .gain:
                (fill, stroke, amount) = (
                    SVG.Palette.accentLight, nil,
                    column.to > column.from ? "+" + compact(column.to - column.from) : compact(0)
                )
            case .loss:
                let loss = column.from - column.to
                fill = index == 2 ? "url(#waterfall-hatch-contraction)" : "url(#waterfall-hatch-churn)"
                stroke = SVG.Palette.danger
                amount = loss > 0 ? "−" + compact(loss) : compact(0)
            }
            if column.from != column.to {
                let inset = stroke == nil ? 0 : 0.5
                svg.add(
                    SVG.rect(
                        x: x + inset, y: y0 + inset, width: barWidth - 2 * inset, height: y1 - y0 - 2 * inset,
                        fill: fill,
                        stroke: stroke, className: "waterfall-bar"))
            } else if column.kind != .total {
                // No movement: a flat tick at the level keeps the column readable.
                svg.add(
                    SVG.line(
                        x1: x, y1: y0, x2: x + barWidth, y2: y0, stroke: SVG.Palette.rule, width: 2,
                        className: "waterfall-zero"))
            }
            svg.add(
                SVG.text(
                    amount, x: center, y: y0 - 8, anchor: "middle", size: 14, weight: "700",
                    className: "waterfall-amount"))
            svg.add(
                SVG.text(
                    column.label, x: center, y: baseline + 22, anchor: "middle", fill: SVG.Palette.muted))
            // Connector to the next column at the running level.
            if index < columns.count - 1 {
                let level = y(column.to, top: top)
                svg.add(
                    SVG.line(
                        x1: x + barWidth, y1: level, x2: x + slot, y2: level, stroke: SVG.Palette.rule, width: 1,
                        dash: "3 3", className: "waterfall-connector"))
            }
        }
        let money = { (amount: Decimal) in Format.money(amount, currency: currency) }
        let loss = { (amount: Decimal) in amount > 0 ? "−" + money(amount) : money(amount) }
        let gain = { (amount: Decimal) in amount > 0 ? "+" + money(amount) : money(amount) }
        let label = period.map { " for " + SVG.label($0) } ?? ""
        var description =
            "ARR waterfall\(label): starting ARR \(money(revenue.startingARR)), "
            + "expansion \(gain(revenue.expansion)), contraction \(loss(revenue.contraction)), "
            + "churn \(loss(revenue.churn)), ending ARR \(money(retention.endingARR)). "
            + "NRR \(Format.percent(nrr, scale: 1))"
        if let band { description += " (\(band.rawValue))" }
        description += ", GRR \(Format.percent(grr, scale: 1))."
        if masking { description += " Expansion masks contraction and churn." }
        return svg.render(
            id: "waterfall", width: width, height: height, title: "ARR waterfall", description: description)
    }
}
