import Foundation

/// Why a team's PowerPoint template cannot be used: the file and what is wrong with it.
public struct PowerPointTemplateError: Error, CustomStringConvertible, Sendable {
    /// The template file, as `qbr.yaml` resolved it.
    public let path: String
    /// What is wrong, in words.
    public let reason: String
    /// The file is missing or unreadable (exit 66), rather than unusable (exit 65).
    public let isMissing: Bool

    /// `path: error: reason`.
    public var description: String { "\(path): error: PowerPoint template: \(reason)" }
}

/// A team's own PowerPoint file (`pptx_template` in `qbr.yaml`) read as a design: its slide masters and
/// everything they reach (layouts, theme, logo and other media, footers drawn on the master) are copied into
/// every deck, and slides are put on its layouts.
public enum PowerPointTemplate {
    /// The largest template read, so a wrong file (a video renamed .pptx) is refused rather than copied into
    /// every deck.
    static let maxBytes = 50_000_000

    /// Reads the template at `path`. `layouts` may name the layouts to use: `title` (the first slide) and
    /// `content` (every other slide); otherwise "Title Slide" and "Title and Content", or the layouts of those
    /// types.
    public static func load(path: String, layouts: [String: String] = [:]) throws(PowerPointTemplateError)
        -> PowerPointDesign
    {
        func invalid(_ reason: String) -> PowerPointTemplateError {
            PowerPointTemplateError(path: path, reason: reason, isMissing: false)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw PowerPointTemplateError(path: path, reason: "no such file", isMissing: true)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PowerPointTemplateError(path: path, reason: "cannot read the file", isMissing: true)
        }
        guard data.count <= maxBytes else {
            throw invalid("the file is \(data.count) bytes; at most \(maxBytes) are read")
        }
        let parts: [String: Data]
        do {
            parts = try ZipPackage.read(data)
        } catch {
            throw invalid("not a PowerPoint file (.pptx): it is not a zip archive")
        }
        guard parts.values.reduce(0, { $0 + $1.count }) <= 4 * maxBytes else {
            throw invalid("the file unpacks to too many bytes")
        }
        func text(_ name: String) -> String? { parts[name].flatMap { String(data: $0, encoding: .utf8) } }
        guard let presentation = text("ppt/presentation.xml") else {
            throw invalid("not a PowerPoint presentation: it has no ppt/presentation.xml")
        }
        func relationships(of part: String) -> [(id: String, type: String, target: String, external: Bool)] {
            guard let xml = text(OOXML.relationshipsName(of: part)) else { return [] }
            return MarkupScan.tags("Relationship", in: xml[...]).compactMap { tag in
                guard let id = tag["Id"], let type = tag["Type"], let target = tag["Target"] else { return nil }
                return (id, type, target, tag["TargetMode"] == "External")
            }
        }
        let presentationRels = relationships(of: "ppt/presentation.xml")
        let masterRels = presentationRels.filter { $0.type == OOXML.Rel.slideMaster }
        guard !masterRels.isEmpty else { throw invalid("it has no slide master") }
        guard let masterIdList = MarkupScan.element("p:sldMasterIdLst", in: presentation) else {
            throw invalid("ppt/presentation.xml lists no slide master")
        }
        // Everything the masters reach, and nothing of the template's own slides or notes.
        var collected: [String] = []
        var seen = Set<String>()
        var queue = masterRels.compactMap { OOXML.resolve($0.target, from: "ppt/presentation.xml") }
        let skipped: Set<String> = [
            OOXML.Rel.slide, OOXML.Rel.notesSlide, OOXML.Rel.notesMaster, OOXML.Rel.base + "handoutMaster",
        ]
        while let part = queue.first {
            queue.removeFirst()
            guard seen.insert(part).inserted else { continue }
            guard parts[part] != nil else {
                throw invalid("it is damaged: it refers to \(part), which it does not hold")
            }
            collected.append(part)
            for relationship in relationships(of: part)
            where !relationship.external && !skipped.contains(relationship.type) {
                guard let target = OOXML.resolve(relationship.target, from: part) else {
                    throw invalid("it is damaged: \(part) refers outside the file")
                }
                queue.append(target)
            }
        }
        var copied: [(name: String, data: Data)] = []
        for part in collected.sorted() {
            guard let data = parts[part] else { continue }  // every collected part was found above
            copied.append((part, data))
            let rels = OOXML.relationshipsName(of: part)
            if let data = parts[rels] {
                // Relationships to the template's slides or notes would point at nothing in the deck.
                let kept = relationships(of: part).filter { !skipped.contains($0.type) }
                copied.append(
                    (
                        rels,
                        kept.count == relationships(of: part).count ? data : Data(OOXML.relationshipsPart(kept).utf8)
                    ))
            }
        }
        // Content types of the copied parts.
        let types = text("[Content_Types].xml") ?? ""
        var defaults: [String: String] = [:]
        for tag in MarkupScan.tags("Default", in: types[...]) {
            if let ext = tag["Extension"]?.lowercased(), let type = tag["ContentType"], ext != "xml", ext != "rels" {
                defaults[ext] = type
            }
        }
        var overrides: [String: String] = [:]
        let copiedNames = Set(copied.map(\.name))
        for tag in MarkupScan.tags("Override", in: types[...]) {
            if let name = tag["PartName"], let type = tag["ContentType"],
                copiedNames.contains(String(name.drop { $0 == "/" }))
            {
                overrides[String(name.drop { $0 == "/" })] = type
            }
        }
        for part in collected where overrides[part] == nil {
            if part.hasPrefix("ppt/slideMasters/") { overrides[part] = OOXML.ContentType.slideMaster }
            if part.hasPrefix("ppt/slideLayouts/") { overrides[part] = OOXML.ContentType.slideLayout }
            if part.hasPrefix("ppt/theme/") { overrides[part] = OOXML.ContentType.theme }
        }
        // Slide size.
        let size = MarkupScan.tags("p:sldSz", in: presentation[...]).first
        let width = size?["cx"].flatMap(Int.init) ?? 12_192_000
        let height = size?["cy"].flatMap(Int.init) ?? 6_858_000

        // Layouts by name and type, with their placeholders.
        struct Found {
            let part: String
            let name: String
            let type: String?
            let xml: String
        }
        let found: [Found] = collected.filter { $0.hasPrefix("ppt/slideLayouts/") && $0.hasSuffix(".xml") }.compactMap {
            part in
            guard let xml = text(part) else { return nil }
            let root = MarkupScan.tags("p:sldLayout", in: xml[...]).first
            let name = MarkupScan.tags("p:cSld", in: xml[...]).first?["name"] ?? ""
            return Found(part: part, name: name, type: root?["type"], xml: xml)
        }
        guard !found.isEmpty else { throw invalid("its slide master has no layouts") }
        let names = found.map { "\"\($0.name)\"" }.joined(separator: ", ")
        func pick(_ role: String, name: String, type: String) throws(PowerPointTemplateError) -> Found {
            if let wanted = layouts[role] {
                guard let layout = found.first(where: { $0.name == wanted }) else {
                    throw invalid("it has no layout named \"\(wanted)\" (pptx_layouts.\(role)); its layouts: \(names)")
                }
                return layout
            }
            if let layout = found.first(where: { $0.name == name }) ?? found.first(where: { $0.type == type }) {
                return layout
            }
            throw invalid(
                "it has no \"\(name)\" layout; name the one to use in qbr.yaml (pptx_layouts: {\(role): …}); its layouts: \(names)"
            )
        }
        let title = try pick("title", name: "Title Slide", type: "title")
        let content = try pick("content", name: "Title and Content", type: "obj")
        let masterXML =
            masterRels.first.flatMap { OOXML.resolve($0.target, from: "ppt/presentation.xml") }.flatMap(text) ?? ""
        let whole = Box(x: width / 20, y: height / 5, width: width * 9 / 10, height: height * 7 / 10)
        func layout(_ found: Found, subtitle: Bool) throws(PowerPointTemplateError) -> PowerPointDesign.Layout {
            let shapes = Placeholders(found.xml)
            let master = Placeholders(masterXML)
            let titleType = shapes.all.contains { $0.type == "ctrTitle" } ? "ctrTitle" : "title"
            guard shapes.all.contains(where: { $0.type == "title" || $0.type == "ctrTitle" }) else {
                throw invalid("its layout \"\(found.name)\" has no title placeholder")
            }
            let body = shapes.body(subtitle: subtitle)
            let box = body.flatMap { $0.box ?? master.box(type: $0.type ?? "body") }
            let titleBox =
                shapes.all.first { $0.type == titleType }?.box ?? master.box(type: "title")
                ?? Box(x: whole.x, y: height / 20, width: whole.width, height: height / 7)
            // The title's size: the layout's own, else the master's title style, else PowerPoint's 44 points.
            let titleSize =
                [
                    Self.firstSize(in: shapes.titleXML),
                    Self.firstSize(in: MarkupScan.element("p:titleStyle", in: masterXML)),
                ]
                .compactMap { $0 }.first ?? 44
            return .init(
                part: found.part, name: found.name, titleType: titleType,
                body: body.map { ($0.attributes, box ?? whole) }, contentBox: box ?? whole, titleBox: titleBox,
                titleSize: titleSize)
        }
        let defaultTextStyle = MarkupScan.element("p:defaultTextStyle", in: presentation)
        return PowerPointDesign(
            parts: copied, overrides: overrides, defaults: defaults,
            presentationRelationships: presentationRels.filter {
                $0.type == OOXML.Rel.slideMaster || $0.type == OOXML.Rel.theme
            }
            .map { ($0.id, $0.type, $0.target.hasPrefix("/ppt/") ? String($0.target.dropFirst(5)) : $0.target) },
            masterIdList: masterIdList, defaultTextStyle: defaultTextStyle, slideWidth: width, slideHeight: height,
            titleLayout: try layout(title, subtitle: true), contentLayout: try layout(content, subtitle: false),
            origin: path)
    }
}

