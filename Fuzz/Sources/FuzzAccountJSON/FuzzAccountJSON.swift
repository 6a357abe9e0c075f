import FuzzSupport

/// The account loader on arbitrary bytes read as a JSON file (`qbr render account.json`): the same checks as
/// FuzzAccountYAML, seeded with JSON accounts so the fuzzer explores flow syntax, escapes and numbers.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    Fuzz.seedsIfAsked(AccountSeeds.writeJSON)
    return 0
}

/// libFuzzer calls this with each input; a trap, an ASan report or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    AccountTarget.check(Fuzz.data(start, count), name: "fuzz.json")
    return 0
}

/// `main` as SwiftPM links it (see `Fuzz.runDriver`).
@_cdecl("FuzzAccountJSON_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv)
}
