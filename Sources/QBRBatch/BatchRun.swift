import Dispatch
import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRRender

/// `qbr batch`: every account of a portfolio to the documents its tier calls for, in parallel, then the
/// portfolio overview and a manifest. One bad account is reported and skipped; the others are written.
public struct BatchRun: Sendable {
    /// What to run.
    public struct Options: Sendable {
        /// Output folder.
        public var out: String
        /// The run date.
        public var asOf: Day
        /// Accounts rendered at once.
        public var jobs: Int
        /// Only the accounts whose id hashes to shard `k` of `n` (1-based).
        public var shard: (k: Int, n: Int)?
        /// Markdown, HTML or both.
        public var formats: Set<OutputFormat>
        /// Render every account even when its input, the templates, the playbooks and the date are unchanged.
        public var force: Bool
        /// The history file (default: `history.sqlite` in the output folder).
        public var history: String?
        /// For a SQLite source: the query whose columns are the schema's dotted paths (default: the `accounts` table).
        public var query: String?

        /// Creates options.
        public init(
            out: String, asOf: Day, jobs: Int, shard: (k: Int, n: Int)? = nil, formats: Set<OutputFormat>,
            force: Bool = false, history: String? = nil, query: String? = nil
        ) {
            self.out = out
            self.asOf = asOf
            self.jobs = jobs
            self.shard = shard
            self.formats = formats
            self.force = force
            self.history = history
            self.query = query
        }
    }

    /// What a run did.
    public struct Report: Sendable {
        /// Accounts written.
        public var accounts = 0
        /// Files written.
        public var files = 0
        /// Records that could not be read or rendered, with why.
        public var failures: [(location: String, diagnostics: [Diagnostic])] = []
        /// Accounts left to other shards.
        public var skippedByShard = 0
        /// Accounts whose files were already up to date (same input, templates, playbooks and date).
        public var unchanged = 0
    }

    let renderer: DocumentRenderer
    let options: Options

    /// Creates a run.
    public init(renderer: DocumentRenderer, options: Options) {
        self.renderer = renderer
        self.options = options
    }

