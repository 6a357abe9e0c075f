import Foundation

/// One token of a rule, with its place in the rule text.
struct RuleToken: Equatable {
    enum Kind: Equatable {
        case path(String)
        case number(Decimal, isPercent: Bool)
        case text(String)
        case boolean(Bool)
        case comparison(ComparisonOperator)
        case and, or, not
        case open, close
        case end
    }

    let kind: Kind
    /// Character offset in the rule text.
    let offset: Int
    /// Length in characters.
    let length: Int
}

/// Splits a rule into tokens: dotted paths, numbers (`90`, `-20%`, `0.5`), double-quoted strings,
/// `true`/`false`, `== != < <= > >=`, `and or not`, parentheses.
enum RuleLexer {
    static func tokens(_ source: String) throws(RuleError) -> [RuleToken] {
        let characters = Array(source)
        var tokens: [RuleToken] = []
        var index = 0
        func peek(_ ahead: Int = 0) -> Character? {
            index + ahead < characters.count ? characters[index + ahead] : nil
        }
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
                continue
            }
            if character == "(" || character == ")" {
                tokens.append(RuleToken(kind: character == "(" ? .open : .close, offset: start, length: 1))
                index += 1
                continue
            }
            if let op = comparison(at: index, in: characters) {
                tokens.append(RuleToken(kind: .comparison(op), offset: start, length: op.rawValue.count))
                index += op.rawValue.count
                continue
            }
            if character == "=" || character == "!" {
                let hint = character == "=" ? "use == to compare" : "use != for 'not equal', or the word not"
                throw RuleError(message: "unexpected \"\(character)\": \(hint)", offset: start, length: 1)
            }
            if character == "\"" || character == "'" {
                index += 1
                var text = ""
                while let next = peek(), next != character {
                    text.append(next)
                    index += 1
                }
                guard peek() == character else {
                    throw RuleError(message: "this string is never closed with \(character)", offset: start, length: 1)
                }
                index += 1
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
                guard text.filter({ $0 == "." }).count <= 1,
                    let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
                else { throw RuleError(message: "\"\(text)\" is not a number", offset: start, length: index - start) }
                var isPercent = false
                if peek() == "%" {
                    isPercent = true
                    index += 1
                }
                if let next = peek(), next.isLetter || next == "_" {
                    throw RuleError(
                        message: "a number cannot be followed by \"\(next)\" (units are not written in rules)",
                        offset: index, length: 1)
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
                switch word {
                case "and": kind = .and
                case "or": kind = .or
                case "not": kind = .not
                case "true": kind = .boolean(true)
                case "false": kind = .boolean(false)
                default:
                    if word.hasSuffix(".") || word.contains("..") {
                        throw RuleError(message: "\"\(word)\" is not a metric path", offset: start, length: word.count)
                    }
                    kind = .path(word)
                }
                tokens.append(RuleToken(kind: kind, offset: start, length: index - start))
                continue
            }
            throw RuleError(message: "unexpected \"\(character)\"", offset: start, length: 1)
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
