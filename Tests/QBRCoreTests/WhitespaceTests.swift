import Foundation
import Testing

@testable import QBRCore

/// The fast trim gives what Foundation's gives.
@Suite struct WhitespaceTests {
    @Test func matchesFoundation() {
        let pieces = ["a", "1", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{2003}", "\u{85}", "\u{2028}", "é", "😀", "-"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(Whitespace.trimmed(text) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(
                Whitespace.trimmed(text, newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(text.debugDescription)")
        }
    }

    /// Paragraphs split on bytes are those Foundation's replacing, splitting and trimming give.
    @Test func paragraphsMatchFoundation() {
        func foundation(_ text: String) -> [String] {
            text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
        let pieces = ["a", "Acme", " ", "\t", "\n", "\n\n", "\r\n", "\r", "\u{A0}", "é", "😀", "👋🏽", "שלום", "-", "|"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(Whitespace.paragraphs(text) == foundation(text), "\(text.debugDescription)")
        }
        #expect(Whitespace.paragraphs("One.\n\nTwo,\nstill two.\r\n\r\n  Three  ") == ["One.", "Two,\nstill two.", "Three"])
    }
}
