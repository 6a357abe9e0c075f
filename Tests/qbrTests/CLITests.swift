import Foundation
import Testing

/// End-to-end runs of the built `qbr` binary: arguments, streams, files and exit codes.
@Suite struct CLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examples = repository.appendingPathComponent("examples")

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs qbr with `arguments`, feeding `stdin`, with NO_COLOR set, in `directory` (default: the tests' own).
    func qbr(_ arguments: [String], stdin: String? = nil, directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("qbr")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    func example(_ name: String) -> String { Self.examples.appendingPathComponent(name).path }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func versionAndHelp() throws {
        let version = try qbr(["--version"])
        #expect(version.status == 0 && version.stdout == "0.3.0\n")
        let help = try qbr(["--help"])
        #expect(help.status == 0 && help.stdout.contains("render") && help.stdout.contains("sysexits"))
        let renderHelp = try qbr(["render", "--help"])
        #expect(renderHelp.status == 0 && renderHelp.stdout.contains("--as-of"))
    }

    @Test func rendersMarkdownToStandardOutput() throws {
        let result = try qbr(["render", example("northwind.yaml"), "--as-of", "2026-10-15"])
        let golden = try String(
            contentsOf: Self.examples.appendingPathComponent("rendered/NW-1042.qbr.md"), encoding: .utf8)
        #expect(result.status == 0)
        #expect(result.stdout == golden)
        #expect(result.stderr.isEmpty)
    }

    /// Issue 14: speaker notes stay out of the customer's Markdown unless --notes; the HTML deck keeps them.
    @Test func notesFlagKeepsSpeakerNotesInTheCustomerMarkdown() throws {
        let plain = try qbr(["render", example("northwind.yaml"), "--as-of", "2026-10-15"])
        #expect(plain.status == 0 && !plain.stdout.contains("<!-- notes -->"))
        let notes = try qbr(["render", example("northwind.yaml"), "--as-of", "2026-10-15", "--notes"])
        #expect(notes.status == 0 && notes.stdout.contains("<!-- notes -->\n\nOpen with the outcome Priya Raman"))
        let html = try qbr(["render", example("northwind.yaml"), "--as-of", "2026-10-15", "--format", "html"])
        #expect(html.stdout.contains(#"<aside class="notes""#))
    }

    @Test func readsStandardInput() throws {
        let result = try qbr(["render", "-", "--as-of", "2026-10-15"], stdin: "account: {id: A, name: From stdin}")
        #expect(result.status == 0 && result.stdout.hasPrefix("# From stdin\n"))
    }

    @Test func rendersHTMLToStandardOutput() throws {
        let result = try qbr(["render", example("bluebird-bakery.yaml"), "--format", "html", "--as-of", "2026-10-15"])
        #expect(result.status == 0 && result.stdout.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func writesBothFormatsAtomicallyNamedFromTheId() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("decks").path
        let account = "account: {id: '../../etc/passwd', name: Sneaky}"
        let result = try qbr(
            ["render", "-", "--format", "both", "--out", out, "--as-of", "2026-10-15"], stdin: account)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["_._.._etc_passwd.qbr.html", "_._.._etc_passwd.qbr.md"])
        #expect(result.stderr.contains("wrote \(out)/_._.._etc_passwd.qbr.md"))
    }

    @Test func bothFormatsToStandardOutputIsAUsageError() throws {
        let result = try qbr(["render", example("northwind.yaml"), "--format", "both"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format both writes two files: give --out DIR"))
    }

    @Test func badDatesAndFlagsAreUsageErrors() throws {
        #expect(try qbr(["render", example("northwind.yaml"), "--as-of", "2026-02-30"]).status == 64)
        #expect(try qbr(["render", example("northwind.yaml"), "--format", "pdf"]).status == 64)
        #expect(try qbr(["render"]).status == 64)
        let unknown = try qbr(["render", example("northwind.yaml"), "--template", "nope"])
        #expect(unknown.status == 64 && unknown.stderr.contains(#"no template named "nope""#))
    }

    @Test func missingInputIsExit66() throws {
        let result = try qbr(["render", "/nonexistent/acme.yaml"])
        #expect(result.status == 66)
        #expect(result.stderr == "/nonexistent/acme.yaml: error: no such file\n")
    }

    @Test func invalidDataIsExit65WithEveryProblemAndNoOutput() throws {
        let yaml = "account:\n  id: A\n  name: B\n  tier: 9\noutcomes:\n  - name: X\n    target: lots\n"
        let result = try qbr(["render", "-"], stdin: yaml)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                <stdin>:4:9: error: account.tier: 9 is out of range: expected 1 to 3
                <stdin>:7:13: error: outcomes[0].target: expected a number, found "lots"

                """)
    }

    @Test func warningsDoNotStopTheRender() throws {
        let result = try qbr(["render", "-", "--as-of", "2026-10-15"], stdin: "account: {id: A, name: B}\nhelth: {}")
        #expect(result.status == 0)
        #expect(result.stderr.contains(#"warning: helth: unknown key "helth" is ignored (did you mean "health"?)"#))
    }

    @Test func unwritableOutputIsExit73() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let result = try qbr(["render", example("bluebird-bakery.yaml"), "--out", blocker.path])
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot write"))
    }

    @Test func templateFolderProblems() throws {
        let missing = try qbr(["render", example("northwind.yaml"), "--templates", "/nonexistent/tpl"])
        #expect(missing.status == 66)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{{#outcomes}}\n".utf8).write(to: folder.appendingPathComponent("qbr.md.mustache"))
        let broken = try qbr(["render", example("northwind.yaml"), "--templates", folder.path])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("qbr.md.mustache:"))
        // The account, templates and playbooks are read at once, but reported as a one-at-a-time load would:
        // a bad account is all that is said, and only then do the templates' problems show.
        let account = folder.appendingPathComponent("bad.yaml")
        try Data("account:\n  id: X\n  name: [\n".utf8).write(to: account)
        let both = try qbr(["render", account.path, "--templates", folder.path])
        #expect(both.status == 65)
        #expect(both.stderr.contains("bad.yaml") && !both.stderr.contains("qbr.md.mustache"))
        let missingBoth = try qbr(["render", "/nonexistent/a.yaml", "--templates", folder.path])
        #expect(missingBoth.status == 66 && !missingBoth.stderr.contains("qbr.md.mustache"))
    }
}

/// The presentation flags: editions, team config, Mermaid.
@Suite struct PresentationCLITests {
    let cli = CLITests()

    @Test func decksDefaultToTheCustomerEdition() throws {
        let customer = try cli.qbr(["render", cli.example("contoso-health.json"), "--as-of", "2026-10-15"])
        #expect(customer.status == 0 && !customer.stdout.contains("Health 40"))
        let prep = try cli.qbr([
            "render", cli.example("contoso-health.json"), "--edition", "internal", "--as-of", "2026-10-15",
        ])
        #expect(prep.status == 0 && prep.stdout.contains("Health 40 / 100"))
        let summary = try cli.qbr([
            "render", cli.example("contoso-health.json"), "--template", "summary", "--as-of", "2026-10-15",
        ])
        #expect(summary.stdout.contains("**Health** 40 / 100"))  // summaries are internal by default
        #expect(try cli.qbr(["render", cli.example("northwind.yaml"), "--edition", "partner"]).status == 64)
    }

    @Test func theEditionIsInTheFileNameOnlyWhenNotTheDefault() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for edition in ["customer", "internal"] {
            _ = try cli.qbr([
                "render", cli.example("bluebird-bakery.yaml"), "--edition", edition, "--out", folder.path, "--as-of",
                "2026-10-15",
            ])
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "SMB-0077.qbr.internal.md", "SMB-0077.qbr.md",
            ])
    }

    @Test func configFlagAppliesTheTeamSetup() throws {
        let config = CLITests.examples.appendingPathComponent("team/qbr.yaml").path
        let result = try cli.qbr([
            "render", cli.example("northwind.yaml"), "--config", config, "--format", "html", "--as-of", "2026-10-15",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--accent: #0b7a75;") && result.stdout.contains("What we delivered together"))
        let missing = try cli.qbr(["render", cli.example("northwind.yaml"), "--config", "/nonexistent/qbr.yaml"])
        #expect(missing.status == 66)
    }

    @Test func mermaidCharts() throws {
        let result = try cli.qbr([
            "render", cli.example("northwind.yaml"), "--md-charts", "mermaid", "--as-of", "2026-10-15",
        ])
        #expect(result.status == 0 && result.stdout.contains("```mermaid\npie title Value realized (USD)"))
    }
}

/// `--strict` on the command line.
@Suite struct StrictCLITests {
    let cli = CLITests()

    @Test func strictFailsOnABlankCellAndWritesNothing() throws {
        let yaml = "account: {id: A, name: B}\nvalue_realized: [{amount: 5}]\n"
        let relaxed = try cli.qbr(["render", "-", "--as-of", "2026-10-15"], stdin: yaml)
        #expect(relaxed.status == 0)
        let strict = try cli.qbr(["render", "-", "--strict", "--as-of", "2026-10-15"], stdin: yaml)
        #expect(strict.status == 65 && strict.stdout.isEmpty)
        #expect(
            strict.stderr.contains(
                #"partials/value.md.mustache:16:77: error: variable "description" has no value for this account (--strict)"#
            ))
    }
}

/// `qbr batch` and `qbr sample` end to end.
@Suite struct BatchCLITests {
    let cli = CLITests()

    @Test func sampleThenBatch() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try cli.qbr(["sample", "--accounts", "30", "--seed", "4", "--format", "csv", "--as-of", "2026-10-15"])
        #expect(sample.status == 0)
        let csv = folder.appendingPathComponent("p.csv")
        try sample.stdout.write(to: csv, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let batch = try cli.qbr(["batch", csv.path, "--out", out, "--as-of", "2026-10-15", "--jobs", "2"])
        #expect(batch.status == 0)
        #expect(batch.stderr.hasPrefix("qbr batch: 30 accounts (0 unchanged), "))
        #expect(FileManager.default.fileExists(atPath: out + "/2026-10/index.html"))
        // The top links to the latest month's overview.
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8).contains("href=\"2026-10/index.html\""))
        try "id,name\n".write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        #expect(try cli.qbr(["batch", "/nonexistent.csv", "--out", out]).status == 66)
        #expect(try cli.qbr(["batch", csv.path, "--out", out, "--shard", "4/3"]).status == 64)
    }

    @Test func aFailedRecordMakesTheRunExit65() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("l.yaml")
        try "- account: {id: A, name: Fine}\n- account: {id: B}\n".write(to: list, atomically: true, encoding: .utf8)
        let result = try cli.qbr(["batch", list.path, "--out", folder.appendingPathComponent("o").path, "--quiet"])
        #expect(result.status == 65)
        // The id is read before validation, so the failure names the account.
        #expect(result.stderr == "\(list.path)[1]:2:12: error: account.name: is required but missing [account B]\n")
    }

    @Test func historyElsewhereTimingsAndPages() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("l.yaml")
        try "- account: {id: A, name: Alpha}\n- account: {id: B, name: Beta}\n- account: {id: C, name: Gamma}\n"
            .write(to: list, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("o").path
        let history = folder.appendingPathComponent("shared/months.sqlite").path
        let result = try cli.qbr([
            "batch", list.path, "--out", out, "--as-of", "2026-10-15", "--history", history, "--timings",
            "--accounts-per-page", "2",
        ])
        #expect(result.status == 0)
        // --history: the months go to the file named, none into the output folder.
        #expect(FileManager.default.fileExists(atPath: history))
        #expect(!FileManager.default.fileExists(atPath: out + "/history.sqlite"))
        // --timings: the figures the benchmark script reads.
        #expect(result.stderr.contains("timings: total "))
        // Every stage's milliseconds per account, and some time in the template stage for three accounts.
        let stages = result.stderr.split(separator: "\n").first { $0.hasPrefix("timings per account") } ?? ""
        for stage in ["read", "validate", "metrics and playbooks", "template", "charts", "cmark-gfm", "shell", "write"] {
            #expect(stages.contains("\(stage) "), "\(stages)")
        }
        #expect(!stages.contains("template 0.000"), "\(stages)")
        #expect(result.stderr.contains("cmark-gfm alone on the same Markdown "))
        // The allocator the process really calls: on Linux the linked mimalloc, not glibc's malloc.
        #if os(Linux)
            #expect(result.stderr.contains("timings: allocator mimalloc ("), "\(result.stderr)")
        #endif
        // --accounts-per-page: three accounts, two pages.
        #expect(FileManager.default.fileExists(atPath: out + "/2026-10/accounts-0002.md"))
        #expect(try cli.qbr(["batch", list.path, "--out", out, "--accounts-per-page", "0"]).status == 64)
    }

    /// util-linux's `script` runs qbr on a pseudo-terminal, as a person at a terminal would.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aTerminalSeesTheProgressLineAndAPipeOneSummary() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try cli.qbr(["sample", "--accounts", "70", "--seed", "2", "--format", "csv", "--as-of", "2026-10-15"])
        let csv = folder.appendingPathComponent("p.csv")
        try sample.stdout.write(to: csv, atomically: true, encoding: .utf8)
        let qbr = Bundle.main.bundleURL.appendingPathComponent("qbr").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = [
            "-qec", "'\(qbr)' batch '\(csv.path)' --out '\(folder.path)/tty' --as-of 2026-10-15 --format md", "/dev/null",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let terminal = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // A bar with the count against the CSV's rows, the rate and the time left, redrawn in place.
        #expect(terminal.contains("\r[") && terminal.contains("/70 accounts, ") && terminal.contains("ETA "))
        #expect(terminal.contains("qbr batch: 70 accounts"))
        let piped = try cli.qbr(["batch", csv.path, "--out", folder.path + "/pipe", "--as-of", "2026-10-15", "--format", "md"])
        #expect(!piped.stderr.contains("\r") && !piped.stderr.contains("ETA"))
        #expect(piped.stderr.split(separator: "\n").count == 1)
    }
}
