import Foundation

/// One token of a rule, with its place in the rule text.
struct RuleToken: Equatable {
    enum Kind: Equatable {
        case path(String)
        case number(Decimal, isPercent: Bool)
        case text(String)
        case boolean(Bool)
        case comparison(ComparisonOperator)
        case and, or, not, `is`, `in`
        case open, close, openBracket, closeBracket, comma
        case end
    }

    let kind: Kind
    /// Character offset in the rule text.
    let offset: Int
    /// Length in characters.
    let length: Int
}

/// Splits a rule into tokens: dotted paths, numbers (`90`, `-20%`, `0.5`), double-quoted strings,
/// `true`/`false`, `== != < <= > >=`, `and or not is in` (in any case), parentheses, `[`, `]` and commas. A
/// mistake is recorded and lexing goes on, so one run reports every mistake of the rule.
enum RuleLexer {
    /// The tokens of `source`, or every mistake in it.
    static func tokens(_ source: String) throws(RuleErrors) -> [RuleToken] {
        var errors: [RuleError] = []
        let tokens = tokens(source, errors: &errors)
        if !errors.isEmpty { throw RuleErrors(errors: errors) }
        return tokens
    }

    static func tokens(_ source: String, errors: inout [RuleError]) -> [RuleToken] {
        let characters = Array(source)
        var tokens: [RuleToken] = []
        var index = 0
        func peek(_ ahead: Int = 0) -> Character? {
            index + ahead < characters.count ? characters[index + ahead] : nil
        }
        func fail(_ message: String, _ offset: Int, _ length: Int) {
            errors.append(RuleError(message: message, offset: offset, length: length))
        }
        let punctuation: [Character: RuleToken.Kind] = [
            "(": .open, ")": .close, "[": .openBracket, "]": .closeBracket, ",": .comma,
        ]
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
                continue
            }
            if let kind = punctuation[character] {
                tokens.append(RuleToken(kind: kind, offset: start, length: 1))
                index += 1
                continue
            }
            if let op = comparison(at: index, in: characters) {
                tokens.append(RuleToken(kind: .comparison(op), offset: start, length: op.rawValue.count))
                index += op.rawValue.count
                continue
            }
            if character == "&" || character == "|" {
                let length = peek(1) == character ? 2 : 1
                let word = character == "&" ? "and" : "or"
                fail(
                    "\"\(String(characters[start..<start + length]))\" is not part of the rule language: write \(word)",
                    start, length)
                tokens.append(RuleToken(kind: character == "&" ? .and : .or, offset: start, length: length))
                index += length
                continue
            }
            if character == "=" {
                fail("unexpected \"=\": use == to compare", start, 1)
                tokens.append(RuleToken(kind: .comparison(.equal), offset: start, length: 1))
                index += 1
                continue
            }
            if character == "!" {
                fail("unexpected \"!\": use != for 'not equal', or the word not", start, 1)
                tokens.append(RuleToken(kind: .not, offset: start, length: 1))
                index += 1
                continue
            }
            if character == "\"" || character == "'" {
                index += 1
                var text = ""
                while let next = peek(), next != character {
                    text.append(next)
                    index += 1
                }
                if peek() == character {
                    index += 1
                } else {
                    fail("this string is never closed with \(character)", start, 1)
                }
                tokens.append(RuleToken(kind: .text(text), offset: start, length: index - start))
                continue
            }
            let startsNumber =
                character.isASCII && character.isNumber
                || ((character == "-" || character == "+" || character == ".") && (peek(1)?.isNumber ?? false))
            if startsNumber {
                index += 1
                while let next = peek(), next.isASCII && (next.isNumber || next == ".") { index += 1 }
                let text = String(characters[start..<index])
                var value = Decimal(0)
                if text.filter({ $0 == "." }).count <= 1,
                    let parsed = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
                {
                    value = parsed
                } else {
                    fail("\"\(text)\" is not a number", start, index - start)
                }
                var isPercent = false
                if peek() == "%" {
                    isPercent = true
                    index += 1
                }
                if let next = peek(), next.isLetter || next == "_" {
                    fail("a number cannot be followed by \"\(next)\" (units are not written in rules)", index, 1)
                    while let more = peek(), more.isLetter || more.isNumber || more == "_" { index += 1 }
                }
                tokens.append(
                    RuleToken(
                        kind: .number(isPercent ? value / 100 : value, isPercent: isPercent), offset: start,
                        length: index - start))
                continue
            }
            if character.isLetter || character == "_" {
                while let next = peek(), next.isLetter || next.isNumber || next == "_" || next == "." { index += 1 }
                let word = String(characters[start..<index])
                let kind: RuleToken.Kind
                // Keywords in any case: `AND`, `Or` and `NOT` read as a person meant them.
                switch word.lowercased() {
                case "and": kind = .and
                case "or": kind = .or
                case "not": kind = .not
                case "is": kind = .is
                case "in": kind = .in
                case "true": kind = .boolean(true)
                case "false": kind = .boolean(false)
                default:
                    if word.hasSuffix(".") || word.contains("..") {
                        fail("\"\(word)\" is not a metric path", start, word.count)
                    }
                    kind = .path(word)
                }
                tokens.append(RuleToken(kind: kind, offset: start, length: index - start))
                continue
            }
            fail("unexpected \"\(character)\"", start, 1)
            index += 1
        }
        tokens.append(RuleToken(kind: .end, offset: characters.count, length: 0))
        return tokens
    }

    private static func comparison(at index: Int, in characters: [Character]) -> ComparisonOperator? {
        let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
        if let op = ComparisonOperator(rawValue: two) { return op }
        return ComparisonOperator(rawValue: String(characters[index]))
    }
}
