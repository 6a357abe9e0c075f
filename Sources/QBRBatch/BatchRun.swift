import Dispatch
import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRPowerPoint
import QBRRender

/// `qbr batch`: every account of a portfolio to the documents its tier calls for, in parallel, then the
/// portfolio overview and a manifest. One bad account is reported and skipped; the others are written.
public struct BatchRun: Sendable {
    /// What to run.
    public struct Options: Sendable {
        /// Output folder: the run's documents go to its month's folder in it (`OUT/2026-11/`), the history
        /// to its top, shared by every month.
        public var out: String
        /// The run date.
        public var asOf: Day
        /// Accounts rendered at once.
        public var jobs: Int
        /// Only the accounts whose id hashes to shard `k` of `n` (1-based).
        public var shard: (k: Int, n: Int)?
        /// Markdown, HTML, PowerPoint (the decks only), in any combination.
        public var formats: Set<OutputFormat>
        /// Writes the .pptx decks when `formats` has `pptx`; nil: qbr's built-in master in the renderer's
        /// colours (the CLI passes the team's template from qbr.yaml, read once before the run).
        public var powerPoint: PowerPointWriter?
        /// Render every account even when its input, the templates, the playbooks and the date are unchanged.
        public var force: Bool
        /// The history file (default: `history.sqlite` at the top of the output folder).
        public var history: String?
        /// For a SQLite source: the query whose columns are the schema's dotted paths (default: the `accounts` table).
        public var query: String?
        /// Accounts listed in `index.md` itself; a larger portfolio's list goes on pages of this many.
        public var accountsPerPage = 1_000
        /// For a CSV or SQLite source: the `import:` settings and the related files.
        public var tabular = TabularOptions()
        /// The editions of the reviews written: customer and internal by default (checklists and the summary
        /// are internal whatever this says).
        public var editions: Set<Edition> = [.customer, .internal]
        /// Keep the speaker notes in the customer edition's Markdown (`--notes`).
        public var notes = false

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
        /// The month's folder the documents, overview and manifest went to (`OUT/2026-11`).
        public var folder = ""
        /// Accounts written.
        public var accounts = 0
        /// Files written.
        public var files = 0
        /// Records that could not be read or rendered, with why.
        public var failures: [Failure] = []
        /// Accounts left to other shards.
        public var skippedByShard = 0
        /// Accounts whose files were already up to date (same input, templates, playbooks and date).
        public var unchanged = 0
    }

    /// A record that could not be read or rendered: where, why, and what could be read of the account.
    public struct Failure: Sendable {
        /// The record or row (`export.csv row 12`).
        public let location: String
        /// Every error, each naming the account beside the row when it could be read.
        public let diagnostics: [Diagnostic]
        /// The account id as the record spells it, when it has one.
        public let id: String?
        /// The account's name as the record spells it, or from its last good run when the record has none.
        public let name: String?
        /// The account's entry of its last good run, whose documents are kept.
        let lastGood: ManifestEntry?

        /// The overview's line for it: first error, ARR of its last good run (not in the totals).
        var overviewEntry: PortfolioOverview.Failure {
            PortfolioOverview.Failure(
                id: id, name: name, location: location,
                error: diagnostics.first.map { PortfolioOverview.Failure.message(of: $0.description) } ?? "",
                arr: lastGood?.overview?.arr, currency: lastGood?.overview?.currency)
        }
    }

    /// A run that rendered no account: it wrote no overview, manifest or history month.
    public struct NothingRendered: Error, CustomStringConvertible {
        /// True when the source held no record at all (exit 66); false when every record failed (exit 65).
        public let isEmpty: Bool
        /// Why, in a sentence.
        public let description: String
        /// The records that failed.
        public let failures: [Failure]
    }

    let renderer: DocumentRenderer
    let options: Options

    /// Creates a run.
    public init(renderer: DocumentRenderer, options: Options) {
        self.renderer = renderer
        var options = options
        if options.formats.contains(.pptx) && options.powerPoint == nil {
            options.powerPoint = PowerPointWriter(design: .builtIn(renderer.config))
        }
        self.options = options
    }

