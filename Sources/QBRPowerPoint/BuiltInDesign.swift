import Foundation
import QBRCore

extension PowerPointDesign {
    /// qbr's built-in 16:9 master in the colours, fonts, logo and company name of `config`.
    public static func builtIn(_ config: TeamConfig) -> PowerPointDesign { BuiltInDesign.design(config) }
}

/// qbr's own slide master, 16:9, in the colours, fonts and logo of `qbr.yaml` (as the HTML deck uses them): a
/// "Title Slide" and a "Title and Content" layout, the logo at the top right of every slide and the company
/// name in the footer.
enum BuiltInDesign {
    static let width = 12_192_000
    static let height = 6_858_000
    static let margin = 609_600
    static let titleBox = Box(x: margin, y: 320_040, width: 9_326_880, height: 914_400)
    static let bodyBox = Box(x: margin, y: 1_371_600, width: width - 2 * margin, height: 4_846_320)
    static let footerBox = Box(x: margin, y: 6_309_360, width: 6_400_800, height: 320_040)

    /// The design for `config`.
    static func design(_ config: TeamConfig) -> PowerPointDesign {
        let palette = Palette(config)
        var parts: [(String, Data)] = []
        var overrides: [String: String] = [:]
        func add(_ name: String, _ xml: String, _ type: String?) {
            parts.append((name, Data(xml.utf8)))
            if let type { overrides[name] = type }
        }
        var masterRelationships: [(id: String, type: String, target: String, external: Bool)] = [
            ("rId1", OOXML.Rel.slideLayout, "../slideLayouts/slideLayout1.xml", false),
            ("rId2", OOXML.Rel.slideLayout, "../slideLayouts/slideLayout2.xml", false),
            ("rId3", OOXML.Rel.theme, "../theme/theme1.xml", false),
        ]
        var logoShape = ""
        var defaults: [String: String] = [:]
        if let logo = Logo(dataURI: config.logoDataURI) {
            let name = "ppt/media/logo." + logo.fileExtension
            parts.append((name, logo.data))
            defaults[logo.fileExtension] = logo.contentType
            masterRelationships.append(("rId4", OOXML.Rel.image, "../media/logo." + logo.fileExtension, false))
            logoShape = logo.picture(relationship: "rId4", id: 10, right: width - margin, top: 228_600)
        }
        add("ppt/theme/theme1.xml", theme(palette, name: "qbr"), OOXML.ContentType.theme)
        add(
            "ppt/slideMasters/slideMaster1.xml", master(palette, company: config.company, logo: logoShape),
            OOXML.ContentType.slideMaster)
        add("ppt/slideMasters/_rels/slideMaster1.xml.rels", OOXML.relationshipsPart(masterRelationships), nil)
        let layoutRels = OOXML.relationshipsPart([
            ("rId1", OOXML.Rel.slideMaster, "../slideMasters/slideMaster1.xml", false)
        ])
        let subtitle = Box(x: margin, y: 3_886_200, width: width - 2 * margin, height: 1_645_920)
        let centredTitle = Box(x: margin, y: 2_011_680, width: width - 2 * margin, height: 1_737_360)
        add(
            "ppt/slideLayouts/slideLayout1.xml",
            layout(
                name: "Title Slide", type: "title",
                shapes: placeholder(
                    id: 2, name: "Title 1", ph: "type=\"ctrTitle\"", box: centredTitle, anchor: "b", size: 4400)
                    + placeholder(
                        id: 3, name: "Subtitle 2", ph: "type=\"subTitle\" idx=\"1\"", box: subtitle, anchor: "t",
                        size: 2000, bullets: false)),
            OOXML.ContentType.slideLayout)
        add("ppt/slideLayouts/_rels/slideLayout1.xml.rels", layoutRels, nil)
        add(
            "ppt/slideLayouts/slideLayout2.xml",
            layout(
                name: "Title and Content", type: "obj",
                shapes: placeholder(id: 2, name: "Title 1", ph: "type=\"title\"", box: titleBox, anchor: "b", size: nil)
                    + placeholder(
                        id: 3, name: "Content Placeholder 2", ph: "idx=\"1\"", box: bodyBox, anchor: "t", size: nil)),
            OOXML.ContentType.slideLayout)
        add("ppt/slideLayouts/_rels/slideLayout2.xml.rels", layoutRels, nil)
        return PowerPointDesign(
            parts: parts, overrides: overrides, defaults: defaults,
            presentationRelationships: [
                ("rId1", OOXML.Rel.slideMaster, "slideMasters/slideMaster1.xml"),
                ("rId2", OOXML.Rel.theme, "theme/theme1.xml"),
            ],
            masterIdList: "<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>",
            defaultTextStyle: nil, slideWidth: width, slideHeight: height,
            titleLayout: .init(
                part: "ppt/slideLayouts/slideLayout1.xml", name: "Title Slide", titleType: "ctrTitle",
                body: ("type=\"subTitle\" idx=\"1\"", subtitle), contentBox: subtitle, titleBox: centredTitle,
                titleSize: 44),
            contentLayout: .init(
                part: "ppt/slideLayouts/slideLayout2.xml", name: "Title and Content", titleType: "title",
                body: ("idx=\"1\"", bodyBox), contentBox: bodyBox, titleBox: titleBox, titleSize: 32),
            origin: "built-in")
    }

