import Foundation

/// A tiny SVG builder for the deck's inline charts.
///
/// Every text and attribute value goes through `escape`, so account text (typed by anyone into a CRM) comes out
/// inert and well-formed both as XML and inside an HTML5 document. Attributes keep the order they were given in
/// and coordinates go through `number`, so the same chart is always the same bytes.
struct SVG: Sendable {
    /// An element or a run of text.
    indirect enum Node: Sendable {
        case element(name: String, attributes: [(String, String)], children: [Node])
        case text(String)
    }

    /// The root's children.
    var nodes: [Node] = []

    /// Appends `node`.
    mutating func add(_ node: Node) { nodes.append(node) }

    /// Appends `nodes`.
    mutating func add(_ nodes: [Node]) { self.nodes.append(contentsOf: nodes) }

    /// The complete `<svg>` element: accessible name from `<title>` and `<desc>`, sized by CSS (no width or
    /// height), system font. `id` prefixes the title and description ids.
    func render(id: String, width: Double, height: Double, title: String, description: String) -> String {
        let root = SVG.element(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("viewBox", "0 0 \(SVG.number(width)) \(SVG.number(height))"),
                ("role", "img"),
                ("aria-labelledby", "\(id)-title \(id)-desc"),
                ("class", "qbr-chart qbr-chart-\(id)"),
                ("font-family", "system-ui, sans-serif"),
                ("font-size", "13"),
                ("fill", SVG.Palette.ink),
            ],
            [
                SVG.element("title", [("id", "\(id)-title")], [.text(title)]),
                SVG.element("desc", [("id", "\(id)-desc")], [.text(description)]),
            ] + nodes)
        var output: [UInt8] = []
        output.reserveCapacity(8_192)
        SVG.write(root, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: Building

    /// An element with attributes in the given order.
    static func element(_ name: String, _ attributes: [(String, String)] = [], _ children: [Node] = []) -> Node {
        .element(name: name, attributes: attributes, children: children)
    }

    /// A `<text>` element at (`x`, `y`) (the baseline) with plain content.
    static func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", size: Double? = nil, weight: String? = nil,
        fill: String? = nil, className: String? = nil
    ) -> Node {
        text([.text(content)], x: x, y: y, anchor: anchor, size: size, weight: weight, fill: fill, className: className)
    }

    /// A `<text>` element with mixed content (`tspan`s).
    static func text(
        _ children: [Node], x: Double, y: Double, anchor: String = "start", size: Double? = nil,
        weight: String? = nil, fill: String? = nil, className: String? = nil
    ) -> Node {
        var attributes: [(String, String)] = [("x", number(x)), ("y", number(y))]
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        if let size { attributes.append(("font-size", number(size))) }
        if let weight { attributes.append(("font-weight", weight)) }
        if let fill { attributes.append(("fill", fill)) }
        if let className { attributes.append(("class", className)) }
        return element("text", attributes, children)
    }

    /// A `<tspan>`.
    static func span(
        _ content: String, weight: String? = nil, fill: String? = nil, dx: Double? = nil, size: Double? = nil
    ) -> Node {
        var attributes: [(String, String)] = []
        if let dx { attributes.append(("dx", number(dx))) }
        if let size { attributes.append(("font-size", number(size))) }
        if let weight { attributes.append(("font-weight", weight)) }
        if let fill { attributes.append(("fill", fill)) }
        return element("tspan", attributes, [.text(content)])
    }

