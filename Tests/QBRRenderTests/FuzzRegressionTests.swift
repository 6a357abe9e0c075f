import Foundation
import QBRCore
import QBRPlaybooks
import QBRTemplate
import Testing

@testable import QBRRender

/// Inputs the fuzz targets (Fuzz/, `scripts/fuzz.sh`) crashed on, kept so they never crash again.
@Suite struct FuzzRegressionTests {
    /// A team's template folder holding `files` (`partials/revenue.md.mustache` → text).
    func library(_ files: [String: String]) throws -> TemplateLibrary {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return try TemplateLibrary(overridesFrom: folder.path)
    }

    func northwind() throws -> Account {
        try loadAccount(try String(contentsOf: examples.appendingPathComponent("northwind.yaml"), encoding: .utf8))
    }

    /// The error rendering `template` throws, as users read it; nil when it renders.
    func renderError(_ templates: TemplateLibrary, template: String = "qbr", account: Account? = nil) throws -> String?
    {
        do {
            _ = try RenderedDocument.render(
                try account ?? northwind(), asOf: exampleAsOf, template: template, formats: [.markdown, .html],
                renderer: DocumentRenderer(templates: templates, playbooks: try PlaybookLibrary.builtIn()))
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// FuzzTemplate: a partial that includes the document it is part of (`{{>qbr.md}}` in a partial `qbr.md`
    /// includes) recursed in swift-mustache until the stack overflowed; now it is an error naming the tag.
    @Test func partialIncludingItsDocumentIsAnErrorNotAStackOverflow() throws {
        let templates = try library(["partials/revenue.md.mustache": "Revenue\n  {{>qbr.md}}\n"])
        let error = try #require(try renderError(templates))
        #expect(error.contains("/partials/revenue.md.mustache:2:6: error: Mustache syntax: "))
        #expect(error.contains("qbr.md → partials/revenue.md → qbr.md includes itself"))
        // Documents that do not include the partial still render.
        #expect(try renderError(templates, template: "summary") == nil)
    }

    @Test func partialIncludingItselfIsAnError() throws {
        let templates = try library(["partials/value.md.mustache": "{{>partials/value.md}}"])
        #expect(try renderError(templates)?.contains("partials/value.md → partials/value.md includes itself") == true)
    }

    /// The same through a parent: `{{<qbr.md}}…{{/qbr.md}}` inside a partial of qbr.md.
    @Test func parentCycleIsAnError() throws {
        let templates = try library(["partials/title.md.mustache": "{{<qbr.md}}{{$x}}y{{/x}}{{/qbr.md}}"])
        #expect(try renderError(templates)?.contains("includes itself") == true)
    }

    /// A dynamic partial name lets the account's data pick the template: an account named `qbr.md` made the
    /// deck include itself.
    @Test func dynamicPartialNameIsAnError() throws {
        // Now refused when the templates are read: qbr's engine has no dynamic names.
        #expect {
            _ = try library(["partials/title.md.mustache": "{{>*account.name}}"])
        } throws: { error in
            "\(error)".contains("partials/title.md.mustache:1:4: error: Mustache syntax: dynamic partial names are not supported")
        }
    }

    /// The HTML shells go through the same check.
    @Test func shellIncludingItselfIsAnError() throws {
        let templates = try library(["deck.html.mustache": "<html>{{>deck.html}}</html>"])
        #expect(try renderError(templates)?.contains("deck.html → deck.html includes itself") == true)
    }

    /// A playbook task's detail that includes a template which includes itself.
    @Test func taskDetailIncludingACycleIsAnError() throws {
        let templates = try library(["partials/loop.md.mustache": "{{>partials/loop.md}}"])
        let playbook = """
            id: always
            title: Always
            kind: test
            when: account.tier >= 0
            tasks:
              - id: one
                title: One
                owner: csm
                detail: "{{>partials/loop.md}}"
            """
        let playbooks = try PlaybookLibrary(files: [("always.yaml", playbook)])
        let renderer = DocumentRenderer(templates: templates, playbooks: playbooks)
        let model = ReviewViewModel(account: try northwind(), asOf: exampleAsOf, playbooks: playbooks)
        #expect(model.triggered.map(\.playbook.id) == ["always"])
        #expect {
            _ = try renderer.checklist(playbookID: "always", model: model, formats: [.markdown])
        } throws: { error in
            "\(error)".contains("partials/loop.md → partials/loop.md includes itself")
        }
    }
}

/// `qbr lint` reports the same cycles before anyone renders.
@Suite struct FuzzRegressionLintTests {
    @Test func lintReportsATemplateThatIncludesItself() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try Data("Revenue\n  {{>qbr.md}}\n".utf8).write(
            to: folder.appendingPathComponent("partials/revenue.md.mustache"))
        let result = Linter.run(templates: folder.path, playbooks: nil)
        let cycles = result.diagnostics.filter { $0.message.contains("includes itself") }
        #expect(cycles.count == 1)
        #expect(cycles.first?.file == folder.appendingPathComponent("partials/revenue.md.mustache").path)
        #expect(cycles.first?.line == 2 && cycles.first?.column == 6)
    }

    @Test func shippedTemplatesHaveNoCycles() throws {
        let library = try TemplateLibrary.builtIn()
        for name in library.set.names {
            #expect(library.set.compile(name, root: .any).findings.allSatisfy { $0.kind != .cycle }, "\(name)")
        }
    }
}
