import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown parsed by libcmark-gfm, with the table, strikethrough, autolink, tagfilter and
/// tasklist extensions attached. Every cmark call of the package lives in this file; the document owns its
/// parser and tree and frees both.
///
/// Raw HTML is never passed through (cmark's safe default, no `CMARK_OPT_UNSAFE`): an HTML block or inline
/// tag renders as `<!-- raw HTML omitted -->`, and `javascript:` link targets render as empty links.
final class MarkdownDocument {
    private let parser: OpaquePointer
    private let root: OpaquePointer

    private static let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Core extensions must be registered once per process before they can be found by name.
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// Parses `markdown`.
    init(_ markdown: String) {
        _ = Self.registered
        // cmark's allocator aborts the process when memory runs out, so these never return nil.
        guard let parser = cmark_parser_new(Self.options) else { preconditionFailure("cmark_parser_new failed") }
        for name in Self.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { preconditionFailure("cmark_parser_finish failed") }
        self.root = root
        self.parser = parser
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The whole document as HTML.
    func html() -> String { render(root) }

    /// HTML of each slide: the top-level blocks between thematic breaks (`---`), found by walking the
    /// document's children, so a `---` inside a code block or list never splits a slide. Empty slides are
    /// dropped. Consumes the tree: call it once, last. See ``html(charts:)`` for `charts`.
    func slides(charts: [String: String] = [:]) -> [Slide] {
        split(
            chart: { name, trend in
                guard let svg = charts[name], let figure = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return nil }
                // Small trend charts get a class of their own so the shell can set them side by side.
                cmark_node_set_on_enter(
                    figure, "<figure class=\"chart chart-\(name)\(trend ? " chart-trend" : "")\">\(svg)</figure>")
                return figure
            },
            make: { body, notes in Slide(html: render(body), notes: notes.map { render($0) }) })
    }