    /// Runs over `source`; `warning` receives source-level warnings (unknown CSV columns).
    public func run(
        source: String, warning: (Diagnostic) -> Void = { _ in }, progress: (_ done: Int) -> Void = { _ in }
    ) throws -> Report {
        var report = Report()
        var overview = PortfolioOverview(asOf: options.asOf)
        var manifest: [ManifestEntry] = []
        var usedFolders = Set<String>()
        var chunk: [PortfolioRecord] = []
        let run = fingerprint()
        let month = MonthSnapshot.month(of: options.asOf)
        let history = try HistoryStore(
            path: options.history ?? (options.out as NSString).appendingPathComponent("history.sqlite"))
        let previous = options.force ? nil : PreviousRun(folder: options.out).flatMap { $0.run == run ? $0 : nil }

        func flush() throws {
            defer { progress(report.accounts + report.failures.count) }
            let ids = chunk.compactMap { try? $0.result.get().account.profile.id }
            let lastMonth = try history.previous(before: month, ids: ids)
            let results = renderChunk(chunk, previous: previous, lastMonth: lastMonth)
            var snapshots: [(id: String, snapshot: MonthSnapshot)] = []
            defer { try? history.record(snapshots) }
            chunk.removeAll(keepingCapacity: true)
            for result in results {
                switch result {
                case .failed(let location, let diagnostics):
                    report.failures.append((location, diagnostics))
                case .unchanged(let account, let entry, let triggered):
                    snapshots.append((account.profile.id, MonthSnapshot(account, metrics: AccountMetrics(account, asOf: options.asOf))))
                    let folder = entry.files.first.map { ($0.path as NSString).pathComponents.dropFirst().first ?? "" }
                        ?? FileName.safe(account.profile.id)
                    usedFolders.insert(folder.lowercased())
                    report.accounts += 1
                    report.unchanged += 1
                    var entry = entry
                    entry.overview = PortfolioOverview.Entry(
                        account, asOf: options.asOf, triggered: triggered, folder: folder,
                        documents: entry.files.filter { $0.path.hasSuffix(".md") }.map { ($0.document, $0.path) })
                    manifest.append(entry)
                    if let summary = entry.overview { overview.add(summary) }
                case .rendered(let account, let input, let documents, let triggered, let metrics):
                    snapshots.append((account.profile.id, MonthSnapshot(account, metrics: metrics)))
                    // Two ids that sanitise to the same name get distinct folders, never one overwritten.
                    var folder = FileName.safe(account.profile.id)
                    var suffix = 2
                    while usedFolders.contains(folder.lowercased()) {
                        folder = FileName.safe(account.profile.id) + "-\(suffix)"
                        suffix += 1
                    }
                    usedFolders.insert(folder.lowercased())
                    var files: [ManifestEntry.File] = []
                    for document in documents {
                        let relative = "accounts/\(folder)/\(document.name)"
                        try AtomicFile.write(document.contents, to: (options.out as NSString).appendingPathComponent(relative))
                        files.append(.init(document: document.document, path: relative, fnv1a64: Self.hash(document.contents)))
                    }
                    report.accounts += 1
                    report.files += files.count
                    let summary = PortfolioOverview.Entry(
                        account, metrics: metrics, triggered: triggered, folder: folder,
                        documents: files.filter { $0.path.hasSuffix(".md") }.map { ($0.document, $0.path) })
                    manifest.append(
                        ManifestEntry(
                            id: account.profile.id, name: account.profile.name, input: input, files: files,
                            overview: summary))
                    overview.add(summary)
                }
            }
        }

        try PortfolioSource.forEach(source, query: options.query, warning: warning) { record in
            if let shard = options.shard, case .success(let loaded) = record.result,
                Self.shard(of: loaded.account.profile.id, count: shard.n) != shard.k
            {
                report.skippedByShard += 1
                return
            }
            chunk.append(record)
            if chunk.count >= max(64, options.jobs * 16) { try flush() }
        }
        try flush()

        var index = overview.context(failures: report.failures.count)
        // Month over month: the portfolio's retention against the latest earlier month on record.
        let retention = overview.retention
        if let before = try history.previousPortfolio(before: month) {
            var change: [String: Any] = ["since": before.month]
            if let now = retention.nrr, let was = before.nrr { change["nrr"] = Self.points(now - was) }
            if let now = retention.grr, let was = before.grr { change["grr"] = Self.points(now - was) }
            index["change"] = change
        }
        try history.recordPortfolio(month: month, nrr: retention.nrr, grr: retention.grr, accounts: report.accounts)
        let markdown = try renderer.markdown(context: index, template: "portfolio")
        try AtomicFile.write(markdown, to: (options.out as NSString).appendingPathComponent("index.md"))
        report.files += 1
        if options.formats.contains(.html) {
            let html = try renderer.html(fromMarkdown: markdown, title: index["title"] as? String ?? "Portfolio")
            try AtomicFile.write(html, to: (options.out as NSString).appendingPathComponent("index.html"))
            report.files += 1
        }
        try AtomicFile.write(
            Manifest.json(
                entries: manifest, failures: report.failures, asOf: options.asOf, shard: options.shard, run: run),
            to: (options.out as NSString).appendingPathComponent("manifest.json"))
        return report
    }

    // MARK: Rendering, in parallel

    enum AccountResult {
        case rendered(Account, input: String, [Document], [TriggeredPlaybook], AccountMetrics)
        case unchanged(Account, ManifestEntry, [TriggeredPlaybook])
        case failed(String, [Diagnostic])
    }

    struct Document {
        let document: String
        let name: String
        let contents: String
    }

    /// Renders the records of one chunk on all cores; results come back in input order.
    private func renderChunk(
        _ records: [PortfolioRecord], previous: PreviousRun?, lastMonth: [String: MonthSnapshot]
    ) -> [AccountResult] {
        let results = ResultBox(count: records.count)
        DispatchQueue.concurrentPerform(iterations: records.count) { index in
            let id = (try? records[index].result.get().account.profile.id) ?? ""
            results.set(index, render(records[index], previous: previous, lastMonth: lastMonth[id]))
        }
        return results.values
    }

    /// "+3.0 pts", "-1.5 pts".
    static func points(_ change: Decimal) -> String {
        Format.signed(Format.number(change * 100, scale: 1) + " pts", isPositive: (change * 100).rounded(1) > 0)
    }