    /// The theme's colours from `qbr.yaml`, as RGB hex without `#`.
    struct Palette {
        var text = "1B1F24"
        var muted = "55606B"
        var accent = "1F5FBF"
        var background = "FFFFFF"
        var headingFont = "Calibri"
        var bodyFont = "Calibri"

        init(_ config: TeamConfig) {
            if let color = config.colors["text"].flatMap(Self.hex) { text = color }
            if let color = config.colors["muted"].flatMap(Self.hex) { muted = color }
            if let color = config.colors["accent"].flatMap(Self.hex) { accent = color }
            if let color = config.colors["background"].flatMap(Self.hex) { background = color }
            if let font = config.fonts["headings"].flatMap(Self.family) { headingFont = font }
            if let font = config.fonts["body"].flatMap(Self.family) { bodyFont = font }
        }

        /// `#rgb`, `#rrggbb`, `#rrggbbaa` (alpha dropped) or `rgb(r, g, b)` as `RRGGBB`; nil for anything else.
        static func hex(_ css: String) -> String? {
            let text = css.trimmingCharacters(in: .whitespaces).lowercased()
            if text.hasPrefix("#") {
                let digits = Array(text.dropFirst())
                guard digits.allSatisfy(\.isHexDigit) else { return nil }
                switch digits.count {
                case 3, 4: return digits.prefix(3).map { "\($0)\($0)" }.joined().uppercased()
                case 6, 8: return String(digits.prefix(6)).uppercased()
                default: return nil
                }
            }
            if text.hasPrefix("rgb") {
                let numbers = text.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }
                guard numbers.count >= 3 else { return nil }
                return numbers.prefix(3).map { String(format: "%02X", Int(min(max($0, 0), 255))) }.joined()
            }
            return nil
        }

