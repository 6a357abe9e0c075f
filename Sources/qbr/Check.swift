import ArgumentParser
import Foundation
import QBRBatch
import QBRCore
import QBRLoad
import QBRPlaybooks

extension QBR {
    /// `qbr check ACCOUNT...`: schema errors, plausibility warnings and a readiness score, without rendering.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check account files without rendering: every error, plausibility warnings, readiness.",
            discussion: """
                Each file is validated against the schema (every problem is listed), then checked for values a \
                CS leader would question: GRR above 100% or NRR below GRR, a renewal date already past, an \
                outcome at more than 10x its committed change, an outcome whose target equals its baseline, \
                value realized with no category or above 100x the contract ARR, a health score outside 0-100, \
                monthly active users above 2x the seats, more active seats than licensed, a contract ARR 10x \
                the starting ARR, a full churn with health 90+ and no churn playbook. A file with errors is \
                still checked on the fields that loaded. Then a readiness score: 10 points per data \
                section present (outcomes, value_realized, usage, health, revenue, opportunities, risks) and \
                per narrative slot filled (executive_summary, asks, misses), minus 5 per plausibility warning. \
                Exit 0 when every file loads (warnings do not fail), 65 when any file has an error, 66 when a \
                file does not exist.

                SOURCE, anything qbr batch takes (a CSV export with --related files, a SQLite database, a folder, \
                a YAML/JSON list with --portfolio), is a dry run: every record is read and validated with the import: mapping of \
                qbr.yaml, nothing is written, every error is printed with its row and account id, and one summary \
                line follows (records, would render, would fail, unknown columns, the mapping used). Exit 65 when \
                any record fails.
                """
        )

        @Argument(help: "Account files (YAML or JSON), - for standard input, or a portfolio SOURCE as qbr batch takes it.")
        var accounts: [String]

        @Option(name: .long, help: ArgumentHelp("For a SOURCE: a CSV of one related list (outcomes, value_realized, opportunities, risks, narrative.asks), one item a row with its account.id; repeatable.", valueName: "file"))
        var related: [String] = []

        @Flag(name: .long, help: "Read a YAML/JSON file holding a list of accounts as a portfolio SOURCE (folders, CSV and SQLite files always are).")
        var portfolio = false

        @Option(name: .long, help: ArgumentHelp("For a SQLite SOURCE: the query whose columns are the schema's dotted paths.", valueName: "sql"))
        var query: String?

        @Option(name: .long, help: ArgumentHelp("Team config whose import: section maps a SOURCE's columns (default: ./qbr.yaml when present).", valueName: "file"))
        var config: String?

        @Option(
            name: .customLong("as-of"), help: ArgumentHelp("Run date (default: today, UTC).", valueName: "YYYY-MM-DD"))
        var asOf: String?

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func validate() throws {
            if accounts.isEmpty { throw ValidationError("give at least one account file") }
            if let asOf, Day(iso: asOf) == nil {
                throw ValidationError("--as-of expects a date YYYY-MM-DD that exists, got \"\(asOf)\"")
            }
        }

        func run() throws {
            let day = asOf.flatMap(Day.init(iso:)) ?? Day.today()
            let sources = accounts.filter { CheckSource.isSource($0, query: query, related: related, portfolio: portfolio) }
            if !sources.isEmpty {
                try checkSources(sources)
                if sources.count == accounts.count { return }
            }
            let library = Self.playbooks(config: config)
            let results = accounts.filter { !sources.contains($0) }.map {
                AccountCheck.check($0, asOf: day) { account, metrics in
                    Self.churnPlaybookApplies(library, AccountFacts(account: account, metrics: metrics))
                }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let report = CheckReport(asOf: day.description, accounts: results.map(\.report))
                FileHandle.standardOutput.write((try encoder.encode(report)) + Data("\n".utf8))
            } else {
                FileHandle.standardOutput.write(Data(results.map(\.text).joined().utf8))
            }
            if results.contains(where: { $0.status == .missing }) { throw ExitCode(Sysexits.noInput) }
            if results.contains(where: { $0.status == .invalid }) { throw ExitCode(Sysexits.dataError) }
        }

        /// The playbooks a full churn is checked against: the config's folder over the built-in ones, else the
        /// built-in ones; nil when they cannot be read (then no playbook is taken to apply).
        static func playbooks(config: String?) -> PlaybookLibrary? {
            let path = config ?? (FileManager.default.fileExists(atPath: "qbr.yaml") ? "qbr.yaml" : nil)
            let folder = path.flatMap { try? TeamConfigLoader.load(path: $0).config.playbooks }
            return try? PlaybookLibrary(overridesFrom: folder)
        }

        /// Whether a playbook about churn (churn in its id or kind) matches the account.
        static func churnPlaybookApplies(_ library: PlaybookLibrary?, _ facts: AccountFacts) -> Bool {
            (library?.select(facts) ?? []).contains {
                $0.playbook.id.lowercased().contains("churn") || ($0.playbook.kind ?? "").lowercased().contains("churn")
            }
        }

        /// The dry run over each portfolio SOURCE; exits 66 when one cannot be found, 65 when a record fails.
        private func checkSources(_ sources: [String]) throws {
            let path = config ?? (FileManager.default.fileExists(atPath: "qbr.yaml") ? "qbr.yaml" : nil)
            var settings = ImportSettings()
            if let path {
                do {
                    let loaded = try TeamConfigLoader.load(path: path)
                    Terminal.report(loaded.warnings)
                    settings = loaded.config.importSettings
                } catch {
                    Terminal.report(error.diagnostics)
                    throw ExitCode(error.kind == .unreadable ? Sysexits.noInput : Sysexits.dataError)
                }
            }
            var missing = false
            var failed = false
            for source in sources {
                let outcome = CheckSource.run(
                    source, query: query, tabular: TabularOptions(settings: settings, related: related), config: path,
                    json: json)
                FileHandle.standardOutput.write(Data(outcome.output.utf8))
                missing = missing || outcome.missing
                failed = failed || outcome.failed > 0
            }
            if missing { throw ExitCode(Sysexits.noInput) }
            if failed { throw ExitCode(Sysexits.dataError) }
        }
    }
}
