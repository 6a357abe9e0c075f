import Foundation
import QBRCore
import QBRRender

/// Writes a deck as a native PowerPoint file: one slide per slide of the HTML deck (more when a table continues),
/// its heading in the title placeholder, text as real paragraphs and lists, tables as PowerPoint tables, charts
/// as editable charts with their workbook, speaker notes on the notes pages, on the layouts of a ``PowerPointDesign``.
/// The same deck and design give the same bytes.
public struct PowerPointWriter: Sendable {
    /// The master, layouts and theme the slides use.
    public let design: PowerPointDesign

    /// A writer on `design`.
    public init(design: PowerPointDesign) { self.design = design }

    /// A writer on the team's design: the `pptx_template` of `qbr.yaml` (with its `pptx_layouts`) when it names
    /// one, else the built-in master in the config's colours, fonts and logo.
    public init(config: TeamConfig) throws(PowerPointTemplateError) {
        if let template = config.pptxTemplate {
            design = try PowerPointTemplate.load(path: template, layouts: config.pptxLayouts ?? [:])
        } else {
            design = BuiltInDesign.design(config)
        }
    }

    /// The slides of `source` as they will be written (tests and tools inspect the layout with this).
    func placed(_ source: DeckSource) -> [PlacedSlide] {
        var layout = SlideLayout(design: design)
        layout.categories = source.charts.mapValues(\.categories.count)
        return source.slides.flatMap { layout.place(SlideReader.read($0)) }
    }

