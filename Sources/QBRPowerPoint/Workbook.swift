import Foundation
import QBRRender

/// The smallest spreadsheet PowerPoint's "Edit Data" opens: one sheet, the categories in column A, one column
/// per series with its name in row 1, strings inline (no shared-strings part). The chart part's formulas
/// (`Sheet1!$B$2:$B$6`) point into it.
enum Workbook {
    /// The .xlsx bytes of `chart`'s figures.
    static func xlsx(_ chart: NativeChart, date: Date) throws -> Data {
        var package = ZipPackage()
        package.add(
            "[Content_Types].xml",
            xml: OOXML.declaration
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"\(OOXML.ContentType.relationships)\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "</Types>")
        package.add(
            "_rels/.rels", xml: OOXML.relationshipsPart([("rId1", OOXML.Rel.officeDocument, "xl/workbook.xml", false)]))
        package.add(
            "xl/workbook.xml",
            xml: OOXML.declaration
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"\(OOXML.officeRelationships)\">"
                + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
        package.add(
            "xl/_rels/workbook.xml.rels",
            xml: OOXML.relationshipsPart([
                ("rId1", OOXML.Rel.base + "worksheet", "worksheets/sheet1.xml", false),
                ("rId2", OOXML.Rel.base + "styles", "styles.xml", false),
            ]))
        package.add(
            "xl/styles.xml",
            xml: OOXML.declaration
                + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
                + "</styleSheet>")
        package.add("xl/worksheets/sheet1.xml", xml: sheet(chart))
        return try package.archive(date: date)
    }

    /// `A`, `B`, … `Z`, `AA` for a zero-based column.
    static func column(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < 26 ? String(letters[index]) : String(letters[index / 26 - 1]) + String(letters[index % 26])
    }

    static func sheet(_ chart: NativeChart) -> String {
        func text(_ reference: String, _ value: String) -> String {
            "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(XMLText.run(value))</t></is></c>"
        }
        var rows = "<row r=\"1\">" + text("A1", " ")
        for (index, series) in chart.series.enumerated() { rows += text("\(column(index + 1))1", series.name) }
        rows += "</row>"
        for (row, category) in chart.categories.enumerated() {
            let number = row + 2
            rows += "<row r=\"\(number)\">" + text("A\(number)", category)
            for (index, series) in chart.series.enumerated() {
                if let value = series.values[row] {
                    rows += "<c r=\"\(column(index + 1))\(number)\"><v>\(value)</v></c>"
                }
            }
            rows += "</row>"
        }
        return OOXML.declaration
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(rows)</sheetData></worksheet>"
    }
}
