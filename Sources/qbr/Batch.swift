import ArgumentParser
import Foundation
import QBRBatch
import QBRLoad
import QBRCore
import QBRRender

extension QBR {
    /// `qbr batch SOURCE --out DIR`: a whole portfolio.
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render every account of a portfolio: its tier's reviews, the monthly summary, its checklists, and a portfolio overview.",
            discussion: """
                SOURCE is a YAML/JSON list of accounts, a folder of account files, or a CSV export with the dotted \
                columns of the README. Tier 1 gets the EBR and the QBR, tier 2 the QBR (the default), tier 3 only \
                the summary; every account gets the monthly summary and one checklist per triggered playbook. \
                With --format md,html,pptx the decks are also written as PowerPoint files (see qbr render --help). \
                Files go to a folder of the --as-of month, DIR/<YYYY-MM>/accounts/<id>/, with DIR/<YYYY-MM>/index.md \
                (.html) and manifest.json, so earlier months stay as they were; DIR/history.sqlite is shared by every \
                month and DIR/index.md links to the latest. A record that \
                cannot be read or rendered is reported with its row and skipped; the rest are written, and the run \
                exits 65. Every file is written to a temporary name and renamed.
                """)

        @Argument(help: "Portfolio: a YAML/JSON list, a folder of account files, a .csv export, or a SQLite database (.sqlite, .db).")
        var source: String

        @Option(name: .long, help: ArgumentHelp("Output folder; the run's files go to its month's folder in it (DIR/2026-11/).", valueName: "dir"))
        var out: String

        @Option(name: .long, help: "Accounts rendered at once (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(name: .long, help: ArgumentHelp("Only the accounts whose id hashes to shard K of N.", valueName: "K/N"))
        var shard: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "md, html, pptx, or a comma list (md,html,pptx); both (the default) is md,html. pptx writes the qbr and ebr decks as PowerPoint files.",
                valueName: "formats"))
        var format: FormatChoice = .both

        @Flag(name: .long, help: "No summary line.")
        var quiet = false

        @Flag(name: .long, help: "After the run, print the time spent in cmark-gfm and what cmark-gfm alone needs for the same Markdown, the allocator in use, and the milliseconds per account in each stage (for benchmarks).")
        var timings = false

        @Option(name: .long, help: ArgumentHelp("History file (default: DIR/history.sqlite, shared by every month).", valueName: "path"))
        var history: String?

        @Option(name: .long, help: ArgumentHelp("For a SQLite SOURCE: the query whose columns are the schema's dotted paths (default: SELECT * FROM accounts).", valueName: "sql"))
        var query: String?

        @Option(name: .long, help: ArgumentHelp("A CSV of one related list (outcomes, value_realized, opportunities, risks, narrative.asks), one item a row with its account.id; repeatable.", valueName: "file"))
        var related: [String] = []

        @Option(name: .long, help: ArgumentHelp("Accounts listed in index.md itself; a larger portfolio's list goes on pages (accounts-0001.md…) of this many.", valueName: "n"))
        var accountsPerPage = 1_000

        @Option(name: .long, help: ArgumentHelp("The editions of the reviews: customer,internal (default: both, the customer's deck and the CSM's prep) or customer.", valueName: "list"))
        var editions = "customer,internal"

        @Flag(name: .long, help: "Keep the speaker notes in the customer edition's Markdown (the HTML decks always have them for the presenter).")
        var notes = false

        @Flag(name: .long, help: "Render every account, even those whose input, templates, playbooks and date are unchanged since the last run of the month into DIR.")
        var force = false

        @OptionGroup var options: RunOptions

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
            guard accountsPerPage >= 1 else { throw ValidationError("--accounts-per-page must be at least 1") }
            if parsedEditions == nil {
                throw ValidationError("--editions expects customer, internal or customer,internal; got \"\(editions)\"")
            }
            if let shard, parsedShard(shard) == nil {
                throw ValidationError("--shard expects K/N with 1 ≤ K ≤ N, e.g. 2/8; got \"\(shard)\"")
            }
        }

        /// A source that cannot be read or holds nothing is no input (66); one whose content is wrong, bad data
        /// (65). A switch, so a new kind has to be placed here.
        static func exitCode(_ kind: AccountLoadError.Kind) -> Int32 {
            switch kind {
            case .unreadable, .empty: Sysexits.noInput
            case .invalid: Sysexits.dataError
            }
        }

        private var parsedEditions: Set<Edition>? {
            let names = editions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let parsed = names.compactMap(Edition.init(rawValue:))
            guard !names.isEmpty, parsed.count == names.count else { return nil }
            return Set(parsed)
        }

        private func parsedShard(_ text: String) -> (k: Int, n: Int)? {
            let parts = text.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
            return (parts[0], parts[1])
        }

        func run() throws {
            let renderer = try options.renderer()
            let started = Date()
            var settings = BatchRun.Options(
                out: out, asOf: options.day, jobs: jobs, shard: shard.flatMap(parsedShard), formats: format.formats,
                force: force, history: history, query: query)
            settings.accountsPerPage = accountsPerPage
            if format.formats.contains(.pptx) { settings.powerPoint = try options.powerPointWriter(renderer) }
            settings.editions = parsedEditions ?? [.customer, .internal]
            settings.notes = notes
            settings.tabular = TabularOptions(settings: renderer.config.importSettings, related: related)
            do {
                // Before the output folder exists: a related file that cannot be read leaves nothing behind.
                try PortfolioSource.checkRelated(settings.tabular)
            } catch {
                Terminal.report(error.diagnostics)
                throw ExitCode(Self.exitCode(error.kind))
            }
            let run = BatchRun(renderer: renderer, options: settings)
            let report: BatchRun.Report
            do {
                let bar = ProgressLine(total: PortfolioSource.estimatedCount(source), enabled: !quiet && Terminal.isInteractive)
                report = try run.run(source: source, warning: { Terminal.report([$0]) }, progress: bar.update)
                bar.finish()
            } catch let error as BatchRun.NothingRendered {
                for failure in error.failures { Terminal.report(failure.diagnostics) }
                Terminal.error(error.description)
                throw ExitCode(error.isEmpty ? Sysexits.noInput : Sysexits.dataError)
            } catch let error as QBRLoad.AccountLoadError {
                Terminal.report(error.diagnostics)
                throw ExitCode(Self.exitCode(error.kind))
            } catch {
                Terminal.error("\(out): \(error)")
                throw ExitCode(Sysexits.cannotCreate)
            }
            for failure in report.failures { Terminal.report(failure.diagnostics) }
            if !quiet {
                let seconds = Date().timeIntervalSince(started)
                let rate = seconds > 0 ? Double(report.accounts) / seconds : 0
                Terminal.info(
                    "qbr batch: \(report.accounts) accounts (\(report.unchanged) unchanged), \(report.files) files, \(report.failures.count) failed"
                        + (report.skippedByShard > 0 ? ", \(report.skippedByShard) left to other shards" : "")
                        + String(format: " in %.1f s (%.0f accounts/s)", seconds, rate))
            }
            if timings {
                let total = Date().timeIntervalSince(started)
                var alone = 0.0
                let walker = FileManager.default.enumerator(atPath: report.folder)
                while let relative = walker?.nextObject() as? String {
                    guard relative.hasSuffix(".md"), relative.hasPrefix("accounts/"),
                        let data = FileManager.default.contents(atPath: (report.folder as NSString).appendingPathComponent(relative))
                    else { continue }
                    let markdown = String(decoding: data, as: UTF8.self)
                    let clock = ContinuousClock()
                    let duration = clock.measure { _ = RenderTimings.cmarkAlone(markdown) }
                    alone += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                }
                Terminal.info(
                    String(
                        format: "timings: total %.2f s, in cmark-gfm %.2f s (%.0f%% of the run, on %d threads), cmark-gfm alone on the same Markdown %.2f s (one thread)",
                        total, RenderTimings.cmarkSeconds, 100 * RenderTimings.cmarkSeconds / max(total * Double(jobs), 0.001), jobs, alone))
                Terminal.info("timings: allocator \(Allocator.name)")
                // Milliseconds per account in each stage (summed over threads), so the next bottleneck shows.
                let accounts = Double(max(1, report.accounts + report.failures.count))
                Terminal.info(
                    "timings per account (ms, all threads): "
                        + RenderTimings.Stage.allCases.map {
                            "\($0.name) " + String(format: "%.3f", 1000 * RenderTimings.seconds($0) / accounts)
                        }.joined(separator: ", "))
            }
            if !report.failures.isEmpty { throw ExitCode(Sysexits.dataError) }
        }
    }
}
