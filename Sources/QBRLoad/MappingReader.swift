import Foundation
import QBRCore
import Yams

/// Reads the fields of one mapping node into typed values, reporting each bad or unknown field with its
/// path and line to the session instead of stopping at the first.
package struct MappingReader {
    package let node: Node
    package let path: FieldPath
    package let session: ReadSession
    /// The known keys in input order. A mapping has a handful of keys, so a scan comparing short strings
    /// beats building and hashing into a dictionary for every mapping of every account.
    private let fields: [(name: String, value: Node)]

    /// Reads `node` as a mapping whose allowed keys are `known`; returns nil (after reporting) when the
    /// node is not a mapping.
    package init?(_ node: Node, path: FieldPath, known: [String], session: ReadSession) {
        guard case .mapping(let mapping) = node else {
            session.error("expected a mapping of keys, found \(describe(node))", at: node, path: path)
            return nil
        }
        self.node = node
        self.path = path
        self.session = session
        var fields: [(name: String, value: Node)] = []
        fields.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            guard known.contains(name) else {
                let hint = Suggestion.closest(to: name, in: known).map { " (did you mean \"\($0)\"?)" } ?? ""
                let shown = shortened(name)
                session.warning(
                    "unknown key \"\(shown)\" is ignored\(hint)", at: key, path: path.key(shown))
                continue
            }
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// The value node of `key`, or nil when absent or null.
    package func value(_ key: String) -> Node? {
        // The last of repeated keys wins, as it would in a dictionary.
        guard let value = fields.last(where: { $0.name == key })?.value, !isNull(value) else { return nil }
        return value
    }

    package func has(_ key: String) -> Bool { value(key) != nil }

    // MARK: Scalars

    package func text(_ key: String, required: Bool = false) -> String? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = Self.text(node, path: path.key(key), session: session) else { return nil }
        if required && Whitespace.trimmed(text, newlines: true).isEmpty {
            session.error("must not be empty", at: node, path: path.key(key))
            return nil
        }
        return text
    }

    /// A scalar as text: at most `InputLimits.maxTextBytes`, and no control character but tab and line breaks
    /// (a YAML escape such as `"\0"`, a JSON `\u0000` or a raw byte in a CSV cell would otherwise reach the
    /// documents).
    package static func text(_ node: Node, path: FieldPath, session: ReadSession) -> String? {
        guard case .scalar(let scalar) = node else {
            session.error("expected text, found \(describe(node))", at: node, path: path)
            return nil
        }
        let text = scalar.string
        let size = text.utf8.count
        if size > InputLimits.maxTextBytes {
            session.error(
                "is \(InputLimits.size(size)) of text: one text field may hold at most "
                    + "\(InputLimits.bytes(InputLimits.maxTextBytes))", at: node, path: path)
            return nil
        }
        if let control = text.utf8.firstIndex(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }) {
            let offset = text[..<control].count + 1
            session.error(
                "holds the control character " + String(format: "U+%04X", text.utf8[control])
                    + " (character \(offset)): text may not contain control characters", at: node, path: path)
            return nil
        }
        return text
    }

    /// A decimal number within `range`, read from its source text so no binary floating point is involved.
    package func decimal(_ key: String, range: ClosedRange<Decimal>? = nil, required: Bool = false, hint: String = "")
        -> Decimal?
    {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        return Self.decimal(node, path: path.key(key), range: range, hint: hint, session: session)
    }

    package static func decimal(
        _ node: Node, path: FieldPath, range: ClosedRange<Decimal>?, hint: String = "", session: ReadSession
    ) -> Decimal? {
        guard case .scalar(let scalar) = node, let number = NumberText.parse(scalar.string) else {
            if case .scalar(let scalar) = node, NumberText.isNumberSyntax(scalar.string) {
                session.error(Self.tooLarge(node), at: node, path: path)
            } else {
                session.error("expected a number, found \(describe(node))", at: node, path: path)
            }
            return nil
        }
        if FastDecimal.compare(abs(number), InputLimits.maxNumberMagnitude) > 0 {
            session.error(Self.tooLarge(node), at: node, path: path)
            return nil
        }
        if let range, FastDecimal.compare(range.lowerBound, number) > 0 || FastDecimal.compare(number, range.upperBound) > 0 {
            session.error(
                "\(scalarText(node)) is out of range: expected \(rangeText(range))\(hint)", at: node, path: path)
            return nil
        }
        return number
    }

    package func int(_ key: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard let node = value(key) else { return nil }
        return Self.int(node, path: path.key(key), range: range, session: session)
    }

    package static func int(_ node: Node, path: FieldPath, range: ClosedRange<Int>?, session: ReadSession) -> Int? {
        guard case .scalar(let scalar) = node, let number = NumberText.parseInteger(scalar.string) else {
            if case .scalar(let scalar) = node, NumberText.isNumberSyntax(scalar.string),
                NumberText.parse(scalar.string).map({ abs($0) > InputLimits.maxNumberMagnitude }) ?? true
            {
                session.error(Self.tooLarge(node), at: node, path: path)
            } else {
                session.error("expected a whole number, found \(describe(node))", at: node, path: path)
            }
            return nil
        }
        if number.magnitude > 1_000_000_000_000_000_000 {
            session.error(Self.tooLarge(node), at: node, path: path)
            return nil
        }
        if let range, !range.contains(number) {
            let expected =
                range.upperBound == Int.max
                ? "\(range.lowerBound) or more" : "\(range.lowerBound) to \(range.upperBound)"
            session.error("\(number) is out of range: expected \(expected)", at: node, path: path)
            return nil
        }
        return number
    }

    package func bool(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: break
            }
        }
        session.error("expected true or false, found \(describe(node))", at: node, path: path.key(key))
        return nil
    }

    package func day(_ key: String) -> Day? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node, let day = Day(iso: scalar.string) else {
            let shape =
                node.scalar.map { Self.looksLikeDate($0.string) ? " (no such day on the calendar)" : "" } ?? ""
            session.error(
                "expected a date YYYY-MM-DD, found \(describe(node))\(shape)", at: node, path: path.key(key))
            return nil
        }
        return day
    }

    package func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let node = value(key) else { return nil }
        let allowed = T.allCases.map(\.rawValue)
        if case .scalar(let scalar) = node {
            let text = Whitespace.trimmed(scalar.string).lowercased()
            if let match = T.allCases.first(where: { $0.rawValue == text }) { return match }
        }
        session.error(
            "expected one of \(allowed.joined(separator: ", ")), found \(describe(node))", at: node,
            path: path.key(key))
        return nil
    }

    // MARK: Nesting

    package func mapping(_ key: String, known: [String]) -> MappingReader? {
        guard let node = value(key) else { return nil }
        return MappingReader(node, path: path.key(key), known: known, session: session)
    }

    /// The items of a list field with their paths; a list longer than `InputLimits.maxListItems` is refused
    /// without reading its items.
    package func list(_ key: String) -> [(node: Node, path: FieldPath)] {
        guard let node = value(key) else { return [] }
        guard case .sequence(let sequence) = node else {
            session.error("expected a list, found \(describe(node))", at: node, path: path.key(key))
            return []
        }
        guard sequence.count <= InputLimits.maxListItems else {
            tooMany(sequence.count, at: node, key: key)
            return []
        }
        return sequence.enumerated().map { ($0.element, path.key(key).index($0.offset)) }
    }

    private func tooMany(_ count: Int, at node: Node, key: String) {
        session.error(
            "has \(InputLimits.grouped(count)) items: a list may hold at most "
                + "\(InputLimits.grouped(InputLimits.maxListItems))", at: node, path: path.key(key))
    }

    /// The pairs of a free-keyed mapping (`feature_adoption: {Routing: 0.92}`), in file order.
    package func pairs(_ key: String) -> [(name: String, node: Node, path: FieldPath)] {
        guard let node = value(key) else { return [] }
        guard case .mapping(let mapping) = node else {
            session.error(
                "expected a mapping of names to numbers, found \(describe(node))", at: node, path: path.key(key))
            return []
        }
        guard mapping.count <= InputLimits.maxListItems else {
            tooMany(mapping.count, at: node, key: key)
            return []
        }
        return mapping.compactMap { pair in
            let shown = shortened(pair.key.scalar?.string ?? "")
            guard let name = Self.text(pair.key, path: path.key(key).key(shown), session: session) else { return nil }
            return (name, pair.value, path.key(key).key(shown))
        }
    }

    package func missing(_ key: String) {
        session.error("is required but missing", at: node, path: path.key(key))
    }

    private static func scalarText(_ node: Node) -> String { node.scalar.map { shortened($0.string) } ?? describe(node) }

    private static func tooLarge(_ node: Node) -> String {
        "\(scalarText(node)) is too large: numbers may be at most 10^18 (1,000,000,000,000,000,000) in size"
    }

    private static func looksLikeDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    private static func rangeText(_ range: ClosedRange<Decimal>) -> String {
        range.upperBound == .greatestFiniteMagnitude
            ? "\(range.lowerBound) or more" : "\(range.lowerBound) to \(range.upperBound)"
    }
}

