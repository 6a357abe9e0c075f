import ArgumentParser
import Foundation
import QBRCore
import QBRLoad

extension QBR {
    /// `qbr sample`: a synthetic portfolio for demos and benchmarks.
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a realistic synthetic portfolio (segment mix, skewed ARR, red accounts, sponsor changes).",
            discussion: "The same --seed and --as-of give the same portfolio, byte for byte. Written to standard output.")

        @Option(name: .long, help: "Number of accounts.")
        var accounts: Int = 100

        @Option(name: .long, help: "Random seed.")
        var seed: UInt64 = 1

        @Option(name: .long, help: "json (an array), yaml (a list) or csv (the flat columns, lists as JSON).")
        var format: SamplePortfolio.Format = .json

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The date the portfolio is built around.", valueName: "YYYY-MM-DD"))
        var asOf: String?

        func validate() throws {
            guard accounts >= 0, accounts <= 10_000_000 else { throw ValidationError("--accounts must be 0 to 10,000,000") }
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of expects a date YYYY-MM-DD, got \"\(asOf)\"") }
        }

        func run() {
            let day = asOf.flatMap(Day.init(iso:)) ?? Day.today()
            let output = FileHandle.standardOutput
            var buffer = ""
            SamplePortfolio(count: accounts, seed: seed, asOf: day).write(format) { chunk in
                buffer += chunk
                if buffer.utf8.count > 1 << 16 {
                    output.write(Data(buffer.utf8))
                    buffer = ""
                }
            }
            output.write(Data(buffer.utf8))
        }
    }
}

extension SamplePortfolio.Format: ExpressibleByArgument {}