    private func render(_ record: PortfolioRecord, previous: PreviousRun?, lastMonth: MonthSnapshot?) -> AccountResult {
        let loaded: LoadedAccount
        switch record.result {
        case .failure(let error): return .failed(record.location, error.diagnostics)
        case .success(let value): loaded = value
        }
        let account = loaded.account
        let input = Self.fingerprint(of: account)
        // Unchanged: same input, same run fingerprint, and every file still there.
        if let entry = previous?.accounts[account.profile.id], entry.input == input,
            entry.files.allSatisfy({
                FileManager.default.fileExists(atPath: (options.out as NSString).appendingPathComponent($0.path))
            })
        {
            let facts = AccountFacts(account: account, asOf: options.asOf, settings: renderer.config.settings)
            return .unchanged(account, entry, renderer.playbooks?.select(facts) ?? [])
        }
        do {
            // One view model per edition serves every document of the account.
            let internalModel = ReviewViewModel(
                account: account, asOf: options.asOf, edition: .internal, settings: renderer.config.settings,
                playbooks: renderer.playbooks, company: renderer.config.company, previous: lastMonth)
            var customerModel: ReviewViewModel?
            var documents: [Document] = []
            for template in Self.templates(tier: account.profile.tier) {
                var model = internalModel
                if ["qbr", "ebr"].contains(template) {
                    model = customerModel ?? ReviewViewModel(
                        account: account, asOf: options.asOf, edition: .customer, settings: renderer.config.settings,
                        playbooks: renderer.playbooks, company: renderer.config.company, previous: lastMonth)
                    customerModel = model
                }
                let rendered = try RenderedDocument.render(
                    model: model, template: template, formats: options.formats, renderer: renderer)
                if options.formats.contains(.markdown) {
                    documents.append(Document(document: template, name: "\(template).md", contents: rendered.markdown))
                }
                if let html = rendered.html {
                    documents.append(Document(document: template, name: "\(template).html", contents: html))
                }
            }
            // Checklists keep what a person ticked or wrote in last month's file; a playbook that stopped
            // triggering keeps its file, its tasks moved under "No longer triggered".
            let folder = (options.out as NSString).appendingPathComponent("accounts/\(FileName.safe(account.profile.id))")
            let existing = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasPrefix("playbook-") && $0.hasSuffix(".md") }
                .map { String($0.dropFirst("playbook-".count).dropLast(3)) }
            let checklists = try renderer.checklists(
                model: internalModel, existing: existing, formats: options.formats
            ) { id in
                FileManager.default.contents(
                    atPath: (folder as NSString).appendingPathComponent("playbook-\(FileName.safe(id)).md")
                ).map { String(decoding: $0, as: UTF8.self) }
            }
            for checklist in checklists {
                let name = "playbook-\(FileName.safe(checklist.playbookID))"
                if options.formats.contains(.markdown) {
                    documents.append(
                        Document(document: "playbook:\(checklist.playbookID)", name: name + ".md", contents: checklist.markdown))
                }
                if let html = checklist.html {
                    documents.append(Document(document: "playbook:\(checklist.playbookID)", name: name + ".html", contents: html))
                }
            }
            return .rendered(account, input: input, documents, internalModel.triggered, internalModel.metrics)
        } catch {
            return .failed(record.location, [Diagnostic(.error, "\(error)", file: record.location)])
        }
    }

    /// The review a tier calls for (tier 1 EBR and QBR, tier 2 QBR), and the monthly summary for every tier.
    static func templates(tier: Int?) -> [String] {
        switch tier {
        case 1: return ["ebr", "qbr", "summary"]
        case 3: return ["summary"]
        default: return ["qbr", "summary"]
        }
    }

    // MARK: Shards and hashes

    /// What every account's documents depend on besides the account: the run date, the formats, the
    /// templates, the playbooks, the team config and qbr itself.
    func fingerprint() -> String {
        let config = renderer.config
        let parts = [
            QBRVersion.current, options.asOf.description, options.formats.map(\.rawValue).sorted().joined(separator: ","),
            renderer.templates.sourceText, renderer.playbooks?.sourceText ?? "",
            config.company ?? "", config.logoDataURI ?? "", config.colors.sorted { $0.key < $1.key }.description,
            config.fonts.sorted { $0.key < $1.key }.description, "\(config.settings.healthGreenFrom)",
            "\(config.settings.healthYellowFrom)",
        ]
        return Self.hash(parts.joined(separator: "\u{0}"))
    }

    /// The account's content, canonically encoded.
    static func fingerprint(of account: Account) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(account)) ?? Data()
        return hash(String(decoding: data, as: UTF8.self))
    }

    /// The 1-based shard of `id` among `count`: FNV-1a of the id, so every machine agrees.
    public static func shard(of id: String, count: Int) -> Int {
        Int(fnv1a(id) % UInt64(max(count, 1))) + 1
    }

    static func hash(_ text: String) -> String {
        let value = fnv1a(text)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}

/// Results written from many threads, each to its own slot.
private final class ResultBox: @unchecked Sendable {
    private var slots: [BatchRun.AccountResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: BatchRun.AccountResult) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [BatchRun.AccountResult] { slots.compactMap { $0 } }
}
