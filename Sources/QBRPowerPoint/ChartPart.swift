import QBRRender

/// A native chart part (`c:chartSpace`): the figures of a ``NativeChart`` in the chart's caches, with formulas
/// into the embedded workbook (``Workbook``) so "Edit Data" opens them; colours are theme colours, so a team
/// template's palette applies.
enum ChartPart {
    /// The chart part's XML; `workbook` is the relationship id of the embedded workbook.
    static func xml(_ chart: NativeChart, workbook: String) -> String {
        let count = chart.categories.count
        let categoryRange = "Sheet1!$A$2:$A$\(count + 1)"
        let categoryCache =
            "<c:strCache><c:ptCount val=\"\(count)\"/>"
            + chart.categories.enumerated().map {
                "<c:pt idx=\"\($0.offset)\"><c:v>\(XMLText.run($0.element))</c:v></c:pt>"
            }
            .joined() + "</c:strCache>"
        var series = ""
        for (index, item) in chart.series.enumerated() {
            let column = Workbook.column(index + 1)
            let values =
                "<c:numRef><c:f>Sheet1!$\(column)$2:$\(column)$\(count + 1)</c:f><c:numCache><c:formatCode>\(XMLText.escape(chart.numberFormat))</c:formatCode>"
                + "<c:ptCount val=\"\(count)\"/>"
                + item.values.enumerated().compactMap { position, value in
                    value.map { "<c:pt idx=\"\(position)\"><c:v>\($0)</c:v></c:pt>" }
                }.joined() + "</c:numCache></c:numRef>"
            var body = "<c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/>"
            body +=
                "<c:tx><c:strRef><c:f>Sheet1!$\(column)$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>\(XMLText.run(item.name))</c:v></c:pt></c:strCache></c:strRef></c:tx>"
            let line = chart.kind == .line
            body += "<c:spPr>" + paint(item.paint, line: line, width: index == 0 ? 34_925 : 19_050) + "</c:spPr>"
            if line {
                body +=
                    index == 0
                    ? "<c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/></c:marker>"
                    : "<c:marker><c:symbol val=\"none\"/></c:marker>"
            } else {
                body += "<c:invertIfNegative val=\"0\"/>"
            }
            // The figures are printed on the data series (not on the target, the base or the thresholds).
            if item.paint != .none && item.paint != .faint && !(line && index > 0) {
                let labels = chart.labelFormat
                body +=
                    "<c:dLbls><c:numFmt formatCode=\"\(XMLText.escape(labels))\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
                    + "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1100\"/></a:pPr><a:endParaRPr lang=\"en-US\"/></a:p></c:txPr>"
                    + (chart.kind == .line ? "<c:dLblPos val=\"t\"/>" : "")
                    + "<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
            }
            body +=
                "<c:cat><c:strRef><c:f>\(categoryRange)</c:f>\(categoryCache)</c:strRef></c:cat><c:val>\(values)</c:val>"
            body += line ? "<c:smooth val=\"0\"/>" : ""
            series += "<c:ser>\(body)</c:ser>"
        }
        let axes = "<c:axId val=\"500000001\"/><c:axId val=\"500000002\"/>"
        let plot: String
        switch chart.kind {
        case .bar:
            plot =
                "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>\(series)<c:gapWidth val=\"60\"/><c:overlap val=\"100\"/>\(axes)</c:barChart>"
        case .stackedBar:
            plot =
                "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"stacked\"/><c:varyColors val=\"0\"/>\(series)<c:gapWidth val=\"60\"/><c:overlap val=\"100\"/>\(axes)</c:barChart>"
        case .waterfall:
            plot =
                "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"stacked\"/><c:varyColors val=\"0\"/>\(series)<c:gapWidth val=\"50\"/><c:overlap val=\"100\"/>\(axes)</c:barChart>"
        case .line:
            plot =
                "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>\(series)<c:marker val=\"1\"/>\(axes)</c:lineChart>"
        }
        let horizontal = chart.kind == .bar || chart.kind == .stackedBar
        // Smaller axis type on a crowded chart, so every category keeps its name.
        let axisSize = chart.categories.count > 8 ? 900 : 1100
        let text =
            "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"\(axisSize)\"><a:solidFill><a:schemeClr val=\"tx1\"><a:lumMod val=\"75000\"/><a:lumOff val=\"25000\"/></a:schemeClr></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang=\"en-US\"/></a:p></c:txPr>"
        // Horizontal bars list the first category at the top, as the table and the SVG do.
        let categoryAxis =
            "<c:catAx><c:axId val=\"500000001\"/><c:scaling><c:orientation val=\"\(horizontal ? "maxMin" : "minMax")\"/></c:scaling>"
            + "<c:delete val=\"0\"/><c:axPos val=\"\(horizontal ? "l" : "b")\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>"
            + "<c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"low\"/>"
            + "<c:spPr><a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"tx1\"><a:lumMod val=\"25000\"/><a:lumOff val=\"75000\"/></a:schemeClr></a:solidFill></a:ln></c:spPr>\(text)"
            + "<c:crossAx val=\"500000002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>"
            // Every category named: a reader would otherwise drop every other outcome's name on a crowded chart.
            + (horizontal ? "<c:tickLblSkip val=\"1\"/>" : "") + "<c:noMultiLvlLbl val=\"0\"/></c:catAx>"
        let bounds =
            chart.axis.map { "<c:max val=\"\(Int($0.upperBound))\"/><c:min val=\"\(Int($0.lowerBound))\"/>" } ?? ""
        let valueAxis =
            "<c:valAx><c:axId val=\"500000002\"/><c:scaling><c:orientation val=\"minMax\"/>\(bounds)</c:scaling><c:delete val=\"0\"/>"
            + "<c:axPos val=\"\(horizontal ? "b" : "l")\"/><c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"tx1\"><a:lumMod val=\"15000\"/><a:lumOff val=\"85000\"/></a:schemeClr></a:solidFill></a:ln></c:spPr></c:majorGridlines>"
            + "<c:numFmt formatCode=\"\(XMLText.escape(chart.numberFormat))\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>"
            + "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>\(text)<c:crossAx val=\"500000001\"/><c:crosses val=\"\(horizontal ? "max" : "autoZero")\"/><c:crossBetween val=\"between\"/></c:valAx>"
        let legend =
            chart.series.count > 1 && chart.kind != .waterfall
            ? "<c:legend><c:legendPos val=\"t\"/><c:overlay val=\"0\"/>\(text)</c:legend>" : ""
        let title =
            "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1400\" b=\"1\"/></a:pPr><a:r><a:rPr lang=\"en-US\" sz=\"1400\" b=\"1\"/><a:t>\(XMLText.run(chart.title))</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
        return OOXML.declaration
            + "<c:chartSpace xmlns:c=\"\(OOXML.chartNS)\" xmlns:a=\"\(OOXML.drawingNS)\" xmlns:r=\"\(OOXML.officeRelationships)\">"
            + "<c:date1904 val=\"0\"/><c:lang val=\"en-US\"/><c:roundedCorners val=\"0\"/>"
            + "<c:chart>\(title)<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>\(plot)\(categoryAxis)\(valueAxis)</c:plotArea>"
            + "\(legend)<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
            + "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            + "<c:externalData r:id=\"\(workbook)\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>"
    }

