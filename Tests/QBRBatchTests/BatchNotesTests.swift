import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRRender
import Testing

@testable import QBRBatch

/// Issue 14: `qbr batch` writes the customer's Markdown without speaker notes unless `--notes`; the HTML decks and
/// the internal edition keep them; a run with `--notes` is not skipped as unchanged after a run without.
@Suite struct BatchNotesTests {
    @Test func theCustomerMarkdownHasNotesOnlyWhenAsked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-notes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("portfolio.yaml")
        try """
        - account: {id: N1, name: Notes Co, tier: 2, contract: {arr: 100000}}
          outcomes: [{name: Faster, baseline: 10, target: 5, actual: 6, direction: decrease}]
        """.write(to: source, atomically: true, encoding: .utf8)
        let renderer = DocumentRenderer(
            templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn())
        let out = dir.appendingPathComponent("out")
        var options = BatchRun.Options(
            out: out.path, asOf: Day(year: 2026, month: 10, day: 15)!, jobs: 1, formats: [.markdown, .html])
        _ = try BatchRun(renderer: renderer, options: options).run(source: source.path)
        let account = out.appendingPathComponent("2026-10/accounts/N1")
        func read(_ name: String) throws -> String {
            try String(contentsOf: account.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(try !read("qbr.md").contains("<!-- notes -->"))
        #expect(try read("qbr.internal.md").contains("<!-- notes -->"))
        #expect(try read("qbr.html").contains(#"<aside class="notes""#))
        options.notes = true
        let report = try BatchRun(renderer: renderer, options: options).run(source: source.path)
        #expect(report.unchanged == 0)
        #expect(try read("qbr.md").contains("<!-- notes -->\n\nOpen with the outcome"))
    }
}
