import Foundation
import QBRCore
import QBRRender

/// One account's files in `manifest.json`.
struct ManifestEntry {
    struct File {
        let document: String
        let path: String
        let fnv1a64: String
    }

    let id: String
    let name: String
    /// Hash of the account's input, to skip it on a re-run when nothing changed.
    let input: String
    let files: [File]
    /// What the portfolio overview keeps of the account, so `qbr index` can rebuild it from manifests.
    var overview: PortfolioOverview.Entry?
    /// The month's key metrics, so an unchanged account's history is recorded without reading it again.
    var snapshot: MonthSnapshot?
    /// The line this entry was read from, when it was read from a manifest.
    var line: String?

    /// The folder under `accounts/` the files are in.
    var folder: String? {
        files.first.flatMap { ($0.path as NSString).pathComponents.dropFirst().first }
    }

    /// The entry as one line of JSON, keys sorted.
    func json() -> String {
        var text = "{\"files\":["
        for (index, file) in files.enumerated() {
            if index > 0 { text += "," }
            text += "{\"document\":\(Manifest.quoted(file.document)),\"fnv1a64\":\(Manifest.quoted(file.fnv1a64))"
            text += ",\"path\":\(Manifest.quoted(file.path))}"
        }
        text += "],\"id\":\(Manifest.quoted(id)),\"input\":\(Manifest.quoted(input)),\"name\":\(Manifest.quoted(name))"
        if let overview { text += ",\"overview\":" + overview.json }
        if let snapshot {
            // Decimals as text, exact like the history's.
            var fields = [("month", Manifest.quoted(snapshot.month))]
            if let arr = snapshot.arr { fields.append(("arr", Manifest.quoted(Format.exact(arr)))) }
            if let health = snapshot.health { fields.append(("health", Manifest.quoted(Format.exact(health)))) }
            if let mau = snapshot.monthlyActiveUsers { fields.append(("mau", "\(mau)")) }
            if let nrr = snapshot.nrr { fields.append(("nrr", Manifest.quoted(Format.exact(nrr)))) }
            text += ",\"snapshot\":{" + fields.sorted { $0.0 < $1.0 }.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
        return text + "}"
    }
}

/// What the previous run in the output folder wrote, from its `manifest.json`: where each account's line is,
/// and its input hash, so a re-run reads back only the lines of the accounts it skips. Memory is a few dozen
/// bytes per account whatever the manifest's size.
final class PreviousRun: @unchecked Sendable {
    /// One account's line.
    struct Line {
        let input: String
        let folder: String?
        let offset: Int
        let length: Int
    }

    /// The previous run's fingerprint (templates, playbooks, date, formats, qbr).
    let run: String
    private let lines: [String: Line]
    private let descriptor: Int32

