import Foundation
import Testing

/// `qbr check SOURCE`, `qbr columns`, `qbr batch --related` and `qbr sample --format csv` (issue 13).
@Suite struct CRMCLITests {
    let cli = CLITests()

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let file = dir.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func checkSourceIsADryRunWithASummaryLine() throws {
        let dir = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try write("import:\n  columns:\n    Account Name: account.name\n    Account ID: account.id\n    ARR: account.contract.arr\n", "qbr.yaml", in: dir)
        let csv = try write("Account ID;Account Name;ARR;Colour\nA-1;[Beta] Corp;$1,000.00;red\nA-2;Beta;lots;blue\n", "export.csv", in: dir)
        let result = try cli.qbr(["check", csv], directory: dir)
        #expect(result.status == 65)
        #expect(result.stdout.contains("export.csv row 3 (A-2): error: account.contract.arr: expected a number, found \"lots\" (column \"ARR\")"))
        #expect(result.stdout.hasSuffix(
            "check \(csv): 2 records, 1 would render, 1 would fail, 1 unknown column (\"Colour\"); mapping: qbr.yaml import (3 columns)\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["export.csv", "qbr.yaml"])
        let json = try cli.qbr(["check", csv, "--json"], directory: dir)
        #expect(json.status == 65 && json.stdout.contains("\"would_fail\" : 1"))
    }

    @Test func checkReadsASQLiteDatabaseAndAFolderAsSources() throws {
        let dir = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("crm.db").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", db, "CREATE TABLE accounts (\"account.id\" TEXT, \"account.name\" TEXT); INSERT INTO accounts VALUES ('A-1', 'Alpha');"]
        try process.run()
        process.waitUntilExit()
        let result = try cli.qbr(["check", db])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 records, 1 would render, 0 would fail"))
        let folder = try cli.qbr(["check", CLITests.examples.path])
        #expect(folder.stdout.contains("would render"))
    }

    @Test func columnsPrintsAReadyToEditImportBlock() throws {
        let dir = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try write(
            "Account Name;Account ID;ARR;CSM Owner;Health Score;Routing Adoption;account.segment;Favourite Colour;Renewal Date\nAlpha;A-1;$1;Dana;80;50%;smb;red;11/30/2026\n",
            "export.csv", in: dir)
        let result = try cli.qbr(["columns", csv])
        #expect(result.status == 0, "\(result.stderr)")
        for line in [
            "    Account Name:", "account.name", "    ARR:", "account.contract.arr", "    CSM Owner:", "account.csm",
            "health.score", "usage.feature_adoption.Routing", "    # Favourite Colour:", "  delimiter: \";\"",
            "  date_format: MM/DD/YYYY    # seen: 11/30/2026",
        ] {
            #expect(result.stdout.contains(line), "missing \(line) in\n\(result.stdout)")
        }
        // The block is valid qbr.yaml.
        let config = try write(result.stdout, "qbr.yaml", in: dir)
        let check = try cli.qbr(["check", csv, "--config", config])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func batchReadsRelatedFilesAndStopsBeforeWritingWhenOneIsMissing() throws {
        let dir = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try write("account.id,account.name,account.tier\nA-1,Alpha,2\n", "export.csv", in: dir)
        let outcomes = try write("account.id,outcomes.name,outcomes.target,outcomes.actual\nA-1,Cut onboarding,20,18\n", "outcomes.csv", in: dir)
        let out = dir.appendingPathComponent("out").path
        let missing = try cli.qbr(["batch", csv, "--out", out, "--related", dir.appendingPathComponent("nope.csv").path, "--as-of", "2026-10-15", "--quiet"])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: out))
        let result = try cli.qbr(["batch", csv, "--out", out, "--related", outcomes, "--as-of", "2026-10-15", "--quiet", "--format", "md"])
        #expect(result.status == 0, "\(result.stderr)")
        let deck = try String(contentsOfFile: out + "/2026-10/accounts/A-1/qbr.md", encoding: .utf8)
        #expect(deck.contains("Cut onboarding"))
    }

    @Test func sampleCSVCoversEveryFieldAndWritesTheRelatedFiles() throws {
        let dir = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try cli.qbr(["sample", "--accounts", "30", "--format", "csv", "--as-of", "2026-10-15"])
        let header = plain.stdout.split(separator: "\n").first.map(String.init) ?? ""
        for column in [
            "health.components.usage", "health.history", "usage.feature_adoption.Routing", "usage.plan_limit_utilization",
            "narrative.executive_summary", "narrative.asks", "narrative.misses", "risks", "notes", "signals.referral",
            "account.executive_sponsor.title", "signals.skipped_reviews",
        ] {
            #expect(header.split(separator: ",").contains(Substring(column)), "\(column) missing")
        }
        let csv = try write(plain.stdout, "sample.csv", in: dir)
        let checked = try cli.qbr(["check", csv])
        #expect(checked.status == 0 && checked.stdout.contains("30 records, 30 would render, 0 would fail, 0 unknown columns"), "\(checked.stdout)")
        let related = dir.appendingPathComponent("related").path
        let split = try cli.qbr(["sample", "--accounts", "30", "--format", "csv", "--as-of", "2026-10-15", "--related", related])
        #expect(split.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: related).sorted()
        #expect(files == ["narrative_asks.csv", "opportunities.csv", "outcomes.csv", "risks.csv", "value_realized.csv"])
        let main = try write(split.stdout, "main.csv", in: dir)
        let all = try cli.qbr(["check", main] + files.flatMap { ["--related", related + "/" + $0] })
        #expect(all.status == 0 && all.stdout.contains("30 records, 30 would render, 0 would fail"), "\(all.stdout)")
    }
}
