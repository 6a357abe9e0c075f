import Foundation
import QBRCore
import Testing

@testable import QBRRender

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The deck's inline SVG charts: present only with data, internal charts only in the internal edition, geometry
/// true to the figures, hostile text inert, output well-formed and deterministic.
@Suite struct ChartTests {
    // MARK: Fixtures

    static let asOf = Day(year: 2026, month: 10, day: 15)!

    static func day(_ year: Int, _ month: Int, _ day: Int) -> Day { Day(year: year, month: month, day: day)! }

    /// Northwind, as in examples/northwind.yaml.
    static func northwind() -> Account {
        Account(
            profile: AccountProfile(
                id: "NW-1042", name: "Northwind Traders", segment: .enterprise,
                contract: Contract(
                    start: day(2025, 11, 1), renewal: day(2026, 10, 31), arr: 240_000, currency: "USD", seats: 200)),
            period: Period(label: "Q3 2026"),
            revenue: Revenue(startingARR: 240_000, expansion: 36_000, contraction: 6_000, churn: 0),
            outcomes: [
                Outcome(
                    name: "Cut carrier onboarding time", baseline: 45, target: 20, actual: 18, unit: "days",
                    direction: .decrease, committedOn: day(2025, 11, 15), due: day(2026, 9, 30)),
                Outcome(
                    name: "Automate freight audit", baseline: 10, target: 80, actual: 64, unit: "%",
                    committedOn: day(2025, 11, 15), due: day(2026, 12, 31)),
            ],
            valueRealized: [
                ValueRealized(category: "Cost savings", amount: 120_000, confirmed: true),
                ValueRealized(category: "Cost savings", amount: 45_000, confirmed: true),
                ValueRealized(category: "Revenue", amount: 60_000, confirmed: false),
            ],
            usage: Usage(seatsActive: 188, monthlyActiveUsers: [140, 151, 160, 172, 180, 188]),
            health: Health(score: 82, history: [64, 68, 71, 75, 79]))
    }

    static func charts(_ account: Account, _ edition: Edition = .internal) -> [String: String] {
        ChartSet(account: account, metrics: AccountMetrics(account, asOf: asOf), edition: edition).charts
    }

    static func outcomesChart(_ outcomes: [Outcome]) throws -> String {
        var account = Account(profile: AccountProfile(id: "T-1", name: "Test"))
        account.outcomes = outcomes
        return try #require(charts(account)["outcomes"])
    }

    static func number(_ text: String?) throws -> Double {
        try #require(text.flatMap(Double.init))
    }

    /// Equal within the coordinates' two decimals.
    static func close(_ lhs: [Double], _ rhs: [Double]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { abs($0 - $1) <= 0.005 }
    }

    // MARK: Presence