    /// Reads the manifest in `folder`; nil when there is none, or it is not one this version of qbr writes.
    init?(folder: String) {
        let path = (folder as NSString).appendingPathComponent("manifest.json")
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        var lines: [String: Line] = [:]
        var run: String?
        var pending: [UInt8] = []
        var offset = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        func take(_ line: ArraySlice<UInt8>, at start: Int) {
            if line.starts(with: Array(#"{"files":["#.utf8)), let id = Self.string(after: "],\"id\":\"", in: line),
                let input = Self.string(after: ",\"input\":\"", in: line)
            {
                // Lines but the last end with the comma between accounts.
                lines[id] = Line(
                    input: input, folder: Self.folder(in: line), offset: start, length: line.count - (line.last == 0x2C ? 1 : 0))
            } else if line.starts(with: Array(#"{"errors":["#.utf8)), let id = Self.string(after: "],\"id\":\"", in: line),
                let marker = Self.position(of: #","rendered_before":{"files":["#, in: line)
            {
                // A failed account carries its last good run's line: its documents are still there, and
                // the next run keeps its folder and can name it.
                let from = marker + #","rendered_before":"#.utf8.count
                let end = line.endIndex - (line.last == 0x2C ? 1 : 0) - 1
                let inner = line[from..<end]
                if end > from, let input = Self.string(after: ",\"input\":\"", in: inner) {
                    lines[id] = Line(
                        input: input, folder: Self.folder(in: inner), offset: start + (from - line.startIndex), length: inner.count)
                }
            } else if line.starts(with: Array("\"run\":\"".utf8)) {
                run = Self.string(after: "\"run\":\"", in: line)
            }
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var start = 0
            for index in 0..<count where buffer[index] == 0x0A {
                pending += buffer[start..<index]
                take(pending[...], at: offset + start - (pending.count - (index - start)))
                pending.removeAll(keepingCapacity: true)
                start = index + 1
            }
            pending += buffer[start..<count]
            offset += count
        }
        guard let run else {
            close(descriptor)
            return nil
        }
        self.run = run
        self.lines = lines
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The folder under `accounts/` the previous run gave `id`.
    func folder(of id: String) -> String? { lines[id]?.folder }

    /// The previous run's entry for `id` when its input hash is `input` (any input when nil) — for an account
    /// that failed then, the entry of its last good run.
    /// The entry keeps the line as read (`line`), which a re-run writes again as it is.
    func entry(id: String, input: String?) -> ManifestEntry? {
        guard let line = lines[id], input == nil || line.input == input else { return nil }
        var bytes = [UInt8](repeating: 0, count: line.length)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, line.length, off_t(line.offset)) }
        guard count == line.length, let stored = try? JSONDecoder().decode(StoredEntry.self, from: Data(bytes)) else {
            return nil
        }
        return ManifestEntry(
            id: stored.id, name: stored.name, input: stored.input,
            files: stored.files.map { .init(document: $0.document, path: $0.path, fnv1a64: $0.fnv1a64) },
            overview: stored.overview,
            snapshot: stored.snapshot.map {
                MonthSnapshot(
                    month: $0.month, health: $0.health.flatMap { Decimal(string: $0) }, nrr: $0.nrr.flatMap { Decimal(string: $0) },
                    arr: $0.arr.flatMap { Decimal(string: $0) }, monthlyActiveUsers: $0.mau)
            }, line: String(decoding: bytes, as: UTF8.self))
    }

    /// An account's line as `ManifestEntry.json()` writes it.
    private struct StoredEntry: Decodable {
        struct File: Decodable { let document, path, fnv1a64: String }
        struct Snapshot: Decodable {
            let month: String
            let arr, health, nrr: String?
            let mau: Int?
        }
        let files: [File]
        let id, name, input: String
        let overview: PortfolioOverview.Entry?
        let snapshot: Snapshot?
    }

    /// The folder under `accounts/` of a line's first file — also when its path leads to an earlier month's
    /// folder (`../2026-10/accounts/A/qbr.md`, a failed account's last good run), so the account keeps it.
    static func folder(in line: ArraySlice<UInt8>) -> String? {
        guard let path = string(after: "\"path\":\"", in: line) else { return nil }
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count > 2, parts[0] == "..", MonthFolders.isMonth(String(parts[1])) { parts.removeFirst(2) }
        guard parts.count > 2, parts[0] == "accounts", !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }

    /// Where `marker` starts in `line`.
    static func position(of marker: String, in line: ArraySlice<UInt8>) -> Int? {
        let needle = Array(marker.utf8)
        guard needle.count <= line.count else { return nil }
        var index = line.startIndex
        while index + needle.count <= line.endIndex {
            if line[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The JSON string that starts right after `marker` in `line`, unescaped.
    static func string(after marker: String, in line: ArraySlice<UInt8>) -> String? {
        let needle = Array(marker.utf8)
        guard needle.count <= line.count else { return nil }
        var index = line.startIndex
        while index + needle.count <= line.endIndex {
            if line[index..<index + needle.count].elementsEqual(needle) { break }
            index += 1
        }
        guard index + needle.count <= line.endIndex else { return nil }
        let start = index + needle.count
        var position = start
        var escaped = false
        while position < line.endIndex, line[position] != 0x22 {
            if line[position] == 0x5C {
                escaped = true
                position += 1
            }
            position += 1
        }
        guard position < line.endIndex else { return nil }
        guard escaped else { return String(decoding: line[start..<position], as: UTF8.self) }
        // The rare escaped id: a JSON decoder reads the literal.
        return try? JSONDecoder().decode(String.self, from: Data(line[(start - 1)...position]))
    }
}

/// `manifest.json`: every file written with its account, document and content hash, and every account that
/// failed with its errors — what a job runner checks, and what `qbr index` merges across shards.
///
/// Written as the run goes, one account per line, into a hidden temporary file that is renamed into place
/// when the run ends: a portfolio of any size costs no memory here, and a killed run leaves the previous
/// manifest intact.
final class Manifest {
    private let path: String
    private let temporary: String
    private let handle: FileHandle
    private var buffer = ""
    private var accounts = 0

    /// Starts `manifest.json` in `folder`.
    init(folder: String) throws {
        path = (folder as NSString).appendingPathComponent("manifest.json")
        temporary = (folder as NSString).appendingPathComponent(".manifest.json.\(UUID().uuidString).tmp")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary]) }
        self.handle = handle
        buffer = "{\n\"accounts\":["
    }

    /// Appends one account (a line of JSON from `ManifestEntry.json()`).
    func append(_ line: String) throws {
        buffer += (accounts == 0 ? "\n" : ",\n") + line
        accounts += 1
        if buffer.utf8.count > 1 << 16 { try flush() }
    }

    /// Writes the failures and the run's facts, and renames the manifest into place.
    ///
    /// A failure names the account id and name when they could be read, beside its record, and carries the
    /// line of the account's last good run (`rendered_before`): its documents are kept, and the next run finds them.
    func finish(
        failures: [BatchRun.Failure], asOf: Day, shard: (k: Int, n: Int)?, run: String, history: String? = nil
    ) throws {
        try finish(failureLines: failures.map(Self.failureLine), asOf: asOf, shard: shard, run: run, history: history)
    }

    /// Writes failure lines as given (`qbr index` copies the shards'), the run's facts, and renames the manifest
    /// into place. `history` is the history file, relative to the manifest's folder when inside it; `mergedFrom`
    /// the runs a merged manifest was built from.
    func finish(
        failureLines: [String], asOf: Day, shard: (k: Int, n: Int)?, run: String, history: String? = nil,
        mergedFrom: [String]? = nil
    ) throws {
        buffer += "\n],\n\"as_of\":\(Self.quoted(asOf.description)),\n\"failures\":["
        for (index, line) in failureLines.enumerated() {
            buffer += index == 0 ? "\n" : ",\n"
            buffer += line
            if buffer.utf8.count > 1 << 16 { try flush() }
        }
        buffer += "\n],\n\"generator\":\(Self.quoted("qbr \(QBRVersion.current)"))"
        if let history { buffer += ",\n\"history\":\(Self.quoted(history))" }
        if let mergedFrom { buffer += ",\n\"merged_from\":[" + mergedFrom.map(Self.quoted).joined(separator: ",") + "]" }
        buffer += ",\n\"run\":\(Self.quoted(run))"
        if let shard { buffer += ",\n\"shard\":{\"k\":\(shard.k),\"n\":\(shard.n)}" }
        buffer += "\n}\n"
        try flush()
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// One failure as a line of JSON, keys sorted.
    static func failureLine(_ failure: BatchRun.Failure) -> String {
        var text = "{\"errors\":[" + failure.diagnostics.map { quoted($0.description) }.joined(separator: ",") + "]"
        if let id = failure.id { text += ",\"id\":\(quoted(id))" }
        if let name = failure.name { text += ",\"name\":\(quoted(name))" }
        text += ",\"record\":\(quoted(failure.location))"
        if let before = failure.lastGood { text += ",\"rendered_before\":" + (before.line ?? before.json()) }
        return text + "}"
    }

    /// Removes the unfinished manifest (a run that stopped on an error keeps the previous one).
    func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }

    private func flush() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    /// `text` as a JSON string literal, escaped as `JSONEncoder` escapes it.
    static func quoted(_ text: String) -> String {
        // Most names and paths need no escape: one scan, no rebuilding.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