/// Strict number syntax: the loose `Decimal(string:)` would read "12abc" as 12.
package enum NumberText {
    package static func parse(_ raw: String) -> Decimal? {
        let text = Whitespace.trimmed(raw)
        if let plain = plain(text) { return plain }
        var digitsSeen = false
        var index = text.startIndex
        func take(_ predicate: (Character) -> Bool) -> Bool {
            guard index < text.endIndex, predicate(text[index]) else { return false }
            index = text.index(after: index)
            return true
        }
        _ = take { $0 == "-" || $0 == "+" }
        while take({ $0.isASCII && $0.isNumber }) { digitsSeen = true }
        if take({ $0 == "." }) {
            while take({ $0.isASCII && $0.isNumber }) { digitsSeen = true }
        }
        guard digitsSeen else { return nil }
        if take({ $0 == "e" || $0 == "E" }) {
            _ = take { $0 == "-" || $0 == "+" }
            var exponentDigits = 0
            while take({ $0.isASCII && $0.isNumber }) { exponentDigits += 1 }
            // A bounded exponent keeps Decimal from overflowing on hostile input like 1e99999.
            guard (1...3).contains(exponentDigits) else { return nil }
        }
        guard index == text.endIndex else { return nil }
        return Decimal(string: text, locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The common case without Foundation's parser, which took a tenth of reading an account: an optional sign,
    /// at most 18 digits and at most one point. The value is the one `Decimal(string:)` gives, to the byte
    /// (its trailing zeros moved into the exponent; a test compares the two over many numbers); nil sends
    /// anything else (exponents, zero with decimals, longer numbers) the slow way.
    static func plain(_ text: String) -> Decimal? {
        var negative = false, mantissa: UInt64 = 0, digits = 0, fraction = 0, point = false, first = true
        for byte in text.utf8 {
            defer { first = false }
            if first, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                negative = byte == UInt8(ascii: "-")
                continue
            }
            if byte == UInt8(ascii: "."), !point {
                point = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
            mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
            digits += 1
            if point { fraction += 1 }
        }
        guard digits > 0 else { return nil }
        if mantissa == 0 { return fraction == 0 ? Decimal() : nil }
        var exponent = -fraction
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }

    /// The shape of a number, whatever its size: `1e400` is a number qbr refuses as too large, `12abc` is
    /// not a number.
    package static func isNumberSyntax(_ raw: String) -> Bool {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard text.count <= 1_000 else { return false }
        var digits = false
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        while let first = rest.first, first.isASCII, first.isNumber { digits = true; rest = rest.dropFirst() }
        if rest.first == "." {
            rest = rest.dropFirst()
            while let first = rest.first, first.isASCII, first.isNumber { digits = true; rest = rest.dropFirst() }
        }
        guard digits else { return false }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            guard let first = rest.first, first.isASCII, first.isNumber else { return false }
            while let first = rest.first, first.isASCII, first.isNumber { rest = rest.dropFirst() }
        }
        return rest.isEmpty
    }

    package static func parseInteger(_ raw: String) -> Int? {
        let text = Whitespace.trimmed(raw)
        if let value = Int(text) { return value }
        // Accept 12.0 (JSON exporters write integers as floats) but not 12.5.
        guard let decimal = parse(text), decimal == decimal.rounded(0), abs(decimal) <= InputLimits.maxNumberMagnitude
        else {
            return nil
        }
        return NSDecimalNumber(decimal: decimal).intValue
    }
}

/// "Did you mean" for a misspelt key: the closest known name within two edits.
package enum Suggestion {
    package static func closest(to word: String, in candidates: [String]) -> String? {
        // A word much longer than every candidate is more than two edits from all of them.
        guard word.count <= (candidates.map(\.count).max() ?? 0) + 2 else { return nil }
        let scored = candidates.map { ($0, distance(word.lowercased(), $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A key or value cut to 40 characters for a message, so a 10 MB key does not make a 10 MB warning.
package func shortened(_ text: String) -> String {
    text.utf8.count > 40 && text.count > 40 ? String(text.prefix(40)) + "…" : text
}
