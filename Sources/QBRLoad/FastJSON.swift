import Foundation
import QBRCore
import Yams

/// A JSON document read straight into the node tree the account reader walks, with the same line, column and
/// scalar styles libyaml would give: reading a 10,000-account JSON list through libyaml and Yams took most of a
/// batch's reading time.
///
/// It reads only what it is sure of: well-formed JSON within the limits, without duplicate keys. Anything else
/// (a syntax error, a duplicate key, a limit passed, invalid UTF-8) returns nil and the caller reads the text
/// the usual way, which reports the problem with its place, so messages do not depend on which reader ran.
package enum FastJSON {
    /// The document of `bytes` (no BOM), or nil when the usual reader must look at it.
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) -> Node? {
        guard marksCanBeMade else { return nil }
        var reader = Reader(bytes: bytes, limits: limits)
        return reader.document()
    }

    /// Each item of the root list of `bytes` (no BOM), with its byte range, as it is read: the list is never
    /// held whole. A first pass reads the whole document and keeps nothing, so that a mistake anywhere sends the
    /// whole file the usual way before any item is handed out; false then, or when the root is not a list.
    package static func forEachItem(
        _ bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits, _ body: (Node, Range<Int>) -> Void
    ) -> Bool {
        guard marksCanBeMade, limits.item != nil, looksLikeList(bytes) else { return false }
        var check = Reader(bytes: bytes, limits: limits)
        check.build = false
        check.emit = { _, _ in }
        guard check.document() != nil else { return false }
        return withoutActuallyEscaping(body) { body in
            var reader = Reader(bytes: bytes, limits: limits)
            reader.emit = body
            return reader.document() != nil
        }
    }

    private static func looksLikeList(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default: return byte == UInt8(ascii: "[")
            }
        }
        return false
    }

    /// Yams's `Mark` has no public initialiser; it is two `Int`s, line then column, which this checks once
    /// (without it, JSON goes the usual way).
    static let marksCanBeMade: Bool = {
        guard MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size else { return false }
        let probe = unsafeBitCast((3, 7), to: Mark.self)
        return probe.line == 3 && probe.column == 7
    }()

    /// What the checking pass returns for a value it has checked but not built.
    nonisolated(unsafe) static let placeholder = Node.scalar(Node.Scalar("", implicit, .plain, nil))

    /// One tag for every node: `Tag.implicit` builds a new tag, with its resolver tables, at each use.
    nonisolated(unsafe) static let implicit = Tag.implicit  // never mutated: nodes only read their tag

    static func mark(line: Int, column: Int) -> Mark {
        unsafeBitCast((line, column), to: Mark.self)
    }

    /// Whether `bytes` starts (after white space) like a JSON document: `[` or `{`.
    package static func looksLikeJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "["), UInt8(ascii: "{"): return true
            default: return false
            }
        }
        return false
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let limits: YAMLLimits
        var position = 0
        var line = 1
        /// Index of the first byte of the current line, for columns.
        var lineStart = 0
        var depth = 0
        /// Where the column was last counted, and the column there (a one-line file must not be rescanned).
        var columnIndex = 0
        var column = 1
        var values = 0
        var textBytes = 0
        var itemValues = 0
        var itemTextBytes = 0
        /// False for the checking pass: everything is read and checked, no node is built (placeholders stand in).
        var build = true
        /// FNV-1a of the last string read, decoded (the checking pass compares keys by it).
        var lastHash: UInt64 = 0
        /// Whether the last string read was ASCII (otherwise the checking pass made it a String).
        var lastWasASCII = true
        /// When set, a root list's items are handed here (with their byte range) as they are read, not kept.
        var emit: ((Node, Range<Int>) -> Void)?

        init(bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) {
            self.bytes = bytes
            self.limits = limits
        }

        mutating func document() -> Node? {
            skipSpace()
            guard position < bytes.count else { return nil }
            let root: Node?
            if bytes[position] == UInt8(ascii: "["), limits.item != nil {
                root = rootList()
            } else {
                root = value()
                if let item = limits.item, itemValues > item.values || itemTextBytes > item.textBytes { return nil }
            }
            skipSpace()
            guard position == bytes.count, values <= limits.total.values, textBytes <= limits.total.textBytes else {
                return nil
            }
            return root
        }

        /// A root list: each item is an account, held to the per-item budget.
        mutating func rootList() -> Node? {
            let mark = self.mark()
            position += 1
            depth += 1
            values += 1
            var items: [Node] = []
            skipSpace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return .sequence(Node.Sequence(items, FastJSON.implicit, .flow, mark))
            }
            while true {
                itemValues = 0
                itemTextBytes = 0
                skipSpace()
                let start = position
                guard let item = value(), let budget = limits.item, itemValues <= budget.values,
                    itemTextBytes <= budget.textBytes
                else { return nil }
                if let emit { emit(item, start..<position) } else { items.append(item) }
                skipSpace()
                guard let next = peek() else { return nil }
                position += 1
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else { return nil }
                skipSpace()
            }
            depth -= 1
            return .sequence(Node.Sequence(items, FastJSON.implicit, .flow, mark))
        }

        mutating func value() -> Node? {
            skipSpace()
            guard let byte = peek() else { return nil }
            values += 1
            itemValues += 1
            switch byte {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""):
                let mark = self.mark()
                guard let text = string() else { return nil }
                return build ? .scalar(Node.Scalar(text, FastJSON.implicit, .doubleQuoted, mark)) : FastJSON.placeholder
            case UInt8(ascii: "t"): return word("true")
            case UInt8(ascii: "f"): return word("false")
            case UInt8(ascii: "n"): return word("null")
            default: return number()
            }
        }

        mutating func object() -> Node? {
            let mark = self.mark()
            position += 1
            depth += 1
            // Limits are checked with a margin: at the edge, the usual reader decides and says why.
            guard depth < limits.depth - 1 else { return nil }
            var pairs: [(Node, Node)] = []
            var keys = SmallSet<String>()
            var keyHashes = SmallSet<UInt64>()
            var count = 0
            skipSpace()
            if peek() == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return .mapping(Node.Mapping(pairs, FastJSON.implicit, .flow, mark))
            }
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else { return nil }
                let keyMark = self.mark()
                values += 1
                itemValues += 1
                // A key given twice is an error the usual reader reports with its place.
                // ASCII keys are compared by a hash of their bytes when checking (a collision only sends the file the
                // usual way); others as Strings, so the check is never less strict than the building pass.
                guard let key = string(),
                    build || !lastWasASCII ? keys.insert(key).inserted : keyHashes.insert(lastHash).inserted
                else { return nil }
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let value = value(), count < InputLimits.maxListItems - 1 else { return nil }
                count += 1
                if build { pairs.append((.scalar(Node.Scalar(key, FastJSON.implicit, .doubleQuoted, keyMark)), value)) }
                skipSpace()
                guard let next = peek() else { return nil }
                position += 1
                if next == UInt8(ascii: "}") { break }
                guard next == UInt8(ascii: ",") else { return nil }
            }
            depth -= 1
            return build ? .mapping(Node.Mapping(pairs, FastJSON.implicit, .flow, mark)) : FastJSON.placeholder
        }

        mutating func array() -> Node? {
            let mark = self.mark()
            position += 1
            depth += 1
            guard depth < limits.depth - 1 else { return nil }
            var items: [Node] = []
            var count = 0
            skipSpace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return .sequence(Node.Sequence(items, FastJSON.implicit, .flow, mark))
            }
            while true {
                guard let item = value(), count < InputLimits.maxListItems - 1 else { return nil }
                count += 1
                if build { items.append(item) }
                skipSpace()
                guard let next = peek() else { return nil }
                position += 1
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else { return nil }
            }
            depth -= 1
            return build ? .sequence(Node.Sequence(items, FastJSON.implicit, .flow, mark)) : FastJSON.placeholder
        }

        /// A string's text, escapes decoded; the position is after its closing quote.
        mutating func string() -> String? {
            position += 1
            let start = position
            // The common case: no escapes, ASCII or valid UTF-8, one line.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                    position += 1
                    return text(slice)
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { return nil }  // JSON has no raw control characters in strings
                position += 1
            }
            guard position < bytes.count else { return nil }
            var decoded = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return decoded.withUnsafeBufferPointer { text($0) }
                case UInt8(ascii: "\\"):
                    position += 1
                    guard let escape = peek() else { return nil }
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            // A surrogate pair: the low half must follow.
                            guard peek() == UInt8(ascii: "\\"), position + 1 < bytes.count,
                                bytes[position + 1] == UInt8(ascii: "u")
                            else { return nil }
                            position += 2
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        decoded.append(contentsOf: String(Character(unicode)).utf8)
                    default: return nil
                    }
                default:
                    if byte < 0x20 { return nil }
                    decoded.append(byte)
                    position += 1
                }
            }
            return nil
        }

        /// Valid UTF-8 as a String, counted against the text budgets; nil otherwise.
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
            textBytes += bytes.count
            itemTextBytes += bytes.count
            guard !build else { return String(validating: bytes, as: UTF8.self) }
            // Checking: the hash of the text, and whether it is valid UTF-8, without making a String of ASCII.
            var hash = FNV1a.offsetBasis
            var ascii = true
            for byte in bytes {
                FNV1a.mix(byte, into: &hash)
                if byte >= 0x80 { ascii = false }
            }
            lastHash = hash
            lastWasASCII = ascii
            // Non-ASCII text is compared as a String, as the composer does (canonically equivalent keys are one key).
            return ascii ? "" : String(validating: bytes, as: UTF8.self)
        }

        mutating func hex4() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }

        mutating func word(_ word: StaticString) -> Node? {
            let mark = self.mark()
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { return nil }
            for index in 0..<count where bytes[position + index] != word.utf8Start[index] { return nil }
            position += count
            guard build else { return FastJSON.placeholder }
            return .scalar(Node.Scalar(String(decoding: UnsafeBufferPointer(start: word.utf8Start, count: count), as: UTF8.self), FastJSON.implicit, .plain, mark))
        }

        /// A JSON number, kept as written (the account reader parses it strictly).
        mutating func number() -> Node? {
            let mark = self.mark()
            let start = position
            if peek() == UInt8(ascii: "-") { position += 1 }
            let digitsStart = position
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
            guard position > digitsStart else { return nil }
            // JSON has no leading zeros ("012"), which YAML would read as octal or text.
            if bytes[digitsStart] == UInt8(ascii: "0") && position - digitsStart > 1 { return nil }
            if peek() == UInt8(ascii: ".") {
                position += 1
                let fraction = position
                while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
                guard position > fraction else { return nil }
            }
            if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                position += 1
                if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
                let exponent = position
                while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
                guard position > exponent else { return nil }
            }
            guard build else { return FastJSON.placeholder }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            return .scalar(Node.Scalar(text, FastJSON.implicit, .plain, mark))
        }

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0D: position += 1
                case 0x0A:
                    position += 1
                    line += 1
                    lineStart = position
                default: return
                }
            }
        }

        /// Line and column (in Unicode scalars, as libyaml counts) of the current position, from 1.
        mutating func mark() -> Mark {
            if columnIndex < lineStart {
                columnIndex = lineStart
                column = 1
            }
            while columnIndex < position {
                if bytes[columnIndex] & 0xC0 != 0x80 { column += 1 }
                columnIndex += 1
            }
            return FastJSON.mark(line: line, column: column)
        }
    }
}

/// The keys seen in one JSON object, to refuse a key given twice: an array scanned while small (most objects
/// have a handful of keys, and hashing each one into a fresh set showed in profiles), a set beyond that.
struct SmallSet<Element: Hashable> {
    private var few: [Element] = []
    private var many: Set<Element>?

    /// Adds `element`; false when it was already there.
    mutating func insert(_ element: Element) -> (inserted: Bool, memberAfterInsert: Element) {
        if many != nil { return many!.insert(element) }
        if few.contains(element) { return (false, element) }
        few.append(element)
        if few.count > 16 { many = Set(few) }
        return (true, element)
    }
}