        /// The first named family of a CSS font stack (`Inter, system-ui, sans-serif` → `Inter`).
        static func family(_ stack: String) -> String? {
            let generic: Set<String> = [
                "system-ui", "sans-serif", "serif", "monospace", "cursive", "fantasy", "-apple-system", "ui-sans-serif",
                "ui-serif", "blinkmacsystemfont",
            ]
            return stack.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }.first { !$0.isEmpty && !generic.contains($0.lowercased()) }
        }
    }

    static func theme(_ palette: Palette, name: String) -> String {
        func color(_ slot: String, _ hex: String) -> String { "<a:\(slot)><a:srgbClr val=\"\(hex)\"/></a:\(slot)>" }
        let fonts = { (typeface: String) in
            "<a:latin typeface=\"\(XMLText.escape(typeface))\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
        }
        return OOXML.declaration + "<a:theme xmlns:a=\"\(OOXML.drawingNS)\" name=\"\(name)\"><a:themeElements>"
            + "<a:clrScheme name=\"qbr\">" + color("dk1", palette.text) + color("lt1", "FFFFFF")
            + color("dk2", "3D4752") + color("lt2", palette.background) + color("accent1", palette.accent)
            + color("accent2", "7FA3DC") + color("accent3", "3D4752") + color("accent4", "9A5B00")
            + color("accent5", "B42318") + color("accent6", "55606B") + color("hlink", palette.accent)
            + color("folHlink", palette.muted) + "</a:clrScheme>"
            + "<a:fontScheme name=\"qbr\"><a:majorFont>" + fonts(palette.headingFont) + "</a:majorFont><a:minorFont>"
            + fonts(palette.bodyFont) + "</a:minorFont></a:fontScheme>"
            + "<a:fmtScheme name=\"qbr\"><a:fillStyleLst>"
            + String(repeating: "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>", count: 3)
            + "</a:fillStyleLst><a:lnStyleLst>"
            + [6350, 12700, 19050].map {
                "<a:ln w=\"\($0)\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>"
            }.joined()
            + "</a:lnStyleLst><a:effectStyleLst>"
            + String(repeating: "<a:effectStyle><a:effectLst/></a:effectStyle>", count: 3)
            + "</a:effectStyleLst><a:bgFillStyleLst>"
            + String(repeating: "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>", count: 3)
            + "</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    }

    static let colorMap =
        "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"

    static let groupProperties =
        "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>"

    static func placeholder(
        id: Int, name: String, ph: String, box: Box, anchor: String, size: Int?, bullets: Bool = true
    ) -> String {
        let paragraph =
            bullets
            ? ""
            : "<a:lvl1pPr marL=\"0\" indent=\"0\" algn=\"l\"><a:buNone/><a:defRPr\(size.map { " sz=\"\($0)\"" } ?? "")/></a:lvl1pPr>"
        let style = bullets ? size.map { "<a:lvl1pPr><a:defRPr sz=\"\($0)\"/></a:lvl1pPr>" } ?? "" : paragraph
        return "<p:sp><p:nvSpPr><p:cNvPr id=\"\(id)\" name=\"\(name)\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>"
            + "<p:nvPr><p:ph \(ph)/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>\(box.offsetAndExtent)</a:xfrm></p:spPr>"
            + "<p:txBody><a:bodyPr anchor=\"\(anchor)\"><a:normAutofit/></a:bodyPr><a:lstStyle>\(style)</a:lstStyle>"
            + "<a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp>"
    }

    static func layout(name: String, type: String, shapes: String) -> String {
        OOXML.declaration + "<p:sldLayout \(OOXML.pmlNamespaces) type=\"\(type)\" preserve=\"1\">"
            + "<p:cSld name=\"\(name)\"><p:spTree>\(groupProperties)\(shapes)</p:spTree></p:cSld>"
            + "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    }

    static func master(_ palette: Palette, company: String?, logo: String) -> String {
        let footer =
            company.map { company in
                "<p:sp><p:nvSpPr><p:cNvPr id=\"11\" name=\"Footer\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr userDrawn=\"1\"/></p:nvSpPr>"
                    + "<p:spPr><a:xfrm>\(footerBox.offsetAndExtent)</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>"
                    + "<p:txBody><a:bodyPr anchor=\"ctr\"/><a:lstStyle/><a:p><a:r><a:rPr lang=\"en-US\" sz=\"1100\">"
                    + "<a:solidFill><a:schemeClr val=\"tx2\"/></a:solidFill></a:rPr><a:t>\(XMLText.run(company))</a:t></a:r></a:p></p:txBody></p:sp>"
            } ?? ""
        let rule =
            "<p:cxnSp><p:nvCxnSpPr><p:cNvPr id=\"12\" name=\"Accent rule\"/><p:cNvCxnSpPr/><p:nvPr userDrawn=\"1\"/></p:nvCxnSpPr>"
            + "<p:spPr><a:xfrm><a:off x=\"\(margin)\" y=\"1280160\"/><a:ext cx=\"\(width - 2 * margin)\" cy=\"0\"/></a:xfrm>"
            + "<a:prstGeom prst=\"line\"><a:avLst/></a:prstGeom><a:ln w=\"28575\"><a:solidFill><a:schemeClr val=\"accent1\"/></a:solidFill></a:ln></p:spPr></p:cxnSp>"
        let levels = (1...5).map { level in
            let indent = 285_750
            let size = [2000, 1800, 1600, 1400, 1400][level - 1]
            return
                "<a:lvl\(level)pPr marL=\"\(indent * level)\" indent=\"-\(indent)\" algn=\"l\"><a:spcBef><a:spcPts val=\"600\"/></a:spcBef>"
                + "<a:buClr><a:schemeClr val=\"accent1\"/></a:buClr><a:buFont typeface=\"Arial\"/><a:buChar char=\"\(level % 2 == 1 ? "•" : "–")\"/>"
                + "<a:defRPr sz=\"\(size)\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl\(level)pPr>"
        }.joined()
        return OOXML.declaration
            + "<p:sldMaster \(OOXML.pmlNamespaces)><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg2\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>"
            + groupProperties
            + placeholder(
                id: 2, name: "Title Placeholder 1", ph: "type=\"title\"", box: titleBox, anchor: "b", size: nil)
            + placeholder(
                id: 3, name: "Text Placeholder 2", ph: "type=\"body\" idx=\"1\"", box: bodyBox, anchor: "t", size: nil)
            + rule + footer + logo
            + "</p:spTree></p:cSld>" + colorMap
            + "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/><p:sldLayoutId id=\"2147483650\" r:id=\"rId2\"/></p:sldLayoutIdLst>"
            + "<p:txStyles><p:titleStyle><a:lvl1pPr algn=\"l\"><a:defRPr sz=\"3200\" b=\"1\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>"
            + "<a:latin typeface=\"+mj-lt\"/></a:defRPr></a:lvl1pPr></p:titleStyle><p:bodyStyle>\(levels)</p:bodyStyle>"
            + "<p:otherStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>"
    }
}

