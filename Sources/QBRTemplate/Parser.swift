/// Turns a template's source into the `Node` tree, collecting every syntax error instead of stopping at the first.
struct Parser {
    /// A tag as scanned, with the range of source it consumes once standalone lines are taken into account.
    struct RawTag {
        enum Kind { case variable, unescaped, section, inverted, close, partial, parent, block, comment, delimiters }

        var kind: Kind
        var name: String
        /// Byte offsets of the tag itself, delimiters included.
        let start: Int
        let end: Int
        /// Byte offset of the name's first character: where messages point, as an editor would.
        var nameOffset: Int
        /// The source the tag removes from the output: its own bytes, or its whole line when standalone.
        var consumeStart: Int
        var consumeEnd: Int
        /// Whether the tag took over the start of its line (so no indentation goes there).
        var standalone = false
        /// The whitespace before a standalone tag on its line.
        var before: [UInt8] = []
        /// Whether a block tag is standalone in the inheritance sense (reindented).
        var standaloneBlock = false

        var isStandaloneCapable: Bool { kind != .variable && kind != .unescaped }
        var opensSection: Bool { kind == .section || kind == .inverted || kind == .parent || kind == .block }
    }

    let file: String
    let bytes: [UInt8]
    private var lineStarts: [Int] = [0]
    private(set) var errors: [TemplateSyntaxError] = []

    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09
    private static let newline: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    init(file: String, source: String) {
        self.file = file
        self.bytes = Array(source.utf8)
        for (index, byte) in bytes.enumerated() where byte == Parser.newline {
            lineStarts.append(index + 1)
        }
    }

    /// Parses a template: the tree and every syntax error.
    static func parse(_ source: String, file: String) -> (nodes: [Node], errors: [TemplateSyntaxError]) {
        var parser = Parser(file: file, source: source)
        var tags = parser.scan()
        parser.markStandalone(&tags)
        let nodes = parser.buildTree(tags)
        return (nodes, parser.errors)
    }

    // MARK: Positions

    private func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// 1-based line and column (counted in characters' first bytes, so multi-byte text counts once).
    func position(of offset: Int) -> (line: Int, column: Int) {
        let line = lineIndex(of: offset)
        var column = 1
        var index = lineStarts[line]
        while index < offset, index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (line + 1, column)
    }

