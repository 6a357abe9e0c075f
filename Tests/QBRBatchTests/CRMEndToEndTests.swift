import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRBatch

/// End to end (issue 13): a CRM-style export with its mapping gives every account, equal to the same portfolio
/// given as YAML — the smaller twin of `scripts/check-crm.sh`, which renders 3,000.
@Suite struct CRMEndToEndTests {
    static let asOf = Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0)

    @Test func aCRMExportReadsAsTheSamePortfolioAsYAML() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-crm-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let accounts = try CRMExport.accounts(count: 120, seed: 13, asOf: Self.asOf)
        try CRMExport.write(accounts, to: dir)
        let config = try TeamConfigLoader.load(path: dir.appendingPathComponent("qbr.yaml").path).config
        let tabular = TabularOptions(
            settings: config.importSettings,
            related: ["outcomes", "opportunities"].map { dir.appendingPathComponent($0 + ".csv").path })
        var warnings: [Diagnostic] = []
        var fromCRM: [Account] = []
        var failures: [String] = []
        try PortfolioSource.forEach(dir.appendingPathComponent("accounts.csv").path, tabular: tabular, warning: { warnings.append($0) }) {
            switch $0.result {
            case .success(let loaded): fromCRM.append(loaded.account)
            case .failure(let error): failures += error.diagnostics.map(\.description)
            }
        }
        var fromYAML: [Account] = []
        try PortfolioSource.forEach(dir.appendingPathComponent("reference.yaml").path) { fromYAML.append(try $0.result.get().account) }
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(fromCRM.count == 120 && fromYAML.count == 120)
        #expect(fromCRM.filter { $0.profile.name.contains("[Beta]") }.count == 18)
        #expect(fromCRM.contains { $0.profile.name.hasPrefix("Café Olé – Margie’s") })
        #expect(fromCRM.reduce(0) { $0 + $1.outcomes.count } > 50 && fromCRM.reduce(0) { $0 + $1.opportunities.count } > 20)
        for (crm, yaml) in zip(fromCRM, fromYAML) where crm != yaml {
            Issue.record("\(crm.profile.id) differs:\n\(crm)\n\(yaml)")
            break
        }
        // The figures a portfolio overview sums.
        let arr = { (list: [Account]) in list.reduce(Decimal(0)) { $0 + ($1.profile.contract?.arr ?? 0) } }
        #expect(arr(fromCRM) == arr(fromYAML))
        let metrics = { (list: [Account]) in list.map { AccountMetrics($0, asOf: Self.asOf) } }
        #expect(metrics(fromCRM).map { $0.health?.score } == metrics(fromYAML).map { $0.health?.score })
    }
}
