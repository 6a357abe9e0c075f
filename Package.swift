// swift-tools-version:6.0
import PackageDescription

// Layers, each a module that imports only the layers below it:
// QBRCore (model, metrics) ← QBRLoad (YAML/JSON → model) ← QBRPlaybooks (rules, playbooks, checklist
// state) ← QBRRender (view model, Mustache, cmark-gfm) ← QBRPowerPoint (native .pptx) ← qbr (CLI).
let package = Package(
    name: "qbr",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qbr", targets: ["qbr"]),
        .library(name: "QBRCore", targets: ["QBRCore"]),
        .library(name: "QBRLoad", targets: ["QBRLoad"]),
        .library(name: "QBRPlaybooks", targets: ["QBRPlaybooks"]),
        .library(name: "QBRRender", targets: ["QBRRender"]),
        .library(name: "QBRBatch", targets: ["QBRBatch"]),
        .library(name: "QBRTemplate", targets: ["QBRTemplate"]),
        .library(name: "QBRPowerPoint", targets: ["QBRPowerPoint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "QBRCore"),
        .target(name: "QBRTemplate"),
        .target(
            name: "QBRLoad",
            dependencies: ["QBRCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "QBRPlaybooks",
            dependencies: [
                "QBRCore", "QBRLoad", "QBRTemplate", .product(name: "Yams", package: "Yams"),
            ],
            plugins: ["EmbedResourcesPlugin"]
        ),
        .target(
            name: "QBRRender",
            dependencies: [
                "QBRCore", "QBRLoad", "QBRPlaybooks", "QBRTemplate", "CCmarkGFM",
            ],
            plugins: ["EmbedResourcesPlugin"]
        ),
        // Native PowerPoint decks from the slides' cmark-gfm trees; above QBRRender, which never imports it.
        .target(
            name: "QBRPowerPoint",
            dependencies: [
                "QBRCore", "QBRRender", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "QBRBatch",
            dependencies: [
                "QBRCore", "QBRLoad", "QBRPlaybooks", "QBRRender", "QBRTemplate", "QBRPowerPoint",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "qbr",
            dependencies: [
                "QBRCore", "QBRLoad", "QBRPlaybooks", "QBRRender", "QBRBatch", "QBRPowerPoint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc in place of glibc's malloc: a batch allocates millions of small strings and records, and
            // glibc's allocator took a tenth of the run (see README, Benchmark). Linked ahead of libc, its
            // malloc is the one every library in the process calls.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "QBRBenchmark",
            dependencies: ["QBRCore", "QBRLoad", "QBRPlaybooks", "QBRRender", "QBRTemplate"]
        ),
        // Templates/ are compiled into the binary, so `qbr` works from any directory.
        .executableTarget(name: "EmbedResources"),
        .plugin(
            name: "EmbedResourcesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedResources"]
        ),
        .testTarget(name: "QBRCoreTests", dependencies: ["QBRCore"]),
        .testTarget(name: "QBRTemplateTests", dependencies: ["QBRTemplate"]),
        .testTarget(name: "QBRLoadTests", dependencies: ["QBRLoad"]),
        .testTarget(name: "QBRPlaybooksTests", dependencies: ["QBRPlaybooks", "QBRCore"]),
        .testTarget(name: "QBRBatchTests", dependencies: ["QBRBatch", "QBRLoad", "QBRCore"]),
        .testTarget(
            name: "QBRRenderTests",
            dependencies: ["QBRRender", "QBRLoad", "QBRPlaybooks", "QBRTemplate", "CCmarkGFM"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "QBRPowerPointTests",
            dependencies: [
                "QBRPowerPoint", "QBRRender", "QBRLoad", "QBRPlaybooks", "QBRCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "qbrTests", dependencies: ["qbr", "QBRRender", "QBRPlaybooks"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
