import Foundation
import FuzzSupport
import QBRPlaybooks
import QBRRender

/// A playbook file on arbitrary bytes, loaded after the built-in flags as `qbr lint` and `qbr render
/// --playbooks DIR` do: YAML, ids, rules with their file:line:column (the offset-to-line mapping), owners,
/// due offsets, detail templates; then selection and checklists against every example account.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    Fuzz.seedsIfAsked { folder in
        let playbooks = Fuzz.root.appendingPathComponent("Playbooks")
        for name in try FileManager.default.contentsOfDirectory(atPath: playbooks.path).sorted()
        where name.hasSuffix(".yaml") && name != "flags.yaml" {
            try Fuzz.seed(folder, name, try String(contentsOf: playbooks.appendingPathComponent(name), encoding: .utf8))
        }
    }
    return 0
}

let flags = PlaybookLibrary.builtInSource("flags.yaml") ?? ""
let facts = Fuzz.examples.map { AccountFacts(account: $0, asOf: Fuzz.asOf) }

/// libFuzzer calls this with each input; a trap, an ASan report or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = Fuzz.text(start, count)
    do {
        let library = try PlaybookLibrary(files: [("Playbooks/flags.yaml", flags), ("fuzz.yaml", text)])
        for account in facts {
            _ = library.select(account).map(\.tasks)
            _ = library.flagValues(account)
        }
        // The checklists of the Northwind example with these playbooks (task details are Mustache).
        let renderer = DocumentRenderer(templates: Fuzz.renderer.templates, playbooks: library)
        let model = ReviewViewModel(account: Fuzz.northwind, asOf: Fuzz.asOf, playbooks: library)
        do {
            _ = try renderer.checklists(model: model, existing: [], formats: [.markdown]) { _ in nil }
        } catch {
            fatalError("checklist failed: \(error)")
        }
    } catch {
        Fuzz.expect(!error.diagnostics.isEmpty, "playbook refused without a diagnostic")
        _ = error.description
    }
    return 0
}

/// `main` as SwiftPM links it (see `Fuzz.runDriver`).
@_cdecl("FuzzPlaybook_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv)
}
