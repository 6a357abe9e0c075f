import Foundation
import QBRCore
import QBRLoad

/// Recursive descent over the tokens. Precedence, loosest first: `or`, `and`, `not`, then a term: a
/// comparison, `is missing`/`is present`, `in [...]` or a yes/no value. Every mistake is recorded and parsing
/// goes on (a syntax error skips to the next `and`, `or`, `)` or the end), so one run reports them all.
struct RuleParser {
    let tokens: [RuleToken]
    let source: String
    let vocabulary: RuleVocabulary
    var position = 0
    /// Every error found so far.
    var errors: [RuleError] = []
    /// Deprecated names met.
    var warnings: [RuleWarning] = []

    init(tokens: [RuleToken], source: String, vocabulary: RuleVocabulary) {
        self.tokens = tokens
        self.source = source
        self.vocabulary = vocabulary
    }

    var current: RuleToken { tokens[min(position, tokens.count - 1)] }

    private mutating func fail(_ message: String, _ token: RuleToken) {
        errors.append(RuleError(message: message, offset: token.offset, length: max(token.length, 1)))
    }

    /// Skips to the next `and`, `or`, `)` or the end, after a syntax error.
    private mutating func recover() {
        while ![.and, .or, .close, .end].contains(current.kind) { position += 1 }
    }

    mutating func parse() -> RuleExpression {
        if current.kind == .end {
            errors.append(RuleError(message: "the rule is empty", offset: 0, length: 0))
            return .constant(false)
        }
        var expression = parseOr()
        while current.kind != .end {
            if current.kind == .close {
                fail("this parenthesis closes nothing", current)
                position += 1
            } else {
                fail("expected and, or or the end of the rule here", current)
                recover()
            }
            if current.kind == .and || current.kind == .or {
                position += 1
                expression = .or([expression, parseOr()])
            }
        }
        return expression
    }

