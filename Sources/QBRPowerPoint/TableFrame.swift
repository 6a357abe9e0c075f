/// A GFM table as a PowerPoint table (`a:tbl` in a graphic frame): a header row (`firstRow`, so the table
/// style marks it), banded rows, each cell aligned as the Markdown's delimiter row says.
enum TableFrame {
    /// "Medium Style 2 – Accent 1", a table style built into PowerPoint and LibreOffice: it takes its colours
    /// from the theme's accent.
    static let styleID = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"

    static func xml(
        _ table: TableContent, box: Box, columns: [Int], rows: [Int], size: Double, id: Int, text: inout TextWriter
    ) -> String {
        var xml = "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"\(id)\" name=\"Table \(id)\"/>"
        xml +=
            "<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>"
        xml +=
            "<p:xfrm>\(Box(x: box.x, y: box.y, width: box.width, height: rows.reduce(0, +)).offsetAndExtent)</p:xfrm>"
        xml += "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl>"
        xml += "<a:tblPr firstRow=\"1\" bandRow=\"1\"><a:tableStyleId>\(styleID)</a:tableStyleId></a:tblPr><a:tblGrid>"
        xml += columns.map { "<a:gridCol w=\"\($0)\"/>" }.joined() + "</a:tblGrid>"
        for (index, row) in ([table.header] + table.rows).enumerated() {
            xml += "<a:tr h=\"\(rows[index])\">"
            for (column, cell) in row.enumerated() {
                let alignment: String
                switch column < table.alignments.count ? table.alignments[column] : .none {
                case .right: alignment = " algn=\"r\""
                case .center: alignment = " algn=\"ctr\""
                case .left, .none:
                    alignment = TextWriter.isRightToLeft(cell.map(\.text).joined()) ? " algn=\"r\" rtl=\"1\"" : ""
                }
                xml += "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr\(alignment)/>"
                xml += text.runs(cell, size: size, bold: index == 0)
                xml += "<a:endParaRPr lang=\"en-US\" sz=\"\(Int(size * 100))\"/></a:p></a:txBody>"
                xml +=
                    "<a:tcPr marL=\"\(Autofit.insetX)\" marR=\"\(Autofit.insetX)\" marT=\"\(Autofit.insetY)\" marB=\"\(Autofit.insetY)\"/></a:tc>"
            }
            xml += "</a:tr>"
        }
        return xml + "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    }
}