    private func sourceLine(at offset: Int) -> String {
        let line = lineIndex(of: offset)
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end > start, end <= bytes.count, bytes[end - 1] == Parser.carriageReturn { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    private mutating func error(at offset: Int, _ message: String) {
        let (line, column) = position(of: offset)
        errors.append(
            TemplateSyntaxError(file: file, line: line, column: column, message: message, sourceLine: sourceLine(at: offset)))
    }

    private func tag(_ raw: RawTag) -> Tag {
        let (line, column) = position(of: raw.nameOffset)
        return Tag(name: raw.name, file: file, line: line, column: column)
    }

    // MARK: Scanning

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == needle[0] {
                var matches = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matches = false
                    break
                }
                if matches { return index }
            }
            index += 1
        }
        return nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }

    private func trimmed(_ start: Int, _ end: Int) -> String {
        var low = start
        var high = end
        while low < high, Parser.isBlank(bytes[low]) { low += 1 }
        while high > low, Parser.isBlank(bytes[high - 1]) { high -= 1 }
        return String(decoding: bytes[low..<high], as: UTF8.self)
    }

    /// Finds every tag, following set-delimiter tags; reports malformed tags and goes on after them.
    private mutating func scan() -> [RawTag] {
        var tags: [RawTag] = []
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var cursor = 0
        while let start = find(open, from: cursor) {
            let contentStart = start + open.count
            let sigil: UInt8? = contentStart < bytes.count ? bytes[contentStart] : nil
            var kind = RawTag.Kind.variable
            var nameStart = contentStart + 1
            var terminator = close
            switch sigil {
            case UInt8(ascii: "{"):
                kind = .unescaped
                terminator = Array("}".utf8) + close
            case UInt8(ascii: "&"): kind = .unescaped
            case UInt8(ascii: "#"): kind = .section
            case UInt8(ascii: "^"): kind = .inverted
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "<"): kind = .parent
            case UInt8(ascii: "$"): kind = .block
            case UInt8(ascii: "!"): kind = .comment
            case UInt8(ascii: "="):
                kind = .delimiters
                terminator = Array("=".utf8) + close
            default:
                nameStart = contentStart
            }
            guard let contentEnd = find(terminator, from: nameStart) else {
                let closing = String(decoding: terminator, as: UTF8.self)
                error(at: start, "unclosed tag: `\(String(decoding: open, as: UTF8.self))` has no matching `\(closing)`")
                break
            }
            let end = contentEnd + terminator.count
            cursor = end
            let name = kind == .comment ? "" : trimmed(nameStart, contentEnd)
            var nameOffset = nameStart
            while nameOffset < contentEnd, bytes[nameOffset] == UInt8(ascii: " ") || bytes[nameOffset] == UInt8(ascii: "\t") {
                nameOffset += 1
            }
            var raw = RawTag(
                kind: kind, name: name, start: start, end: end, nameOffset: nameOffset, consumeStart: start,
                consumeEnd: end)
            switch kind {
            case .comment:
                break
            case .delimiters:
                let parts = name.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                    error(at: start, "a set-delimiter tag needs two delimiters without `=` separated by a space, like `{{=<% %>=}}`")
                    raw.kind = .comment
                    break
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            default:
                if name.isEmpty {
                    error(at: start, "empty tag name")
                    raw.kind = .comment
                } else if (kind == .partial || kind == .parent) && name.hasPrefix("*") {
                    error(at: raw.nameOffset, "dynamic partial names are not supported (`\(name)`)")
                    raw.kind = .comment
                } else if name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                    error(at: raw.nameOffset, "tag name `\(name)` contains a space")
                    raw.kind = .comment
                }
            }
            tags.append(raw)
        }
        return tags
    }

    // MARK: Standalone lines

    private func isLineStart(_ offset: Int) -> Bool {
        offset == 0 || (offset <= bytes.count && bytes[offset - 1] == Parser.newline)
    }

    /// The start of the tag's line when only blanks precede the tag on it.
    private func blankLineStart(before offset: Int) -> Int? {
        var index = offset
        while index > 0 {
            let byte = bytes[index - 1]
            if byte == Parser.newline { return index }
            if byte != Parser.space && byte != Parser.tab { return nil }
            index -= 1
        }
        return 0
    }

    /// The end of the line (after its newline) and the newline's length, when only blanks follow `offset` on it.
    private func blankLineEnd(after offset: Int) -> (end: Int, newline: Int)? {
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Parser.newline { return (index + 1, 1) }
            if byte == Parser.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Parser.newline {
                return (index + 2, 2)
            }
            if byte != Parser.space && byte != Parser.tab { return nil }
            index += 1
        }
        return (bytes.count, 0)
    }

    /// Applies the standalone-line rules: a tag alone on its line removes the line; inheritance tags also pair up
    /// on one line (`{{$b}}{{/b}}`, `{{<p}}{{/p}}`, `{{<p}}{{$b}}`, `{{/b}}{{/p}}`).
    private func markStandalone(_ tags: inout [RawTag]) {
        for index in tags.indices where tags[index].isStandaloneCapable {
            let tag = tags[index]
            guard let lineStart = blankLineStart(before: tag.start), let lineEnd = blankLineEnd(after: tag.end) else {
                continue
            }
            tags[index].consumeStart = lineStart
            tags[index].consumeEnd = lineEnd.end
            tags[index].standalone = true
            tags[index].before = Array(bytes[lineStart..<tag.start])
            if tag.kind == .block { tags[index].standaloneBlock = true }
        }

        // Matching of opens and closes, leniently: errors are reported when the tree is built.
        var partner = [Int?](repeating: nil, count: tags.count)
        var firstBlock = [Int?](repeating: nil, count: tags.count)
        var lastBlockClose = [Int?](repeating: nil, count: tags.count)
        var stack: [Int] = []
        for index in tags.indices {
            let tag = tags[index]
            if tag.opensSection {
                if tag.kind == .block, let parent = stack.last, tags[parent].kind == .parent, firstBlock[parent] == nil {
                    firstBlock[parent] = index
                }
                stack.append(index)
            } else if tag.kind == .close, let open = stack.last, tags[open].name == tag.name {
                stack.removeLast()
                partner[open] = index
                partner[index] = open
                if tags[open].kind == .block, let parent = stack.last, tags[parent].kind == .parent {
                    lastBlockClose[parent] = index
                }
            }
        }

        for index in tags.indices {
            let tag = tags[index]
            guard tag.kind == .block || tag.kind == .parent, let closeIndex = partner[index] else { continue }
            let closeTag = tags[closeIndex]
            if tag.end == closeTag.start, let lineStart = blankLineStart(before: tag.start),
                let lineEnd = blankLineEnd(after: closeTag.end)
            {
                tags[index].standalone = true
                tags[index].consumeStart = lineStart
                tags[index].before = Array(bytes[lineStart..<tag.start])
                if tag.kind == .block {
                    // An empty block keeps its line's newline, so the expansion still ends its line.
                    tags[index].standaloneBlock = true
                    tags[closeIndex].consumeEnd = lineEnd.end - lineEnd.newline
                } else {
                    tags[closeIndex].consumeEnd = lineEnd.end
                }
            }
            guard tag.kind == .parent else { continue }
            if let block = firstBlock[index], tag.end == tags[block].start,
                let lineStart = blankLineStart(before: tag.start), let lineEnd = blankLineEnd(after: tags[block].end)
            {
                tags[index].standalone = true
                tags[index].consumeStart = lineStart
                tags[index].before = Array(bytes[lineStart..<tag.start])
                tags[block].standaloneBlock = true
                tags[block].before = tags[index].before
                tags[block].consumeEnd = lineEnd.end
            }
            if let blockClose = lastBlockClose[index], tags[blockClose].end == closeTag.start,
                let lineStart = blankLineStart(before: tags[blockClose].start),
                let lineEnd = blankLineEnd(after: closeTag.end)
            {
                tags[blockClose].consumeStart = lineStart
                tags[blockClose].standalone = true
                tags[closeIndex].consumeEnd = lineEnd.end
            }
        }
    }

    /// The common leading blanks of the non-blank lines in `start..<end`.
    private func margin(_ start: Int, _ end: Int) -> [UInt8] {
        var common: [UInt8]?
        var index = start
        while index < end {
            var cursor = index
            while cursor < end, bytes[cursor] == Parser.space || bytes[cursor] == Parser.tab { cursor += 1 }
            let blankLine = cursor >= end || bytes[cursor] == Parser.newline || bytes[cursor] == Parser.carriageReturn
            if !blankLine {
                let indent = bytes[index..<cursor]
                if let current = common {
                    var shared = 0
                    while shared < current.count, shared < indent.count,
                        current[shared] == indent[indent.startIndex + shared]
                    {
                        shared += 1
                    }
                    common = Array(current.prefix(shared))
                } else {
                    common = Array(indent)
                }
            }
            while cursor < end, bytes[cursor] != Parser.newline { cursor += 1 }
            index = cursor + 1
        }
        return common ?? []
    }

    // MARK: Tree

    private struct OpenSection {
        let tagIndex: Int
        var children: [Node] = []
    }

    /// Appends the text of `start..<end`, split at line starts, each non-empty line preceded by `.lineStart`.
    private func appendText(_ start: Int, _ end: Int, to nodes: inout [Node]) {
        var pieceStart = start
        var index = start
        while index < end {
            if isLineStart(index) {
                if pieceStart < index { nodes.append(.text(Array(bytes[pieceStart..<index]))) }
                pieceStart = index
                if isNonEmptyLine(at: index) { nodes.append(.lineStart) }
            }
            index += 1
        }
        if pieceStart < end { nodes.append(.text(Array(bytes[pieceStart..<end]))) }
    }

    private func isNonEmptyLine(at offset: Int) -> Bool {
        guard offset < bytes.count else { return false }
        if bytes[offset] == Parser.newline { return false }
        if bytes[offset] == Parser.carriageReturn, offset + 1 < bytes.count, bytes[offset + 1] == Parser.newline {
            return false
        }
        return true
    }

    private mutating func buildTree(_ tags: [RawTag]) -> [Node] {
        var stack: [OpenSection] = [OpenSection(tagIndex: -1)]
        var cursor = 0
        for (index, raw) in tags.enumerated() {
            let start = max(cursor, raw.consumeStart)
            appendText(cursor, start, to: &stack[stack.count - 1].children)
            if !raw.standalone, isLineStart(start), isNonEmptyLine(at: start), start == raw.start {
                stack[stack.count - 1].children.append(.lineStart)
            }
            cursor = max(cursor, raw.consumeEnd)
            switch raw.kind {
            case .comment, .delimiters:
                break
            case .variable, .unescaped:
                stack[stack.count - 1].children.append(.variable(tag(raw), escaped: raw.kind == .variable))
            case .partial:
                stack[stack.count - 1].children.append(.partial(tag(raw), indent: raw.standalone ? raw.before : []))
            case .section, .inverted, .parent, .block:
                stack.append(OpenSection(tagIndex: index))
            case .close:
                guard stack.count > 1 else {
                    error(at: raw.nameOffset, "`/\(raw.name)` closes a section that was never opened")
                    continue
                }
                let open = tags[stack[stack.count - 1].tagIndex]
                if open.name != raw.name {
                    let (line, column) = position(of: open.nameOffset)
                    error(
                        at: raw.nameOffset,
                        "`/\(raw.name)` does not close the open section `\(Parser.sigil(open.kind))\(open.name)` (opened at line \(line), column \(column))"
                    )
                    // Recover by closing up to a matching open section, if there is one; otherwise the close is
                    // taken for a misspelling of the open one, so one mistake is reported once.
                    if stack.dropFirst().contains(where: { tags[$0.tagIndex].name == raw.name }) {
                        while let last = stack.last, tags[last.tagIndex].name != raw.name {
                            closeSection(&stack, tags: tags, closeStart: raw.consumeStart)
                        }
                    }
                }
                closeSection(&stack, tags: tags, closeStart: raw.consumeStart)
            }
        }
        appendText(cursor, bytes.count, to: &stack[stack.count - 1].children)
        while stack.count > 1 {
            let open = tags[stack[stack.count - 1].tagIndex]
            error(at: open.nameOffset, "section `\(Parser.sigil(open.kind))\(open.name)` is never closed (no `/\(open.name)`)")
            closeSection(&stack, tags: tags, closeStart: bytes.count)
        }
        return stack[0].children
    }

    private static func sigil(_ kind: RawTag.Kind) -> String {
        switch kind {
        case .section: return "#"
        case .inverted: return "^"
        case .parent: return "<"
        case .block: return "$"
        default: return ""
        }
    }

    private func closeSection(_ stack: inout [OpenSection], tags: [RawTag], closeStart: Int) {
        let section = stack.removeLast()
        let open = tags[section.tagIndex]
        let node: Node
        switch open.kind {
        case .parent:
            let blocks = section.children.compactMap { child -> BlockDefinition? in
                if case .block(let block) = child { return block }
                return nil
            }
            node = .parent(tag(open), indent: open.standalone ? open.before : [], blocks: blocks)
        case .block:
            let margin = open.standaloneBlock ? margin(open.consumeEnd, max(open.consumeEnd, closeStart)) : []
            node = .block(
                BlockDefinition(
                    tag: tag(open), body: section.children, isStandalone: open.standaloneBlock, margin: margin,
                    before: open.standaloneBlock ? open.before : []))
        default:
            node = .section(tag(open), inverted: open.kind == .inverted, body: section.children)
        }
        stack[stack.count - 1].children.append(node)
    }
}
