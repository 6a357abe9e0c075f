import Foundation
import Testing

@testable import QBRCore

private func dec(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite("AdoptionMetrics")
struct AdoptionMetricsTests {
    @Test("seat utilization = seats_active ÷ seats")
    func seatUtilization() {
        // 188 ÷ 200 = 0.94
        #expect(AdoptionMetrics.seatUtilization(seatsActive: 188, seats: 200) == dec("0.94"))
        // over-deployed: 230 ÷ 200 = 1.15 (not capped)
        #expect(AdoptionMetrics.seatUtilization(seatsActive: 230, seats: 200) == dec("1.15"))
        #expect(AdoptionMetrics.seatUtilization(seatsActive: 0, seats: 200) == 0)
    }

    @Test("seat utilization nil with zero or missing seats")
    func seatUtilizationNil() {
        #expect(AdoptionMetrics.seatUtilization(seatsActive: 10, seats: 0) == nil)
        #expect(AdoptionMetrics.seatUtilization(seatsActive: nil, seats: 200) == nil)
        #expect(AdoptionMetrics.seatUtilization(seatsActive: 188, seats: nil) == nil)
    }

    @Test("usage trend 90d = last ÷ value three months earlier − 1")
    func usageTrend() {
        // last 188, three months earlier (index 2) 160: 188 ÷ 160 − 1 = 1.175 − 1 = 0.175
        #expect(AdoptionMetrics.usageTrend90d([140, 151, 160, 172, 180, 188]) == dec("0.175"))
        // exactly four months: 120 ÷ 100 − 1 = 0.2
        #expect(AdoptionMetrics.usageTrend90d([100, 105, 110, 120]) == dec("0.2"))
        // flat: 0
        #expect(AdoptionMetrics.usageTrend90d([50, 50, 50, 50]) == 0)
    }

    @Test("falling usage is negative")
    func fallingUsage() {
        // 150 ÷ 200 − 1 = −0.25
        #expect(AdoptionMetrics.usageTrend90d([200, 190, 180, 150]) == dec("-0.25"))
    }

    @Test("fewer than four months → nil")
    func tooShort() {
        #expect(AdoptionMetrics.usageTrend90d([]) == nil)
        #expect(AdoptionMetrics.usageTrend90d([100]) == nil)
        #expect(AdoptionMetrics.usageTrend90d([100, 110, 120]) == nil)
    }

    @Test("zero three months earlier → nil")
    func zeroEarlier() {
        #expect(AdoptionMetrics.usageTrend90d([50, 0, 10, 20, 30]) == nil)
        #expect(AdoptionMetrics.usageTrend90d([0, 10, 20, 30]) == nil)
        // a zero elsewhere does not matter: index 1 is 10, 30 ÷ 10 − 1 = 2
        #expect(AdoptionMetrics.usageTrend90d([0, 10, 0, 5, 30]) == 2)
    }
}
