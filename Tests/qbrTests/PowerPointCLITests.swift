import Foundation
import Testing

/// `--format pptx` end to end: the files qbr render and qbr batch write, and the exit codes of a bad template.
@Suite struct PowerPointCLITests {
    let cli = CLITests()

    func example(_ name: String) -> String { CLITests.examples.appendingPathComponent(name).path }

    @Test func renderWritesADeckPerFormatAtomically() throws {
        let out = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try cli.qbr([
            "render", example("northwind.yaml"), "--format", "md,html,pptx", "--out", out.path, "--as-of", "2026-10-15",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["NW-1042.qbr.html", "NW-1042.qbr.md", "NW-1042.qbr.pptx"])
        let deck = try Data(contentsOf: out.appendingPathComponent("NW-1042.qbr.pptx"))
        #expect(deck.prefix(2) == Data("PK".utf8))
        // md and html as without pptx: the golden files.
        let golden = try String(
            contentsOf: CLITests.examples.appendingPathComponent("rendered/NW-1042.qbr.md"), encoding: .utf8)
        #expect(try String(contentsOf: out.appendingPathComponent("NW-1042.qbr.md"), encoding: .utf8) == golden)
        // The same input and date: the same bytes.
        let again = try cli.qbr([
            "render", example("northwind.yaml"), "--format", "pptx", "--out", out.path, "--as-of", "2026-10-15",
        ])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: out.appendingPathComponent("NW-1042.qbr.pptx")) == deck)
    }

    @Test func pptxNeedsAFolderAndADeck() throws {
        let noOut = try cli.qbr(["render", example("northwind.yaml"), "--format", "pptx", "--as-of", "2026-10-15"])
        #expect(noOut.status == 64 && noOut.stderr.contains("--format pptx writes a PowerPoint file: give --out DIR"))
        let summary = try cli.qbr([
            "render", example("northwind.yaml"), "--template", "summary", "--format", "pptx", "--out", "/tmp",
            "--as-of", "2026-10-15",
        ])
        #expect(summary.status == 64 && summary.stderr.contains("--format pptx is for the decks"))
        let unknown = try cli.qbr(["render", example("northwind.yaml"), "--format", "md,docx", "--as-of", "2026-10-15"])
        #expect(unknown.status == 64)
    }

    @Test func badTemplatesExit66And65NamingTheFile() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("qbr.yaml")
        try "pptx_template: brand.pptx\n".write(to: config, atomically: true, encoding: .utf8)
        let arguments = [
            "render", example("northwind.yaml"), "--config", config.path, "--format", "pptx", "--out",
            folder.appendingPathComponent("out").path, "--as-of", "2026-10-15",
        ]
        let missing = try cli.qbr(arguments)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("brand.pptx: error: PowerPoint template: no such file"), "\(missing.stderr)")
        try Data("hello".utf8).write(to: folder.appendingPathComponent("brand.pptx"))
        let invalid = try cli.qbr(arguments)
        #expect(invalid.status == 65)
        #expect(
            invalid.stderr.contains("brand.pptx: error: PowerPoint template: not a PowerPoint file"),
            "\(invalid.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        // md and html never read the template.
        let markdown = try cli.qbr([
            "render", example("northwind.yaml"), "--config", config.path, "--as-of", "2026-10-15",
        ])
        #expect(markdown.status == 0)
        let layouts = folder.appendingPathComponent("layouts.yaml")
        try "pptx_template: \(example("team/brand.pptx"))\npptx_layouts: {content: Nope}\n".write(
            to: layouts, atomically: true, encoding: .utf8)
        let wrongLayout = try cli.qbr([
            "render", example("northwind.yaml"), "--config", layouts.path, "--format", "pptx", "--out", folder.path,
            "--as-of", "2026-10-15",
        ])
        #expect(
            wrongLayout.status == 65 && wrongLayout.stderr.contains("no layout named \"Nope\""), "\(wrongLayout.stderr)"
        )
    }

    @Test func batchWritesTheDecksAsPowerPoint() throws {
        let out = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try cli.qbr([
            "batch", CLITests.examples.path, "--format", "md,html,pptx", "--out", out.path, "--as-of", "2026-10-15",
            "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let folder = out.appendingPathComponent("2026-10/accounts/NW-1042")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in ["qbr.pptx", "qbr.internal.pptx", "ebr.pptx", "ebr.internal.pptx", "qbr.md", "summary.html"] {
            #expect(files.contains(name), "\(name) in \(files)")
        }
        #expect(!files.contains("summary.pptx"))
        let manifest = try String(contentsOf: out.appendingPathComponent("2026-10/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("accounts/NW-1042/qbr.pptx"))
        let help = try cli.qbr(["batch", "--help"])
        #expect(help.stdout.contains("md,html,pptx"))
        let renderHelp = try cli.qbr(["render", "--help"])
        #expect(renderHelp.stdout.contains("pptx") && renderHelp.stdout.contains("pptx_template"))
    }
}
