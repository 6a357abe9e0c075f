import Foundation
import FuzzSupport
import QBRBatch
import QBRLoad

/// The CSV portfolio reader of `qbr batch export.csv` on arbitrary bytes: CSV.swift's streaming parser, the
/// dotted column names, JSON list cells, each row through the account reader. The input is written to a file
/// in RAM per run (the reader takes a path). Every failed row must say why; every account that loads goes
/// through `qbr check`'s metrics, warnings and readiness.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    Fuzz.seedsIfAsked { folder in
        // Synthetic portfolios in the columns of `qbr sample --format csv`, from one row to a dozen.
        for (count, seed) in [(1, 1), (3, 2), (12, 3)] as [(Int, UInt64)] {
            var text = ""
            SamplePortfolio(count: count, seed: seed, asOf: Fuzz.asOf).write(.csv) { text += $0 }
            try Fuzz.seed(folder, "sample-\(count).csv", text)
        }
        // A few hand-written shapes: minimal columns, quoting, an unknown column, a bad row.
        try Fuzz.seed(
            folder, "minimal.csv",
            "account.id,account.name,account.segment\nA-1,Acme,smb\n\"A-2\",\"Quote \"\"Co\"\"\",enterprise\n")
        try Fuzz.seed(
            folder, "mixed.csv",
            "Account.ID,account.name,account.segment,bogus,health.score,outcomes\n"
                + "B-1,Bee,mid-market,x,72,\"[{\"\"name\"\":\"\"Faster close\"\",\"\"metric\"\":\"\"days\"\","
                + "\"\"baseline\"\":10,\"\"target\"\":5}]\"\n"
                + "B-2,Bad,smb,y,not-a-number,[]\n")
    }
    return 0
}

/// libFuzzer calls this with each input; a trap, an ASan report or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = Fuzz.file("portfolio.csv", Fuzz.data(start, count))
    _ = PortfolioSource.estimatedCount(path)
    do {
        try PortfolioSource.forEach(path) { record in
            switch record.result {
            case .success(let loaded): AccountTarget.inspect(loaded.account, file: nil)
            case .failure(let error):
                Fuzz.expect(
                    error.diagnostics.contains { $0.severity == .error }, "row refused without an error: \(error)")
                _ = error.description
            }
        }
    } catch {
        Fuzz.expect(!error.diagnostics.isEmpty, "CSV refused without a diagnostic")
        _ = error.description
    }
    return 0
}

/// `main` as SwiftPM links it (see `Fuzz.runDriver`).
@_cdecl("FuzzCSV_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv)
}
