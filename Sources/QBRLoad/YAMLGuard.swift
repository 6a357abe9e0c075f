// libyaml, which Yams is built on: its event parser sees the document before any node is built.
import CYaml
import QBRCore

/// How much one YAML/JSON document may hold (see `InputLimits`).
package struct YAMLLimits: Sendable {
    /// Most values and text, aliases expanded.
    package struct Budget: Sendable {
        package var values: Int
        package var textBytes: Int
        /// "the account", "the portfolio": what the message says is too big.
        package var what: String
    }

    /// The whole document.
    package var total: Budget
    /// Each item of a root list (or the root itself when it is not a list): an account of a portfolio file.
    package var item: Budget?
    /// Deepest nesting.
    package var depth: Int = InputLimits.maxNestingDepth

    /// One account: a file given to `qbr render` or `qbr check`, a file of a portfolio folder, a CSV list cell.
    package static let account = YAMLLimits(
        total: Budget(
            values: InputLimits.maxAccountValues, textBytes: InputLimits.maxAccountTextBytes, what: "the account"))

    /// A playbook file: written by a team, held to what one account may hold.
    package static let playbook = YAMLLimits(
        total: Budget(
            values: InputLimits.maxAccountValues, textBytes: InputLimits.maxAccountTextBytes, what: "the playbook file"))

    /// A YAML/JSON list of accounts: each within the account budget, all within the portfolio budget.
    package static let portfolio = YAMLLimits(
        total: Budget(
            values: InputLimits.maxPortfolioValues, textBytes: InputLimits.maxPortfolioFileBytes,
            what: "the portfolio"),
        item: Budget(
            values: InputLimits.maxAccountValues, textBytes: InputLimits.maxAccountTextBytes, what: "this account"))
}

