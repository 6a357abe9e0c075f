import ArgumentParser
import Foundation
import QBRBatch
import QBRCore
import QBRLoad

/// `qbr check SOURCE`: a dry run of `qbr batch` over a portfolio (a CSV with its related files, a SQLite database,
/// a folder, a YAML/JSON list): every record read and validated, nothing written, every error with its row and
/// account id, then one summary line.
enum CheckSource {
    /// Whether `path` is a portfolio rather than one account file: a folder, a CSV or SQLite file, or a YAML/JSON
    /// file whose document is a list.
    /// A YAML/JSON list is an account file that fails unless `portfolio` says it is a source (the hostile-input
    /// corpus pins that `qbr check list.json` refuses the list).
    static func isSource(_ path: String, query: String?, related: [String], portfolio: Bool) -> Bool {
        if query != nil || !related.isEmpty { return true }
        var isDirectory: ObjCBool = false
        guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue { return true }
        let lower = path.lowercased()
        if [".csv", ".sqlite", ".sqlite3", ".db"].contains(where: { lower.hasSuffix($0) }) { return true }
        guard portfolio else { return false }
        // A list's first significant character, after a BOM, comments and a `---` line.
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 64 << 10)) ?? Data(), as: UTF8.self)
        for line in head.split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{FEFF}")))
            if text.isEmpty || text.hasPrefix("#") || text == "---" { continue }
            return text.hasPrefix("[") || text == "-" || text.hasPrefix("- ")
        }
        return false
    }

    /// What the dry run found.
    struct Outcome {
        var records = 0
        var failed = 0
        var output = ""
        var missing = false
    }

    /// Reads every record of `path`; the text of every problem and the summary line go to `output`.
    static func run(
        _ path: String, query: String?, tabular: TabularOptions, config: String?, json: Bool
    ) -> Outcome {
        var outcome = Outcome()
        var lines: [String] = []
        var failures: [[String: Any]] = []
        let summary: SourceSummary
        do {
            summary = try PortfolioSource.forEach(
                path, query: query, tabular: tabular, warning: { lines.append($0.description) }
            ) { record in
                outcome.records += 1
                switch record.result {
                case .success(let loaded):
                    lines += loaded.warnings.map { located($0, record: record).description }
                case .failure(let error):
                    outcome.failed += 1
                    let diagnostics = error.diagnostics.map { located($0, record: record) }
                    lines += diagnostics.map(\.description)
                    failures.append([
                        "location": record.location, "id": record.id ?? NSNull(),
                        "errors": diagnostics.map { ["path": $0.path ?? NSNull(), "message": $0.message] as [String: Any] },
                    ])
                }
            }
        } catch {
            lines += error.diagnostics.map(\.description)
            outcome.missing = error.kind == .unreadable || error.kind == .empty  // nothing to check: 66, as qbr batch
            outcome.failed = max(outcome.failed, 1)
            outcome.output = lines.map { $0 + "\n" }.joined()
            return outcome
        }
        let mapping: String
        if tabular.settings.isEmpty {
            mapping = "no import mapping (columns named by their dotted paths)"
        } else {
            var parts = ["\(tabular.settings.columns.count) column\(tabular.settings.columns.count == 1 ? "" : "s")"]
            if let format = tabular.settings.dateFormat { parts.append("date_format \(format.rawValue)") }
            if tabular.settings.decimal != "." { parts.append("decimal \"\(tabular.settings.decimal)\"") }
            if let delimiter = tabular.settings.delimiter { parts.append("delimiter \"\(delimiter == "\t" ? "\\t" : delimiter)\"") }
            if let encoding = tabular.settings.encoding { parts.append("encoding \(encoding.rawValue)") }
            mapping = "mapping: \(config ?? "qbr.yaml") import (\(parts.joined(separator: ", ")))"
        }
        let unknown = summary.unknownColumns
        let related = summary.relatedSources.isEmpty
            ? "" : ", \(grouped(summary.relatedItems)) related items from \(summary.relatedSources.count) source\(summary.relatedSources.count == 1 ? "" : "s")"
        let line =
            "check \(path): \(grouped(outcome.records)) records, \(grouped(outcome.records - outcome.failed)) would render, "
            + "\(grouped(outcome.failed)) would fail, \(unknown.count) unknown column\(unknown.count == 1 ? "" : "s")"
            + (unknown.isEmpty ? "" : " (" + unknown.prefix(5).map { "\"\($0)\"" }.joined(separator: ", ") + (unknown.count > 5 ? ", …" : "") + ")")
            + related + "; " + mapping
        if json {
            let report: [String: Any] = [
                "source": path, "records": outcome.records, "would_render": outcome.records - outcome.failed,
                "would_fail": outcome.failed, "unknown_columns": unknown, "related_items": summary.relatedItems,
                "mapping": tabular.settings.isEmpty ? NSNull() : (config ?? "qbr.yaml"), "failures": failures,
            ]
            let data = (try? JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
            outcome.output = String(decoding: data, as: UTF8.self) + "\n"
        } else {
            outcome.output = (lines + [line]).map { $0 + "\n" }.joined()
        }
        return outcome
    }

    /// The record's place with its account id: `export.csv row 12 (ACC-000012): error: …`.
    private static func located(_ diagnostic: Diagnostic, record: PortfolioRecord) -> Diagnostic {
        guard let id = record.id, !id.isEmpty, diagnostic.file == record.location else { return diagnostic }
        var diagnostic = diagnostic
        diagnostic.file = "\(record.location) (\(shortenedID(id)))"
        return diagnostic
    }

    private static func shortenedID(_ id: String) -> String { id.count > 40 ? String(id.prefix(40)) + "…" : id }

    private static func grouped(_ number: Int) -> String { InputLimits.grouped(number) }
}
