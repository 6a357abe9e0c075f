import QBRRender

/// A run of text with its character formatting, as Markdown's inlines give it.
struct TextRun: Equatable {
    var text: String
    var bold = false
    var italic = false
    var code = false
    var strike = false
    /// A link's target (http, https or mailto only).
    var link: String?
    /// A hard line break (`<a:br/>`) rather than text.
    var isBreak = false
}

/// A paragraph of a text box: a Markdown paragraph, a list item at its nesting level, a quote, a code line.
struct TextParagraph: Equatable {
    enum Kind: Equatable {
        case plain
        case bullet
        /// An ordered item and its number.
        case numbered(start: Int)
    }

    var runs: [TextRun]
    var kind: Kind = .plain
    /// Nesting level, 0 for the outermost list.
    var level = 0
    var quote = false

    /// The text without formatting.
    var text: String { runs.map { $0.isBreak ? "\n" : $0.text }.joined() }
}

/// A GFM table: column alignments, the header row and the body rows, each cell a list of runs.
struct TableContent: Equatable {
    var alignments: [MarkdownNode.Alignment]
    var header: [[TextRun]]
    var rows: [[[TextRun]]]
    /// The font size the layout settled on for this part of the table (nil until placed).
    var size: Double? = nil
}

/// A block of a slide's body, in the order the Markdown has them.
enum SlideBlock: Equatable {
    /// Paragraphs in a row: one text box.
    case text([TextParagraph])
    case table(TableContent)
    /// Charts in a row, side by side (the health and users trends).
    case charts([String])
    /// A narrow table on the left and charts stacked on the right, when stacking them would not fit.
    case beside(TableContent, [String])
}

/// What a slide says, read off its cmark-gfm tree: its title (the slide's first heading), its blocks and its
/// speaker notes.
struct SlideContent: Equatable {
    var title: String = ""
    /// The slide opens with a level-1 heading: the deck's title slide.
    var opensWithTitle = false
    var blocks: [SlideBlock] = []
    var notes: [TextParagraph] = []
}

/// Walks a slide's node tree (a visitor over cmark-gfm's node types) and collects its ``SlideContent``.
struct SlideReader {
    /// Reads `tree`.
    static func read(_ tree: SlideTree) -> SlideContent {
        var reader = SlideReader()
        for block in tree.body.children { reader.visitBlock(block) }
        var content = reader.content
        content.blocks = reader.blocks
        if let notes = tree.notes {
            var notesReader = SlideReader()
            notesReader.takesTitle = false
            for block in notes.children { notesReader.visitBlock(block) }
            content.notes = notesReader.blocks.flatMap { block -> [TextParagraph] in
                switch block {
                case .text(let paragraphs): return paragraphs
                case .table(let table):
                    return ([table.header] + table.rows).map { row in
                        TextParagraph(runs: [
                            TextRun(text: row.map { $0.map(\.text).joined() }.joined(separator: " | "))
                        ])
                    }
                case .charts, .beside: return []
                }
            }
        }
        return content
    }

    private var content = SlideContent()
    private var blocks: [SlideBlock] = []
    private var takesTitle = true

    private mutating func append(_ paragraph: TextParagraph) {
        if case .text(let paragraphs) = blocks.last {
            blocks[blocks.count - 1] = .text(paragraphs + [paragraph])
        } else {
            blocks.append(.text([paragraph]))
        }
    }

