import ArgumentParser
import Foundation
import QBRCore
import QBRRender

extension QBR {
    /// `qbr lint`: checks every template and playbook, reporting each problem with file, line and column.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check every template and playbook: Mustache syntax, unknown names, missing partials, rules, tasks.",
            discussion:
                "Exit codes: 0 clean, 65 a problem was found, 66 a --templates/--playbooks folder does not exist.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Option(
            name: .long,
            help: "text (file:line:column: error: message on standard error) or json (an array on standard output).")
        var format: Format = .text

        @OptionGroup var options: RunOptions

        func run() throws {
            let config = try options.loadConfig()
            let result = Linter.run(
                templates: options.templates ?? config.templates, playbooks: options.playbooks ?? config.playbooks,
                roles: config.roles)
            switch format {
            case .text:
                Terminal.report(result.diagnostics)
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let entries = result.diagnostics.map {
                    Entry(
                        file: $0.file, line: $0.line, column: $0.column, severity: $0.severity.rawValue,
                        message: ($0.path.map { $0.isEmpty ? "" : $0 + ": " } ?? "") + $0.message)
                }
                FileHandle.standardOutput.write((try encoder.encode(entries)) + Data("\n".utf8))
            }
            if result.missingFolder { throw ExitCode(Sysexits.noInput) }
            if !result.diagnostics.isEmpty { throw ExitCode(Sysexits.dataError) }
        }

        /// One finding in `--format json`.
        struct Entry: Encodable {
            let file: String?
            let line: Int?
            let column: Int?
            let severity: String
            let message: String
        }
    }
}
