import Testing
import QBRTemplate

@Suite("Parser")
struct ParserTests {
    func errors(_ sources: [String: String]) -> [TemplateSyntaxError] {
        do {
            _ = try TemplateSet(sources: sources, escaping: { _ in .none })
            return []
        } catch {
            return error.errors
        }
    }

    @Test func unclosedSectionReportsItsOpeningTag() {
        let found = errors(["a.md": "line one\n  {{#items}}\n{{name}}\n"])
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        #expect(found.first?.column == 6)  // the name, where an editor should point
        #expect(found.first?.message.contains("never closed") == true)
    }

    @Test func mismatchedCloseSaysWhatWasOpenedWhere() {
        let found = errors(["a.md": "{{#a}}\n{{#b}}x{{/a}}{{/b}}"])
        #expect(found.first?.line == 2)
        #expect(found.first?.column == 11)
        #expect(found.first?.message.contains("`#b` (opened at line 2, column 4)") == true)
    }

    @Test func unclosedTagEmptyNameAndBadDelimiters() {
        #expect(errors(["a.md": "x {{name"]).first?.message.contains("unclosed tag") == true)
        #expect(errors(["a.md": "x {{ }}"]).first?.message == "empty tag name")
        #expect(errors(["a.md": "{{=<% %> x=}}"]).first?.message.contains("set-delimiter") == true)
        #expect(errors(["a.md": "{{>*dynamic}}"]).first?.message.contains("dynamic partial names are not supported") == true)
    }

    @Test func collectsEveryErrorOfEveryFileSorted() {
        let found = errors(["b.md": "{{/x}}\n{{#y}}", "a.md": "ok {{}}"])
        #expect(found.map(\.file) == ["a.md", "b.md", "b.md"])
        #expect(found.map(\.line) == [1, 1, 2])
    }

    @Test func positionsCountInTheOriginalFileAfterDelimiterChanges() {
        let found = errors(["a.md": "{{=<% %>=}}\nhé <%/nothing%>"])
        #expect(found.first?.line == 2)
        #expect(found.first?.column == 7)
    }

    @Test func descriptionShowsTheLineWithACaret() {
        let error = errors(["a.md": "\tab {{#x}}"]).first
        #expect(error?.description == "a.md:1:8: error: Mustache syntax: section `#x` is never closed (no `/x`)\n    \tab {{#x}}\n    \t      ^")
    }
}
