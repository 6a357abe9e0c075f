import Foundation
import QBRCore
import Testing

@testable import QBRRender

/// `--strict` names every variable a render would leave blank, and nothing else.
@Suite struct StrictCheckTests {
    func missing(_ yaml: String, template: String = "qbr", templates: TemplateLibrary? = nil) throws -> [String] {
        let library = try templates ?? TemplateLibrary.builtIn()
        let renderer = DocumentRenderer(templates: library, playbooks: try renderer().playbooks)
        do {
            _ = try RenderedDocument.render(
                try loadAccount(yaml), asOf: exampleAsOf, template: template, formats: [.markdown],
                renderer: renderer, edition: .internal, strict: true)
            return []
        } catch {
            guard case .missingVariables(let diagnostics)? = error as? TemplateError else { throw error }
            return diagnostics.map(\.description)
        }
    }

    @Test func completeAccountsHaveNoBlankVariables() throws {
        for file in ["northwind.yaml", "contoso-health.json", "bluebird-bakery.yaml"] {
            let yaml = try String(contentsOf: examples.appendingPathComponent(file), encoding: .utf8)
            for template in ["qbr", "ebr", "summary"] {
                #expect(try missing(yaml, template: template) == [], "\(file) \(template)")
            }
        }
    }

    @Test func aBlankCellIsNamedWithTemplateLineAndColumn() throws {
        let errors = try missing("account: {id: A, name: B}\nvalue_realized: [{amount: 5}]")
        #expect(
            errors == [
                #"Templates/partials/value.md.mustache:16:77: error: variable "description" has no value for this account (--strict)"#
            ])
    }

    @Test func sectionsOverMissingDataAreNotErrors() throws {
        // Guarded names ({{#metric}} · {{metric}}{{/metric}}) and absent slides are fine.
        #expect(try missing("account: {id: A, name: B}\noutcomes: [{name: X}]") == [])
    }

    @Test func teamTemplatesAndInheritedBlocksAreFollowed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-strict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{<default-qbr.md}}\n{{$agenda}}\n## For {{account.sponsor.name}}\n{{/agenda}}\n{{/default-qbr.md}}\n"
            .write(to: folder.appendingPathComponent("qbr.md.mustache"), atomically: true, encoding: .utf8)
        let library = try TemplateLibrary(overridesFrom: folder.path)
        let errors = try missing("account: {id: A, name: B}", templates: library)
        #expect(
            errors == [
                "\(folder.path)/qbr.md.mustache:3:10: error: variable \"account.sponsor.name\" has no value for this account (--strict)"
            ])
    }
}
