import ArgumentParser
import Foundation
import QBRBatch
import QBRCore
import QBRLoad

extension QBR {
    /// `qbr columns FILE`: a ready-to-edit `import:` block for a CSV export or a SQLite table.
    struct Columns: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a ready-to-edit import: block for qbr.yaml from a CSV export's header or a SQLite table.",
            discussion: """
                Every column gets its best guess — its own dotted path, a usual CRM label (Account Name, ARR, CSM \
                Owner, Health Score…), a component or feature column, or a field of the same name — and the \
                columns nothing fits are listed as comments to fill in. The delimiter, and from the first rows \
                the date format, decimal mark and encoding, are suggested too. Check every line: a guess is \
                used only once it is in qbr.yaml.
                """)

        @Argument(help: "A CSV export (or a related list's CSV), or a SQLite database.")
        var file: String

        @Option(name: .long, help: ArgumentHelp("For a SQLite database: the table (default: accounts).", valueName: "name"))
        var table = "accounts"

        func run() throws {
            guard FileManager.default.fileExists(atPath: file) else {
                Terminal.error("\(file): no such file")
                throw ExitCode(Sysexits.noInput)
            }
            do {
                let guess = try ColumnGuesser.guess(file, table: table)
                FileHandle.standardOutput.write(Data(guess.yaml.utf8))
            } catch let error as AccountLoadError {
                Terminal.report(error.diagnostics)
                throw ExitCode(error.kind == .unreadable || error.kind == .empty ? Sysexits.noInput : Sysexits.dataError)
            }
        }
    }
}
