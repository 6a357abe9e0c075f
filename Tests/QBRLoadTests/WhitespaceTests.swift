import Foundation
import Testing

@testable import QBRLoad

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
}
