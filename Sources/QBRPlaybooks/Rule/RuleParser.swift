import Foundation
import QBRCore
import QBRLoad

/// Recursive descent over the tokens. Precedence, loosest first: `or`, `and`, `not`, comparison.
struct RuleParser {
    let tokens: [RuleToken]
    let source: String
    let vocabulary: RuleVocabulary
    var position = 0

    init(tokens: [RuleToken], source: String, vocabulary: RuleVocabulary) {
        self.tokens = tokens
        self.source = source
        self.vocabulary = vocabulary
    }

    var current: RuleToken { tokens[min(position, tokens.count - 1)] }

    mutating func parse() throws(RuleError) -> RuleExpression {
        if current.kind == .end { throw RuleError(message: "the rule is empty", offset: 0, length: 0) }
        let expression = try parseOr()
        guard current.kind == .end else {
            throw RuleError(
                message: "expected and, or or the end of the rule here", offset: current.offset,
                length: max(current.length, 1))
        }
        return expression
    }

    private mutating func parseOr() throws(RuleError) -> RuleExpression {
        var terms = [try parseAnd()]
        while current.kind == .or {
            position += 1
            terms.append(try parseAnd())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseAnd() throws(RuleError) -> RuleExpression {
        var terms = [try parseNot()]
        while current.kind == .and {
            position += 1
            terms.append(try parseNot())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func parseNot() throws(RuleError) -> RuleExpression {
        if current.kind == .not {
            position += 1
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(RuleError) -> RuleExpression {
        if current.kind == .open {
            let open = current
            position += 1
            let inner = try parseOr()
            guard current.kind == .close else {
                throw RuleError(message: "this parenthesis is never closed", offset: open.offset, length: 1)
            }
            position += 1
            return inner
        }
        let leftToken = current
        let left = try parseOperand()
        guard case .comparison(let op) = current.kind else {
            // A term on its own must be a yes/no value.
            if case .literal(.boolean(let value)) = left { return .constant(value) }
            let type = operandType(left)
            guard type == .boolean else {
                throw RuleError(
                    message:
                        "\(describe(leftToken)) is a \(type.rawValue), not a yes/no condition: compare it, e.g. \(example(left))",
                    offset: leftToken.offset, length: leftToken.length)
            }
            return .test(left)
        }
        let opToken = current
        position += 1
        let rightToken = current
        let right = try parseOperand()
        try check(left, leftToken, op, opToken, right, rightToken)
        return .comparison(left, op, right)
    }

    private mutating func parseOperand() throws(RuleError) -> RuleOperand {
        let token = current
        switch token.kind {
        case .path(let path):
            position += 1
            return try resolve(path, token)
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
            throw RuleError(
                message: "the rule ends here but a value or metric was expected", offset: token.offset, length: 1)
        default:
            throw RuleError(
                message: "expected a metric, number, \"text\", true or false here", offset: token.offset,
                length: max(token.length, 1))
        }
    }

    private func resolve(_ path: String, _ token: RuleToken) throws(RuleError) -> RuleOperand {
        if path.hasPrefix("flags.") {
            let name = String(path.dropFirst("flags.".count))
            if let rule = vocabulary.flags[name] { return .flag(name: name, rule: rule) }
            let known = vocabulary.flags.keys.sorted()
            let hint =
                Suggestion.closest(to: name, in: known).map { " (did you mean flags.\($0)?)" }
                ?? (known.isEmpty ? " (no flags are defined before this rule)" : "")
            throw RuleError(message: "unknown flag \"\(path)\"\(hint)", offset: token.offset, length: token.length)
        }
        if let metric = MetricCatalog.metric(path) { return .metric(metric) }
        let hint = Suggestion.closest(to: path, in: MetricCatalog.paths).map { " (did you mean \($0)?)" } ?? ""
        throw RuleError(
            message: "unknown metric \"\(path)\"\(hint)", offset: token.offset, length: token.length)
    }

    private func operandType(_ operand: RuleOperand) -> RuleType {
        switch operand {
        case .metric(let metric): return metric.type
        case .flag: return .boolean
        case .literal(let value): return value.type
        }
    }

    private func check(
        _ left: RuleOperand, _ leftToken: RuleToken, _ op: ComparisonOperator, _ opToken: RuleToken,
        _ right: RuleOperand, _ rightToken: RuleToken
    ) throws(RuleError) {
        let (leftType, rightType) = (operandType(left), operandType(right))
        guard leftType == rightType else {
            throw RuleError(
                message:
                    "\(describe(leftToken)) is a \(leftType.rawValue) but \(describe(rightToken)) is a \(rightType.rawValue)",
                offset: rightToken.offset, length: rightToken.length)
        }
        if op.isOrdering && leftType != .number {
            throw RuleError(
                message:
                    "\(op.rawValue) compares numbers; \(describe(leftToken)) is a \(leftType.rawValue): use == or !=",
                offset: opToken.offset, length: opToken.length)
        }
        // A metric against a literal: check the literal fits what the metric means.
        for (metricSide, literalSide, literalToken) in [(left, right, rightToken), (right, left, leftToken)] {
            guard case .metric(let metric) = metricSide, case .literal(let literal) = literalSide else { continue }
            if case .text(let text) = literal, let allowed = metric.allowed,
                !allowed.contains(text.lowercased())
            {
                throw RuleError(
                    message:
                        "\(metric.path) is one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")), never \"\(text)\"",
                    offset: literalToken.offset, length: literalToken.length)
            }
            if case .number(let number) = literal, case .number(_, let isPercent) = literalToken.kind {
                if metric.isRatio && !isPercent && abs(number) > 1 {
                    throw RuleError(
                        message:
                            "\(metric.path) is a share: write \(Format.plain(number))% (or \(Format.plain(number / 100)))",
                        offset: literalToken.offset, length: literalToken.length)
                }
                if !metric.isRatio && isPercent {
                    throw RuleError(
                        message: "\(metric.path) is \(metric.unitDescription), not a percentage: drop the %",
                        offset: literalToken.offset, length: literalToken.length)
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