    private mutating func visitBlock(_ node: MarkdownNode, level: Int = 0, quote: Bool = false) {
        switch node.type {
        case "heading":
            let runs = Self.inlines(node.children)
            // The slide's first heading of level 1 or 2 is its title, as the HTML deck's heading, wherever it stands.
            if takesTitle, content.title.isEmpty, level == 0, !quote, (node.attributes.level ?? 2) <= 2 {
                content.title = runs.map { $0.isBreak ? " " : $0.text }.joined()
                content.opensWithTitle = node.attributes.level == 1 && blocks.isEmpty
            } else {
                append(
                    TextParagraph(
                        runs: runs.map {
                            var run = $0; run.bold = true; return run
                        }, quote: quote))
            }
        case "paragraph":
            append(TextParagraph(runs: Self.inlines(node.children), quote: quote))
        case "block_quote":
            for child in node.children { visitBlock(child, level: level, quote: true) }
        case "list":
            visitList(node, level: level, quote: quote)
        case "code_block":
            let lines = (node.literal ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines.last == "" ? lines.dropLast() : lines[...] {
                append(TextParagraph(runs: [TextRun(text: String(line), code: true)], quote: quote))
            }
        case "table":
            visitTable(node)
        case "qbr_chart":
            let name = node.literal ?? ""
            if case .charts(let names) = blocks.last {
                blocks[blocks.count - 1] = .charts(names + [name])
            } else {
                blocks.append(.charts([name]))
            }
        default:
            // HTML blocks (raw HTML is never passed through), thematic breaks and anything unknown.
            break
        }
    }

    private mutating func visitList(_ list: MarkdownNode, level: Int, quote: Bool) {
        var number = list.attributes.start ?? 1
        for item in list.children {
            var first = true
            for child in item.children {
                if child.type == "paragraph", first {
                    append(
                        TextParagraph(
                            runs: Self.inlines(child.children),
                            kind: list.attributes.ordered ? .numbered(start: number) : .bullet, level: level,
                            quote: quote))
                    first = false
                } else if child.type == "list" {
                    visitList(child, level: min(level + 1, 4), quote: quote)
                } else {
                    if first {
                        // An item that opens with something other than a paragraph still gets its bullet.
                        append(
                            TextParagraph(
                                runs: [], kind: list.attributes.ordered ? .numbered(start: number) : .bullet,
                                level: level,
                                quote: quote))
                        first = false
                    }
                    visitBlock(child, level: level, quote: quote)
                }
            }
            number += 1
        }
    }

    private mutating func visitTable(_ table: MarkdownNode) {
        var header: [[TextRun]] = []
        var rows: [[[TextRun]]] = []
        // cmark-gfm names the header row `table_header`, the others `table_row`.
        for row in table.children where row.type == "table_row" || row.type == "table_header" {
            let cells = row.children.filter { $0.type == "table_cell" }.map { Self.inlines($0.children) }
            if (row.type == "table_header" || row.attributes.header) && header.isEmpty {
                header = cells
            } else {
                rows.append(cells)
            }
        }
        let columns = max(table.attributes.alignments.count, header.count)
        func padded(_ cells: [[TextRun]]) -> [[TextRun]] {
            Array(cells.prefix(columns)) + Array(repeating: [], count: max(0, columns - cells.count))
        }
        blocks.append(
            .table(
                TableContent(
                    alignments: table.attributes.alignments
                        + Array(
                            repeating: .none, count: max(0, columns - table.attributes.alignments.count)),
                    header: padded(header), rows: rows.map(padded))))
    }

    /// The runs of a list of inline nodes.
    static func inlines(_ nodes: [MarkdownNode], style: TextRun = TextRun(text: "")) -> [TextRun] {
        var runs: [TextRun] = []
        for node in nodes {
            var run = style
            switch node.type {
            case "text":
                run.text = node.literal ?? ""
                runs.append(run)
            case "softbreak":
                run.text = " "
                runs.append(run)
            case "linebreak":
                run.text = ""
                run.isBreak = true
                runs.append(run)
            case "code":
                run.text = node.literal ?? ""
                run.code = true
                runs.append(run)
            case "emph":
                run.italic = true
                runs += inlines(node.children, style: run)
            case "strong":
                run.bold = true
                runs += inlines(node.children, style: run)
            case "strikethrough":
                run.strike = true
                runs += inlines(node.children, style: run)
            case "link":
                run.link = node.attributes.url.flatMap(Self.safeLink)
                runs += inlines(node.children, style: run)
            case "image":
                // The picture is not carried over: its description stands in for it.
                runs += inlines(node.children, style: run)
            default:
                // Inline HTML: never passed through.
                runs += inlines(node.children, style: run)
            }
        }
        // Neighbours with the same formatting become one run.
        var merged: [TextRun] = []
        for run in runs {
            if var last = merged.last, !last.isBreak, !run.isBreak, last.bold == run.bold, last.italic == run.italic,
                last.code == run.code, last.strike == run.strike, last.link == run.link
            {
                last.text += run.text
                merged[merged.count - 1] = last
            } else {
                merged.append(run)
            }
        }
        return merged
    }

    /// Links that go somewhere a reader expects: web pages and e-mail. `javascript:`, `file:` and the like are
    /// kept as plain text, as cmark-gfm's safe HTML does.
    static func safeLink(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") else {
            return nil
        }
        return url
    }
}
