import Foundation
import QBRCore
import QBRLoad
import Yams

/// One record of a portfolio: an account, or why it could not be read, with where it came from.
///
/// A CSV or SQLite row is kept as its cells and validated only when `result` is asked for, so a batch can
/// validate rows on all cores, and skip an unchanged row without validating it at all.
public struct PortfolioRecord: Sendable {
    /// Where the record is: `accounts/nw.yaml`, `portfolio.json[3]`, `export.csv row 12`.
    public let location: String
    /// The account id as the record spells it, before validation (nil when it has none): shards, output
    /// folders and re-runs go by it.
    public let id: String?
    /// The account's name as the record spells it, before validation (nil when it has none), so a record that
    /// fails is named even when the account never had a good run.
    public let name: String?
    /// A hash of a row's cells as read, its import settings and its related items (nil for YAML and JSON
    /// records, whose account is hashed once loaded).
    public let fingerprint: String?
    private let content: Content
    private let hash: UInt64

    private enum Content: Sendable {
        case loaded(Result<LoadedAccount, AccountLoadError>)
        case row(RowCells, related: [RowCells])
        /// An item of a YAML/JSON list, validated when `result` is asked for (on a worker, not the reader).
        case node(ParsedNode)
    }

    /// A record already read; `source` is a hash of its text as read (nil: the account is hashed once loaded).
    public init(location: String, result: Result<LoadedAccount, AccountLoadError>, source: UInt64? = nil) {
        self.location = location
        id = try? result.get().account.profile.id
        name = try? result.get().account.profile.name
        fingerprint = source.map { hash in
            let hex = String(hash, radix: 16)
            return "s" + String(repeating: "0", count: 16 - hex.count) + hex
        }
        content = .loaded(result)
        hash = 0
    }

    /// An item of a list file, validated when `result` is asked for; `source` hashes its text as read.
    init(location: String, node: Node, source: UInt64) {
        self.location = location
        id = Self.account(node, "id")
        name = Self.account(node, "name")
        let hex = String(source, radix: 16)
        fingerprint = "s" + String(repeating: "0", count: 16 - hex.count) + hex
        content = .node(ParsedNode(node))
        hash = 0
    }

    /// `account.<key>` as written (`id`, `name`), when the node has it as text: shards and folders go by the
    /// id before validation, and a failure names the account by both.
    private static func account(_ node: Node, _ key: String) -> String? {
        guard case .mapping(let root) = node, case .mapping(let account)? = value(of: "account", in: root),
            case .scalar(let value)? = value(of: key, in: account), !isNull(.scalar(value))
        else { return nil }
        return value.string
    }

    /// The first value under the key spelled `key`. Yams's `mapping[key]` compares whole nodes, which resolves
    /// each key's tag with a regular expression: that was a tenth of reading a JSON list.
    private static func value(of key: String, in mapping: Node.Mapping) -> Node? {
        mapping.first { $0.key.scalar?.string == key }?.value
    }

    /// A row of cells, validated when `result` is asked for.
    init(row: RowCells) {
        var hash = FNV1a.offsetBasis
        Self.mix(row, into: &hash)
        if !row.layout.settings.isEmpty {
            // The same cells mean something else under another date format or decimal mark.
            FNV1a.mix("\(row.layout.settings.dateFormat?.rawValue ?? "")|\(row.layout.settings.decimal)".utf8, into: &hash)
        }
        self.init(
            location: row.location, id: row.text(at: "account.id"), name: row.text(at: "account.name"),
            content: .row(row, related: []), hash: hash)
    }

