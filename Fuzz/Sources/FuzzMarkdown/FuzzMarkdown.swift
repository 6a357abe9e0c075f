import Foundation
import FuzzSupport
import QBRPlaybooks
import QBRRender

/// Arbitrary Markdown through the Markdown → HTML stage of every document: cmark-gfm with the GFM extensions,
/// the slide split on top-level `---`, speaker notes, chart markers replaced by SVG (and the table after
/// them), Mermaid blocks dropped, the deck or page shell. The same text is also read as last month's
/// checklist file (ticks, hand-added tasks, notes kept by `qbr batch`) and the Northwind checklists are
/// re-rendered over it.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    Fuzz.seedsIfAsked { folder in
        let rendered = Fuzz.root.appendingPathComponent("examples/rendered")
        for name in try FileManager.default.contentsOfDirectory(atPath: rendered.path).sorted()
        where name.hasSuffix(".md") {
            try Fuzz.seed(folder, name, try String(contentsOf: rendered.appendingPathComponent(name), encoding: .utf8))
        }
    }
    return 0
}

/// A chart for every name the templates use, so markers in the input are replaced.
let charts = Dictionary(
    uniqueKeysWithValues: ["arr", "health", "mau", "outcomes", "value", "adoption", "pipeline", "waterfall"].map {
        ($0, "<svg role=\"img\"><title>\($0)</title></svg>")
    })
nonisolated(unsafe) let model = ReviewViewModel(account: Fuzz.northwind, asOf: Fuzz.asOf, playbooks: Fuzz.playbooks)
let triggered = model.triggered.map(\.playbook.id)

/// libFuzzer calls this with each input; a trap, an ASan report or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let markdown = Fuzz.text(start, count)
    do {
        let html = try Fuzz.renderer.html(fromMarkdown: markdown, title: "Fuzz", charts: charts)
        Fuzz.expect(!html.contains("<script>alert"), "raw HTML passed through")
        // Last month's checklist: its ticks, hand-added tasks and notes carried into this month's.
        let previous = ChecklistState(markdown: markdown)
        _ = try Fuzz.renderer.checklist(
            playbookID: triggered.first ?? "renewal", model: model, previous: previous, formats: [.markdown])
    } catch {
        fatalError("built-in shell failed: \(error)")
    }
    return 0
}

/// `main` as SwiftPM links it (see `Fuzz.runDriver`).
@_cdecl("FuzzMarkdown_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv)
}
