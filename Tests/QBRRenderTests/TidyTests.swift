import Testing

@testable import QBRRender

/// `DocumentRenderer.tidy`: the blank lines skipped sections leave behind.
@Suite struct TidyTests {
    @Test(arguments: [
        ("a\nb", "a\nb\n"),
        ("\n\n  \na\n\n\n\nb\n\n", "a\n\nb\n"),
        ("a\n \t \nb", "a\n\nb\n"),
        ("", "\n"),
        (" \n\t\n", "\n"),
        ("| x | y |\n|---|---|\n\n\n| 1 | 2 |", "| x | y |\n|---|---|\n\n| 1 | 2 |\n"),
        ("héllo 👋🏽\n\n\nمرحبا", "héllo 👋🏽\n\nمرحبا\n"),
        ("  indented\n    code\n", "  indented\n    code\n"),
    ])
    func collapsesBlankLines(input: String, expected: String) {
        #expect(DocumentRenderer.tidy(Array(input.utf8)) == expected)
    }
}
