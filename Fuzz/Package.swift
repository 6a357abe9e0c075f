// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for qbr (issue 7, "Hardening"). A package of its own so the root package, its CI build
// and its tests are unaffected. Build and run them with `scripts/fuzz.sh`: it compiles every module, qbr's
// and its dependencies' included, with ASan and libFuzzer's coverage instrumentation
// (`-Xswiftc -sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer,address`, `-Xcc
// -fsanitize=fuzzer-no-link,address`), and links libFuzzer into the fuzz targets only.
let package = Package(
    name: "QBRFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "qbr", path: ".."),
        // For the seeds only (JSON editions of the YAML examples); the version qbr already uses.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // To read back the decks FuzzPowerPoint writes; the version qbr already uses.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: qbrLibraries() + [.product(name: "Yams", package: "Yams")]),
        fuzzTarget("FuzzAccountYAML"),
        fuzzTarget("FuzzAccountJSON"),
        fuzzTarget("FuzzCSV"),
        fuzzTarget("FuzzRule"),
        fuzzTarget("FuzzPlaybook"),
        fuzzTarget("FuzzRender"),
        fuzzTarget("FuzzTemplate"),
        fuzzTarget("FuzzMarkdown"),
        fuzzTarget(
            "FuzzPowerPoint",
            extra: [.product(name: "QBRPowerPoint", package: "qbr"), .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ],
    swiftLanguageModes: [.v6]
)

/// One libFuzzer target: `Sources/NAME/NAME.swift` defines `LLVMFuzzerTestOneInput`, and `NAME_main` (what
/// SwiftPM links as `main`) which hands over to libFuzzer's driver. libFuzzer is linked into these targets
/// only, so the build plugin's tool, built with the same global flags, keeps its own `main`.
func fuzzTarget(_ name: String, extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name, dependencies: ["FuzzSupport"] + qbrLibraries() + extra,
        swiftSettings: [.unsafeFlags(["-parse-as-library"])],
        linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
    )
}

/// qbr's libraries. Every target that imports one names it here, so SwiftPM rebuilds it when that module
/// changes (a transitive dependency is not an input of the compile step: stale struct layouts otherwise).
func qbrLibraries() -> [Target.Dependency] {
    ["QBRCore", "QBRLoad", "QBRPlaybooks", "QBRRender", "QBRBatch"].map { .product(name: $0, package: "qbr") }
}