extension PowerPointTemplate {
    /// The first `sz="2400"` of `xml`, in points.
    static func firstSize(in xml: String?) -> Double? {
        guard let xml, let range = xml.range(of: " sz=\"") else { return nil }
        return Double(xml[range.upperBound...].prefix { $0.isNumber }).map { $0 / 100 }
    }
}

/// The placeholders of a layout or master part: type, index and position (when the part sets one).
struct Placeholders {
    struct Placeholder {
        let type: String?
        let index: String?
        let box: Box?

        /// `type="body" idx="1"` as the slide's `<p:ph>` repeats it.
        var attributes: String {
            [type.map { "type=\"\(XMLText.escape($0))\"" }, index.map { "idx=\"\(XMLText.escape($0))\"" }]
                .compactMap { $0 }.joined(separator: " ")
        }
    }

    let all: [Placeholder]
    /// The title placeholder's XML, if any.
    let titleXML: String?

    init(_ xml: String) {
        let shapes = MarkupScan.elements("p:sp", in: xml)
        titleXML = shapes.first { $0.contains("type=\"title\"") || $0.contains("type=\"ctrTitle\"") }.map(String.init)
        all = shapes.compactMap { shape in
            guard let ph = MarkupScan.tags("p:ph", in: shape).first else { return nil }
            var box: Box?
            if let offset = MarkupScan.tags("a:off", in: shape).first,
                let extent = MarkupScan.tags("a:ext", in: shape).first,
                let x = offset["x"].flatMap(Int.init), let y = offset["y"].flatMap(Int.init),
                let cx = extent["cx"].flatMap(Int.init), let cy = extent["cy"].flatMap(Int.init), cx > 0, cy > 0
            {
                box = Box(x: x, y: y, width: cx, height: cy)
            }
            return Placeholder(type: ph["type"], index: ph["idx"], box: box)
        }
    }

    /// The content placeholder (`idx="1"`, or the first body or object one); for a title layout, the subtitle.
    func body(subtitle: Bool) -> Placeholder? {
        let content = all.filter { [nil, "body", "obj"].contains($0.type) && $0.index != nil }
        if subtitle, let sub = all.first(where: { $0.type == "subTitle" }) { return sub }
        return content.first { $0.index == "1" } ?? content.first
    }

    /// The box of the master's placeholder of `type` (`body` for an object placeholder).
    func box(type: String) -> Box? {
        let wanted = ["obj", "subTitle"].contains(type) ? "body" : type
        return all.first { ($0.type ?? "body") == wanted }?.box
    }
}