    @Test func internalEditionHasEveryChartWithData() {
        #expect(
            Set(Self.charts(Self.northwind(), .internal).keys) == ["outcomes", "value", "mau", "waterfall", "health"])
    }

    @Test func customerEditionHasNoInternalCharts() {
        let charts = Self.charts(Self.northwind(), .customer)
        #expect(Set(charts.keys) == ["outcomes", "value", "mau"])
        #expect(charts["waterfall"] == nil && charts["health"] == nil)
        #expect(!charts.values.joined().contains("NRR"))
    }

    @Test func accountWithoutDataHasNoCharts() {
        let bare = Account(profile: AccountProfile(id: "B-1", name: "Bare"))
        #expect(Self.charts(bare).isEmpty)
    }

    @Test func eachChartNeedsItsOwnData() {
        var account = Self.northwind()
        account.usage = Usage(monthlyActiveUsers: [120])  // one month: no line to draw
        account.health = Health(score: 70)  // no history
        account.valueRealized = [ValueRealized(category: "Nothing yet", amount: 0, confirmed: true)]
        account.outcomes = []  // an outcome, measured or not, has its row (see unmeasuredOutcomesKeepTheirRow)
        account.revenue = nil
        #expect(Self.charts(account).isEmpty)
    }

    @Test func healthNeedsHistory() throws {
        var account = Account(profile: AccountProfile(id: "H-1", name: "Health"))
        account.health = Health(score: 40)
        #expect(Self.charts(account)["health"] == nil)
        // History without a score of its own: computed from components, appended as the latest point.
        account.health = Health(
            components: [HealthComponent(name: "usage", score: 40)], history: [71, 66, 58])
        let svg = try #require(Self.charts(account)["health"])
        let tree = try SVGTree(svg)
        let points = try #require(tree.first(class: "health-line")?.attributes["points"])
        #expect(points.split(separator: " ").count == 4)
        #expect(tree.desc == "Health score over 4 months: from 71 to 40 (red).")
        #expect(tree.first(class: "health-last")?.text == "40Red")
    }

    @Test func mauNeedsTwoMonths() throws {
        var account = Account(profile: AccountProfile(id: "M-1", name: "MAU"))
        account.usage = Usage(monthlyActiveUsers: [10, 20])
        let tree = try SVGTree(try #require(Self.charts(account)["mau"]))
        #expect(tree.first(class: "mau-first")?.text == "10")
        #expect(tree.first(class: "mau-last")?.text == "20")
        #expect(tree.desc == "Monthly active users over 2 months: from 10 to 20 (up 100%).")
        let points = try #require(tree.first(class: "mau-line")?.attributes["points"])
        #expect(points == "64,120 700,40")
    }

    // MARK: Outcomes geometry

    @Test func barWidthsAreProportionalToAttainment() throws {
        let svg = try Self.outcomesChart([
            Outcome(name: "A quarter", baseline: 0, target: 100, actual: 25),
            Outcome(name: "Half", baseline: 0, target: 100, actual: 50),
            Outcome(name: "Most", baseline: 10, target: 60, actual: 50),
            Outcome(name: "Backwards", baseline: 10, target: 20, actual: 5),
        ])
        let tree = try SVGTree(svg)
        let widths = try tree.all(class: "outcomes-fill").map { try Self.number($0.attributes["width"]) }
        let track = OutcomesChart.trackWidth
        #expect(Self.close(widths, [track * 0.25, track * 0.5, track * 0.8, 0]))
        #expect(try tree.all(class: "outcomes-track").allSatisfy { try Self.number($0.attributes["width"]) == track })
        #expect(
            try tree.all(class: "outcomes-fill").allSatisfy {
                try Self.number($0.attributes["x"]) == OutcomesChart.trackX
            })
        // The target line sits at the end of the track, the full attainment.
        #expect(
            try tree.all(class: "outcomes-target").allSatisfy {
                try Self.number($0.attributes["x1"]) == OutcomesChart.trackX + track
            })
        #expect(
            tree.all(class: "outcomes-status").map(\.text) == [
                "25%On track", "50%On track", "80%On track", "-50%At risk",
            ])
        #expect(OutcomesChart.fill(attainment: Decimal(string: "0.8"), status: .onTrack) == (0.8, false))
        #expect(OutcomesChart.fill(attainment: -1, status: .atRisk) == (0, false))
    }

    @Test func decreaseOutcomeProgressesTowardTheLowerTarget() throws {
        let svg = try Self.outcomesChart([
            Outcome(
                name: "Cut carrier onboarding time", baseline: 45, target: 20, actual: 30, unit: "days",
                direction: .decrease),
            Outcome(name: "Fewer disputes", target: 80, actual: 100, direction: .decrease),
        ])
        let tree = try SVGTree(svg)
        let widths = try tree.all(class: "outcomes-fill").map { try Self.number($0.attributes["width"]) }
        // 45 → 30 of 45 → 20 is 15 ÷ 25 = 60%; without a baseline 80 ÷ 100 = 80%.
        #expect(Self.close(widths, [OutcomesChart.trackWidth * 0.6, OutcomesChart.trackWidth * 0.8]))
        #expect(tree.all(class: "outcomes-details").map(\.text) == ["45 → 20 days · now 30", "target ≤ 80 · now 100"])
        #expect(
            tree.desc.contains(
                "Cut carrier onboarding time: 60% of target, on track; baseline 45 days, target ≤ 20 days, actual 30 days."
            ))
    }

    @Test func attainmentAbove100PercentIsCappedWithAnOverflowMarker() throws {
        let svg = try Self.outcomesChart([
            Outcome(
                name: "Cut carrier onboarding time", baseline: 45, target: 20, actual: 18, unit: "days",
                direction: .decrease),
            Outcome(name: "Way over", baseline: 100, target: 200, actual: 350),
            Outcome(name: "Just under", baseline: 0, target: 10, actual: 9),
        ])
        let tree = try SVGTree(svg)
        let fills = tree.all(class: "outcomes-fill")
        let track = OutcomesChart.trackWidth
        #expect(Self.close(try fills.map { try Self.number($0.attributes["width"]) }, [track, track, track * 0.9]))
        #expect(tree.all(class: "outcomes-overflow").count == 2)
        #expect(tree.all(class: "outcomes-status").map(\.text) == ["108%Achieved", "250%Achieved", "90%On track"])
        #expect(tree.desc.contains("Cut carrier onboarding time: 108% of target, achieved;"))
        #expect(tree.desc.contains("Way over: 250% of target, achieved;"))
        // Achieved is solid; the status is also a word on every row, so colour is never the only cue.
        #expect(fills[0].attributes["fill"] == SVG.Palette.accent)
    }

    @Test func statusIsReadableWithoutColour() throws {
        let svg = try Self.outcomesChart([
            Outcome(name: "Achieved", baseline: 0, target: 10, actual: 10),
            Outcome(
                name: "On track", baseline: 0, target: 10, actual: 9, committedOn: Self.day(2026, 1, 1),
                due: Self.day(2026, 12, 31)),
            Outcome(
                name: "At risk", baseline: 0, target: 10, actual: 1, committedOn: Self.day(2026, 1, 1),
                due: Self.day(2026, 12, 31)),
            Outcome(
                name: "Missed", baseline: 0, target: 10, actual: 1, committedOn: Self.day(2026, 1, 1),
                due: Self.day(2026, 6, 30)),
            Outcome(name: "Reached, no ratio", baseline: 5, target: 5, actual: 5),
        ])
        let tree = try SVGTree(svg)
        let fills = tree.all(class: "outcomes-fill").map { $0.attributes["fill"] ?? "" }
        #expect(
            fills == [
                SVG.Palette.accent, SVG.Palette.accentLight, "url(#outcomes-hatch-risk)", "url(#outcomes-hatch-missed)",
                SVG.Palette.accent,
            ])
        #expect(
            tree.all(class: "outcomes-status").map(\.text)
                == ["100%Achieved", "90%On track", "10%At risk", "10%Missed", "Achieved"])
        #expect(tree.elements.contains { $0.name == "pattern" && $0.attributes["id"] == "outcomes-hatch-risk" })
        #expect(tree.elements.contains { $0.name == "pattern" && $0.attributes["id"] == "outcomes-hatch-missed" })
        #expect(tree.desc.contains("Reached, no ratio: target reached, achieved; baseline 5, target 5, actual 5."))
    }

    @Test func unmeasuredOutcomesKeepTheirRow() throws {
        let svg = try Self.outcomesChart([
            Outcome(name: "Measured", baseline: 0, target: 10, actual: 5),
            Outcome(
                name: "Portal adoption", baseline: 0, target: 60, unit: "%", committedOn: Self.day(2026, 1, 10),
                due: Self.day(2026, 9, 30)),
            Outcome(name: "No target", actual: 3, unit: "instances", due: Self.day(2026, 12, 31)),
            Outcome(name: "Nothing known"),
        ])
        let tree = try SVGTree(svg)
        let rows = tree.all(class: "outcomes-row")
        #expect(rows.count == 4)
        #expect(
            tree.all(class: "outcomes-name").map(\.text) == [
                "Measured", "Portal adoption", "No target", "Nothing known",
            ])
        // An empty track, the words instead of a percentage, and the status still said.
        #expect(tree.all(class: "outcomes-track").count == 4)
        #expect(tree.all(class: "outcomes-fill").count == 1)
        #expect(
            tree.all(class: "outcomes-status").map(\.text)
                == ["50%On track", "not measured yetMissed", "no targetOn track", "no targetOn track"])
        // No target, no target line.
        #expect(tree.all(class: "outcomes-target").count == 2)
        #expect(
            tree.all(class: "outcomes-details").map(\.text)
                == ["0 → 10 · now 5", "0% → 60% · due 30 Sep 2026", "now 3 instances · due 31 Dec 2026"])
        #expect(
            tree.desc.contains("Portal adoption: not measured yet, missed; baseline 0%, target 60%, due 30 Sep 2026."))
        #expect(tree.desc.contains("No target: no target, on track; actual 3 instances, due 31 Dec 2026."))
        #expect(tree.desc.hasSuffix("Nothing known: no target, on track."))
        #expect(!tree.desc.contains("not charted"))
        // A missed outcome that fills nothing needs no pattern.
        #expect(!svg.contains("outcomes-hatch-missed"))
        #expect(
            OutcomesChart.gap(
                Outcome(name: "Flat", baseline: 5, target: 5, actual: 4),
                OutcomeProgress(Outcome(name: "Flat", baseline: 5, target: 5, actual: 4), asOf: Self.asOf))
                == "target = baseline")
    }

    @Test func detailsCarryBaselineTargetActualAndDue() throws {
        let tree = try SVGTree(try #require(Self.charts(Self.northwind())["outcomes"]))
        #expect(
            tree.all(class: "outcomes-details").map(\.text)
                == ["45 → 20 days · now 18 · due 30 Sep 2026", "10% → 80% · now 64% · due 31 Dec 2026"])
        #expect(
            tree.desc == "Outcomes committed vs achieved. "
                + "Cut carrier onboarding time: 108% of target, achieved; baseline 45 days, target ≤ 20 days, "
                + "actual 18 days, due 30 Sep 2026. "
                + "Automate freight audit: 77% of target, at risk; baseline 10%, target 80%, actual 64%, due 31 Dec 2026."
        )
        // The metric, a column of the table, is in the row's tooltip and the description.
        let metric = Outcome(
            name: "Onboarding", metric: "Days to onboard", baseline: 45, target: 20, actual: 18,
            unit: "days", direction: .decrease)
        let withMetric = try SVGTree(try Self.outcomesChart([metric]))
        #expect(withMetric.desc.contains("Onboarding (Days to onboard): 108% of target, achieved;"))
        // Too long for one line: the baseline goes first.
        let big = Outcome(
            name: "Pallets", baseline: 12_345_678, target: 23_456_789, actual: 19_999_999,
            unit: "pallets/week", due: Self.day(2026, 12, 31))
        let details = OutcomesChart.details(big)
        #expect(details == "target 23,456,789 pallets/week · now 19,999,999 · due 31 Dec 2026")
        #expect(SVG.columns(details) <= OutcomesChart.detailColumns)
        #expect(
            try SVGTree(try Self.outcomesChart([big])).desc.contains(
                "baseline 12,345,678 pallets/week, target 23,456,789 pallets/week, actual 19,999,999 pallets/week"))
    }

    static let longName = String(
        ("Reduce the number of manual touches per shipment across every European depot, including the Rotterdam, "
            + "Antwerp and Hamburg cross-dock hubs, the regional warehouses in Lyon and Milan, and the new Warsaw "
            + "facility that opens next quarter, while keeping claims and damage rates below the 2025 levels today, "
            + "tomorrow and always").prefix(300))

    @Test func longNamesWrapOntoTwoLinesWithTheFullNameInTheTooltip() throws {
        #expect(Self.longName.count == 300)
        let tree = try SVGTree(
            try Self.outcomesChart([
                Outcome(name: Self.longName, baseline: 0, target: 10, actual: 5),
                Outcome(name: "Short", baseline: 0, target: 10, actual: 5),
            ]))
        let name = try #require(tree.first(class: "outcomes-name"))
        let lines = tree.elements.filter { $0.name == "tspan" }.prefix(2).map(\.text)
        #expect(
            lines == [
                "Reduce the number of manual touches per shipment across",
                "every European depot, including the Rotterdam, Antwerp…",
            ])
        #expect(name.text == lines.joined())
        #expect(lines.allSatisfy { $0.count <= OutcomesChart.nameColumns })
        #expect(tree.elements.contains { $0.name == "title" && $0.text.hasPrefix(Self.longName + ":") })
        #expect(tree.desc.contains(Self.longName + ":"))
        // The second line moves everything under it down by one line.
        let names = try tree.all(class: "outcomes-name").map { try Self.number($0.attributes["y"]) }
        #expect(Self.close([names[1] - names[0]], [OutcomesChart.rowHeight + OutcomesChart.lineHeight]))
        // A name that fits is one line with no "…".
        #expect(tree.all(class: "outcomes-name").last?.text == "Short")
    }

    @Test func wrappingKeepsWordsGraphemesAndRightToLeftOrder() {
        #expect(SVG.lines("one two three four", columns: 9, maxLines: 2) == ["one two", "three…"])
        #expect(SVG.lines("one two three", columns: 9, maxLines: 2) == ["one two", "three"])
        #expect(SVG.lines("  spaced \n out  ", columns: 20, maxLines: 2) == ["spaced out"])
        // A word longer than a line is broken inside it, never inside a grapheme cluster.
        #expect(SVG.lines("abcdefghijkl", columns: 5, maxLines: 2) == ["abcde", "fghi…"])
        #expect(SVG.lines("👩🏽‍💻👩🏽‍💻👩🏽‍💻👩🏽‍💻", columns: 4, maxLines: 1) == ["👩🏽‍💻…"])
        #expect(SVG.columns("客户abc") == 7)
        // Plain ASCII goes a quicker way to the same answers.
        #expect(SVG.columns("a\r\nb") == 3)
        #expect(SVG.columns("plain text") == 10)
        #expect(SVG.label("a b") == "a b")
        #expect(SVG.label(" a  b\t") == "a b")
        #expect(SVG.label("") == "")
        #expect(SVG.label("one two three", limit: 8) == "one two…")
        // Right to left: each line isolated, "…" at the logical end (inside the isolate), bidi controls gone.
        let hebrew = SVG.lines("שלום \u{202E}עולם יפה מאוד", columns: 9, maxLines: 2)
        #expect(hebrew == ["\u{2068}שלום עולם\u{2069}", "\u{2068}יפה מאוד\u{2069}"])
        let cut = SVG.lines("مرحبا بالعالم مرحبا بالعالم مرحبا", columns: 14, maxLines: 2)
        #expect(cut == ["\u{2068}مرحبا بالعالم\u{2069}", "\u{2068}مرحبا بالعالم…\u{2069}"])
        #expect(cut.last?.hasSuffix("…\u{2069}") == true)
    }

    static func twelveOutcomes() -> [Outcome] {
        let arabic = "تقليل وقت تأهيل شركات النقل في جميع المستودعات الإقليمية"
        return (1...12).map { index in
            switch index {
            case 4:
                return Outcome(
                    name: longName, baseline: 14, target: 4, actual: 9, unit: "touches",
                    direction: .decrease, committedOn: day(2026, 1, 1), due: day(2026, 12, 31))
            case 5:
                return Outcome(
                    name: arabic, baseline: 30, target: 10, actual: 22, unit: "أيام",
                    direction: .decrease, committedOn: day(2026, 1, 1), due: day(2026, 12, 31))
            case 6: return Outcome(name: "Portal adoption", baseline: 0, target: 60, unit: "%", due: day(2026, 12, 31))
            default:
                return Outcome(
                    name: "Outcome \(index)", baseline: 0, target: 100, actual: Decimal(index * 9),
                    unit: "%", committedOn: day(2026, 1, 1), due: day(2026, 12, 31))
            }
        }
    }

    @Test func twelveOutcomesAllFitLegibly() throws {
        let svg = try Self.outcomesChart(Self.twelveOutcomes())
        let tree = try SVGTree(svg)
        #expect(tree.all(class: "outcomes-row").count == 12)
        #expect(tree.all(class: "outcomes-status").count == 12)
        #expect(tree.all(class: "outcomes-details").count == 12)
        #expect(tree.elements.filter { $0.name == "title" }.count == 13)
        #expect(tree.all(class: "outcomes-status")[5].text == "not measured yetOn track")
        // Right-to-left name isolated, its figures too; the row still reads "30 → 10 days".
        #expect(svg.contains(">\u{2068}تقليل وقت"))
        #expect(
            tree.all(class: "outcomes-details")[4].text == "30 → 10 \u{2068}أيام\u{2069} · now 22 · due 31 Dec 2026")
        // Rows stay compact: one-line rows take rowHeight, the two two-line names one line more each.
        let root = try #require(tree.elements.first)
        let viewBox = try #require(root.attributes["viewBox"]).split(separator: " ").compactMap { Double($0) }
        #expect(viewBox.count == 4 && viewBox[0] == 0 && viewBox[1] == 0 && viewBox[2] == OutcomesChart.width)
        #expect(abs(viewBox[3] - (12 * OutcomesChart.rowHeight + 2 * OutcomesChart.lineHeight - 3)) < 0.01)
        // Drawn 1000 px wide (a unit is 1.25 px), every label is at least 11 px; nothing sits outside the viewBox.
        let scale = 1000 / OutcomesChart.width
        let sizes = try tree.elements.filter { $0.name == "text" || $0.name == "tspan" }
            .compactMap { $0.attributes["font-size"] }.map { try Self.number($0) }
        #expect(!sizes.isEmpty && sizes.allSatisfy { $0 * scale >= 11 })
        #expect(try Self.number(root.attributes["font-size"]) * scale >= 11)
        for element in tree.elements where ["text", "rect", "line"].contains(element.name) {
            let y = try Self.number(element.attributes["y"] ?? element.attributes["y2"])
            #expect(y >= 0 && y <= viewBox[3], "\(element.name) at y \(y)")
        }
    }

    @Test func outcomesChartIsDeterministic() throws {
        let first = try Self.outcomesChart(Self.twelveOutcomes())
        for _ in 0..<3 { #expect(try Self.outcomesChart(Self.twelveOutcomes()) == first) }
    }

    // MARK: Value

    @Test func valueBarsStackConfirmedAndEstimated() throws {
        let tree = try SVGTree(try #require(Self.charts(Self.northwind())["value"]))
        let confirmed = try tree.all(class: "value-confirmed").map { try Self.number($0.attributes["width"]) }
        // Cost savings ($165K, all confirmed) is the largest category; Revenue ($60K) is estimated only.
        #expect(confirmed == [ValueChart.maxBarWidth, 0])
        let estimated = try #require(tree.first(class: "value-estimated"))
        #expect(estimated.attributes["fill"] == "url(#value-hatch)")
        let width = try Self.number(estimated.attributes["width"])
        #expect(abs(width + 1 - ValueChart.maxBarWidth * 60 / 165) < 0.01)
        #expect(tree.all(class: "value-amount").map(\.text) == ["$165Kconfirmed", "$60Kestimated"])
        #expect(
            tree.desc == "Value realized by category, $225K in total ($165K confirmed, $60K estimated). "
                + "Cost savings: $165K, confirmed. Revenue: $60K, estimated.")
        let split = ValueChart.segments(confirmed: 30, estimated: 10, largest: 80)
        #expect(split.confirmed == ValueChart.maxBarWidth * 3 / 8 && split.estimated == ValueChart.maxBarWidth / 8)
    }

    @Test func valueUsesTheContractCurrency() throws {
        var account = Self.northwind()
        account.profile.contract?.currency = "CHF"
        let svg = try #require(Self.charts(account)["value"])
        #expect(svg.contains("CHF 165K"))
    }

    // MARK: Waterfall

    @Test func waterfallShowsMovementsAndRetention() throws {
        let tree = try SVGTree(try #require(Self.charts(Self.northwind())["waterfall"]))
        #expect(tree.first(class: "waterfall-retention")?.text == "NRR112.5%(below benchmark)GRR97.5%")
        #expect(tree.all(class: "waterfall-amount").map(\.text) == ["$240K", "+$36K", "−$6K", "$0", "$270K"])
        // Zero churn draws no bar; the other four are to scale against the highest level ($276K).
        let bars = tree.all(class: "waterfall-bar")
        #expect(bars.count == 4)
        let plot = WaterfallChart.baseline - WaterfallChart.plotTop
        let heights = try bars.map {
            $0.attributes["stroke"] == nil
                ? try Self.number($0.attributes["height"])
                : try Self.number($0.attributes["height"]) + 1
        }
        let expected = [240.0, 36, 6, 270].map { $0 / 276 * plot }
        for (height, want) in zip(heights, expected) { #expect(abs(height - want) < 0.02) }
        #expect(
            tree.desc == "ARR waterfall for Q3 2026: starting ARR $240,000, expansion +$36,000, contraction "
                + "−$6,000, churn $0, ending ARR $270,000. NRR 112.5% (below benchmark), GRR 97.5%.")
    }

    @Test func waterfallFlagsMasking() throws {
        var account = Self.northwind()
        account.revenue = Revenue(startingARR: 100_000, expansion: 30_000, contraction: 12_000, churn: 10_000)
        let tree = try SVGTree(try #require(Self.charts(account)["waterfall"]))
        #expect(tree.first(class: "waterfall-retention")?.text.contains("GRR78.0%(expansion masks losses)") == true)
        #expect(tree.desc.hasSuffix("Expansion masks contraction and churn."))
    }

    @Test func zeroStartingARRHasNoWaterfall() throws {
        var account = Self.northwind()
        account.revenue = Revenue(startingARR: 0, expansion: 5_000)
        let charts = Self.charts(account)
        #expect(charts["waterfall"] == nil)
        #expect(charts["outcomes"] != nil && charts["health"] != nil)
        #expect(WaterfallChart.y(0, top: 0) == WaterfallChart.baseline)
    }

    // MARK: Safety and well-formedness

    static let hostile =
        "<script>alert(1)</script> \"quotes\" 'single' &amp; 🚀👩🏽‍💻 مرحبا بالعالم \u{202E}evil\u{0007}\u{FFFE}"

    static func hostileAccount() -> Account {
        var account = northwind()
        account.period = Period(label: hostile)
        account.outcomes.append(Outcome(name: hostile, baseline: 0, target: 10, actual: 5, unit: hostile))
        account.valueRealized.append(ValueRealized(category: hostile, amount: 10_000, confirmed: false))
        return account
    }

    @Test func hostileTextIsEscapedAndInert() throws {
        for (name, svg) in Self.charts(Self.hostileAccount()) {
            #expect(!svg.lowercased().contains("<script"), "\(name)")
            #expect(!svg.contains("\u{202E}") && !svg.contains("\u{0007}") && !svg.contains("\u{FFFE}"), "\(name)")
            _ = try SVGTree(svg)
        }
        let outcomes = try #require(Self.charts(Self.hostileAccount())["outcomes"])
        #expect(outcomes.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(outcomes.contains("&amp;amp;"))
        #expect(outcomes.contains("🚀👩🏽‍💻"))
        #expect(outcomes.contains("مرحبا بالعالم"))
        // Right-to-left text is isolated so it cannot reorder the figures next to it.
        #expect(outcomes.contains("\u{2068}&lt;script&gt;"))
        let tree = try SVGTree(outcomes)
        #expect(
            tree.desc.contains(
                "\u{2068}<script>alert(1)</script> \"quotes\" 'single' &amp; 🚀👩🏽‍💻 مرحبا بالعالم evil\u{2069}: 50% of target"
            ))
        let waterfall = try SVGTree(try #require(Self.charts(Self.hostileAccount())["waterfall"]))
        #expect(waterfall.desc.hasPrefix("ARR waterfall for \u{2068}<script>"))
    }

    @Test func escapingAndLabels() {
        #expect(SVG.escape("<a href=\"x\">&'</a>") == "&lt;a href=\"x\"&gt;&amp;'&lt;/a&gt;")
        #expect(
            SVG.escape("<a href=\"x\">&'</a>", attribute: true) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        let nonCharacters = String(String.UnicodeScalarView([0xFDD0, 0xFFFF, 0x1FFFF].compactMap(Unicode.Scalar.init)))
        #expect(SVG.escape("a\nb\tc\r\nd\u{0}\u{1F}\u{85}" + nonCharacters + "e") == "a b c  de")
        // Letters outside ASCII pass through whole: accents, emoji with a skin tone, Hebrew, a CJK letter.
        #expect(SVG.escape("Café 👋🏽 <שלום> 株") == "Café 👋🏽 &lt;שלום&gt; 株")
        #expect(SVG.label("  two\n lines  ") == "two lines")
        #expect(SVG.label("abcdef", limit: 4) == "abc…")
        #expect(SVG.label("🚀🚀🚀🚀🚀", limit: 3) == "🚀🚀…")
        #expect(SVG.label("a\u{202E}b\u{2066}c") == "abc")
        #expect(SVG.label("שלום") == "\u{2068}שלום\u{2069}")
    }

    @Test func coordinatesAreLocaleIndependentWithTwoDecimalsAtMost() {
        #expect(SVG.number(12) == "12")
        #expect(SVG.number(12.5) == "12.5")
        #expect(SVG.number(1.0 / 3) == "0.33")
        #expect(SVG.number(2.0 / 3) == "0.67")
        #expect(SVG.number(0.05) == "0.05")
        #expect(SVG.number(-7.25) == "-7.25")
        #expect(SVG.number(-0.001) == "0")
        #expect(SVG.number(1_234_567.891) == "1234567.89")
        #expect(SVG.number(.infinity) == "0" && SVG.number(.nan) == "0")
    }

    @Test func everyChartIsASelfContainedAccessibleSVG() throws {
        var ids: [String] = []
        for (name, svg) in Self.charts(Self.hostileAccount()) {
            let tree = try SVGTree(svg)
            let root = try #require(tree.elements.first)
            #expect(root.name == "svg")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "))
            #expect(svg.hasSuffix("</svg>"))
            #expect(root.attributes["role"] == "img")
            #expect(root.attributes["aria-labelledby"] == "\(name)-title \(name)-desc")
            #expect(root.attributes["width"] == nil && root.attributes["height"] == nil)
            #expect(root.attributes["font-family"] == "system-ui, sans-serif")
            #expect(tree.elements.contains { $0.name == "title" && $0.attributes["id"] == "\(name)-title" })
            #expect(
                tree.elements.contains {
                    $0.name == "desc" && $0.attributes["id"] == "\(name)-desc" && !$0.text.isEmpty
                })
            let names = Set(tree.elements.map(\.name))
            #expect(names.isDisjoint(with: ["script", "style", "foreignObject", "image", "a", "use"]), "\(name)")
            for element in tree.elements {
                #expect(
                    !element.attributes.keys.contains {
                        $0.lowercased().hasPrefix("on") || $0 == "style" || $0.contains("href")
                    })
            }
            let chartIDs = tree.elements.compactMap { $0.attributes["id"] }
            #expect(chartIDs.allSatisfy { $0.hasPrefix(name + "-") })
            ids += chartIDs
            // Every url(#…) points into the same chart; nothing points outside.
            for element in tree.elements {
                for value in element.attributes.values where value.contains("url(") {
                    #expect(value.hasPrefix("url(#") && chartIDs.contains(String(value.dropFirst(5).dropLast())))
                }
            }
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test func outputIsDeterministic() {
        let account = Self.hostileAccount()
        let first = Self.charts(account)
        for _ in 0..<3 {
            #expect(Self.charts(account) == first)
        }
    }
}

/// The elements of a parsed SVG, in document order, each with the text inside it (tspans included).
private final class SVGTree: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text = ""
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw ParseError(message: parser.parserError.map { "\($0)" } ?? "unknown", svg: svg)
        }
    }

    struct ParseError: Error {
        let message: String
        let svg: String
    }

    /// The chart's `<desc>`.
    var desc: String { elements.first { $0.name == "desc" }?.text ?? "" }

    func all(class name: String) -> [Element] {
        elements.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(name)) }
    }

    func first(class name: String) -> Element? { all(class: name).first }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in open { elements[index].text += string }
    }
}
