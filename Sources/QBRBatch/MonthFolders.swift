import Foundation
import QBRCore
import QBRRender

/// The layout of an output folder: each run's documents, overview and manifest in a folder of its `--as-of`
/// month (`OUT/2026-11/`), the history shared by every month at the top (`OUT/history.sqlite`), and a small
/// `OUT/index.md` (`.html`) linking to the latest month's overview.
///
/// The pointer is a plain file, not a symlink: symlinks need privileges on Windows and are lost by zip files
/// and file-sync services, and a Markdown or HTML page opens anywhere.
public enum MonthFolders {
    /// The folder name of `day`'s month: `2026-11`.
    public static func name(of day: Day) -> String { MonthSnapshot.month(of: day) }

    /// True for a month folder's name: `YYYY-MM` with a month 01–12.
    public static func isMonth(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
            bytes.enumerated().allSatisfy({ $0.offset == 4 || (0x30...0x39).contains($0.element) }),
            let month = Int(name.suffix(2))
        else { return false }
        return (1...12).contains(month)
    }

    /// The month folders in `out`, oldest first; `finished` keeps those holding a manifest (a run that ended).
    public static func months(in out: String, finished: Bool = true) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        return names.filter { name in
            var folder: ObjCBool = false
            let path = (out as NSString).appendingPathComponent(name)
            guard isMonth(name), FileManager.default.fileExists(atPath: path, isDirectory: &folder), folder.boolValue
            else { return false }
            return !finished || FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("manifest.json"))
        }.sorted()
    }

    /// The latest month folder of `out` before `month`, finished or not: the one whose checklists a person
    /// ticked last.
    static func earlier(than month: String, in out: String) -> String? {
        months(in: out, finished: false).last { $0 < month }
    }

    /// The latest month of `out` with a finished run.
    public static func latest(in out: String) -> String? { months(in: out).last }

    // MARK: The pointer

    /// Writes `OUT/index.md` (and `index.html` with HTML formats): the latest month's overview first, then
    /// every month kept, newest first. Returns the files written; none when `out` has no finished month.
    static func writePointer(out: String, renderer: DocumentRenderer, formats: Set<OutputFormat>) throws -> Int {
        let months = months(in: out)
        guard let latest = months.last else { return 0 }
        func page(_ ext: String) -> String {
            func link(_ month: String) -> String {
                // A month written in Markdown only has no index.html: link what is there.
                let html = (out as NSString).appendingPathComponent("\(month)/index.html")
                let file = ext == "html" && FileManager.default.fileExists(atPath: html) ? "index.html" : "index.md"
                return "[\(title(of: month))](\(month)/\(file))"
            }
            var text = "# Portfolio overviews\n\nLatest month: **\(link(latest))**\n\n"
            text += "Each month's documents are in a folder of their own; the history (`history.sqlite`) is shared by all.\n\n"
            text += months.reversed().map { "- \(link($0))\n" }.joined()
            return text
        }
        try AtomicFile.write(page("md"), to: (out as NSString).appendingPathComponent("index.md"))
        guard formats.contains(.html) else { return 1 }
        let html = try renderer.html(fromMarkdown: page("html"), title: "Portfolio overviews")
        try AtomicFile.write(html, to: (out as NSString).appendingPathComponent("index.html"))
        return 2
    }

    /// "November 2026" for `2026-11`.
    static func title(of month: String) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
            "December",
        ]
        guard let number = Int(month.suffix(2)), (1...12).contains(number) else { return month }
        return "\(names[number - 1]) \(month.prefix(4))"
    }

    // MARK: Upgrading a 0.1.0 folder

    /// Moves a folder written by qbr 0.1.0 (documents, overview and manifest at the top of `out`) into the
    /// folder of its manifest's month, once; the history stays at the top, where every month shares it.
    ///
    /// Each item is renamed (atomic, same file system) and the manifest last, so a run killed half-way finds
    /// the manifest still at the top and moves the rest next time. An item whose destination already exists is
    /// left where it is and named in a warning; so is everything when the manifest's month cannot be read.
    /// Returns what it did, as warnings; none when `out` is not a 0.1.0 folder.
    static func upgradeFlatLayout(in out: String) -> [Diagnostic] {
        let manager = FileManager.default
        let manifest = (out as NSString).appendingPathComponent("manifest.json")
        guard manager.fileExists(atPath: manifest) else { return [] }
        guard let month = asOfMonth(manifest: manifest) else {
            return [
                Diagnostic(
                    .warning,
                    "holds a manifest.json without an as_of date at the top: left as it is, and the top index.md is not replaced",
                    file: out)
            ]
        }
        let target = (out as NSString).appendingPathComponent(month)
        do {
            try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
        } catch {
            return [Diagnostic(.warning, "cannot create \(target) to move the 0.1.0 layout into: \(error)", file: out)]
        }
        let names = ((try? manager.contentsOfDirectory(atPath: out)) ?? []).sorted()
        var moving = names.filter { name in
            name == "accounts" || name == "index.md" || name == "index.html" || name == ".qbr-run"
                || (name.hasPrefix("accounts-") && (name.hasSuffix(".md") || name.hasSuffix(".html")))
        }
        moving.append("manifest.json")
        var left: [String] = []
        for name in moving {
            let from = (out as NSString).appendingPathComponent(name)
            let to = (target as NSString).appendingPathComponent(name)
            guard !manager.fileExists(atPath: to), rename(from, to) == 0 else {
                left.append(name)
                continue
            }
        }
        // What a killed 0.1.0 run left half-written at the top is of no use to anyone.
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            try? manager.removeItem(atPath: (out as NSString).appendingPathComponent(name))
        }
        var notes = [
            Diagnostic(
                .warning, "moved the documents, overview and manifest of qbr 0.1.0's layout into \(month)/ (history.sqlite stays at the top)",
                file: out)
        ]
        if !left.isEmpty {
            notes.append(
                Diagnostic(.warning, "not moved, \(month)/ already has them: \(left.joined(separator: ", "))", file: out))
        }
        return notes
    }

    /// The month of a manifest's `as_of`, read from its `"as_of":` line (near the end: the accounts come first).
    static func asOfMonth(manifest: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: manifest) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        // The facts after the accounts are a few hundred bytes, the failures before them at most a few lines
        // each; read the tail, then the whole file when the tail has no date.
        for start in [size > 1 << 20 ? size - (1 << 20) : 0, 0] {
            try? handle.seek(toOffset: start)
            guard let data = try? handle.readToEnd() else { return nil }
            for line in data.split(separator: 0x0A) where line.starts(with: Array("\"as_of\":\"".utf8)) {
                let text = String(decoding: line, as: UTF8.self)
                let value = text.dropFirst("\"as_of\":\"".count).prefix(10)
                if let day = Day(iso: String(value)) { return name(of: day) }
            }
            if start == 0 { break }
        }
        return nil
    }
}
