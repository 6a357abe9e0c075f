import Foundation
import FuzzSupport
import QBRCore
import QBRRender

/// Arbitrary template text as a team's override of one built-in template (`--templates DIR`): the first byte
/// picks which file it replaces, the rest is its text. Then loading (Mustache parsing, syntax errors with
/// line and column), `--strict`'s tag walk, and rendering the Northwind example with it, Markdown and HTML.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    // Render once with the built-in templates before the first input, so that the lazily made globals (the
    // review's root shape, number tables) exist already: the input that first needed one would allocate more
    // than it frees, and libFuzzer would run a leak check for it (see Fuzz/lsan.supp).
    if let renderer = try? DocumentRenderer(templates: TemplateLibrary.builtIn(), playbooks: Fuzz.playbooks) {
        for document in ["qbr", "ebr", "summary"] {
            _ = try? RenderedDocument.render(model: model, template: document, formats: [.markdown, .html], renderer: renderer)
        }
        _ = try? renderer.checklists(model: model, existing: [], formats: [.markdown, .html]) { _ in nil }
    }
    Fuzz.seedsIfAsked { folder in
        let templates = Fuzz.root.appendingPathComponent("Templates")
        for (index, name) in names.enumerated() {
            let text = try Data(contentsOf: templates.appendingPathComponent(name + ".mustache"))
            try (Data([UInt8(index)]) + text).write(
                to: folder.appendingPathComponent(name.replacingOccurrences(of: "/", with: "-")))
        }
    }
    return 0
}

/// The built-in templates a team may override, by the name the first byte picks (`partials/outcomes.md`).
let names: [String] = {
    let templates = Fuzz.root.appendingPathComponent("Templates")
    let walker = FileManager.default.enumerator(atPath: templates.path)
    let found = (walker?.allObjects as? [String] ?? []).filter {
        $0.hasSuffix(".mustache") && !$0.hasPrefix("portfolio")
    }
    Fuzz.expect(!found.isEmpty, "no templates under \(templates.path)")
    return found.map { String($0.dropLast(".mustache".count)) }.sorted()
}()

let folder = (Fuzz.scratch as NSString).appendingPathComponent("templates")
nonisolated(unsafe) let model = ReviewViewModel(account: Fuzz.northwind, asOf: Fuzz.asOf, playbooks: Fuzz.playbooks)

/// libFuzzer calls this with each input; a trap, an ASan report or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let name = names[Int(bytes[0]) % names.count]
    try? FileManager.default.removeItem(atPath: folder)
    let path = (folder as NSString).appendingPathComponent(name + ".mustache")
    try? FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes.dropFirst()))
    let templates: TemplateLibrary
    do {
        templates = try TemplateLibrary(overridesFrom: folder)
    } catch {
        _ = error.description
        return 0
    }
    let renderer = DocumentRenderer(templates: templates, playbooks: Fuzz.playbooks)
    let document = ["ebr.md": "ebr", "summary.md": "summary", "playbook.md": "playbook"][name] ?? "qbr"
    do {
        if document == "playbook" {
            _ = try renderer.checklists(model: model, existing: [], formats: [.markdown, .html]) { _ in nil }
        } else {
            let context = model.context(document: document)
            for diagnostic in try renderer.blankVariables(context: context, template: document) {
                _ = diagnostic.description
            }
            _ = try RenderedDocument.render(
                model: model, template: document, formats: [.markdown, .html], renderer: renderer)
        }
    } catch {
        // A shell or document that is not a template any more (an override cannot remove one): say so.
        _ = error.description
    }
    return 0
}

/// `main` as SwiftPM links it (see `Fuzz.runDriver`).
@_cdecl("FuzzTemplate_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv)
}