    private init(location: String, id: String?, name: String?, content: Content, hash: UInt64) {
        self.location = location
        self.id = id
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
        self.content = content
        self.hash = hash
        let hex = String(hash, radix: 16)
        fingerprint = "r" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func mix(_ row: RowCells, into hash: inout UInt64) {
        for cell in row.cells {
            FNV1a.mix(row.layout.columns[cell.column].target.dotted.utf8 + [0x1F] + cell.text.utf8 + [0x1E], into: &hash)
        }
    }

    /// The record with the items of its related lists.
    func with(related items: [RowCells]) -> PortfolioRecord {
        guard case .row(let row, _) = content, !items.isEmpty else { return self }
        var hash = self.hash
        for item in items {
            FNV1a.mix([UInt8(0x1D)] + (item.layout.relatedList ?? "").utf8, into: &hash)
            Self.mix(item, into: &hash)
        }
        return PortfolioRecord(location: location, id: id, name: name, content: .row(row, related: items), hash: hash)
    }

    /// The account and its warnings, or every problem found in the record. A row is validated on each call.
    public var result: Result<LoadedAccount, AccountLoadError> {
        switch content {
        case .loaded(let result): return result
        case .row(let row, let related): return RowRecord.load(row, related: related)
        case .node(let parsed):
            do { return .success(try AccountLoader.load(node: parsed.node, name: location)) } catch { return .failure(error) }
        }
    }
}

extension PortfolioSource {
    /// A JSON list read an item at a time (`FastJSON.forEachItem`): the workers start on the first accounts
    /// while the rest is read, and the list is never held whole. False when the file is not a JSON list that
    /// reader is sure of; the caller then reads it the usual way.
    static func streamedJSON(_ data: Data, path: String, _ body: (PortfolioRecord) throws -> Void) throws -> Bool {
        var failure: Error?
        var index = 0
        let streamed = data.withUnsafeBytes { raw -> Bool in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            return FastJSON.forEachItem(bytes, limits: .portfolio) { item, range in
                guard failure == nil else { return }
                let record = PortfolioRecord(
                    location: "\(path)[\(index)]", node: item,
                    source: SourceHash.of(UnsafeBufferPointer(rebasing: bytes[range])))
                index += 1
                do { try body(record) } catch { failure = error }
            }
        }
        if let failure { throw failure }
        if streamed && index == 0 {
            throw AccountLoadError(.empty, [Diagnostic(.error, "holds no accounts: the list is empty", file: path)])
        }
        return streamed
    }
}

/// A parsed item handed from the reader thread to a worker. Yams's `Node` is not `Sendable` because its tags
/// are classes; the tree is complete before it is handed over and nobody changes it after, so reading it on
/// another thread is safe.
final class ParsedNode: @unchecked Sendable {
    let node: Node
    init(_ node: Node) { self.node = node }
}

/// How a tabular source (CSV or SQLite) is read: the team's `import:` settings and the related files.
public struct TabularOptions: Sendable {
    /// `import:` of `qbr.yaml`.
    public var settings: ImportSettings
    /// CSV files of related lists (`--related outcomes.csv`), one item a row with its account's id.
    public var related: [String]