    /// Each slide as a tree of Swift values (the same split as ``slides(charts:)``): a chart marker whose name
    /// is in `charts` becomes a `qbr_chart` node whose literal is the chart's name (standing in for the table
    /// after it, as in HTML); other markers and Mermaid code blocks are dropped. Consumes the tree.
    func slideTrees(charts: Set<String>) -> [SlideTree] {
        split(
            chart: { name, _ in
                guard charts.contains(name), let figure = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return nil }
                cmark_node_set_on_enter(figure, name)
                return figure
            },
            make: { body, notes in SlideTree(body: Self.tree(body, chart: true), notes: notes.map { Self.tree($0) }) })
    }

    /// The split into slides: `chart` makes the node that stands for a chart marker (nil drops the marker),
    /// `make` turns a slide's body and notes documents into a result.
    private func split<T>(
        chart: (_ name: String, _ trend: Bool) -> OpaquePointer?, make: (OpaquePointer, OpaquePointer?) -> T
    ) -> [T] {
        var slides: [T] = []
        var node = cmark_node_first_child(root)
        var body = cmark_node_new(CMARK_NODE_DOCUMENT)
        var notes: OpaquePointer?
        func close() {
            if let slide = body {
                if cmark_node_first_child(slide) != nil {
                    slides.append(make(slide, notes))
                }
                cmark_node_free(slide)
            }
            if let notes { cmark_node_free(notes) }
            notes = nil
        }
        while let block = node {
            node = cmark_node_next(block)
            if cmark_node_get_type(block) == CMARK_NODE_THEMATIC_BREAK {
                close()
                body = cmark_node_new(CMARK_NODE_DOCUMENT)
                continue
            }
            if Self.marker(block) == Self.notesMarker {
                // Everything after the notes marker, to the end of the slide, is for the presenter.
                if notes == nil { notes = cmark_node_new(CMARK_NODE_DOCUMENT) }
                cmark_node_unlink(block)
                cmark_node_free(block)
                continue
            }
            let (replacement, replacesTable) = Self.presentable(block, chart: chart)
            if replacement != block {
                cmark_node_unlink(block)
                cmark_node_free(block)
                // `<!-- qbr:chart NAME table -->`: the chart stands in for the data table right after it; the
                // Markdown keeps the table.
                if replacement != nil, replacesTable, let next = node, Self.isTable(next) {
                    node = cmark_node_next(next)
                    cmark_node_unlink(next)
                    cmark_node_free(next)
                }
            }
            guard let replacement else { continue }
            cmark_node_unlink(replacement)
            cmark_node_append_child(notes ?? body, replacement)
        }
        close()
        return slides
    }

    /// The whole document as HTML, with chart markers replaced and Mermaid sources dropped (the SVG charts
    /// stand in for them). Consumes the tree like ``slides(charts:)``.
    func html(charts: [String: String]) -> String {
        slides(charts: charts).map(\.html).joined()
    }

    /// GFM tables get their node type from the extension at run time; their type name is stable.
    private static func isTable(_ node: OpaquePointer) -> Bool {
        cmark_node_get_type_string(node).map { String(cString: $0) == "table" } ?? false
    }

    /// The line a template writes where a chart goes; invisible in Markdown renderers.
    static func chartMarker(_ name: String) -> String { "<!-- qbr:chart \(name) -->" }
    /// The line a template writes before a slide's speaker notes.
    static let notesMarker = "<!-- notes -->"

    /// The trimmed literal of an HTML block, the only kind of node our markers can be. Account text cannot
    /// produce one: its `<` is escaped.
    private static func marker(_ node: OpaquePointer) -> String? {
        guard cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK, let literal = cmark_node_get_literal(node) else {
            return nil
        }
        // Trimmed on bytes (Foundation's trimming showed in profiles); only text ending in a non-ASCII
        // character, which could be Unicode white space, goes through Foundation.
        let bytes = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        var start = 0, end = strlen(literal)
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if end > start, bytes[end - 1] >= 0x80 {
            return String(cString: literal).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
    }

    /// What a top-level block becomes: a chart marker becomes the node `chart` makes for it (for HTML a custom
    /// block holding the chart's SVG, which cmark writes verbatim — the SVG is ours, never the account's), a
    /// Mermaid code block disappears, and anything else stays as it is. Nil means drop the block;
    /// `replacesTable` that the chart stands in for the table that follows.
    private static func presentable(
        _ block: OpaquePointer, chart: (_ name: String, _ trend: Bool) -> OpaquePointer?
    ) -> (OpaquePointer?, replacesTable: Bool) {
        if cmark_node_get_type(block) == CMARK_NODE_CODE_BLOCK,
            let info = cmark_node_get_fence_info(block), String(cString: info).hasPrefix("mermaid")
        {
            return (nil, false)
        }
        guard let marker = marker(block), marker.hasPrefix("<!-- qbr:chart "), marker.hasSuffix(" -->") else {
            return (block, false)
        }
        let words = marker.dropFirst("<!-- qbr:chart ".count).dropLast(" -->".count).split(separator: " ")
        guard let name = words.first.map(String.init), let figure = chart(name, ["health", "mau"].contains(name))
        else { return (nil, false) }
        return (figure, words.dropFirst().first == "table")
    }

    /// The tree as Swift values, for tests and tools that inspect structure.
    func outline() -> MarkdownNode { Self.tree(root) }

    /// `chart`: custom blocks are chart placeholders made by ``slideTrees(charts:)``, named by their on-enter text.
    private static func tree(_ node: OpaquePointer, chart: Bool = false) -> MarkdownNode {
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            children.append(tree(current, chart: chart))
            child = cmark_node_next(current)
        }
        var type = cmark_node_get_type_string(node).map { String(cString: $0) } ?? "unknown"
        var literal = cmark_node_get_literal(node).map { String(cString: $0) }
        var attributes = MarkdownNode.Attributes()
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING: attributes.level = Int(cmark_node_get_heading_level(node))
        case CMARK_NODE_LIST:
            attributes.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            attributes.start = Int(cmark_node_get_list_start(node))
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            attributes.url = cmark_node_get_url(node).map { String(cString: $0) }
        case CMARK_NODE_CUSTOM_BLOCK where chart:
            type = "qbr_chart"
            literal = cmark_node_get_on_enter(node).map { String(cString: $0) }
        default:
            if type == "table" {
                let columns = Int(cmark_gfm_extensions_get_table_columns(node))
                if let alignments = cmark_gfm_extensions_get_table_alignments(node) {
                    attributes.alignments = (0..<columns).map { index in
                        switch alignments[index] {
                        case UInt8(ascii: "l"): return .left
                        case UInt8(ascii: "c"): return .center
                        case UInt8(ascii: "r"): return .right
                        default: return .none
                        }
                    }
                }
            } else if type == "table_row" {
                attributes.header = cmark_gfm_extensions_get_table_row_is_header(node) != 0
            }
        }
        return MarkdownNode(type: type, literal: literal, children: children, attributes: attributes)
    }

    private func render(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, Self.options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return HTMLCleanup.modernizeTableAlignment(cString: html)
    }
}

