import Foundation
import QBRCore
import Testing

@testable import QBRLoad

@Suite struct TeamConfigLoaderTests {
    func folder(_ files: [String: Data]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: url.appendingPathComponent(name)) }
        return url
    }

    @Test func loadsBrandingThresholdsAndFolders() throws {
        let dir = try folder([
            "qbr.yaml": Data(
                """
                company: Acme
                logo: logo.png
                colors: {accent: "#123abc", text: "rgb(10 20 30)", muted: slategray}
                fonts: {body: "'Inter', system-ui, sans-serif"}
                health: {green_from: 80, yellow_from: 60}
                nrr_benchmarks: {enterprise: 1.15}
                templates: Templates
                playbooks: /abs/playbooks
                """.utf8),
            "logo.png": Data([0x89, 0x50, 0x4E, 0x47]),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let (config, warnings) = try TeamConfigLoader.load(path: dir.appendingPathComponent("qbr.yaml").path)
        #expect(warnings.isEmpty)
        #expect(config.company == "Acme")
        #expect(config.logoDataURI == "data:image/png;base64,iVBORw==")
        #expect(config.colors == ["accent": "#123abc", "text": "rgb(10 20 30)", "muted": "slategray"])
        #expect(config.fonts["body"] == "'Inter', system-ui, sans-serif")
        #expect(config.settings.healthGreenFrom == 80 && config.settings.healthYellowFrom == 60)
        #expect(config.settings.nrrBenchmarks[.enterprise]?.threshold == Decimal(string: "1.15"))
        #expect(config.templates == dir.appendingPathComponent("Templates").path)
        #expect(config.playbooks == "/abs/playbooks")
    }

    @Test func valuesThatCouldBreakOutOfCSSAreRefused() throws {
        let dir = try folder([
            "qbr.yaml": Data(
                """
                colors: {accent: "red;} body{display:none", text: "url(http://x)"}
                fonts: {body: "Inter; } </style>"}
                logo: missing.png
                health: {green_from: 40, yellow_from: 60}
                colours: {}
                """.utf8)
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try TeamConfigLoader.load(path: dir.appendingPathComponent("qbr.yaml").path)
            Issue.record("expected errors")
        } catch {
            let errors = error.diagnostics.filter { $0.severity == .error }
            #expect(errors.compactMap(\.path) == ["logo", "colors.accent", "colors.text", "fonts.body", "health"])
            #expect(errors.allSatisfy { $0.line != nil })
            #expect(error.diagnostics.contains { $0.severity == .warning && $0.path == "colours" })
        }
    }

    @Test func colourAndFontValidation() {
        for good in ["#fff", "#1f5fbf", "#1f5fbf80", "rgb(31 95 191)", "hsl(210, 50%, 40%)", "teal"] {
            #expect(TeamConfig.isColor(good), "\(good)")
        }
        for bad in ["#ggg", "red;", "url(x)", "rgb(1,2,3);x", "expression(alert(1))", "", "#12345"] {
            #expect(!TeamConfig.isColor(bad), "\(bad)")
        }
        #expect(TeamConfig.isFontStack("\"Source Sans 3\", Arial, sans-serif"))
        #expect(!TeamConfig.isFontStack("Arial; color: red"))
        #expect(!TeamConfig.isFontStack("Arial</style>"))
    }

    @Test func aMissingConfigIsUnreadable() {
        #expect {
            _ = try TeamConfigLoader.load(path: "/nonexistent/qbr.yaml")
        } throws: { error in
            (error as? AccountLoadError)?.kind == .unreadable
        }
    }
}
