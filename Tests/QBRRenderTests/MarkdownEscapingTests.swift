import Testing

@testable import QBRRender

@Suite struct MarkdownEscapingTests {
    @Test func syntaxCharactersAreEscaped() {
        #expect(MarkdownEscaping.escape("a|b*c_d[e]f<g`h\\i~j") == #"a\|b\*c\_d\[e\]f\<g\`h\\i\~j"#)
    }

    @Test func blockStartsAreEscapedOnlyAtTheStart() {
        #expect(MarkdownEscaping.escape("# Title") == ##"\# Title"##)
        #expect(MarkdownEscaping.escape("> quote") == #"\> quote"#)
        #expect(MarkdownEscaping.escape("- item") == #"\- item"#)
        #expect(MarkdownEscaping.escape("1. first") == #"1\. first"#)
        #expect(MarkdownEscaping.escape("2) second") == #"2\) second"#)
        #expect(MarkdownEscaping.escape("Issue #4411 > 3") == "Issue #4411 > 3")
    }

    /// A value alone on its line must not become a thematic break (a new slide) or a setext underline.
    @Test func breaksAndUnderlinesAreEscapedAtTheStart() {
        #expect(MarkdownEscaping.escape("---") == #"\---"#)
        #expect(MarkdownEscaping.escape("--") == #"\--"#)
        #expect(MarkdownEscaping.escape("===") == #"\==="#)
        #expect(MarkdownEscaping.escape("=") == #"\="#)
        #expect(MarkdownEscaping.escape("- - -") == #"\- - -"#)
        #expect(MarkdownEscaping.escape("***") == #"\*\*\*"#)
        #expect(MarkdownEscaping.escape("___") == #"\_\_\_"#)
        #expect(MarkdownEscaping.escape("--force") == #"\--force"#)
        #expect(MarkdownEscaping.escape("a --- b == c") == "a --- b == c")
        #expect(MarkdownEscaping.escape("-5%") == "-5%")
        for value in ["---", "===", "--", "- - -", "***", "___", "+", "1.", "#", ">"] {
            let markdown = "Paragraph above\n\(MarkdownEscaping.escape(value))\n"
            let shape = MarkdownDocument(markdown).outline()
            #expect(shape.all("heading").isEmpty && shape.all("thematic_break").isEmpty && shape.all("list").isEmpty)
            #expect(shape.all("paragraph").count == 1, "\(value)")
            #expect(shape.text == "Paragraph above" + value, "\(value)")
        }
    }

    @Test func figuresStayReadable() {
        for figure in ["+18%", "-$6,000", "0.9×", "112.5%", "Health & adoption", "2026-10-31"] {
            #expect(MarkdownEscaping.escape(figure) == figure)
        }
    }

    @Test func entitiesCannotForm() {
        #expect(MarkdownEscaping.escape("&lt;script&gt; &#60;") == #"\&lt;script\&gt; \&#60;"#)
    }

    @Test func newlinesCannotStartABlock() {
        #expect(MarkdownEscaping.escape("line one\n# not a heading\r\n\n---") == #"line one # not a heading ---"#)
        #expect(MarkdownEscaping.escape("    indented\tcode") == "indented code")
        #expect(MarkdownEscaping.escape("bell\u{7}null\u{0}") == "bellnull")
    }

    @Test func emojiPassesThroughAndRightToLeftTextIsIsolated() {
        #expect(MarkdownEscaping.escape("Bluebird 🧁") == "Bluebird 🧁")
        #expect(MarkdownEscaping.escape("ليلى حداد") == "\u{2068}ليلى حداد\u{2069}")
        #expect(MarkdownEscaping.escape("דניאל | כהן") == "\u{2068}דניאל \\| כהן\u{2069}")
        #expect(MarkdownEscaping.escape("Café déjà vu") == "Café déjà vu")
    }

    @Test func hostileCellsKeepATableWellFormed() {
        let hostile = ["a | b", "**bold** *x*", "<script>alert(1)</script>", "`code | pipe`", "\\|", "line\nbreak | x"]
        var markdown = "| Name | Value |\n| --- | --- |\n"
        for text in hostile {
            markdown += "| \(MarkdownEscaping.escape(text)) | ok |\n"
        }
        let parsed = tables(in: markdown)
        #expect(parsed.count == 1)
        #expect(parsed.first?.count == hostile.count + 1)
        for (index, row) in (parsed.first ?? []).dropFirst().enumerated() {
            #expect(row.count == 2)
            #expect(row.last == "ok")
            #expect(row.first == hostile[index].replacingOccurrences(of: "\n", with: " "))
        }
    }
}

/// The fast check never lets through what `escape` would change.
@Suite struct MarkdownPlainTextTests {
    static let pieces = [
        "a", "Z", "0", "1", "12", "123456789", "1234567890", ".", ")", " ", "-", "+", "=", "#", ">", "*", "_", "|",
        "&", "&amp;", "#1", "<", "`", "\\", "~", "[", "]", "\n", "\t", "\u{2028}", "\u{2029}", "—", "→", "·", "€",
        "×", "😀", "👋🏽", "مرحبا", "שלום", "\u{FB1D}", "\u{10800}", "\u{1E800}", "é", "%", "$", ",", "/",
    ]

    @Test func plainTextIsWhatEscapeLeavesAlone() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            let count = Int.random(in: 1...6, using: &generator)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            if MarkdownEscaping.isPlain(text) {
                #expect(MarkdownEscaping.escape(text) == text, "\(text.debugDescription)")
            }
        }
    }

    @Test func figuresAndDashesArePlain() {
        for text in ["18 days", "108%", "2026-09-30", "0.9×", "Northwind — Quarterly Business Review", "45 → 20 days"] {
            #expect(MarkdownEscaping.isPlain(text), "\(text)")
        }
        for text in ["1. First", "2)", "# title", "- item", "a | b", "x\u{2028}y"] {
            #expect(!MarkdownEscaping.isPlain(text), "\(text)")
        }
    }
}
