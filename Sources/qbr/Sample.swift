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

        @Option(name: .long, help: ArgumentHelp("With --format csv: write outcomes, value_realized, opportunities, risks and narrative asks to DIR/<list>.csv, one item a row with its account.id (as a CRM exports them), instead of JSON cells.", valueName: "dir"))
        var related: String?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The date the portfolio is built around.", valueName: "YYYY-MM-DD"))
        var asOf: String?

        func validate() throws {
            guard accounts >= 0, accounts <= 10_000_000 else { throw ValidationError("--accounts must be 0 to 10,000,000") }
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of expects a date YYYY-MM-DD, got \"\(asOf)\"") }
            if related != nil && format != .csv { throw ValidationError("--related writes the related lists of --format csv") }
        }

        func run() throws {
            let day = asOf.flatMap(Day.init(iso:)) ?? Day.today()
            let output = FileHandle.standardOutput
            var buffer = ""
            let sink: (String) -> Void = { chunk in
                buffer += chunk
                if buffer.utf8.count > 1 << 16 {
                    output.write(Data(buffer.utf8))
                    buffer = ""
                }
            }
            let portfolio = SamplePortfolio(count: accounts, seed: seed, asOf: day)
            guard let related else {
                portfolio.write(format, to: sink)
                output.write(Data(buffer.utf8))
                return
            }
            var files: [String: FileHandle] = [:]
            do {
                try FileManager.default.createDirectory(atPath: related, withIntermediateDirectories: true)
                for list in SamplePortfolio.relatedColumns.keys {
                    let path = (related as NSString).appendingPathComponent(SamplePortfolio.relatedFile(list) + ".csv")
                    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path)
                    else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
                    files[SamplePortfolio.relatedFile(list)] = handle
                }
            } catch {
                Terminal.error("\(related): cannot be written: \(error)")
                throw ExitCode(Sysexits.cannotCreate)
            }
            portfolio.writeCSV(to: sink) { list, text in files[list]?.write(Data(text.utf8)) }
            output.write(Data(buffer.utf8))
            for handle in files.values { try? handle.close() }
        }
    }
}

extension SamplePortfolio.Format: ExpressibleByArgument {}
