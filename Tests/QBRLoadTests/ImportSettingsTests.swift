import Foundation
import QBRCore
import Testing

@testable import QBRLoad

/// The `import:` section of `qbr.yaml` (issue 13).
@Suite struct ImportSettingsTests {
    func load(_ yaml: String) throws -> (config: TeamConfig, warnings: [Diagnostic]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-import-\(UUID().uuidString).yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try TeamConfigLoader.load(path: url.path)
    }

    func messages(_ yaml: String) -> [String] {
        do {
            _ = try load(yaml)
            return []
        } catch {
            return (error as? AccountLoadError)?.diagnostics.map { "\($0.line ?? 0): \($0.path ?? ""): \($0.message)" } ?? []
        }
    }

    @Test func theIssuesMappingLoads() throws {
        let (config, warnings) = try load(
            """
            import:
              columns:                      # source column → schema path
                Account Name: account.name
                Account ID: account.id
                ARR: account.contract.arr
                CSM Owner: account.csm
                Health Score: health.score
                Usage Score: health.components.Usage
                Routing adoption: usage.feature_adoption.Routing
                Outcome: outcomes.name
              date_format: MM/DD/YYYY       # also DD/MM/YYYY, DD.MM.YYYY; ISO dates are always read
              decimal: "."                  # "," for 1.234,56
              delimiter: ";"                # detected from the header line when absent
              encoding: windows-1252        # UTF-8 when absent
            """)
        #expect(warnings.isEmpty)
        let settings = config.importSettings
        #expect(settings.columns.map(\.source) == ["Account Name", "Account ID", "ARR", "CSM Owner", "Health Score", "Usage Score", "Routing adoption", "Outcome"])
        #expect(settings.columns.map(\.path) == ["account.name", "account.id", "account.contract.arr", "account.csm", "health.score", "health.components.Usage", "usage.feature_adoption.Routing", "outcomes.name"])
        #expect(settings.columns.first?.line == 3)
        #expect(settings.dateFormat == .monthDayYear && settings.decimal == "." && settings.delimiter == ";")
        #expect(settings.encoding == .windows1252)
        // Codable, for tools that write or compare the settings.
        let data = try JSONEncoder().encode(settings)
        #expect(try JSONDecoder().decode(ImportSettings.self, from: data) == settings)
    }

    @Test func aTargetThatIsNoSchemaPathGetsADidYouMean() {
        #expect(messages("import:\n  columns:\n    ARR: account.contract.ar\n") == [
            "3: import.columns.ARR: \"account.contract.ar\" is not a path of the account schema (did you mean \"account.contract.arr\"?); `qbr schema` lists them, and a map takes a key after its path (health.components.usage)"
        ])
        #expect(messages("import:\n  columns:\n    Contract: account.contract\n").first?.contains("is not a path of the account schema") == true)
    }

    @Test func oneColumnOneTargetAndTheFormatsFromTheirLists() {
        #expect(messages("import:\n  columns:\n    ARR: account.contract.arr\n    arr : revenue.starting_arr\n").first?.contains("is mapped twice") == true)
        #expect(messages("import:\n  columns:\n    ARR: account.contract.arr\n    Total: account.contract.arr\n").first?.contains("is already the target of the column \"ARR\"") == true)
        #expect(messages("import:\n  date_format: YYYY/MM/DD\n").first?.contains("expected one of MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY") == true)
        #expect(messages("import:\n  decimal: \";\"\n").first?.contains("expected \".\" or \",\"") == true)
        #expect(messages("import:\n  encoding: ebcdic\n").first?.contains("expected utf-8, windows-1252 or iso-8859-1") == true)
        #expect(messages("import:\n  decimal: \",\"\n  delimiter: \",\"\n").first?.contains("cannot both hold") == true)
        #expect(messages("import:\n  delimiter: tab\n").isEmpty)
    }
}