/// The logo of `qbr.yaml` (a `data:` URI) as an image part, stored as it is (PNG, JPEG, GIF or SVG; WebP, which
/// PowerPoint does not read, is left out).
struct Logo {
    let data: Data
    let fileExtension: String
    let contentType: String
    /// Width over height.
    let aspect: Double

    init?(dataURI: String?) {
        guard let uri = dataURI, uri.hasPrefix("data:image/"), let comma = uri.firstIndex(of: ","),
            uri[..<comma].hasSuffix(";base64"), let data = Data(base64Encoded: String(uri[uri.index(after: comma)...]))
        else { return nil }
        let type = String(uri.dropFirst("data:".count).prefix { $0 != ";" })
        switch type {
        case "image/png": (fileExtension, contentType) = ("png", type)
        case "image/jpeg": (fileExtension, contentType) = ("jpeg", type)
        case "image/gif": (fileExtension, contentType) = ("gif", type)
        case "image/svg+xml": (fileExtension, contentType) = ("svg", type)
        default: return nil
        }
        self.data = data
        self.aspect = Self.aspect(data, type: type) ?? 3
    }

    /// Width over height from a PNG's header or an SVG's `viewBox`/`width`/`height`.
    static func aspect(_ data: Data, type: String) -> Double? {
        let bytes = [UInt8](data.prefix(4096))
        if type == "image/png", bytes.count >= 24 {
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            return height > 0 && width > 0 ? Double(width) / Double(height) : nil
        }
        if type == "image/svg+xml", let text = String(bytes: bytes, encoding: .utf8),
            let range = text.range(of: "viewBox=\"")
        {
            let numbers = text[range.upperBound...].prefix { $0 != "\"" }.split(separator: " ").compactMap {
                Double($0)
            }
            if numbers.count == 4, numbers[3] > 0, numbers[2] > 0 { return numbers[2] / numbers[3] }
        }
        return nil
    }

    /// The picture shape, at most 0.6 in high and 2 in wide, its right edge at `right`.
    func picture(relationship: String, id: Int, right: Int, top: Int) -> String {
        var height = 548_640
        var width = Int(Double(height) * aspect)
        if width > 1_828_800 {
            width = 1_828_800
            height = Int(Double(width) / aspect)
        }
        let box = Box(x: right - width, y: top, width: width, height: height)
        return
            "<p:pic><p:nvPicPr><p:cNvPr id=\"\(id)\" name=\"Logo\" descr=\"Logo\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr userDrawn=\"1\"/></p:nvPicPr>"
            + "<p:blipFill><a:blip r:embed=\"\(relationship)\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>"
            + "<p:spPr><a:xfrm>\(box.offsetAndExtent)</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>"
    }
}
