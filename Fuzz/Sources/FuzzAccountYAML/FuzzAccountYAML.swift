import FuzzSupport

/// The account loader on arbitrary bytes read as a YAML file (`qbr render`, `qbr check`): Yams, the reader of
/// the account schema, the diagnostics cap; then, for an account that loads, its metrics, plausibility warnings,
/// readiness and the field locator of `qbr check`.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    Fuzz.seedsIfAsked(AccountSeeds.writeYAML)
    return 0
}

/// libFuzzer calls this with each input; a trap, an ASan report or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    AccountTarget.check(Fuzz.data(start, count), name: "fuzz.yaml")
    return 0
}

/// `main` as SwiftPM links it (see `Fuzz.runDriver`).
@_cdecl("FuzzAccountYAML_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv)
}
