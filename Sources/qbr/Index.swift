import ArgumentParser
import Foundation
import QBRBatch

extension QBR {
    /// `qbr index DIR...`: one overview from several shards' runs.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build one portfolio overview (index.md, index.html) from the manifests of several qbr batch runs, e.g. one per shard.",
            discussion: """
                Each DIR is a qbr batch --out folder; the same month of each is merged (its latest by default, or \
                --month), into OUT/<month>/ beside the other months, with OUT/index.md pointing at the latest.
                """)

        @Argument(help: "The --out folders of qbr batch runs (or month folders in them).")
        var folders: [String]

        @Option(name: .long, help: ArgumentHelp("Where to write the month's index.md, index.html and manifest.json, in a folder of the month (default: the current folder).", valueName: "dir"))
        var out: String = "."

        @Option(name: .long, help: ArgumentHelp("The month to merge (default: the latest month of each folder, which must be the same).", valueName: "YYYY-MM"))
        var month: String?

        @OptionGroup var options: RunOptions

        func validate() throws {
            if folders.isEmpty { throw ValidationError("give the folders of one or more qbr batch runs") }
            if let month, !MonthFolders.isMonth(month) { throw ValidationError("--month expects YYYY-MM, e.g. 2026-11; got \"\(month)\"") }
        }

        func run() throws {
            let renderer = try options.renderer()
            do {
                let merged = try PortfolioIndex.build(
                    folders: folders, out: out, renderer: renderer, formats: [.markdown, .html], month: month)
                Terminal.info(
                    "qbr index: \(merged.accounts) accounts from \(folders.count) runs → \((merged.folder as NSString).appendingPathComponent("index.md"))")
            } catch let error as PortfolioIndex.IndexError {
                Terminal.error(error.message)
                throw ExitCode(Sysexits.dataError)
            } catch {
                Terminal.error("\(out): cannot write: \(error)")
                throw ExitCode(Sysexits.cannotCreate)
            }
        }
    }
}