    /// A `<rect>`.
    static func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
        className: String? = nil, extra: [(String, String)] = []
    ) -> Node {
        var attributes: [(String, String)] = []
        if let className { attributes.append(("class", className)) }
        attributes += [
            ("x", number(x)), ("y", number(y)), ("width", number(max(0, width))), ("height", number(max(0, height))),
            ("fill", fill),
        ]
        if let stroke { attributes += [("stroke", stroke), ("stroke-width", "1")] }
        return element("rect", attributes + extra)
    }

    /// A `<line>`.
    static func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil,
        className: String? = nil
    ) -> Node {
        var attributes: [(String, String)] = []
        if let className { attributes.append(("class", className)) }
        attributes += [
            ("x1", number(x1)), ("y1", number(y1)), ("x2", number(x2)), ("y2", number(y2)), ("stroke", stroke),
            ("stroke-width", number(width)),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        return element("line", attributes)
    }

    /// A `<circle>`.
    static func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil) -> Node {
        var attributes: [(String, String)] = [("cx", number(cx)), ("cy", number(cy)), ("r", number(r)), ("fill", fill)]
        if let stroke { attributes += [("stroke", stroke), ("stroke-width", "2")] }
        return element("circle", attributes)
    }

    /// A `points` attribute value: "x,y x,y …".
    static func points(_ points: [(x: Double, y: Double)]) -> String {
        points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }

    /// A diagonal hatch `<pattern>` (lines of `color` on `background`); `crossed` adds the other diagonal.
    static func hatch(id: String, color: String, background: String, spacing: Double = 6, crossed: Bool = false) -> Node
    {
        var children: [Node] = [
            rect(x: 0, y: 0, width: spacing, height: spacing, fill: background),
            line(x1: spacing / 2, y1: 0, x2: spacing / 2, y2: spacing, stroke: color, width: spacing / 3),
        ]
        if crossed {
            children.append(line(x1: 0, y1: spacing / 2, x2: spacing, y2: spacing / 2, stroke: color, width: 1))
        }
        return element(
            "pattern",
            [
                ("id", id), ("patternUnits", "userSpaceOnUse"), ("width", number(spacing)), ("height", number(spacing)),
                ("patternTransform", "rotate(45)"),
            ], children)
    }

    // MARK: Writing

    /// Writes `node` as bytes: one buffer for the whole chart, not a string grown piece by piece.
    private static func write(_ node: Node, to output: inout [UInt8]) {
        switch node {
        case .text(let text):
            append(text, attribute: false, to: &output)
        case .element(let name, let attributes, let children):
            output.append(UInt8(ascii: "<"))
            output.append(contentsOf: name.utf8)
            for (key, value) in attributes {
                output.append(UInt8(ascii: " "))
                output.append(contentsOf: key.utf8)
                output.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
                append(value, attribute: true, to: &output)
                output.append(UInt8(ascii: "\""))
            }
            if children.isEmpty {
                output.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: ">")])
            } else {
                output.append(UInt8(ascii: ">"))
                for child in children { write(child, to: &output) }
                output.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
                output.append(contentsOf: name.utf8)
                output.append(UInt8(ascii: ">"))
            }
        }
    }

    /// `escape(text)` appended to `output`, without a string in between when the text is plain.
    private static func append(_ text: String, attribute: Bool, to output: inout [UInt8]) {
        if isPlain(text) {
            output.append(contentsOf: text.utf8)
        } else {
            output.append(contentsOf: escape(text, attribute: attribute).utf8)
        }
    }

    /// Printable ASCII without `&`, `<`, `>`, `"` or `'`: what `escape` leaves as it is.
    private static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27 }
    }

    // MARK: Text

    /// XML-escapes `text` (`&`, `<`, `>`, and in attributes `"` and `'`), drops characters that are not allowed
    /// in XML 1.0 or are HTML parse errors (C0/C1 controls, noncharacters) and turns line breaks and tabs into
    /// spaces (an attribute or label is one line).
    static func escape(_ text: String, attribute: Bool = false) -> String {
        // Most labels and every coordinate are plain printable ASCII: nothing to do.
        if isPlain(text) { return text }
        // Into bytes: appending to a String's unicode scalars cost more than the chart around it.
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".utf8)
            case "<": output.append(contentsOf: "&lt;".utf8)
            case ">": output.append(contentsOf: "&gt;".utf8)
            case "\"" where attribute: output.append(contentsOf: "&quot;".utf8)
            case "'" where attribute: output.append(contentsOf: "&#39;".utf8)
            case "\t", "\n", "\r": output.append(UInt8(ascii: " "))
            default:
                guard isAllowed(scalar) else { continue }
                if scalar.isASCII {
                    output.append(UInt8(scalar.value))
                } else {
                    UTF8.encode(scalar) { output.append($0) }
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return false }
        if (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE { return false }
        return true
    }

    /// Account text made safe to show as a label: explicit bidi embeddings, overrides and isolates are removed
    /// (they could reorder the chart's own words), and text with right-to-left letters is wrapped in a
    /// first-strong isolate so it cannot reorder the figures next to it. Longer than `limit` characters
    /// (grapheme clusters, so an emoji is never split) → cut and ended with "…".
    static func label(_ text: String, limit: Int? = nil) -> String {
        let (text, rightToLeft) = clean(text)
        var cleaned = text
        if let limit, cleaned.count > limit {
            cleaned = String(cleaned.prefix(max(1, limit - 1))).trimmingCharacters(in: .whitespaces) + "…"
        }
        return rightToLeft ? "\u{2068}" + cleaned + "\u{2069}" : cleaned
    }

    /// `text` cleaned like ``label(_:limit:)`` and wrapped onto at most `maxLines` lines of `columns` columns
    /// (see ``columns(_:)``), broken at spaces (a word longer than a line is broken inside). Text beyond the
    /// last line is cut and that line ends with "…". With right-to-left letters each line is a first-strong
    /// isolate of its own, the "…" inside it at the logical end of the text.
    static func lines(_ text: String, columns: Int, maxLines: Int) -> [String] {
        let (cleaned, rightToLeft) = clean(text)
        let limit = max(columns, 2)
        var lines: [String] = []
        var current = ""
        var width = 0
        for word in cleaned.split(separator: " ") {
            var word = String(word)
            var wordWidth = self.columns(word)
            if !current.isEmpty {
                if width + 1 + wordWidth <= limit {
                    current += " " + word
                    width += 1 + wordWidth
                    continue
                }
                lines.append(current)
                (current, width) = ("", 0)
            }
            // A word longer than a line: as much as fits on each line.
            while wordWidth > limit {
                var head = ""
                var headWidth = 0
                for character in word {
                    let characterWidth = self.columns(String(character))
                    if headWidth + characterWidth > limit && !head.isEmpty { break }
                    head.append(character)
                    headWidth += characterWidth
                }
                lines.append(head)
                word = String(word.dropFirst(head.count))
                wordWidth -= headWidth
            }
            (current, width) = (word, wordWidth)
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines.removeLast(lines.count - max(maxLines, 1))
            var last = lines.removeLast()
            if self.columns(last) + 1 > limit {
                // Room for "…": drop the last word when that keeps most of the line, else cut characters.
                if let space = last.lastIndex(of: " "), self.columns(String(last[..<space])) * 2 >= limit {
                    last = String(last[..<space])
                } else {
                    var cut = ""
                    for character in last {
                        if self.columns(cut + String(character)) + 1 > limit { break }
                        cut.append(character)
                    }
                    last = cut
                }
            }
            lines.append(last.trimmingCharacters(in: .whitespaces) + "…")
        }
        return rightToLeft ? lines.map { "\u{2068}" + $0 + "\u{2069}" } : lines
    }

    /// Columns `text` takes: two for each wide character (CJK, Hangul, full-width forms, emoji), one for the
    /// rest; a grapheme cluster counts once.
    static func columns(_ text: String) -> Int {
        // Printable ASCII, most labels: a column a byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { total, character in
            let value = character.unicodeScalars.first?.value ?? 0
            let wide =
                (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value)
                || (0x20000...0x3FFFD).contains(value)
            return total + (wide ? 2 : 1)
        }
    }

    /// Bidi embeddings, overrides and isolates removed, whitespace runs collapsed to one space and trimmed;
    /// and whether right-to-left letters remain.
    private static func clean(_ text: String) -> (text: String, rightToLeft: Bool) {
        // Printable ASCII with single inner spaces, most labels, is already clean.
        var previous: UInt8 = 0x20
        if text.utf8.allSatisfy({ byte in
            defer { previous = byte }
            return byte > 0x20 && byte < 0x7F || byte == 0x20 && previous != 0x20
        }) && previous != 0x20 {
            return (text, false)
        }
        var scalars = String.UnicodeScalarView()
        var rightToLeft = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) { continue }
            if isRightToLeft(value) { rightToLeft = true }
            scalars.append(scalar)
        }
        return (String(scalars).split(whereSeparator: { $0.isWhitespace }).joined(separator: " "), rightToLeft)
    }

    private static func isRightToLeft(_ value: UInt32) -> Bool {
        (0x0590...0x08FF).contains(value) || (0xFB1D...0xFDFF).contains(value) || (0xFE70...0xFEFF).contains(value)
            || (0x10800...0x10FFF).contains(value) || (0x1E800...0x1EFFF).contains(value)
    }

    // MARK: Numbers

    /// A coordinate with at most two decimals, trailing zeros dropped, "." as the separator whatever the locale:
    /// 12 → "12", 12.5 → "12.5", 1/3 → "0.33", -0.001 → "0". Non-finite values become "0".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded(.toNearestOrAwayFromZero))
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
        return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// A `Decimal` as a `Double` for geometry (never for money shown as text).
    static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }

    // MARK: Palette

    /// Colours that stay apart in grayscale print: series differ by lightness and pattern, never hue alone.
    enum Palette {
        /// Body text (matches the deck's --text).
        static let ink = "#1b1f24"
        /// Secondary text (the deck's --muted).
        static let muted = "#55606b"
        /// Empty track behind a bar.
        static let track = "#e9ecf0"
        /// Axis and reference lines.
        static let rule = "#9aa4ae"
        /// Faint reference lines.
        static let faint = "#cfd5dc"
        /// Primary series, solid (the deck's accent; dark in grayscale).
        static let accent = "#1f5fbf"
        /// Secondary solid series (mid lightness in grayscale).
        static let accentLight = "#7fa3dc"
        /// Background of hatched accent fills.
        static let accentWash = "#e3ecf8"
        /// Totals in the waterfall (darkest).
        static let slate = "#3d4752"
        /// Lines of "at risk" hatching.
        static let warning = "#9a5b00"
        /// Background of "at risk" hatching.
        static let warningWash = "#fbebd0"
        /// Lines of "missed" and loss hatching.
        static let danger = "#a3321f"
        /// Background of "missed" and loss hatching.
        static let dangerWash = "#f8e0db"
    }
}
