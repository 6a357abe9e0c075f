import ArgumentParser
import Foundation
import QBRBatch

extension QBR {
    /// `qbr index DIR...`: one overview from several shards' runs.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build one portfolio overview (index.md, index.html) from the manifests of several qbr batch runs, e.g. one per shard.")

        @Argument(help: "The output folders of qbr batch runs.")
        var folders: [String]

        @Option(name: .long, help: ArgumentHelp("Where to write index.md and index.html (default: the current folder).", valueName: "dir"))
        var out: String = "."

        @OptionGroup var options: RunOptions

        func validate() throws {
            if folders.isEmpty { throw ValidationError("give the folders of one or more qbr batch runs") }
        }

        func run() throws {
            let renderer = try options.renderer()
            do {
                let count = try PortfolioIndex.build(folders: folders, out: out, renderer: renderer, formats: [.markdown, .html])
                Terminal.info("qbr index: \(count) accounts from \(folders.count) runs → \((out as NSString).appendingPathComponent("index.md"))")
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
