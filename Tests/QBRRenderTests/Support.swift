import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks

@testable import QBRRender

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let examples = repository.appendingPathComponent("examples")
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
let exampleAsOf = Day(year: 2026, month: 10, day: 15)!
let generator = "qbr \(QBRVersion.current)"

func loadAccount(_ yaml: String) throws -> Account {
    try AccountLoader.load(data: Data(yaml.utf8), name: "test.yaml").account
}

/// The renderer the CLI uses: built-in templates and playbooks.
func renderer() throws -> DocumentRenderer {
    DocumentRenderer(templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn())
}

/// Renders the internal edition (everything) unless told otherwise.
func render(
    _ account: Account, formats: Set<OutputFormat> = [.markdown, .html], template: String = "qbr",
    edition: Edition = .internal
) throws -> RenderedDocument {
    try RenderedDocument.render(
        account, asOf: exampleAsOf, template: template, formats: formats, renderer: try renderer(), edition: edition)
}

/// Rows (each a list of cell texts) of every table in a parsed Markdown document.
func tables(in markdown: String) -> [[[String]]] {
    MarkdownDocument(markdown).outline().all("table").map { table in
        table.children.map { row in row.children.map(\.text) }
    }
}
