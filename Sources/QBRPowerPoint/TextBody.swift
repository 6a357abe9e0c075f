/// DrawingML text: paragraphs and runs with their formatting, links as hyperlink relationships.
struct TextWriter {
    /// Hyperlink targets of the slide, in order of first use; their relationship ids are `rIdL1`, `rIdL2`…
    private(set) var links: [String] = []

    /// The relationship id of a link target, added on first use.
    mutating func link(_ target: String) -> String {
        if let index = links.firstIndex(of: target) { return "rIdL\(index + 1)" }
        links.append(target)
        return "rIdL\(links.count)"
    }

    /// The runs of one paragraph at `size` points (nil: the placeholder's size).
    mutating func runs(_ runs: [TextRun], size: Double?, bold: Bool = false) -> String {
        var xml = ""
        for run in runs {
            if run.isBreak {
                xml += "<a:br><a:rPr lang=\"en-US\"\(size.map { " sz=\"\(Int($0 * 100))\"" } ?? "")/></a:br>"
                continue
            }
            guard !run.text.isEmpty else { continue }
            var attributes = "lang=\"en-US\""
            if let size { attributes += " sz=\"\(Int(size * 100))\"" }
            if run.bold || bold { attributes += " b=\"1\"" }
            if run.italic { attributes += " i=\"1\"" }
            if run.strike { attributes += " strike=\"sngStrike\"" }
            if run.link != nil { attributes += " u=\"sng\"" }
            var children = ""
            if run.code { children += "<a:latin typeface=\"Consolas\"/><a:cs typeface=\"Consolas\"/>" }
            if let target = run.link { children += "<a:hlinkClick r:id=\"\(link(target))\"/>" }
            xml +=
                "<a:r><a:rPr \(attributes)\(children.isEmpty ? "/>" : ">\(children)</a:rPr>")<a:t>\(XMLText.run(run.text))</a:t></a:r>"
        }
        return xml
    }

    /// Whether `text` reads right to left: its first strong character is Hebrew or Arabic.
    static func isRightToLeft(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: return true
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x370...0x3FF, 0x400...0x4FF: return false
            default: continue
            }
        }
        return false
    }

    /// Paragraphs of a text box. `inherit` leaves bullets and indents to the placeholder's list styles (the
    /// team's design); otherwise they are set here.
    mutating func paragraphs(_ paragraphs: [TextParagraph], size: Double?, inherit: Bool) -> String {
        var xml = ""
        for paragraph in paragraphs {
            var attributes = ""
            var children = "<a:spcBef><a:spcPts val=\"\(Int(Autofit.spacingBefore * 100))\"/></a:spcBef>"
            let indent = Autofit.indentPerLevel
            switch paragraph.kind {
            case .plain:
                attributes += " marL=\"\(paragraph.quote ? indent : 0)\" indent=\"0\""
                children += "<a:buNone/>"
            case .bullet:
                attributes += " lvl=\"\(paragraph.level)\""
                if !inherit {
                    attributes += " marL=\"\(indent * (paragraph.level + 1))\" indent=\"-\(indent)\""
                    children +=
                        "<a:buFont typeface=\"Arial\"/><a:buChar char=\"\(paragraph.level % 2 == 0 ? "•" : "–")\"/>"
                }
            case .numbered(let start):
                attributes += " lvl=\"\(paragraph.level)\""
                if !inherit { attributes += " marL=\"\(indent * (paragraph.level + 1))\" indent=\"-\(indent)\"" }
                children += "<a:buFont typeface=\"+mj-lt\"/><a:buAutoNum type=\"arabicPeriod\" startAt=\"\(start)\"/>"
            }
            if Self.isRightToLeft(paragraph.text) { attributes += " algn=\"r\" rtl=\"1\"" }
            let body = runs(
                paragraph.runs.map { run in
                    var run = run
                    if paragraph.quote { run.italic = true }
                    return run
                }, size: size)
            xml +=
                "<a:p><a:pPr\(attributes)>\(children)</a:pPr>\(body)<a:endParaRPr lang=\"en-US\"\(size.map { " sz=\"\(Int($0 * 100))\"" } ?? "")/></a:p>"
        }
        return xml.isEmpty ? "<a:p><a:endParaRPr lang=\"en-US\"/></a:p>" : xml
    }
}