    /// The .pptx file of `source`.
    public func deck(_ source: DeckSource) throws -> [UInt8] {
        let date = Date(timeIntervalSince1970: Double(source.asOf.dayNumber) * 86_400)
        let slides = placed(source)
        var package = ZipPackage()
        var overrides: [String: String] = design.overrides
        var defaults: [String: String] = design.defaults
        defaults["rels"] = OOXML.ContentType.relationships
        defaults["xml"] = "application/xml"

        package.add(
            "_rels/.rels",
            xml: OOXML.relationshipsPart([
                ("rId1", OOXML.Rel.officeDocument, "ppt/presentation.xml", false),
                ("rId2", OOXML.Rel.coreProperties, "docProps/core.xml", false),
                ("rId3", OOXML.Rel.extendedProperties, "docProps/app.xml", false),
            ]))
        let stamp = source.asOf.description + "T00:00:00Z"
        package.add(
            "docProps/core.xml",
            xml: OOXML.declaration
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<dc:title>\(XMLText.run(source.title))</dc:title><dc:creator>qbr \(QBRVersion.current)</dc:creator>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:modified></cp:coreProperties>"
        )
        overrides["docProps/core.xml"] = OOXML.ContentType.core
        package.add(
            "docProps/app.xml",
            xml: OOXML.declaration
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>qbr</Application><Slides>\(slides.count)</Slides></Properties>"
        )
        overrides["docProps/app.xml"] = OOXML.ContentType.app

        // The presentation and its relationships: the design's masters and theme keep their ids; qbr's own
        // parts get ids of their own (rIdQ…), so they cannot clash with a template's.
        var relationships = design.presentationRelationships.map { ($0.id, $0.type, $0.target, false) }
        relationships.append(("rIdQ1", OOXML.Rel.notesMaster, "notesMasters/notesMaster1.xml", false))
        relationships.append(("rIdQ2", OOXML.Rel.presProps, "presProps.xml", false))
        relationships.append(("rIdQ3", OOXML.Rel.viewProps, "viewProps.xml", false))
        relationships.append(("rIdQ4", OOXML.Rel.tableStyles, "tableStyles.xml", false))
        for index in slides.indices {
            relationships.append(("rIdS\(index + 1)", OOXML.Rel.slide, "slides/slide\(index + 1).xml", false))
        }
        let slideIDs = slides.indices.map { "<p:sldId id=\"\(256 + $0)\" r:id=\"rIdS\($0 + 1)\"/>" }.joined()
        package.add(
            "ppt/presentation.xml",
            xml: OOXML.declaration + "<p:presentation \(OOXML.pmlNamespaces) saveSubsetFonts=\"1\">"
                + design.masterIdList
                + "<p:notesMasterIdLst><p:notesMasterId r:id=\"rIdQ1\"/></p:notesMasterIdLst>"
                + (slides.isEmpty ? "" : "<p:sldIdLst>\(slideIDs)</p:sldIdLst>")
                + "<p:sldSz cx=\"\(design.slideWidth)\" cy=\"\(design.slideHeight)\"/><p:notesSz cx=\"\(Notes.width)\" cy=\"\(Notes.height)\"/>"
                + (design.defaultTextStyle ?? "") + "</p:presentation>")
        overrides["ppt/presentation.xml"] = OOXML.ContentType.presentation
        package.add("ppt/_rels/presentation.xml.rels", xml: OOXML.relationshipsPart(relationships))
        package.add(
            "ppt/presProps.xml",
            xml: OOXML.declaration + "<p:presentationPr \(OOXML.pmlNamespaces)/>")
        overrides["ppt/presProps.xml"] = OOXML.ContentType.presProps
        package.add(
            "ppt/viewProps.xml",
            xml: OOXML.declaration
                + "<p:viewPr \(OOXML.pmlNamespaces)><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
        )
        overrides["ppt/viewProps.xml"] = OOXML.ContentType.viewProps
        package.add(
            "ppt/tableStyles.xml",
            xml: OOXML.declaration + "<a:tblStyleLst xmlns:a=\"\(OOXML.drawingNS)\" def=\"\(TableFrame.styleID)\"/>")
        overrides["ppt/tableStyles.xml"] = OOXML.ContentType.tableStyles

        for part in design.parts { package.add(part.name, part.data) }

        // The notes master, with a theme of its own (a name no template uses for its themes).
        package.add("ppt/notesMasters/notesMaster1.xml", xml: Notes.master())
        overrides["ppt/notesMasters/notesMaster1.xml"] = OOXML.ContentType.notesMaster
        package.add(
            "ppt/notesMasters/_rels/notesMaster1.xml.rels",
            xml: OOXML.relationshipsPart([("rId1", OOXML.Rel.theme, "../theme/qbrNotesTheme.xml", false)]))
        package.add(
            "ppt/theme/qbrNotesTheme.xml",
            xml: BuiltInDesign.theme(BuiltInDesign.Palette(TeamConfig()), name: "qbr notes"))
        overrides["ppt/theme/qbrNotesTheme.xml"] = OOXML.ContentType.theme

        var chartNumber = 0
        for (index, slide) in slides.enumerated() {
            let number = index + 1
            let layout = slide.isTitleSlide ? design.titleLayout : design.contentLayout
            var text = TextWriter()
            var charts: [(id: String, target: String)] = []
            var shapes = ""
            var shapeID = 2
            // The title shrinks like the body text; a bare <a:normAutofit/> here makes LibreOffice shrink an
            // inherited title to nothing, so the element is written only with a scale.
            // Measured 20% wider than body text: title fonts (a serif, a bold) run wide, and a title should not wrap.
            let titleFit = Autofit.fit(
                [TextParagraph(runs: [TextRun(text: slide.title)])], size: layout.titleSize * 1.2, box: layout.titleBox)
            let titleBody =
                titleFit.scale < 1
                ? "<a:bodyPr>\(Autofit.element(scale: titleFit.scale, reduction: titleFit.reduction))</a:bodyPr>"
                : "<a:bodyPr/>"
            shapes +=
                "<p:sp><p:nvSpPr><p:cNvPr id=\"\(shapeID)\" name=\"Title \(shapeID)\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>"
                + "<p:nvPr><p:ph type=\"\(layout.titleType)\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody>\(titleBody)<a:lstStyle/>"
                + "<a:p>\(TextWriter.isRightToLeft(slide.title) ? "<a:pPr algn=\"r\" rtl=\"1\"/>" : "")\(text.runs([TextRun(text: slide.title)], size: nil))<a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp>"
            for shape in slide.shapes {
                shapeID += 1
                switch shape {
                case .text(let paragraphs, let box, let size, let scale, let reduction, let placeholder):
                    let body = text.paragraphs(paragraphs, size: size, inherit: placeholder)
                    let bodyPr =
                        "<a:bodyPr wrap=\"square\" lIns=\"\(Autofit.insetX)\" tIns=\"\(Autofit.insetY)\" rIns=\"\(Autofit.insetX)\" bIns=\"\(Autofit.insetY)\" anchor=\"t\">\(Autofit.element(scale: scale, reduction: reduction))</a:bodyPr>"
                    if placeholder, let ph = layout.body {
                        shapes +=
                            "<p:sp><p:nvSpPr><p:cNvPr id=\"\(shapeID)\" name=\"Content \(shapeID)\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>"
                            + "<p:nvPr><p:ph \(ph.attributes)/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>\(box.offsetAndExtent)</a:xfrm></p:spPr>"
                            + "<p:txBody>\(bodyPr)<a:lstStyle/>\(body)</p:txBody></p:sp>"
                    } else {
                        shapes +=
                            "<p:sp><p:nvSpPr><p:cNvPr id=\"\(shapeID)\" name=\"Text \(shapeID)\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>"
                            + "<p:spPr><a:xfrm>\(box.offsetAndExtent)</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>"
                            + "<p:txBody>\(bodyPr)<a:lstStyle/>\(body)</p:txBody></p:sp>"
                    }
                case .table(let table, let box, let columns, let rows, let size):
                    shapes += TableFrame.xml(
                        table, box: box, columns: columns, rows: rows, size: size, id: shapeID, text: &text)
                case .chart(let name, let box):
                    guard let chart = source.charts[name] else { continue }
                    chartNumber += 1
                    let id = "rIdC\(charts.count + 1)"
                    charts.append((id, "../charts/chart\(chartNumber).xml"))
                    let workbook = "ppt/embeddings/Microsoft_Excel_Worksheet\(chartNumber).xlsx"
                    package.add(workbook, try Workbook.xlsx(chart, date: date))
                    package.add("ppt/charts/chart\(chartNumber).xml", xml: ChartPart.xml(chart, workbook: "rId1"))
                    overrides["ppt/charts/chart\(chartNumber).xml"] = OOXML.ContentType.chart
                    package.add(
                        "ppt/charts/_rels/chart\(chartNumber).xml.rels",
                        xml: OOXML.relationshipsPart([
                            (
                                "rId1", OOXML.Rel.package, "../embeddings/Microsoft_Excel_Worksheet\(chartNumber).xlsx",
                                false
                            )
                        ]))
                    shapes +=
                        "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"\(shapeID)\" name=\"Chart \(XMLText.escape(name))\" descr=\"\(XMLText.run(chart.summary))\"/>"
                        + "<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>"
                        + "<p:xfrm>\(box.offsetAndExtent)</p:xfrm><a:graphic><a:graphicData uri=\"\(OOXML.chartNS)\">"
                        + "<c:chart xmlns:c=\"\(OOXML.chartNS)\" r:id=\"\(id)\"/></a:graphicData></a:graphic></p:graphicFrame>"
                }
            }
            var rels: [(id: String, type: String, target: String, external: Bool)] = [
                ("rId1", OOXML.Rel.slideLayout, "../slideLayouts/" + (layout.part.split(separator: "/").last.map(String.init) ?? layout.part), false)
            ]
            if !slide.notes.isEmpty {
                var notesText = TextWriter()
                let page = Notes.page(slide.notes, text: &notesText)
                package.add("ppt/notesSlides/notesSlide\(number).xml", xml: page)
                overrides["ppt/notesSlides/notesSlide\(number).xml"] = OOXML.ContentType.notesSlide
                package.add(
                    "ppt/notesSlides/_rels/notesSlide\(number).xml.rels",
                    xml: OOXML.relationshipsPart(
                        [
                            ("rId1", OOXML.Rel.notesMaster, "../notesMasters/notesMaster1.xml", false),
                            ("rId2", OOXML.Rel.slide, "../slides/slide\(number).xml", false),
                        ]
                            + notesText.links.enumerated().map {
                                ("rIdL\($0.offset + 1)", OOXML.Rel.hyperlink, $0.element, true)
                            }))
                rels.append(("rId2", OOXML.Rel.notesSlide, "../notesSlides/notesSlide\(number).xml", false))
            }
            rels += charts.map { ($0.id, OOXML.Rel.chart, $0.target, false) }
            rels += text.links.enumerated().map { ("rIdL\($0.offset + 1)", OOXML.Rel.hyperlink, $0.element, true) }
            package.add(
                "ppt/slides/slide\(number).xml",
                xml: OOXML.declaration + "<p:sld \(OOXML.pmlNamespaces)><p:cSld><p:spTree>"
                    + BuiltInDesign.groupProperties + shapes
                    + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>")
            overrides["ppt/slides/slide\(number).xml"] = OOXML.ContentType.slide
            package.add("ppt/slides/_rels/slide\(number).xml.rels", xml: OOXML.relationshipsPart(rels))
        }
        if chartNumber > 0 { defaults["xlsx"] = OOXML.ContentType.xlsx }

        package.add(
            "[Content_Types].xml",
            xml: OOXML.declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + defaults.sorted { $0.key < $1.key }.map {
                    "<Default Extension=\"\(XMLText.escape($0.key))\" ContentType=\"\(XMLText.escape($0.value))\"/>"
                }.joined()
                + overrides.sorted { $0.key < $1.key }.map {
                    "<Override PartName=\"/\(XMLText.escape($0.key))\" ContentType=\"\(XMLText.escape($0.value))\"/>"
                }.joined() + "</Types>")
        return [UInt8](try package.archive(date: date))
    }
}
