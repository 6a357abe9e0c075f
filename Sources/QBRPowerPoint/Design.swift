import Foundation

/// The look of the decks: the slide master, its layouts, theme and media, copied into every deck, and the two
/// layouts qbr puts slides on. Either the team's own PowerPoint file (``PowerPointTemplate``) or qbr's built-in
/// 16:9 master in the colours, fonts and logo of `qbr.yaml` (``BuiltInDesign``).
public struct PowerPointDesign: Sendable {
    /// A layout slides are put on, and where its placeholders are.
    struct Layout: Sendable {
        /// Part name: `ppt/slideLayouts/slideLayout2.xml`.
        let part: String
        /// The layout's name (`Title and Content`).
        let name: String
        /// The title placeholder's type: `title` or `ctrTitle`.
        let titleType: String
        /// The body (or subtitle) placeholder: its `<p:ph …/>` attributes and where it is.
        let body: (attributes: String, box: Box)?
        /// The area content goes into: the body placeholder's box, or the slide less margins.
        let contentBox: Box
        /// Where the title goes and its font size in points, for the title's autofit.
        var titleBox: Box
        var titleSize: Double
    }

    /// Master, layout, theme and media parts with their relationships (everything the masters reach).
    let parts: [(name: String, data: Data)]
    /// Content types of `parts` by part name.
    let overrides: [String: String]
    /// Content types by file extension, for the media the parts use.
    let defaults: [String: String]
    /// The presentation's relationships to the masters and theme: id, type, target (relative to `ppt/`).
    let presentationRelationships: [(id: String, type: String, target: String)]
    /// The `<p:sldMasterIdLst>` element, its ids matching `presentationRelationships`.
    let masterIdList: String
    /// The template's `<p:defaultTextStyle>` element, if it has one.
    let defaultTextStyle: String?
    /// Slide size in EMU.
    let slideWidth: Int
    let slideHeight: Int
    /// The layout of the first slide when it opens with a level-1 heading.
    let titleLayout: Layout
    /// The layout of every other slide.
    let contentLayout: Layout
    /// Where the design came from, for messages (`brand.pptx`, `built-in`).
    public let origin: String
}

/// Content types and relationship types the writer uses.
enum OOXML {
    static let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let presentationNS = "http://schemas.openxmlformats.org/presentationml/2006/main"
    static let drawingNS = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let chartNS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    /// The three namespaces of every PresentationML part.
    static let pmlNamespaces =
        "xmlns:a=\"\(drawingNS)\" xmlns:r=\"\(officeRelationships)\" xmlns:p=\"\(presentationNS)\""
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    enum Rel {
        static let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        static let officeDocument = base + "officeDocument"
        static let coreProperties =
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
        static let extendedProperties = base + "extended-properties"
        static let slide = base + "slide"
        static let slideLayout = base + "slideLayout"
        static let slideMaster = base + "slideMaster"
        static let notesMaster = base + "notesMaster"
        static let notesSlide = base + "notesSlide"
        static let theme = base + "theme"
        static let image = base + "image"
        static let hyperlink = base + "hyperlink"
        static let chart = base + "chart"
        static let package = base + "package"
        static let presProps = base + "presProps"
        static let viewProps = base + "viewProps"
        static let tableStyles = base + "tableStyles"
    }

    enum ContentType {
        static let pml = "application/vnd.openxmlformats-officedocument.presentationml."
        static let presentation = pml + "presentation.main+xml"
        static let slide = pml + "slide+xml"
        static let slideLayout = pml + "slideLayout+xml"
        static let slideMaster = pml + "slideMaster+xml"
        static let notesMaster = pml + "notesMaster+xml"
        static let notesSlide = pml + "notesSlide+xml"
        static let presProps = pml + "presProps+xml"
        static let viewProps = pml + "viewProps+xml"
        static let tableStyles = pml + "tableStyles+xml"
        static let theme = "application/vnd.openxmlformats-officedocument.theme+xml"
        static let chart = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
        static let core = "application/vnd.openxmlformats-package.core-properties+xml"
        static let app = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        static let relationships = "application/vnd.openxmlformats-package.relationships+xml"
        static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    }

    /// A `.rels` part of `relationships` (id, type, target, external).
    static func relationshipsPart(_ relationships: [(id: String, type: String, target: String, external: Bool)])
        -> String
    {
        declaration + "<Relationships xmlns=\"\(Self.relationships)\">"
            + relationships.map {
                "<Relationship Id=\"\(XMLText.escape($0.id))\" Type=\"\($0.type)\" Target=\"\(XMLText.escape($0.target))\""
                    + ($0.external ? " TargetMode=\"External\"" : "") + "/>"
            }.joined() + "</Relationships>"
    }

    /// The relationships part name of a part: `ppt/slides/slide1.xml` → `ppt/slides/_rels/slide1.xml.rels`.
    static func relationshipsName(of part: String) -> String {
        let slash = part.lastIndex(of: "/")
        let folder = slash.map { String(part[...$0]) } ?? ""
        let name = slash.map { String(part[part.index(after: $0)...]) } ?? part
        return folder + "_rels/" + name + ".rels"
    }

    /// A relationship target resolved against the folder of its source part (`../media/a.png` from
    /// `ppt/slideMasters/slideMaster1.xml` → `ppt/media/a.png`); nil when it leaves the package.
    static func resolve(_ target: String, from part: String) -> String? {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = part.split(separator: "/").dropLast().map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }
}
