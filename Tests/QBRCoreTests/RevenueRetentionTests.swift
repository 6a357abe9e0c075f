import Foundation
import Testing

@testable import QBRCore

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite("RevenueRetention")
struct RevenueRetentionTests {
    @Test("worked check: NRR 112%, GRR 92%")
    func designWorkedCheck() {
        // ending = 100000 + 20000 − 3000 − 5000 = 112000; NRR = 112000 ÷ 100000 = 1.12
        // GRR = (100000 − 3000 − 5000) ÷ 100000 = 92000 ÷ 100000 = 0.92
        let r = RevenueRetention(
            Revenue(startingARR: 100_000, expansion: 20_000, contraction: 3_000, churn: 5_000))
        #expect(r.startingARR == 100_000)
        #expect(r.endingARR == 112_000)
        #expect(r.netChange == 12_000)
        #expect(r.nrr == dec("1.12"))
        #expect(r.grr == dec("0.92"))
        #expect(!r.masksChurn())
    }

    @Test("plan cut from 500/month to 200/month is a 60% contraction")
    func planCut() {
        // starting = 500 × 12 = 6000; new = 200 × 12 = 2400; contraction = 3600 = 60% of 6000
        // GRR = (6000 − 3600) ÷ 6000 = 0.4; NRR = 2400 ÷ 6000 = 0.4
        let r = RevenueRetention(Revenue(startingARR: 6_000, contraction: 3_600))
        #expect(dec("3600") / dec("6000") == dec("0.6"))
        #expect(r.endingARR == 2_400)
        #expect(r.netChange == -3_600)
        #expect(r.grr == dec("0.4"))
        #expect(r.nrr == dec("0.4"))
        #expect(r.band(segment: .smb) == .shrinking)
        #expect(!r.masksChurn())  // NRR < 1: nothing is masked, it is visible
    }

    @Test("GRR 78% with NRR 108% raises the masking flag")
    func maskingFlag() {
        // ending = 100 + 30 − 22 − 0 = 108 → NRR 1.08; GRR = (100 − 22) ÷ 100 = 0.78 < 0.90
        let r = RevenueRetention(Revenue(startingARR: 100, expansion: 30, contraction: 22, churn: 0))
        #expect(r.nrr == dec("1.08"))
        #expect(r.grr == dec("0.78"))
        #expect(r.masksChurn())
    }

    @Test("masking boundaries: GRR exactly 90% does not mask; NRR exactly 100% with GRR 89% does")
    func maskingBoundaries() {
        // GRR = (100 − 10) ÷ 100 = 0.90 (not < 0.90); NRR = (100 + 20 − 10) ÷ 100 = 1.10
        let atThreshold = RevenueRetention(Revenue(startingARR: 100, expansion: 20, churn: 10))
        #expect(atThreshold.grr == dec("0.9"))
        #expect(!atThreshold.masksChurn())
        // GRR = (100 − 11) ÷ 100 = 0.89; NRR = (100 + 11 − 11) ÷ 100 = 1.00
        let nrrExactlyOne = RevenueRetention(Revenue(startingARR: 100, expansion: 11, churn: 11))
        #expect(nrrExactlyOne.nrr == 1)
        #expect(nrrExactlyOne.grr == dec("0.89"))
        #expect(nrrExactlyOne.masksChurn())
    }

    @Test("120% NRR compounds to about 2.07× in four years")
    func compounding() {
        // 1.2^4 = 1.44 × 1.44 = 2.0736
        let nrr = dec("1.2")
        let fourYears = nrr * nrr * nrr * nrr
        #expect(fourYears == dec("2.0736"))
        #expect(fourYears.rounded(2) == dec("2.07"))
    }

    @Test("zero starting ARR: ratios undefined, no band, no masking")
    func zeroStarting() {
        let r = RevenueRetention(Revenue(startingARR: 0, expansion: 5_000))
        #expect(r.nrr == nil)
        #expect(r.grr == nil)
        #expect(r.endingARR == 5_000)
        #expect(r.netChange == 5_000)
        #expect(r.band(segment: .enterprise) == nil)
        #expect(r.band(segment: nil) == nil)
        #expect(!r.masksChurn())
        #expect(r.nrr(adding: 1_000) == nil)
    }

