import Foundation

/// The configurable thresholds and weights behind the metrics (the defaults in the README's Metrics section).
public struct MetricSettings: Hashable, Sendable, Encodable {
    /// NRR a segment must reach to meet its benchmark, and the benchmark's name.
    public var nrrBenchmarks: [Segment: NRRBenchmark]
    /// Benchmark for accounts without a segment.
    public var defaultNRRBenchmark: NRRBenchmark
    /// Lowest score that is green.
    public var healthGreenFrom: Decimal
    /// Lowest score that is yellow; below it is red.
    public var healthYellowFrom: Decimal
    /// Weights of the health components when no score is given.
    public var healthWeights: [String: Decimal]
    /// GRR below this with NRR at or above 100% raises the masking flag.
    public var grrMaskingBelow: Decimal

    /// The defaults of the README's Metrics section.
    public static let standard = MetricSettings(
        nrrBenchmarks: [
            .enterprise: NRRBenchmark(threshold: Decimal(120) / 100, label: .bestInClass),
            .midMarket: NRRBenchmark(threshold: Decimal(110) / 100, label: .strong),
            .smb: NRRBenchmark(threshold: 1, label: .healthy),
        ],
        defaultNRRBenchmark: NRRBenchmark(threshold: 1, label: .healthy),
        healthGreenFrom: 75,
        healthYellowFrom: 50,
        healthWeights: [
            "usage": Decimal(35) / 100, "engagement": Decimal(25) / 100,
            "support": Decimal(20) / 100, "sentiment": Decimal(20) / 100,
        ],
        grrMaskingBelow: Decimal(90) / 100
    )

    /// Creates settings.
    public init(
        nrrBenchmarks: [Segment: NRRBenchmark], defaultNRRBenchmark: NRRBenchmark, healthGreenFrom: Decimal,
        healthYellowFrom: Decimal, healthWeights: [String: Decimal], grrMaskingBelow: Decimal
    ) {
        self.nrrBenchmarks = nrrBenchmarks
        self.defaultNRRBenchmark = defaultNRRBenchmark
        self.healthGreenFrom = healthGreenFrom
        self.healthYellowFrom = healthYellowFrom
        self.healthWeights = healthWeights
        self.grrMaskingBelow = grrMaskingBelow
    }
}

/// A segment's NRR benchmark.
public struct NRRBenchmark: Hashable, Sendable, Encodable {
    /// NRR (as a ratio, 1.2 = 120%) that meets the benchmark.
    public var threshold: Decimal
    /// The band an account meeting it is in.
    public var label: NRRBand

    /// Creates a benchmark.
    public init(threshold: Decimal, label: NRRBand) {
        self.threshold = threshold
        self.label = label
    }
}
