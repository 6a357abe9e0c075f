import Foundation
import QBRCore
import QBRLoad
import Yams

/// One record of a portfolio: an account, or why it could not be read, with where it came from.
///
/// A CSV or SQLite row is kept as its cells and validated only when `result` is asked for, so a batch can
/// validate rows on all cores, and skip an unchanged row without validating it at all.
public struct PortfolioRecord: Sendable {
    /// One non-empty cell of a row: its column's dotted path and its text.
    struct Cell: Sendable {
        let path: [String]
        let text: String
    }

    /// Where the record is: `accounts/nw.yaml`, `portfolio.json[3]`, `export.csv row 12`.
    public let location: String
    /// The account id as the record spells it, before validation (nil when it has none): shards, output
    /// folders and re-runs go by it.
    public let id: String?
    /// A hash of a row's cells as read (nil for YAML and JSON records, whose account is hashed once loaded).
    public let fingerprint: String?
    private let load: @Sendable () -> Result<LoadedAccount, AccountLoadError>

    /// A record already read.
    public init(location: String, result: Result<LoadedAccount, AccountLoadError>) {
        self.location = location
        id = try? result.get().account.profile.id
        fingerprint = nil
        load = { result }
    }

    /// A row of cells, validated when `result` is asked for.
    init(location: String, cells: [Cell]) {
        self.location = location
        id = cells.first { $0.path == ["account", "id"] }?.text.trimmingCharacters(in: .whitespaces)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for cell in cells {
            for byte in cell.path.joined(separator: ".").utf8 + [0x1F] + cell.text.utf8 + [0x1E] {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        fingerprint = "r" + String(repeating: "0", count: 16 - hex.count) + hex
        load = {
            var tree: [String: Any] = [:]
            for cell in cells { CSVPortfolio.insert(cell.text, at: cell.path[...], into: &tree) }
            do {
                return .success(
                    try AccountLoader.load(node: CSVPortfolio.node(tree, location: location), name: location, cellMarks: true))
            } catch let error as AccountLoadError {
                return .failure(error)
            } catch {
                return .failure(AccountLoadError(.invalid, [Diagnostic(.error, "\(error)", file: location)]))
            }
        }
    }

    /// The account and its warnings, or every problem found in the record. A row is validated on each call.
    public var result: Result<LoadedAccount, AccountLoadError> { load() }
}

/// The accounts of a portfolio, read one record at a time: a YAML/JSON file holding a list of accounts (or one),
/// a folder of account files, a CSV export with the flat columns of DESIGN.md §1.2, or a SQLite table or query
/// with the same column names.
public enum PortfolioSource {
    /// Calls `body` with each record of the portfolio at `path`, in order; throws only when the source itself
    /// cannot be opened (a bad record is a failed `PortfolioRecord`, and reading goes on).
    public static func forEach(
        _ path: String, query: String? = nil, warning: (Diagnostic) -> Void = { _ in },
        _ body: (PortfolioRecord) throws -> Void
    ) throws(AccountLoadError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AccountLoadError(.unreadable, [Diagnostic(.error, "no such file or folder", file: path)])
        }
        // An id given twice is the same account twice (an export joined wrongly): the first is kept, each
        // later one reported as a failed record, so neither a folder nor a history row is silently shared. Kept
        // per id: a 64-bit hash and where the record is after the source's path (" row 12", "[3]"), which Swift
        // stores inline, about 30 bytes an account (a 200 MB export of 340,000 accounts: 11 MB).
        var seen: [UInt64: String] = [:]
        let unique: (PortfolioRecord) throws -> Void = { record in
            guard let id = record.id, !id.isEmpty else { return try body(record) }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in id.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
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
            try body(record)
        }
        do {
            if isDirectory.boolValue {
                try folder(path, unique)
            } else if [".sqlite", ".sqlite3", ".db"].contains(where: { path.lowercased().hasSuffix($0) }) || query != nil {
                try SQLitePortfolio.read(path, query: query, warning: warning, unique)
            } else if path.lowercased().hasSuffix(".csv") {
                try CSVPortfolio.read(path, warning: warning, unique)
            } else {
                try list(path, unique)
            }
        } catch let error as AccountLoadError {
            throw error
        } catch {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "\(error)", file: path)])
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
                .invalid, [Diagnostic(.error, "holds no account files (*.yaml, *.yml, *.json)", file: path)])
        }
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            let result: Result<LoadedAccount, AccountLoadError>
            do {
                result = .success(try AccountLoader.load(path: file))
            } catch {
                result = .failure(error)
            }
            try body(PortfolioRecord(location: file, result: result))
        }
    }

    /// A YAML or JSON file: a list of accounts, or one account.
    /// The file is parsed as one document, so it is held to `InputLimits.maxPortfolioFileBytes` and, on the
    /// parser's events before any node is built, to `InputLimits.maxPortfolioValues` (each account to
    /// `maxAccountValues`).
    private static func list(_ path: String, _ body: (PortfolioRecord) throws -> Void) throws {
        let data = try InputFile.read(path, limit: InputLimits.maxPortfolioFileBytes, what: "a YAML/JSON portfolio file")
        guard let root = try AccountLoader.parse(data, name: path, limits: .portfolio) else {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "holds no accounts: expected a list of accounts", file: path)])
        }
        if case .sequence(let items) = root, items.isEmpty {
            throw AccountLoadError(.invalid, [Diagnostic(.error, "holds no accounts: the list is empty", file: path)])
        }
        guard case .sequence(let items) = root else {
            let result: Result<LoadedAccount, AccountLoadError>
            do { result = .success(try AccountLoader.load(node: root, name: path)) } catch { result = .failure(error) }
            try body(PortfolioRecord(location: path, result: result))
            return
        }
        for (index, item) in items.enumerated() {
            let location = "\(path)[\(index)]"
            let result: Result<LoadedAccount, AccountLoadError>
            do { result = .success(try AccountLoader.load(node: item, name: location)) } catch { result = .failure(error) }
            try body(PortfolioRecord(location: location, result: result))
        }
    }
}