    /// Runs over `source`; `warning` receives source-level warnings (unknown CSV columns).
    ///
    /// Reading runs on its own thread, one chunk ahead of rendering; each chunk's accounts are rendered and
    /// written on all cores; what stays in memory is the overview's aggregates and one short row per account.
    public func run(
        source: String, warning: (Diagnostic) -> Void = { _ in }, progress: (_ done: Int) -> Void = { _ in }
    ) throws -> Report {
        var report = Report()
        let top = options.out
        try FileManager.default.createDirectory(atPath: top, withIntermediateDirectories: true)
        // A folder qbr 0.1.0 wrote (one month at the top) moves into its month's folder first, once.
        let upgrade = MonthFolders.upgradeFlatLayout(in: top)
        upgrade.forEach(warning)
        var overview = PortfolioOverview(asOf: options.asOf, keepsRows: false, currencies: renderer.config.currencies)
        var month = MonthTally(settings: renderer.config.settings)
        let accounts = try AccountList()
        var usedFolders = Set<String>()
        let run = fingerprint()
        let monthName = MonthFolders.name(of: options.asOf)
        let out = (top as NSString).appendingPathComponent(monthName)
        report.folder = out
        let createdMonth = !FileManager.default.fileExists(atPath: out)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // A run that was killed leaves this marker, and maybe hidden temporary files in its month's folder (and
        // of the pointer at the top): sweep them first.
        let marker = (out as NSString).appendingPathComponent(".qbr-run")
        if FileManager.default.fileExists(atPath: marker) {
            Self.removeTemporaries(in: out)
            Self.removeTemporaries(in: top, accounts: false)
        }
        _ = FileManager.default.createFile(atPath: marker, contents: nil)
        let history = try HistoryStore(path: options.history ?? (top as NSString).appendingPathComponent("history.sqlite"))
        // This month's last run decides what is unchanged; the latest earlier month's folder is where a new
        // month's checklists take their ticks from, and its manifest the folders accounts were given.
        let previousRun = PreviousRun(folder: out)
        let previous = options.force ? nil : previousRun.flatMap { $0.run == run ? $0 : nil }
        let earlierMonth = MonthFolders.earlier(than: monthName, in: top)
        let earlierFolder = earlierMonth.map { (top as NSString).appendingPathComponent($0) }
        let earlierRun = earlierFolder.flatMap(PreviousRun.init(folder:))
        let manifest = try Manifest(folder: out)
        var finished = false
        defer { if !finished { manifest.abandon() } }
        // A run that writes nothing leaves no empty month folder behind.
        func removeMarker() {
            manifest.abandon()
            try? FileManager.default.removeItem(atPath: marker)
            if createdMonth {
                _ = rmdir((out as NSString).appendingPathComponent("accounts"))
                _ = rmdir(out)
            }
        }

        let reader = ChunkReader(
            source: source, query: options.query, tabular: options.tabular, size: max(64, options.jobs * 16), shard: options.shard)
        // The merge of a chunk's results (manifest, overview, history) is serial: it runs while the next chunk
        // renders, so the workers do not wait for it. Merged in input order, as before.
        func merge(_ records: [PortfolioRecord], _ results: [AccountResult]) throws {
            var snapshots: [(id: String, snapshot: MonthSnapshot)] = []
            var rows: [PortfolioOverview.Row] = []
            for (record, result) in zip(records, results) {
                switch result {
                case .failed(let location, let diagnostics):
                    report.failures.append(
                        Self.failure(
                            record, location: location, diagnostics: diagnostics, previous: previousRun,
                            earlier: earlierRun.flatMap { run in earlierMonth.map { (run, "../\($0)/") } }))
                case .written(let written):
                    month.add(written.entry)
                    snapshots.append((written.entry.id, written.snapshot))
                    report.accounts += 1
                    report.files += written.filesWritten
                    if written.unchanged { report.unchanged += 1 }
                    try manifest.append(written.manifestLine)
                    overview.add(written.entry)
                    rows.append(PortfolioOverview.Row(written.entry))
                }
            }
            try accounts.add(rows)
            try history.record(snapshots)
            progress(report.accounts + report.failures.count)
        }
        var pending: (records: [PortfolioRecord], rendering: ChunkRendering)?
        // A merge that throws leaves the next chunk rendering: it finishes before the run returns.
        defer { pending.map { _ = $0.rendering.wait() } }
        while let chunk = reader.next() {
            chunk.warnings.forEach(warning)
            report.skippedByShard += chunk.skippedByShard
            // Folders are given out in input order before rendering, so two ids that sanitise to the same name
            // get distinct folders, and an account keeps the folder an earlier run gave it.
            var folders: [String?] = []
            for record in chunk.records {
                guard let id = record.id, !id.isEmpty else {
                    folders.append(nil)
                    continue
                }
                var folder = previousRun?.folder(of: id) ?? earlierRun?.folder(of: id) ?? FileName.safe(id)
                var suffix = 2
                while usedFolders.contains(folder.lowercased()) {
                    folder = FileName.safe(id) + "-\(suffix)"
                    suffix += 1
                }
                usedFolders.insert(folder.lowercased())
                folders.append(folder)
            }
            let lastMonth = try history.previous(before: monthName, ids: chunk.records.compactMap(\.id))
            let records = chunk.records, given = folders
            let rendering = ChunkRendering { [self] in
                renderChunk(records, folders: given, previous: previous, lastMonth: lastMonth, earlierFolder: earlierFolder)
            }
            let done = pending
            pending = (records, rendering)
            if let done { try merge(done.records, done.rendering.wait()) }
        }
        if let done = pending {
            pending = nil
            try merge(done.records, done.rendering.wait())
        }
        if let error = reader.error {
            // An empty source is "no input" (66), not a data error.
            if report.accounts == 0, report.failures.isEmpty, error.kind == .empty {
                removeMarker()
                throw NothingRendered(
                    isEmpty: true,
                    description: error.diagnostics.map(\.description).joined(separator: "\n")
                        + "\nnothing was written; the last run's overview, manifest and history stay",
                    failures: [])
            }
            removeMarker()
            throw error
        }
        // A run that rendered nothing replaces nothing: the last good overview, manifest and month stay.
        guard report.accounts > 0 else {
            removeMarker()
            throw Self.nothingRendered(report, source: source, shard: options.shard)
        }

        // Month over month: the portfolio's retention against the latest earlier month on record.
        let failedIDs = Set(report.failures.compactMap(\.id))
        let changes = try Self.changes(overview: overview, histories: [history], month: monthName)
        let comparison = try month.comparison(
            histories: [history], month: monthName, failed: failedIDs,
            keep: options.shard.map { shard in { Self.shard(of: $0, count: shard.n) == shard.k } })
        report.files += try OverviewFiles.write(
            overview: overview, accounts: accounts, failed: report.failures.map(\.overviewEntry), changes: changes,
            comparison: comparison, renderer: renderer, formats: options.formats, out: out, pageSize: options.accountsPerPage)
        let retention = overview.retention
        try history.commit(
            month: monthName, nrr: retention.nrr, grr: retention.grr, accounts: report.accounts, failed: Array(failedIDs),
            totals: month.native, run: options.shard.map { "\($0.k)/\($0.n)" } ?? "", names: month.names)
        try manifest.finish(
            failures: report.failures, asOf: options.asOf, shard: options.shard, run: run,
            history: PortfolioIndex.relative(options.history ?? (top as NSString).appendingPathComponent("history.sqlite"), from: out))
        finished = true
        // The top's index.md points at the latest month (this one, unless a later month is on disk). Not while
        // a 0.1.0 overview is still at the top: it would be written over.
        if !FileManager.default.fileExists(atPath: (top as NSString).appendingPathComponent("manifest.json")) {
            report.files += try MonthFolders.writePointer(out: top, renderer: renderer, formats: options.formats)
        }
        try? FileManager.default.removeItem(atPath: marker)
        return report
    }

