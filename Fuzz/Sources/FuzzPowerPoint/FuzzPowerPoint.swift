import Foundation
import FuzzSupport
import QBRLoad
import QBRPowerPoint
import QBRRender
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Arbitrary account data through the PowerPoint writer: for an account that loads, the qbr and ebr decks in
/// both editions on the built-in master; every XML part of each .pptx must parse, so no account text can break
/// out of the markup it is written into.
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

private let writer = PowerPointWriter(design: .builtIn(Fuzz.renderer.config))

/// libFuzzer calls this with each input; a trap, an ASan report or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let loaded = try? AccountLoader.load(data: Fuzz.data(start, count), name: "fuzz.yaml") else { return 0 }
    var job = AccountJob(account: loaded.account, asOf: Fuzz.asOf, renderer: Fuzz.renderer, formats: [.pptx])
    for kind in [DocumentKind.qbr, .ebr] {
        for edition in [Edition.customer, .internal] {
            do {
                for output in try job.review(kind, edition: edition) {
                    guard let deck = output.deck else { continue }
                    checkWellFormed(try writer.deck(deck))
                }
            } catch {
                fatalError("PowerPoint deck \(kind) \(edition) failed: \(error)")
            }
        }
    }
    return 0
}

/// Every `.xml` and `.rels` part of the package parses as XML.
private func checkWellFormed(_ bytes: [UInt8]) {
    guard let archive = try? Archive(data: Data(bytes), accessMode: .read) else {
        fatalError("the .pptx is not a zip archive")
    }
    for entry in archive where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
        var part = Data()
        _ = try? archive.extract(entry) { part.append($0) }
        let parser = XMLParser(data: part)
        Fuzz.expect(parser.parse(), "\(entry.path) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
    }
}

/// `main` as SwiftPM links it (see `Fuzz.runDriver`).
@_cdecl("FuzzPowerPoint_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv)
}
