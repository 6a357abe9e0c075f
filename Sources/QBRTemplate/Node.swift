/// Where a tag is and what it names.
struct Tag: Sendable {
    /// The tag's content, trimmed (a name, or a template name for partials and parents).
    let name: String
    /// The template the tag is in.
    let file: String
    /// 1-based line of the name.
    let line: Int
    /// 1-based column of the name (after the delimiter and sigil).
    let column: Int
}

/// A parsed template, before binding: the tree the compiler walks.
///
/// Text is split at every source line start and a `lineStart` marks each one, so indentation of partials and
/// blocks can be applied (and removed) per template line without touching interpolated data.
indirect enum Node: Sendable {
    /// Literal text, never containing a line start after its first byte.
    case text([UInt8])
    /// The start of a non-empty template line: indentation goes here.
    case lineStart
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case variable(Tag, escaped: Bool)
    /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`.
    case section(Tag, inverted: Bool, body: [Node])
    /// `{{>name}}`; `indent` is the whitespace before a standalone tag.
    case partial(Tag, indent: [UInt8])
    /// `{{<name}}…{{/name}}`: only the blocks inside matter.
    case parent(Tag, indent: [UInt8], blocks: [BlockDefinition])
    /// `{{$name}}…{{/name}}`.
    case block(BlockDefinition)
}

/// A `{{$name}}…{{/name}}` block: a default where it is expanded, an argument inside a parent tag.
final class BlockDefinition: Sendable {
    let tag: Tag
    let body: [Node]
    /// A standalone block is reindented: its own margin is removed, and the expansion site's added.
    let isStandalone: Bool
    /// The common leading whitespace of the block's non-blank lines (only for standalone blocks).
    let margin: [UInt8]
    /// The whitespace before the opening tag on its line (only for standalone blocks).
    let before: [UInt8]

    init(tag: Tag, body: [Node], isStandalone: Bool, margin: [UInt8], before: [UInt8]) {
        self.tag = tag
        self.body = body
        self.isStandalone = isStandalone
        self.margin = margin
        self.before = before
    }

    /// The indentation the block's content gets where this block is expanded.
    var expansionIndent: [UInt8] {
        guard isStandalone else { return [] }
        return margin.isEmpty ? before : margin
    }

    /// The content as an argument or default: a standalone block's own margin removed.
    var content: [Node] {
        isStandalone && !margin.isEmpty ? Node.dedent(body, by: margin.count) : body
    }
}

extension Node {
    /// Removes up to `count` leading blanks from every template line of `nodes`, including the recorded
    /// indentation of standalone tags, so nested blocks keep their indentation relative to the outer block.
    static func dedent(_ nodes: [Node], by count: Int) -> [Node] {
        var result: [Node] = []
        result.reserveCapacity(nodes.count)
        var atLineStart = false
        for node in nodes {
            switch node {
            case .lineStart:
                result.append(node)
                atLineStart = true
                continue
            case .text(let bytes) where atLineStart:
                var drop = 0
                while drop < count, drop < bytes.count, bytes[drop] == 0x20 || bytes[drop] == 0x09 { drop += 1 }
                if drop < bytes.count { result.append(.text(Array(bytes[drop...]))) }
            case .text:
                result.append(node)
            case .variable:
                result.append(node)
            case let .section(tag, inverted, body):
                result.append(.section(tag, inverted: inverted, body: dedent(body, by: count)))
            case let .partial(tag, indent):
                result.append(.partial(tag, indent: Array(indent.dropFirst(count))))
            case let .parent(tag, indent, blocks):
                result.append(.parent(tag, indent: Array(indent.dropFirst(count)), blocks: blocks.map { $0.dedented(by: count) }))
            case .block(let block):
                result.append(.block(block.dedented(by: count)))
            }
            atLineStart = false
        }
        return result
    }
}

extension BlockDefinition {
    func dedented(by count: Int) -> BlockDefinition {
        BlockDefinition(
            tag: tag, body: Node.dedent(body, by: count), isStandalone: isStandalone,
            margin: Array(margin.dropFirst(count)), before: Array(before.dropFirst(count)))
    }
}

extension Node {
    /// The tag of a node that has one (not text or line starts).
    var tag: Tag? {
        switch self {
        case .text, .lineStart: return nil
        case .variable(let tag, _), .section(let tag, _, _), .partial(let tag, _), .parent(let tag, _, _): return tag
        case .block(let block): return block.tag
        }
    }
}