    /// Removes the hidden temporary files (`.NAME.UUID.tmp`) a killed run left in `out` and, with `accounts`,
    /// its account folders.
    static func removeTemporaries(in out: String, accounts sweepsAccounts: Bool = true) {
        let manager = FileManager.default
        var folders = [out]
        let accounts = (out as NSString).appendingPathComponent("accounts")
        if sweepsAccounts {
            folders += ((try? manager.contentsOfDirectory(atPath: accounts)) ?? []).map { (accounts as NSString).appendingPathComponent($0) }
        }
        for folder in folders {
            for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                try? manager.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
            }
        }
    }

    // MARK: Rendering, in parallel

    /// One account, done.
    struct Written {
        let entry: PortfolioOverview.Entry
        let snapshot: MonthSnapshot
        /// The account's line of `manifest.json`.
        let manifestLine: String
        let filesWritten: Int
        let unchanged: Bool
    }

    enum AccountResult {
        case written(Written)
        case failed(String, [Diagnostic])
    }

    /// Renders and writes the records of one chunk on `jobs` threads; results come back in input order.
    private func renderChunk(
        _ records: [PortfolioRecord], folders: [String?], previous: PreviousRun?, lastMonth: [String: MonthSnapshot],
        earlierFolder: String?
    ) -> [AccountResult] {
        let results = ResultBox(count: records.count)
        DispatchQueue.concurrentPerform(iterations: min(options.jobs, records.count)) { _ in
            while let index = results.claim() {
                results.set(
                    index,
                    render(
                        records[index], folder: folders[index], previous: previous, lastMonth: lastMonth[records[index].id ?? ""],
                        earlierFolder: earlierFolder))
            }
        }
        return results.values
    }

    /// "+3.0 pts", "-1.5 pts".
    static func points(_ change: Decimal) -> String {
        Format.signed(Format.number(change * 100, scale: 1) + " pts", isPositive: (change * 100).rounded(1) > 0)
    }

    private func render(
        _ record: PortfolioRecord, folder: String?, previous: PreviousRun?, lastMonth: MonthSnapshot?, earlierFolder: String?
    ) -> AccountResult {
        let out = (options.out as NSString).appendingPathComponent(MonthFolders.name(of: options.asOf))
        // Unchanged: same input, same run fingerprint, same folder, and every file still there. A row whose
        // cells hash the same is skipped before it is even validated.
        func unchanged(_ input: String) -> AccountResult? {
            guard let id = record.id, let folder, let entry = previous?.entry(id: id, input: input),
                entry.folder == folder, let overview = entry.overview, let snapshot = entry.snapshot,
                entry.files.allSatisfy({ FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent($0.path)) })
            else { return nil }
            return .written(
                Written(entry: overview, snapshot: snapshot, manifestLine: entry.line ?? entry.json(), filesWritten: 0, unchanged: true))
        }
        if let input = record.fingerprint, let skipped = unchanged(input) { return skipped }
        let loaded: LoadedAccount
        switch RenderTimings.measure(.validate, { record.result }) {
        case .failure(let error): return .failed(record.location, error.diagnostics)
        case .success(let value): loaded = value
        }
        let account = loaded.account
        let input = record.fingerprint ?? Self.fingerprint(of: account)
        if record.fingerprint == nil, let skipped = unchanged(input) { return skipped }
        let folder = folder ?? FileName.safe(account.profile.id)
        let accountFolder = (out as NSString).appendingPathComponent("accounts/\(folder)")
        do {
            // One view model per edition serves every document of the account.
            var job = AccountJob(
                account: account, asOf: options.asOf, renderer: renderer, formats: options.formats, previous: lastMonth,
                notes: options.notes)
            var documents: [AccountJob.Output] = []
            for kind in DocumentKind.reviews(tier: account.profile.tier) {
                documents += try job.review(kind)
                // The CSM's prep edition beside the customer's deck (`--editions customer` leaves it out).
                if kind.defaultEdition != .internal, options.editions.contains(.internal) {
                    documents += try job.review(kind, edition: .internal)
                }
            }
            // Checklists keep what a person ticked or wrote: this month's file when a run of the month wrote one,
            // else the latest earlier month's. A playbook that stopped triggering keeps its file, its tasks moved
            // under "No longer triggered".
            let carried = [accountFolder] + (earlierFolder.map { [($0 as NSString).appendingPathComponent("accounts/\(folder)")] } ?? [])
            let existing = Set(
                carried.flatMap(Self.names(in:))
                    .filter { $0.hasSuffix(".md") }
                    .compactMap { DocumentKind.playbookID(checklistName: String($0.dropLast(3))) }
            ).sorted()
            documents += try job.checklists(existing: existing) { id in
                carried.lazy.compactMap {
                    FileManager.default.contents(
                        atPath: ($0 as NSString).appendingPathComponent(DocumentKind.checklistName(playbookID: id) + ".md"))
                }.first.map { String(decoding: $0, as: UTF8.self) }
            }
            let internalModel = job.model(.internal)
            var files: [ManifestEntry.File] = []
            for document in documents {
                let relative = "accounts/\(folder)/\(document.fileName)"
                let label = ByteSearch.contains(document.fileName, ".internal.") ? document.document + ".internal" : document.document
                if let deck = document.deck {
                    guard let writer = options.powerPoint else { continue }
                    let bytes = try writer.deck(deck)
                    try RenderTimings.measure(.write) { () throws(AtomicFile.WriteError) in
                        try AtomicFile.write(bytes: bytes, to: (out as NSString).appendingPathComponent(relative))
                    }
                    files.append(.init(document: label, path: relative, fnv1a64: Self.hash(bytes: bytes)))
                    continue
                }
                try RenderTimings.measure(.write) { () throws(AtomicFile.WriteError) in
                    try AtomicFile.write(document.contents, to: (out as NSString).appendingPathComponent(relative))
                    files.append(.init(document: label, path: relative, fnv1a64: Self.hash(document.contents)))
                }
            }
            let summary = PortfolioOverview.Entry(
                account, metrics: internalModel.metrics, triggered: internalModel.triggered, folder: folder,
                documents: files.filter { $0.path.hasSuffix(".md") }.map { ($0.document, $0.path) })
            let snapshot = MonthSnapshot(account, metrics: internalModel.metrics)
            let entry = ManifestEntry(
                id: account.profile.id, name: account.profile.name, input: input, files: files, overview: summary,
                snapshot: snapshot)
            return .written(
                Written(entry: summary, snapshot: snapshot, manifestLine: entry.json(), filesWritten: files.count, unchanged: false))
        } catch {
            return .failed(record.location, [Diagnostic(.error, "\(error)", file: record.location)])
        }
    }

    /// The names in `folder`, none when it is missing or unreadable: read with `readdir`, since a new month's
    /// account folder does not exist yet and Foundation builds an error to say so (1% of a batch).
    static func names(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    // MARK: Shards and hashes

    /// What every account's documents depend on besides the account: qbr itself, the run date, the formats,
    /// the templates, the playbooks and the whole team config. Encoded from one value, so a setting added to
    /// `qbr.yaml` is part of it without anyone having to list it here.
    struct RunConfiguration: Encodable {
        let qbr: String
        let asOf: String
        let formats: [String]
        /// `--notes`; absent (not false) without it, so runs before the option existed keep their fingerprint.
        let notes: Bool?
        let templates: String
        let playbooks: String
        let config: TeamConfig
        /// With `pptx`, the hash of the team's PowerPoint template: a new master re-renders every deck. Absent
        /// otherwise, so runs without PowerPoint keep their fingerprint.
        let powerPointTemplate: String?
    }

    /// The fingerprint of the run's ``RunConfiguration``.
    func fingerprint() -> String {
        let configuration = RunConfiguration(
            qbr: QBRVersion.current, asOf: options.asOf.description,
            formats: options.formats.map(\.rawValue).sorted(), notes: options.notes ? true : nil,
            templates: renderer.templates.sourceText,
            playbooks: renderer.playbooks?.sourceText ?? "", config: renderer.config,
            powerPointTemplate: options.formats.contains(.pptx)
                ? renderer.config.pptxTemplate.map { path in
                    FileManager.default.contents(atPath: path).map { Self.hash(bytes: [UInt8]($0)) } ?? "missing"
                } : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Every part is plain data; should encoding ever fail, no fingerprint matches and everything is rendered.
        guard let data = try? encoder.encode(configuration) else { return UUID().uuidString }
        return Self.hash(String(decoding: data, as: UTF8.self))
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
        Int(FNV1a.hash(id) % UInt64(max(count, 1))) + 1
    }

    /// ``hash(_:)`` of a binary file's bytes.
    static func hash(bytes: [UInt8]) -> String {
        FNV1a.hex(bytes.withUnsafeBufferPointer(FNV1a.hash))
    }

    /// The FNV-1a 64 of a text as the manifest writes it: 16 hex digits.
    static func hash(_ text: String) -> String {
        FNV1a.hex(FNV1a.hash(text))
    }
}

/// Results written from many threads, each to its own slot; `claim` hands out the next slot to fill.
private final class ResultBox: @unchecked Sendable {
    private var slots: [BatchRun.AccountResult?]
    private var next = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func set(_ index: Int, _ value: BatchRun.AccountResult) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [BatchRun.AccountResult] { slots.compactMap { $0 } }
}

/// Reads a portfolio on its own thread, one chunk ahead of the caller, so reading and parsing overlap rendering.
private final class ChunkReader: @unchecked Sendable {
    struct Chunk {
        var records: [PortfolioRecord] = []
        var warnings: [Diagnostic] = []
        var skippedByShard = 0
    }

    private let condition = NSCondition()
    private var ready: [Chunk] = []
    private var done = false
    /// Why the source could not be read, once `next` returned nil.
    private(set) var error: AccountLoadError?

    init(source: String, query: String?, tabular: TabularOptions, size: Int, shard: (k: Int, n: Int)?) {
        let thread = Thread { [self] in
            var chunk = Chunk()
            // Reading time is the time between records, not the time spent waiting for the renderers.
            var mark = DispatchTime.now().uptimeNanoseconds
            do {
                try PortfolioSource.forEach(source, query: query, tabular: tabular, warning: { chunk.warnings.append($0) }) { record in
                    RenderTimings.add(since: mark, to: .read)
                    defer { mark = DispatchTime.now().uptimeNanoseconds }
                    // A record without an id is reported by the first shard only.
                    if let shard, record.id.map({ BatchRun.shard(of: $0, count: shard.n) }) ?? 1 != shard.k {
                        chunk.skippedByShard += 1
                        return
                    }
                    chunk.records.append(record)
                    if chunk.records.count >= size {
                        put(chunk)
                        chunk = Chunk()
                    }
                }
            } catch {
                self.error = error as? AccountLoadError ?? AccountLoadError(.invalid, [Diagnostic(.error, "\(error)", file: source)])
            }
            put(chunk)
            condition.lock()
            done = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Hands a chunk over, waiting while one is already waiting (memory stays at two chunks).
    private func put(_ chunk: Chunk) {
        condition.lock()
        while ready.count >= 1 { condition.wait() }
        ready.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, or nil when the source is exhausted.
    func next() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !done { condition.wait() }
        guard !ready.isEmpty else { return nil }
        let chunk = ready.removeFirst()
        condition.broadcast()
        return chunk
    }
}

/// One chunk rendering on other threads while the caller merges the chunk before it.
private final class ChunkRendering: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    // Written once by the rendering thread before `finished` is signalled, read only after waiting for it.
    private var results: [BatchRun.AccountResult] = []

    init(_ render: @escaping @Sendable () -> [BatchRun.AccountResult]) {
        DispatchQueue.global().async {
            self.results = render()
            self.finished.signal()
        }
    }

    /// The results, once the rendering has finished; may be asked again.
    func wait() -> [BatchRun.AccountResult] {
        finished.wait()
        defer { finished.signal() }
        return results
    }
}