    private mutating func parseOr() -> RuleExpression {
        var terms = [parseAnd()]
        while current.kind == .or {
            position += 1
            terms.append(parseAnd())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseAnd() -> RuleExpression {
        var terms = [parseNot()]
        while current.kind == .and {
            position += 1
            terms.append(parseNot())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func parseNot() -> RuleExpression {
        if current.kind == .not {
            position += 1
            return .not(parseNot())
        }
        return parsePrimary()
    }

    private mutating func parsePrimary() -> RuleExpression {
        if current.kind == .open {
            let open = current
            position += 1
            let inner = parseOr()
            if current.kind == .close {
                position += 1
            } else {
                errors.append(RuleError(message: "this parenthesis is never closed", offset: open.offset, length: 1))
            }
            return inner
        }
        let leftToken = current
        guard let left = parseOperand() else {
            recover()
            return .constant(false)
        }
        switch current.kind {
        case .comparison(let op):
            let opToken = current
            position += 1
            let rightToken = current
            guard let right = parseOperand() else {
                recover()
                return .constant(false)
            }
            check(left, leftToken, op, opToken, right, rightToken)
            return .comparison(left, op, right)
        case .is:
            return parsePresence(left, leftToken)
        case .in:
            return parseMembership(left, leftToken)
        case .not where tokens[min(position + 1, tokens.count - 1)].kind == .in:
            // `x not in [a, b]` reads as a person means it: not (x in [a, b]).
            position += 1
            return .not(parseMembership(left, leftToken))
        default:
            // A term on its own must be a yes/no value.
            if case .literal(.boolean(let value)) = left { return .constant(value) }
            guard let type = operandType(left) else { return .test(left) }
            if type != .boolean {
                fail(
                    "\(describe(leftToken)) is a \(type.rawValue), not a yes/no condition: compare it, e.g. \(example(left))",
                    leftToken)
            }
            return .test(left)
        }
    }

    /// `metric is missing`, `is present`, `is not missing`, `is not present`.
    private mutating func parsePresence(_ operand: RuleOperand, _ token: RuleToken) -> RuleExpression {
        position += 1
        var negated = false
        if current.kind == .not {
            negated = true
            position += 1
        }
        var missing: Bool?
        if case .path(let word) = current.kind {
            switch word.lowercased() {
            case "missing": missing = true
            case "present": missing = false
            default: break
            }
        }
        guard let missing else {
            fail(
                "expected missing or present after is (health.score is missing); to compare a value, write ==", current)
            recover()
            return .constant(false)
        }
        position += 1
        if case .literal = operand {
            fail("is missing and is present apply to a metric or flag, not to \(describe(token))", token)
        }
        return .presence(operand, missing: missing != negated)
    }

    /// `metric in [a, b]`; `in (a, b)` is refused with what to write.
    private mutating func parseMembership(_ operand: RuleOperand, _ token: RuleToken) -> RuleExpression {
        position += 1
        let opening = current
        let closing: RuleToken.Kind
        switch opening.kind {
        case .openBracket: closing = .closeBracket
        case .open:
            closing = .close
            fail(
                "a list of values is written in square brackets: \(describe(token)) in [\"a\", \"b\"] "
                    + "(or compare each: x == \"a\" or x == \"b\")", opening)
        default:
            fail("expected a list in square brackets after in, e.g. \(describe(token)) in [\"a\", \"b\"]", current)
            recover()
            return .constant(false)
        }
        position += 1
        var values: [RuleValue] = []
        while current.kind != closing {
            let itemToken = current
            guard let item = parseOperand() else {
                recover()
                return .constant(false)
            }
            if case .literal(let value) = item {
                check(operand, token, .equal, itemToken, item, itemToken)
                values.append(value)
            } else {
                fail(
                    "a list after in holds values (\"text\", numbers, true or false), not \(describe(itemToken))",
                    itemToken)
            }
            if current.kind == .comma {
                position += 1
            } else if current.kind != closing {
                fail("expected , or the end of the list here", current)
                recover()
                return .constant(false)
            }
        }
        position += 1
        if values.isEmpty { fail("the list after in is empty", opening) }
        return .membership(operand, values)
    }

    private mutating func parseOperand() -> RuleOperand? {
        let token = current
        switch token.kind {
        case .path(let path):
            position += 1
            return resolve(path, token)
        case .number(let value, _):
            position += 1
            return .literal(.number(value))
        case .text(let text):
            position += 1
            return .literal(.text(text))
        case .boolean(let value):
            position += 1
            return .literal(.boolean(value))
        case .end:
            errors.append(
                RuleError(
                    message: "the rule ends here but a value or metric was expected", offset: token.offset, length: 1))
            return nil
        default:
            fail("expected a metric, number, \"text\", true or false here", token)
            return nil
        }
    }

    private mutating func resolve(_ path: String, _ token: RuleToken) -> RuleOperand {
        if path.hasPrefix("flags.") {
            let name = String(path.dropFirst("flags.".count))
            if let rule = vocabulary.flags[name] { return .flag(name: name, rule: rule) }
            let known = vocabulary.flags.keys.sorted()
            let hint =
                Suggestion.closest(to: name, in: known).map { " (did you mean flags.\($0)?)" }
                ?? (known.isEmpty ? " (no flags are defined before this rule)" : "")
            fail("unknown flag \"\(path)\"\(hint)", token)
            return .invalid
        }
        if let metric = MetricCatalog.metric(path) {
            if metric.path != path {
                warnings.append(
                    RuleWarning(
                        message: "\(path) is an old name: write \(metric.path), the name templates use",
                        offset: token.offset, length: token.length))
            }
            return .metric(metric)
        }
        let hint = MetricCatalog.suggestion(for: path).map { " (did you mean \($0)?)" } ?? ""
        fail("unknown metric \"\(path)\"\(hint)", token)
        return .invalid
    }

    /// The operand's type; nil for a part that did not parse (no further message about it).
    private func operandType(_ operand: RuleOperand) -> RuleType? {
        switch operand {
        case .metric(let metric): return metric.type
        case .flag: return .boolean
        case .literal(let value): return value.type
        case .invalid: return nil
        }
    }

    private mutating func check(
        _ left: RuleOperand, _ leftToken: RuleToken, _ op: ComparisonOperator, _ opToken: RuleToken,
        _ right: RuleOperand, _ rightToken: RuleToken
    ) {
        guard let leftType = operandType(left), let rightType = operandType(right) else { return }
        guard leftType == rightType else {
            fail(
                "\(describe(leftToken)) is a \(leftType.rawValue) but \(describe(rightToken)) is a \(rightType.rawValue)",
                rightToken)
            return
        }
        if op.isOrdering && leftType != .number {
            fail(
                "\(op.rawValue) compares numbers; \(describe(leftToken)) is a \(leftType.rawValue): use == or !=",
                opToken)
            return
        }
        // A metric against a literal: check the literal fits what the metric means.
        for (metricSide, metricToken, literalSide, literalToken) in [
            (left, leftToken, right, rightToken), (right, rightToken, left, leftToken),
        ] {
            guard case .metric(let metric) = metricSide, case .literal(let literal) = literalSide else { continue }
            // The metric as written: an old name is not corrected here (its own warning says what to write).
            let name = describe(metricToken)
            if case .text(let text) = literal, let allowed = metric.allowed,
                !allowed.contains(text.lowercased())
            {
                fail(
                    "\(name) is one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")), never \"\(text)\"",
                    literalToken)
            }
            if case .number(let number) = literal, case .number(_, let isPercent) = literalToken.kind {
                if metric.isRatio && !isPercent && abs(number) > 1 {
                    fail(
                        "\(name) is a share: write \(Format.plain(number))% (or \(Format.plain(number / 100)))",
                        literalToken)
                }
                if !metric.isRatio && isPercent {
                    fail("\(name) is \(metric.unitDescription), not a percentage: drop the %", literalToken)
                }
            }
        }
    }

    private func describe(_ token: RuleToken) -> String {
        let characters = Array(source)
        let end = min(token.offset + token.length, characters.count)
        return token.offset < end ? String(characters[token.offset..<end]) : "the end of the rule"
    }

    private func example(_ operand: RuleOperand) -> String {
        guard case .metric(let metric) = operand else { return "x == 1" }
        switch metric.type {
        case .number: return "\(metric.path) \(metric.isRatio ? ">= 90%" : "> 0")"
        case .text: return "\(metric.path) == \"\(metric.allowed?.first ?? "value")\""
        case .boolean: return metric.path
        }
    }
}