    @Test("GRR is never above 100%")
    func grrCapped() {
        // No contraction or churn: GRR = 100000 ÷ 100000 = 1 even with 50% expansion (NRR 1.5)
        let noLoss = RevenueRetention(Revenue(startingARR: 100_000, expansion: 50_000))
        #expect(noLoss.grr == 1)
        #expect(noLoss.nrr == dec("1.5"))
        // A negative contraction (a data-entry credit) would push (100 + 10) ÷ 100 = 1.1: capped to 1
        let credit = RevenueRetention(Revenue(startingARR: 100, contraction: -10))
        #expect(credit.grr == 1)
        #expect(credit.nrr == dec("1.1"))
    }

    @Test("ending ARR and net change")
    func endingAndNet() {
        // 250000 + 10000 − 40000 − 25000 = 195000; net = −55000; NRR = 0.78; GRR = 185000 ÷ 250000 = 0.74
        let r = RevenueRetention(
            Revenue(startingARR: 250_000, expansion: 10_000, contraction: 40_000, churn: 25_000))
        #expect(r.endingARR == 195_000)
        #expect(r.netChange == -55_000)
        #expect(r.nrr == dec("0.78"))
        #expect(r.grr == dec("0.74"))
    }

    @Test("exact decimal inputs stay exact")
    func decimalExactness() {
        // 1000.10 + 0.20 − 0.10 = 1000.20; NRR = 1000.20 ÷ 1000.10
        let r = RevenueRetention(Revenue(startingARR: dec("1000.10"), expansion: dec("0.20"), contraction: dec("0.10")))
        #expect(r.endingARR == dec("1000.20"))
        #expect(r.netChange == dec("0.10"))
    }

    @Test("portfolio retention is ARR-weighted, not the mean of ratios")
    func portfolioWeighted() throws {
        let big = Revenue(startingARR: 1_000_000)  // NRR 1.0
        let small = Revenue(startingARR: 10_000, expansion: 10_000)  // NRR 2.0
        let portfolio = RevenueRetention(portfolio: [big, small])
        // Σ starting = 1010000; Σ ending = 1000000 + 20000 = 1020000; NRR = 1020000 ÷ 1010000 ≈ 1.0099
        #expect(portfolio.startingARR == 1_010_000)
        #expect(portfolio.endingARR == 1_020_000)
        #expect(portfolio.netChange == 10_000)
        let nrr = try #require(portfolio.nrr)
        #expect(nrr == Decimal(1_020_000) / Decimal(1_010_000))
        #expect(nrr.rounded(4) == dec("1.0099"))
        #expect(portfolio.grr == 1)
        // mean of ratios = (1.0 + 2.0) ÷ 2 = 1.5: a different (and wrong) answer
        let ratios = [big, small].map { RevenueRetention($0).nrr! }
        let mean = ratios.reduce(0, +) / Decimal(ratios.count)
        #expect(mean == dec("1.5"))
        #expect(nrr != mean)
    }

    @Test("portfolio GRR is weighted too")
    func portfolioGRR() {
        // A: 900 start, churn 90; B: 100 start, contraction 50, expansion 100
        // Σ start 1000; Σ ending = 810 + 150 = 960 → NRR 0.96; GRR = (1000 − 50 − 90) ÷ 1000 = 0.86
        let portfolio = RevenueRetention(portfolio: [
            Revenue(startingARR: 900, churn: 90),
            Revenue(startingARR: 100, expansion: 100, contraction: 50),
        ])
        #expect(portfolio.endingARR == 960)
        #expect(portfolio.nrr == dec("0.96"))
        #expect(portfolio.grr == dec("0.86"))
    }