    /// Creates options; the defaults read a file written for qbr.
    public init(settings: ImportSettings = ImportSettings(), related: [String] = []) {
        self.settings = settings
        self.related = related
    }
}

/// What a source held besides its records, for a summary line.
public struct SourceSummary: Sendable {
    /// Headers of the columns that were not read.
    public var unknownColumns: [String] = []
    /// Columns read through `import.columns`.
    public var mappedColumns = 0
    /// Items read from related files and tables.
    public var relatedItems = 0
    /// The related files and tables read.
    public var relatedSources: [String] = []
}

/// The accounts of a portfolio, read one record at a time: a YAML/JSON file holding a list of accounts (or one),
/// a folder of account files, a CSV export with the flat columns of the account schema, or a SQLite table or query
/// with the same column names.
public enum PortfolioSource {
    /// Calls `body` with each record of the portfolio at `path`, in order; throws only when the source itself
    /// cannot be opened (a bad record is a failed `PortfolioRecord`, and reading goes on).
    @discardableResult
    public static func forEach(
        _ path: String, query: String? = nil, tabular: TabularOptions = TabularOptions(),
        warning: (Diagnostic) -> Void = { _ in }, _ body: (PortfolioRecord) throws -> Void
    ) throws(AccountLoadError) -> SourceSummary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AccountLoadError(.unreadable, [Diagnostic(.error, "no such file or folder", file: path)])
        }
        // An id given twice is the same account twice (an export joined wrongly): the first is kept, each
        // later one reported as a failed record, so neither a folder nor a history row is silently shared. Kept
        // per id: a 64-bit hash and where the record is after the source's path (" row 12", "[3]"), which Swift
        // stores inline, about 30 bytes an account (a 200 MB export of 340,000 accounts: 11 MB).
        var seen: [UInt64: String] = [:]
        var summary = SourceSummary()
        let isSQLite = [".sqlite", ".sqlite3", ".db"].contains(where: { path.lowercased().hasSuffix($0) }) || query != nil
        let isCSV = !isSQLite && path.lowercased().hasSuffix(".csv")
        if !tabular.related.isEmpty && (isDirectory.boolValue || !(isSQLite || isCSV)) {
            throw AccountLoadError(
                .invalid,
                [Diagnostic(
                    .error, "--related adds items to the rows of a CSV or SQLite source; a YAML or JSON account holds its lists itself",
                    file: path)])
        }
        // Related files are read whole first: one that cannot be read stops the run before any account is.
        let related: RelatedLists
        do {
            related = try RelatedLists(files: tabular.related, settings: tabular.settings, warning: warning)
        } catch let error as AccountLoadError {
            throw error
        } catch {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "\(error)", file: tabular.related.first ?? path)])
        }
        let layout: (RowLayout) -> Void = { layout in
            summary.unknownColumns += layout.unknown
            summary.mappedColumns += layout.columns.filter(\.mapped).count
        }
        let unique: (PortfolioRecord) throws -> Void = { record in
            guard let id = record.id, !id.isEmpty else { return try body(record) }
            let hash = FNV1a.hash(id)
            if let first = seen[hash] {
                let message =
                    "account.id \"\(shortened(id))\" is also the id of \(first.hasPrefix(path) ? first : path + first): an account may appear once in a "
                    + "portfolio; this record is skipped"
                return try body(
                    PortfolioRecord(
                        location: record.location,
                        result: .failure(AccountLoadError(.invalid, [Diagnostic(.error, message, file: record.location)]))))
            }
            seen[hash] = record.location.hasPrefix(path) ? String(record.location.dropFirst(path.count)) : record.location
            try body(record.with(related: related.claim(id)))
        }
        do {
            if isDirectory.boolValue {
                try folder(path, unique)
            } else if isSQLite {
                try SQLitePortfolio.read(
                    path, query: query, settings: tabular.settings, related: related, warning: warning, layout: layout, unique)
            } else if isCSV {
                try CSVPortfolio.read(path, settings: tabular.settings, warning: warning, layout: layout, unique)
            } else {
                try list(path, unique)
            }
            for failure in related.failures + related.unclaimed(source: path) { try body(failure) }
            summary.relatedItems = related.count
            summary.relatedSources = related.sources
            return summary
        } catch let error as AccountLoadError {
            throw error
        } catch {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "\(error)", file: path)])
        }
    }

    /// Reads the related files alone and throws what `forEach` would: a caller checks them before it creates
    /// its output folder, so a related file that cannot be read leaves nothing behind.
    public static func checkRelated(_ tabular: TabularOptions) throws(AccountLoadError) {
        guard !tabular.related.isEmpty else { return }
        do {
            _ = try RelatedLists(files: tabular.related, settings: tabular.settings, warning: { _ in })
        } catch let error as AccountLoadError {
            throw error
        } catch {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "\(error)", file: tabular.related.first)])
        }
    }

    /// How many records the source holds, when that is cheap to know (a folder's files, a CSV's lines), for
    /// the progress line's ETA; nil otherwise.
    public static func estimatedCount(_ path: String) -> Int? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            return (try? FileManager.default.contentsOfDirectory(atPath: path))?.filter { name in
                [".yaml", ".yml", ".json"].contains { name.lowercased().hasSuffix($0) }
            }.count
        }
        guard path.lowercased().hasSuffix(".csv"), let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var lines = 0
        while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty {
            lines += data.withUnsafeBytes { bytes in bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
        }
        return max(0, lines - 1)
    }

    /// Every `*.yaml`, `*.yml` and `*.json` file of a folder, sorted by name, each one account.
    private static func folder(_ path: String, _ body: (PortfolioRecord) throws -> Void) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted().filter { name in
            [".yaml", ".yml", ".json"].contains(where: { name.lowercased().hasSuffix($0) })
        }
        if names.isEmpty {
            throw AccountLoadError(
                .empty, [Diagnostic(.error, "holds no account files (*.yaml, *.yml, *.json)", file: path)])
        }
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            let result: Result<LoadedAccount, AccountLoadError>
            var source: UInt64?
            do {
                let data = try InputFile.read(file, limit: InputLimits.maxAccountFileBytes, what: "an account file")
                source = SourceHash.of(data)
                result = .success(try AccountLoader.load(data: data, name: file))
            } catch {
                result = .failure(error)
            }
            try body(PortfolioRecord(location: file, result: result, source: source))
        }
    }

    /// A YAML or JSON file: a list of accounts, or one account.
    /// The file is parsed as one document, so it is held to `InputLimits.maxPortfolioFileBytes` and, on the
    /// parser's events before any node is built, to `InputLimits.maxPortfolioValues` (each account to
    /// `maxAccountValues`).
    private static func list(_ path: String, _ body: (PortfolioRecord) throws -> Void) throws {
        let data = try InputFile.read(path, limit: InputLimits.maxPortfolioFileBytes, what: "a YAML/JSON portfolio file")
        if try streamedJSON(data, path: path, body) { return }
        guard let root = try AccountLoader.parse(data, name: path, limits: .portfolio) else {
            throw AccountLoadError(.empty, [Diagnostic(.error, "holds no accounts: expected a list of accounts", file: path)])
        }
        if case .sequence(let items) = root, items.isEmpty {
            throw AccountLoadError(.empty, [Diagnostic(.error, "holds no accounts: the list is empty", file: path)])
        }
        guard case .sequence(let items) = root else {
            let result: Result<LoadedAccount, AccountLoadError>
            do { result = .success(try AccountLoader.load(node: root, name: path)) } catch { result = .failure(error) }
            try body(PortfolioRecord(location: path, result: result))
            return
        }
        for (index, item) in items.enumerated() {
            try body(PortfolioRecord(location: "\(path)[\(index)]", node: item, source: SourceHash.of(item)))
        }
    }
}

