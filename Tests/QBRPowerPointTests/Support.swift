import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRRender
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import QBRPowerPoint

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let examples = repository.appendingPathComponent("examples")
let exampleAsOf = Day(year: 2026, month: 10, day: 15)!

/// The renderer the CLI uses: built-in templates and playbooks, and `config`.
func renderer(_ config: TeamConfig = TeamConfig()) throws -> DocumentRenderer {
    DocumentRenderer(templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn(), config: config)
}

/// The deck source of an example account's `template` in `edition`, as `qbr render --format pptx` makes it.
func exampleDeck(
    _ file: String = "northwind.yaml", template: DocumentKind = .qbr, edition: Edition = .internal,
    config: TeamConfig = TeamConfig()
) throws -> DeckSource {
    let account = try AccountLoader.load(path: examples.appendingPathComponent(file).path).account
    var job = AccountJob(account: account, asOf: exampleAsOf, renderer: try renderer(config), formats: [.pptx])
    let outputs = try job.review(template, edition: edition)
    return try XCTUnwrap(outputs.first { $0.format == .pptx }?.deck)
}

/// A deck source of hand-written Markdown (slides split by `---`).
func markdownDeck(_ markdown: String, charts: [String: NativeChart] = [:]) throws -> DeckSource {
    DeckSource(
        slides: try renderer().slideTrees(fromMarkdown: markdown, charts: Set(charts.keys)), charts: charts,
        title: "Test deck", asOf: exampleAsOf)
}

/// The parts of a written deck, by name.
func parts(_ bytes: [UInt8]) throws -> [String: Data] { try ZipPackage.read(Data(bytes)) }

/// A part's text.
func text(_ parts: [String: Data], _ name: String) throws -> String {
    String(decoding: try XCTUnwrap(parts[name], "no part \(name)"), as: UTF8.self)
}

/// The slide parts in slide order.
func slideNames(_ parts: [String: Data]) -> [String] {
    parts.keys.filter { $0.hasPrefix("ppt/slides/slide") && $0.hasSuffix(".xml") }
        .sorted {
            Int($0.dropFirst("ppt/slides/slide".count).dropLast(4))! < Int(
                $1.dropFirst("ppt/slides/slide".count).dropLast(4))!
        }
}

/// Whether `data` is well-formed XML, by FoundationXML's parser.
func isWellFormed(_ data: Data) -> Bool {
    XMLParser(data: data).parse()
}

/// The texts of every `<a:t>` of an XML part, entities decoded by the parser.
func texts(_ data: Data) -> [String] {
    final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var inside = false
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "a:t" {
                inside = true
                texts.append("")
            }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "a:t" { inside = false }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inside { texts[texts.count - 1] += string }
        }
    }
    let collector = Collector()
    let parser = XMLParser(data: data)
    parser.delegate = collector
    _ = parser.parse()
    return collector.texts
}

/// The title of a slide part: the text of its title placeholder.
func title(_ slide: String) -> String? {
    guard let range = slide.range(of: "type=\"title\"") ?? slide.range(of: "type=\"ctrTitle\""),
        let end = slide.range(of: "</p:sp>", range: range.upperBound..<slide.endIndex)
    else { return nil }
    return runTexts(String(slide[range.upperBound..<end.lowerBound])).joined()
}

/// The `<a:t>` texts of an XML fragment, entities decoded.
func runTexts(_ xml: String) -> [String] {
    var found: [String] = []
    var rest = xml[...]
    while let open = rest.range(of: "<a:t>"),
        let close = rest.range(of: "</a:t>", range: open.upperBound..<rest.endIndex)
    {
        found.append(MarkupScan.decode(rest[open.upperBound..<close.lowerBound]))
        rest = rest[close.upperBound...]
    }
    return found
}