    /// The fill (bars) or line of a series in a theme colour.
    static func paint(_ paint: NativeChart.Paint, line: Bool, width: Int) -> String {
        let color: String
        switch paint {
        case .accent: color = "<a:schemeClr val=\"accent1\"/>"
        // Half-transparent accent: a lighter tint of the theme's own hue (a luminance shift turns a dark teal cyan).
        case .accentLight: color = "<a:schemeClr val=\"accent1\"><a:alpha val=\"50000\"/></a:schemeClr>"
        case .slate: color = "<a:schemeClr val=\"tx1\"><a:lumMod val=\"75000\"/><a:lumOff val=\"25000\"/></a:schemeClr>"
        case .danger: color = "<a:srgbClr val=\"B42318\"/>"
        case .faint: color = "<a:schemeClr val=\"bg1\"><a:lumMod val=\"85000\"/></a:schemeClr>"
        case .none: return line ? "<a:ln><a:noFill/></a:ln>" : "<a:noFill/><a:ln><a:noFill/></a:ln>"
        }
        if line {
            let dash = paint == .faint || paint == .danger ? "<a:prstDash val=\"dash\"/>" : ""
            return "<a:ln w=\"\(width)\" cap=\"rnd\"><a:solidFill>\(color)</a:solidFill>\(dash)<a:round/></a:ln>"
        }
        return "<a:solidFill>\(color)</a:solidFill>"
    }
}