/// FNV-1a 64 of an account's text as read, for re-runs: hashing what was read costs a few microseconds, where
/// encoding the loaded account again cost a fifth of a millisecond.
enum SourceHash {
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        FNV1a.hash(bytes)
    }

    static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { of($0.bindMemory(to: UInt8.self)) }
    }

    /// A node tree's scalars, keys and structure: the same account written with other spacing or key order
    /// inside a mapping is a different text, and hashes differently, which only costs one render.
    static func of(_ node: Node) -> UInt64 {
        var hash = FNV1a.offsetBasis
        func mix(_ byte: UInt8) { FNV1a.mix(byte, into: &hash) }
        func walk(_ node: Node) {
            switch node {
            case .scalar(let scalar):
                mix(0x01)
                // Quoted "12" and plain 12 read differently (text and number).
                mix(scalar.style == .plain ? 0x70 : 0x71)
                for byte in scalar.string.utf8 { mix(byte) }
            case .mapping(let mapping):
                mix(0x02)
                for (key, value) in mapping {
                    walk(key)
                    walk(value)
                }
                mix(0x03)
            case .sequence(let sequence):
                mix(0x04)
                for item in sequence { walk(item) }
                mix(0x05)
            case .alias:
                mix(0x06)
            }
        }
        walk(node)
        return hash
    }
}
