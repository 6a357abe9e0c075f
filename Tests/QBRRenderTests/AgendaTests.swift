import Foundation
import QBRCore
import QBRTemplate
import Testing

@testable import QBRRender

/// The agenda is copied from the draft's two items when the template writes every item alike, and rendered
/// again otherwise; both give the same deck.
@Suite struct AgendaTests {
    func draft(_ agendaPartial: String? = nil) throws -> (TemplateLibrary, [UInt8]) {
        var sources = try TemplateLibrary.sources(overridesFrom: nil)
        if let agendaPartial { sources["partials/agenda.md"] = (agendaPartial, "t") }
        let library = try TemplateLibrary(sources: sources)
        let account = try loadAccount(try String(contentsOf: examples.appendingPathComponent("northwind.yaml"), encoding: .utf8))
        let model = ReviewViewModel(account: account, asOf: exampleAsOf)
        guard case .object(let object) = model.context(), let root = object as? Record else { return (library, []) }
        let template = try library.compiled("qbr.md", root: model.shape)
        var output: [UInt8] = []
        template.render(.object(root.replacing("agenda", with: Agenda.draftItems)), into: &output)
        return (library, output)
    }

    @Test func theShippedAgendaIsCopiedNotRenderedAgain() throws {
        let (_, output) = try draft()
        let spliced = try #require(Agenda.splice(output, titles: ["Outcomes", "Value | realized"]))
        let text = String(decoding: spliced, as: UTF8.self)
        #expect(text.contains("1. Outcomes\n2. Value \\| realized\n"))
        #expect(!text.contains("\u{F8FF}"))
    }

    @Test func anAgendaThatTellsTheLastItemApartIsRenderedAgain() throws {
        let partial = "## Agenda\n\n{{#agenda}}{{number}}. {{title}}{{^@last}};{{/@last}}\n{{/agenda}}"
        let (library, output) = try draft(partial)
        #expect(Agenda.splice(output, titles: ["A", "B"]) == nil)
        // The deck is still right: rendered again with the real items.
        let renderer = DocumentRenderer(templates: library)
        let account = try loadAccount(try String(contentsOf: examples.appendingPathComponent("northwind.yaml"), encoding: .utf8))
        let markdown = try renderer.markdown(ReviewViewModel(account: account, asOf: exampleAsOf), template: "qbr")
        #expect(markdown.contains("1. You asked, we did;\n"))
        #expect(markdown.contains("8. Mutual action plan\n"))
    }

    @Test func aRawTitleStaysRaw() throws {
        let partial = "## Agenda\n\n{{#agenda}}\n{{number}}) {{{title}}}\n{{/agenda}}"
        let (_, output) = try draft(partial)
        let spliced = try #require(Agenda.splice(output, titles: ["A|B"]))
        #expect(String(decoding: spliced, as: UTF8.self).contains("1) A|B\n"))
    }
}
