import Foundation
import FuzzSupport
import QBRLoad

/// Arbitrary account data through the whole pipeline of `qbr render`: load (YAML or JSON), then for an
/// account that loads every review template (qbr, ebr, summary) in both editions to Markdown and to HTML
/// (metrics, playbook selection, view model, Mustache, cmark-gfm, charts, the deck shell) and the checklist of
/// each triggered playbook. Built-in templates never fail on account data: a template error traps.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    Fuzz.seedsIfAsked { folder in
        try AccountSeeds.writeYAML(folder)
        try AccountSeeds.writeJSON(folder)
    }
    return 0
}

/// libFuzzer calls this with each input; a trap, an ASan report or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let loaded = try? AccountLoader.load(data: Fuzz.data(start, count), name: "fuzz.yaml") else { return 0 }
    Fuzz.renderEverything(loaded.account)
    return 0
}

/// `main` as SwiftPM links it (see `Fuzz.runDriver`).
@_cdecl("FuzzRender_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv)
}
