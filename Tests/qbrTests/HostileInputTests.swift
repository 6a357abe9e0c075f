import Foundation
import Testing

/// The hostile-input corpus, `Fixtures/hostile/expected.tsv`: malformed YAML, JSON and CSV, wrong types,
/// out-of-range numbers, impossible dates, duplicates, BOMs, CRLF, invalid UTF-8, NUL bytes and the input limits,
/// each run through the built `qbr` (render, check or batch) for its exit code and a message that says where
/// (file:line:column, or the portfolio record) and which field. Each case reports on its own.
@Suite struct HostileInputTests {
    static let folder = CLITests.repository.appendingPathComponent("Tests/qbrTests/Fixtures/hostile")

    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let command: String
        let exit: Int32
        /// Texts that must each appear in the diagnostics; empty: there must be none.
        let expected: [String]

        var testDescription: String { "\(command) \(file)" }
    }

    static let cases: [Case] = {
        let url = folder.appendingPathComponent("expected.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> Case? in
            guard !line.hasPrefix("#"), !line.isEmpty else { return nil }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 4, let exit = Int32(columns[2]) else { return nil }
            let expected = Array(columns.dropFirst(3))
            return Case(file: columns[0], command: columns[1], exit: exit, expected: expected == ["-"] ? [] : expected)
        }
    }()

    @Test func theCorpusIsLargeAndEveryFileHasACase() throws {
        #expect(Self.cases.count >= 100)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { !["expected.tsv", ".gitattributes"].contains($0) }
        #expect(files.count >= 55)
        let covered = Set(Self.cases.map(\.file))
        for file in files { #expect(covered.contains(file), "\(file) has no line in expected.tsv") }
        for item in Self.cases where !item.file.hasPrefix("missing") {
            #expect(files.contains(item.file), "\(item.file) is in expected.tsv but not in the folder")
        }
    }

    @Test(arguments: cases) func refusedClearlyWithItsLocation(_ item: Case) throws {
        let cli = CLITests()
        var arguments = [item.command, item.file, "--as-of", "2026-10-15"]
        var out: URL?
        if item.command == "batch" {
            let folder = try cli.temporaryFolder()
            out = folder
            arguments += ["--out", folder.appendingPathComponent("out").path, "--quiet"]
        }
        defer { if let out { try? FileManager.default.removeItem(at: out) } }
        let result = try cli.qbr(arguments, directory: Self.folder)
        // `qbr check` prints its report, diagnostics included, on standard output.
        let diagnostics = item.command == "check" ? result.stdout : result.stderr
        #expect(result.status == item.exit, "exit \(result.status), diagnostics:\n\(diagnostics)")
        if item.expected.isEmpty {
            #expect(result.stderr.isEmpty, "expected no diagnostics, got:\n\(result.stderr)")
        }
        for text in item.expected {
            #expect(diagnostics.contains(text), "missing: \(text)\ndiagnostics:\n\(diagnostics)")
        }
    }
}