/// Walks the parser's events of a document — nothing is built, so time and memory stay proportional to the
/// file — and reports the first limit it crosses: nesting deeper than `InputLimits.maxNestingDepth`, or more
/// values or text than the budget, counting each YAML alias as everything it repeats.
///
/// Yams resolves an alias to the node it names, so a "billion laughs" document costs little to compose, but
/// anything that walks the tree pays for every repetition: Yams itself hashes every mapping key to find
/// duplicates, so an alias bomb used as a key (`? *lol9 : x`) took 45 s for a million values in a debug build,
/// and a 60 KB string repeated by aliases 10,000 times in `narrative.asks` would be 600 MB of deck. Syntax
/// errors are left to the composer, which reports them with their line.
package enum YAMLGuard {
    package static func check(_ text: String, file: String, limits: YAMLLimits) -> Diagnostic? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            var scan = Scan(file: file, limits: limits)
            return scan.run(bytes)
        } ?? nil
    }

    private struct Size {
        var values = 0
        var text = 0

        mutating func add(_ other: Size) {
            values = Self.sum(values, other.values)
            text = Self.sum(text, other.text)
        }

        static func sum(_ a: Int, _ b: Int) -> Int {
            let (result, overflow) = a.addingReportingOverflow(b)
            return overflow ? Int.max : result
        }
    }

    private struct Frame {
        var size: Size
        let anchor: String?
        let isMapping: Bool
        /// In a mapping: the next node is a key.
        var expectingKey = true
        /// In a mapping: the key of the value being read, and every key seen with the line it is on.
        var key: String?
        var keys: [String: Int] = [:]
        /// In a mapping: the pairs begun.
        var pairs = 0
        /// In a list: the index of the item being read.
        var index = -1
    }

    private struct Scan {
        let file: String
        let limits: YAMLLimits
        var frames: [Frame] = []
        var anchors: [String: Size] = [:]
        var total = Size()
        var item = Size()
        var itemIndex = -1
        var rootIsList = false
        var aliases = 0

        init(file: String, limits: YAMLLimits) {
            self.file = file
            self.limits = limits
        }

        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Diagnostic? {
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var event = yaml_event_t()
            while true {
                // A syntax error: the composer reports it, with its line and column.
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                let problem = handle(event)
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if let problem { return problem }
                if done { return nil }
            }
        }

        private mutating func handle(_ event: yaml_event_t) -> Diagnostic? {
            let mark = event.start_mark
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                anchors = [:]
                return nil
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                if let problem = beginNode(key: keyText(event), at: mark) { return problem }
                let size = Size(values: 1, text: Int(scalar.length))
                if let anchor = Self.name(scalar.anchor) { anchors[anchor] = size }
                return add(size, at: mark)
            case YAML_ALIAS_EVENT:
                if let problem = beginNode(key: nil, at: mark) { return problem }
                aliases += 1
                let size = Self.name(event.data.alias.anchor).flatMap { anchors[$0] } ?? Size(values: 1, text: 0)
                return add(size, at: mark)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                if frames.isEmpty { rootIsList = !isMapping }
                if let problem = beginNode(key: nil, at: mark) { return problem }
                if frames.count >= limits.depth {
                    return diagnostic(
                        "is nested more than \(limits.depth) levels deep (lists and mappings inside each other); "
                            + "an account needs 4", at: mark)
                }
                let anchor = isMapping ? Self.name(event.data.mapping_start.anchor) : Self.name(event.data.sequence_start.anchor)
                let problem = add(Size(values: 1, text: 0), at: mark, toFrame: false)
                frames.append(Frame(size: Size(values: 1, text: 0), anchor: anchor, isMapping: isMapping))
                return problem
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = frames.popLast() else { return nil }
                if let anchor = frame.anchor { anchors[anchor] = frame.size }
                if !frames.isEmpty { frames[frames.count - 1].size.add(frame.size) }
                return nil
            default:
                return nil
            }
        }

        /// A node starts: its place in its parent (the next index of a list; a key or a value in a mapping,
        /// a key seen twice refused where it is seen the second time), and a new item of a root list.
        private mutating func beginNode(key: (identity: String, text: String)?, at mark: yaml_mark_t) -> Diagnostic? {
            if rootIsList && frames.count == 1 {
                item = Size()
                itemIndex += 1
            }
            guard let last = frames.indices.last else { return nil }
            if !frames[last].isMapping {
                frames[last].index += 1
                // Any list but the root list of a portfolio file: refused at its 1,001st item, so 10,000
                // outcomes are refused as a list too long, not as too many values.
                if frames[last].index >= InputLimits.maxListItems && !(last == 0 && limits.item != nil) {
                    return diagnostic(
                        "has more than \(InputLimits.grouped(InputLimits.maxListItems)) items: a list may hold at most "
                            + InputLimits.grouped(InputLimits.maxListItems), at: mark, frames: last)
                }
                return nil
            }
            defer { frames[last].expectingKey.toggle() }
            guard frames[last].expectingKey else { return nil }
            frames[last].pairs += 1
            if frames[last].pairs > InputLimits.maxListItems {
                return diagnostic(
                    "has more than \(InputLimits.grouped(InputLimits.maxListItems)) keys: a mapping may hold at most "
                        + InputLimits.grouped(InputLimits.maxListItems), at: mark, frames: last)
            }
            frames[last].key = key?.text ?? "?"
            guard let key else { return nil }
            if let first = frames[last].keys[key.identity] {
                return diagnostic("key \"\(shortened(key.text))\" appears twice in one mapping (first on line \(first))", at: mark)
            }
            frames[last].keys[key.identity] = Int(mark.line) + 1
            return nil
        }

        /// A scalar as a mapping key: its text, and what makes two keys the same for the composer (the text
        /// and, since a quoted `"1"` and a plain `1` differ, its tag or quoting).
        private func keyText(_ event: yaml_event_t) -> (identity: String, text: String)? {
            let scalar = event.data.scalar
            guard let last = frames.last, last.isMapping, last.expectingKey, let value = scalar.value else { return nil }
            let text = String(decoding: UnsafeBufferPointer(start: value, count: Int(scalar.length)), as: UTF8.self)
            let kind = Self.name(scalar.tag) ?? (scalar.plain_implicit != 0 ? "plain" : "quoted")
            return (kind + "\u{0}" + text, text)
        }

        private mutating func add(_ size: Size, at mark: yaml_mark_t, toFrame: Bool = true) -> Diagnostic? {
            total.add(size)
            if toFrame && !frames.isEmpty { frames[frames.count - 1].size.add(size) }
            if let budget = limits.item, !rootIsList || frames.count >= 1 {
                item.add(size)
                if let problem = exceeded(item, budget, at: mark, itemIndex: rootIsList ? itemIndex : nil) {
                    return problem
                }
            }
            return exceeded(total, limits.total, at: mark, itemIndex: nil)
        }

        private func exceeded(_ size: Size, _ budget: YAMLLimits.Budget, at mark: yaml_mark_t, itemIndex: Int?)
            -> Diagnostic?
        {
            let what = itemIndex.map { "\(budget.what) (item [\($0)] of the list)" } ?? budget.what
            let message: String
            if size.values > budget.values {
                let limit = InputLimits.grouped(budget.values)
                message =
                    aliases > 0
                    ? "YAML aliases make \(what) more than \(limit) values (lists, mappings and scalars, each alias "
                        + "counted as all it repeats): refused as an alias bomb"
                    : "\(what) holds more than \(limit) values (lists, mappings and scalars): far more than any "
                        + "account needs (a list may hold \(InputLimits.grouped(InputLimits.maxListItems)) items)"
            } else if size.text > budget.textBytes {
                let limit = InputLimits.bytes(budget.textBytes)
                message =
                    aliases > 0
                    ? "YAML aliases make the text of \(what) more than \(limit): refused as an alias bomb"
                    : "the text of \(what) is more than \(limit)"
            } else {
                return nil
            }
            return diagnostic(message, at: mark)
        }

        /// `frames`: how many of the open lists and mappings make the path (default: all, down to the node
        /// being read; the list's own path for a list too long).
        private func diagnostic(_ message: String, at mark: yaml_mark_t, frames count: Int? = nil) -> Diagnostic {
            Diagnostic(
                .error, message, file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1,
                path: path(frames[..<(count ?? frames.count)]))
        }

        /// Where the parser is, as a field path: `outcomes[3].name`.
        private func path(_ frames: ArraySlice<Frame>) -> String {
            var path = FieldPath.root
            for frame in frames {
                if frame.isMapping {
                    if let key = frame.key { path = path.key(shortened(key)) }
                } else if frame.index >= 0 {
                    path = path.index(frame.index)
                }
            }
            let text = path.description
            return text.count > 80 ? String(text.prefix(80)) + "…" : text
        }

        private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