    @Test("empty portfolio has no ratios")
    func emptyPortfolio() {
        let portfolio = RevenueRetention(portfolio: [])
        #expect(portfolio.startingARR == 0)
        #expect(portfolio.endingARR == 0)
        #expect(portfolio.nrr == nil)
        #expect(portfolio.grr == nil)
    }

    /// Retention whose NRR is exactly `nrr` (starting 1000, expansion or contraction to match).
    private func retention(nrr: String) -> RevenueRetention {
        let ending = dec(nrr) * 1000
        let revenue =
            ending >= 1000
            ? Revenue(startingARR: 1000, expansion: ending - 1000)
            : Revenue(startingARR: 1000, contraction: 1000 - ending)
        let r = RevenueRetention(revenue)
        precondition(r.nrr == dec(nrr))
        return r
    }

    @Test(
        "NRR band per segment with default settings",
        arguments: [
            (Segment?.some(.enterprise), "1.20", NRRBand.bestInClass),
            (.enterprise, "1.35", .bestInClass),
            (.enterprise, "1.125", .belowBenchmark),
            (.enterprise, "1.00", .belowBenchmark),
            (.enterprise, "0.95", .shrinking),
            (.midMarket, "1.10", .strong),
            (.midMarket, "1.099", .belowBenchmark),
            (.midMarket, "0.999", .shrinking),
            (.smb, "1.00", .healthy),
            (.smb, "1.50", .healthy),
            (.smb, "0.99", .shrinking),
            (nil, "1.00", .healthy),
            (nil, "1.25", .healthy),
            (nil, "0.99", .shrinking),
        ])
    func nrrBand(segment: Segment?, nrr: String, expected: NRRBand) {
        #expect(retention(nrr: nrr).band(segment: segment) == expected)
    }

    @Test("NRR band honours custom settings")
    func customBand() {
        var settings = MetricSettings.standard
        settings.nrrBenchmarks[.smb] = NRRBenchmark(threshold: dec("1.05"), label: .strong)
        settings.defaultNRRBenchmark = NRRBenchmark(threshold: dec("1.30"), label: .bestInClass)
        #expect(retention(nrr: "1.04").band(segment: .smb, settings: settings) == .belowBenchmark)
        #expect(retention(nrr: "1.05").band(segment: .smb, settings: settings) == .strong)
        #expect(retention(nrr: "1.29").band(segment: nil, settings: settings) == .belowBenchmark)
        #expect(retention(nrr: "1.30").band(segment: nil, settings: settings) == .bestInClass)
        // A segment missing from the map falls back to the default benchmark.
        settings.nrrBenchmarks[.midMarket] = nil
        #expect(retention(nrr: "1.30").band(segment: .midMarket, settings: settings) == .bestInClass)
    }

    @Test("custom masking threshold")
    func customMasking() {
        var settings = MetricSettings.standard
        settings.grrMaskingBelow = dec("0.75")
        // GRR 0.78 is not under 0.75
        let r = RevenueRetention(Revenue(startingARR: 100, expansion: 30, contraction: 22))
        #expect(!r.masksChurn(settings: settings))
        #expect(r.masksChurn())
    }

    @Test("NRR with additional pipeline ARR")
    func nrrAdding() {
        // worked check: ending 112000 + 8000 = 120000 ÷ 100000 = 1.2
        let r = RevenueRetention(
            Revenue(startingARR: 100_000, expansion: 20_000, contraction: 3_000, churn: 5_000))
        #expect(r.nrr(adding: 8_000) == dec("1.2"))
        #expect(r.nrr(adding: 0) == r.nrr)
    }

    @Test("divided(by:) refuses zero; rounded is half away from zero")
    func ratioHelpers() {
        #expect(Decimal(5).divided(by: 0) == nil)
        #expect(Decimal(5).divided(by: 2) == dec("2.5"))
        #expect(dec("1.005").rounded(2) == dec("1.01"))
        #expect(dec("-1.005").rounded(2) == dec("-1.01"))
        #expect(dec("1.004").rounded(2) == dec("1"))
    }
}
