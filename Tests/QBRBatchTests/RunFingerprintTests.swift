import Foundation
import QBRCore
import QBRPlaybooks
import QBRRender
import Testing

@testable import QBRBatch

/// A re-run skips an account only when nothing its documents depend on changed: every setting of `qbr.yaml`
/// counts, because the fingerprint is the encoding of the whole run configuration.
@Suite struct RunFingerprintTests {
    let base = BatchRunTests()

    func run(_ source: String, out: URL, config: TeamConfig) throws -> BatchRun.Report {
        let renderer = DocumentRenderer(
            templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn(), config: config)
        return try BatchRun(
            renderer: renderer, options: .init(out: out.path, asOf: BatchRunTests.asOf, jobs: 2, formats: [.markdown])
        ).run(source: source)
    }

    @Test func changingTheNRRBenchmarksRendersEveryAccountAgain() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("p.yaml")
        try """
            - account: {id: A, name: Alpha, tier: 2, segment: enterprise}
              revenue: {starting_arr: 100000, expansion: 12000}
            """.write(to: source, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let first = try run(source.path, out: out, config: TeamConfig())
        #expect(first.accounts == 1 && first.unchanged == 0)
        #expect(try run(source.path, out: out, config: TeamConfig()).unchanged == 1)

        // Enterprise NRR 112% misses the default 120% benchmark and meets a 110% one.
        var settings = MetricSettings.standard
        settings.nrrBenchmarks[.enterprise] = NRRBenchmark(threshold: Decimal(110) / 100, label: .bestInClass)
        let changed = try run(source.path, out: out, config: TeamConfig(settings: settings))
        #expect(changed.unchanged == 0 && changed.accounts == 1)
    }

    @Test func theFingerprintIsTheSameForTheSameConfiguration() throws {
        let renderer = DocumentRenderer(templates: try TemplateLibrary.builtIn())
        let options = BatchRun.Options(out: "/tmp/x", asOf: BatchRunTests.asOf, jobs: 1, formats: [.markdown, .html])
        let a = BatchRun(renderer: renderer, options: options).fingerprint()
        let b = BatchRun(renderer: renderer, options: options).fingerprint()
        #expect(a == b && a.count == 16)
        var colors = TeamConfig()
        colors.colors["accent"] = "#123456"
        let other = BatchRun(
            renderer: DocumentRenderer(templates: try TemplateLibrary.builtIn(), config: colors), options: options
        ).fingerprint()
        #expect(other != a)
    }

    /// With `--format pptx`, a new PowerPoint template re-renders every deck; without it, the template is not
    /// read and a config without one fingerprints as before.
    @Test func aNewPowerPointTemplateRendersEveryDeckAgain() throws {
        let dir = try base.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let brand = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/team/brand.pptx")
        let template = dir.appendingPathComponent("brand.pptx")
        try FileManager.default.copyItem(at: brand, to: template)
        var config = TeamConfig()
        config.pptxTemplate = template.path
        func fingerprint(_ formats: Set<OutputFormat>, _ config: TeamConfig) throws -> String {
            let renderer = DocumentRenderer(
                templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn(), config: config)
            return BatchRun(
                renderer: renderer, options: .init(out: dir.path, asOf: BatchRunTests.asOf, jobs: 1, formats: formats)
            ).fingerprint()
        }
        let before = try fingerprint([.markdown, .pptx], config)
        #expect(try fingerprint([.markdown, .pptx], config) == before)
        var bytes = try Data(contentsOf: template)
        bytes[bytes.count / 2] ^= 0xFF  // any change to the file
        try bytes.write(to: template)
        #expect(try fingerprint([.markdown, .pptx], config) != before)
        // Without PowerPoint the file is not read.
        let markdown = try fingerprint([.markdown], config)
        try Data().write(to: template)
        #expect(try fingerprint([.markdown], config) == markdown)
        // A config that names no template encodes as one written before PowerPoint existed.
        let encoded = String(decoding: try JSONEncoder().encode(TeamConfig()), as: UTF8.self)
        #expect(!encoded.contains("pptx"))
    }
}