/// One slide's HTML and, when the slide has them, its speaker notes.
public struct Slide: Equatable, Sendable {
    /// The slide's HTML.
    public let html: String
    /// The HTML of its speaker notes.
    public let notes: String?
}

/// A node of a parsed Markdown tree: its cmark type name (`table`, `table_row`, `heading`, `text`…), literal
/// text where it has one, children, and the attributes other writers need (heading level, list kind, link
/// target, table alignment). A `qbr_chart` node stands where a chart goes; its literal is the chart's name.
public struct MarkdownNode: Equatable, Sendable {
    /// A table column's alignment, as the delimiter row wrote it.
    public enum Alignment: Sendable, Equatable {
        /// No colon: the renderer's default.
        case none
        /// `:---`.
        case left
        /// `:---:`.
        case center
        /// `---:`.
        case right
    }

    /// What a node's type alone does not say.
    public struct Attributes: Equatable, Sendable {
        /// A heading's level (1–6).
        public var level: Int?
        /// A list is ordered (`1.`) rather than bulleted.
        public var ordered = false
        /// An ordered list's first number.
        public var start: Int?
        /// A link's or image's target.
        public var url: String?
        /// A table's column alignments.
        public var alignments: [Alignment] = []
        /// A table row is the header row.
        public var header = false
    }

    /// The cmark type name.
    public let type: String
    /// The node's literal text (text, code, code block, HTML), if any.
    public let literal: String?
    /// The child nodes, in order.
    public let children: [MarkdownNode]
    /// Heading level, list kind, link target, table alignment.
    public let attributes: Attributes

    init(type: String, literal: String?, children: [MarkdownNode], attributes: Attributes = Attributes()) {
        self.type = type
        self.literal = literal
        self.children = children
        self.attributes = attributes
    }

    /// Every descendant (and self) of the given type, depth first.
    public func all(_ type: String) -> [MarkdownNode] {
        (self.type == type ? [self] : []) + children.flatMap { $0.all(type) }
    }

    /// The concatenated literal text below this node.
    public var text: String { (literal ?? "") + children.map(\.text).joined() }
}

/// One slide as trees: its body and, when it has them, its speaker notes (each a `document` node).
public struct SlideTree: Equatable, Sendable {
    /// The slide's blocks.
    public let body: MarkdownNode
    /// The speaker notes' blocks.
    public let notes: MarkdownNode?
}

enum HTMLCleanup {
    /// cmark-gfm writes `align="right"` on table cells, which HTML5 made obsolete (the Nu checker flags it);
    /// a style attribute says the same. User text cannot contain this sequence: cmark escapes its quotes.
    static func modernizeTableAlignment(_ html: String) -> String {
        html.withCString(modernizeTableAlignment(cString:))
    }

    /// ``modernizeTableAlignment(_:)`` on cmark-gfm's own buffer: found with `strstr` and made into a String
    /// once (a byte loop and a second String showed in profiles).
    static func modernizeTableAlignment(cString html: UnsafePointer<CChar>) -> String {
        let needle = #" align=""#, replacement = Array(#" style="text-align: "#.utf8)
        guard let first = strstr(html, needle) else { return String(cString: html) }
        var match = UnsafePointer(first)
        let length = strlen(html)
        var output: [UInt8] = []
        output.reserveCapacity(length + 1024)
        var copied = html
        let needleLength = needle.utf8.count
        while true {
            copied.withMemoryRebound(to: UInt8.self, capacity: match - copied) {
                output.append(contentsOf: UnsafeBufferPointer(start: $0, count: match - copied))
            }
            output.append(contentsOf: replacement)
            copied = UnsafePointer(match + needleLength)
            guard let next = strstr(copied, needle) else { break }
            match = UnsafePointer(next)
        }
        let rest = html + length - copied
        copied.withMemoryRebound(to: UInt8.self, capacity: rest) {
            output.append(contentsOf: UnsafeBufferPointer(start: $0, count: rest))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
