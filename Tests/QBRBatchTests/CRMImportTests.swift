import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRBatch

/// A CRM export goes in as it is (issue 13): each test starts from a case that failed with 0.1.0.
@Suite struct CRMImportTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-crm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` (in `encoding`) to `name` in `dir` and reads it as a portfolio.
    func read(
        _ text: String, name: String = "export.csv", in dir: URL, settings: ImportSettings = ImportSettings(),
        related: [String] = [], encoding: String.Encoding = .utf8
    ) throws -> (records: [PortfolioRecord], warnings: [Diagnostic], summary: SourceSummary) {
        let file = dir.appendingPathComponent(name)
        try #require(text.data(using: encoding)).write(to: file)
        var records: [PortfolioRecord] = []
        var warnings: [Diagnostic] = []
        let summary = try PortfolioSource.forEach(
            file.path, tabular: TabularOptions(settings: settings, related: related), warning: { warnings.append($0) }
        ) { records.append($0) }
        return (records, warnings, summary)
    }

    func errors(_ record: PortfolioRecord) -> [String] {
        guard case .failure(let error) = record.result else { return [] }
        return error.diagnostics.map { "\($0.path ?? ""): \($0.message)" }
    }

    static let crmMapping = ImportSettings(columns: [
        .init(source: "Account Name", path: "account.name"), .init(source: "Account ID", path: "account.id"),
        .init(source: "ARR", path: "account.contract.arr"), .init(source: "CSM Owner", path: "account.csm"),
        .init(source: "Health Score", path: "health.score"),
    ])

    // MARK: A text cell is text; every error of a row

    @Test func aNameStartingWithABracketOrABraceIsText() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try read(
            """
            account.id,account.name,notes
            A-1,[Beta] Corp,{"not": "json"}
            A-2,{Curly} Inc,"[1, 2"
            """, in: dir)
        let names = read.records.compactMap { try? $0.result.get().account.profile.name }
        #expect(names == ["[Beta] Corp", "{Curly} Inc"])
        #expect(read.records.compactMap { try? $0.result.get().account.notes } == ["{\"not\": \"json\"}", "[1, 2"])
    }

    @Test func everyErrorOfARowIsReportedNotTheFirstCellsAlone() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try read(
            """
            account.id,account.name,outcomes,account.contract.arr,health.score
            A-1,Alpha,"[{\"\"name\"\": \"\"x\"\"\",lots,120
            """, in: dir)
        let found = errors(try #require(read.records.first))
        try #require(found.count == 3, "\(found)")
        #expect(found[0].hasPrefix("outcomes: the JSON in this cell cannot be read"))
        #expect(found[1] == "account.contract.arr: expected a number, found \"lots\"")
        #expect(found[2] == "health.score: 120 is out of range: expected 0 to 100")
    }

    // MARK: Map-like fields as columns

    @Test func componentsAndFeatureAdoptionAsColumnsKeepTheirKeysAsWritten() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try read(
            """
            account.id,account.name,health.components.usage,Health.Components.Engagement,usage.feature_adoption.Routing,usage.feature_adoption.Mobile App
            A-1,Alpha,80,60,0.92,15%
            """, in: dir)
        #expect(read.warnings.isEmpty)
        let account = try #require(try read.records.first?.result.get().account)
        #expect(account.health?.components.map(\.name) == ["usage", "Engagement"])
        #expect(account.health?.components.map(\.score) == [80, 60])
        #expect(account.usage?.featureAdoption.map(\.feature) == ["Routing", "Mobile App"])
        #expect(account.usage?.featureAdoption.map(\.share) == [0.92, 0.15].map { Decimal(string: "\($0)") ?? 0 })
        // The score is computed from the components now, not from nothing.
        #expect(AccountMetrics(account, asOf: Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0)).health != nil)
    }

    // MARK: The import mapping

    @Test func crmHeadersWithoutAMappingSuggestTheirPaths() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try read(
            """
            Account Name,Account ID,ARR,CSM Owner,Health Score,Favourite Colour
            Alpha,A-1,1000,Dana,80,blue
            """, in: dir)
        let messages = read.warnings.map(\.message)
        #expect(messages.contains("unknown column \"Account Name\" is ignored (did you mean account.name? add `Account Name: account.name` under import: columns: in qbr.yaml)"))
        #expect(messages.contains { $0.hasPrefix("unknown column \"ARR\" is ignored (did you mean account.contract.arr?") })
        #expect(messages.contains { $0.hasPrefix("unknown column \"CSM Owner\" is ignored (did you mean account.csm?") })
        #expect(messages.contains("unknown column \"Favourite Colour\" is ignored"))
        #expect(read.summary.unknownColumns.count == 6)
    }

    @Test func theMappingReadsCRMHeadersCaseAndSpaceInsensitively() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try read(
            """
            ACCOUNT NAME,account id,Arr,CSMOwner,Health  Score
            Alpha,A-1,1000,Dana,80
            """, in: dir, settings: Self.crmMapping)
        #expect(read.warnings.isEmpty)
        let account = try #require(try read.records.first?.result.get().account)
        #expect(account.profile.id == "A-1" && account.profile.name == "Alpha" && account.profile.csm == "Dana")
        #expect(account.profile.contract?.arr == 1000 && account.health?.score == 80)
        #expect(read.summary.mappedColumns == 5)
    }

    @Test func aMappedColumnsErrorNamesItsHeader() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try read("Account Name,Account ID,ARR\nAlpha,A-1,lots\n", in: dir, settings: Self.crmMapping)
        #expect(errors(try #require(read.records.first)) == ["account.contract.arr: expected a number, found \"lots\" (column \"ARR\")"])
    }

    @Test func twoColumnsForOnePathAreRefused() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: AccountLoadError.self) {
            _ = try read("Account Name,account.name,Account ID\nA,B,C\n", in: dir, settings: Self.crmMapping)
        }
    }

    // MARK: Spreadsheet values

    @Test func spreadsheetValuesAreReadTheSameWayEveryTime() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try read(
            """
            account.id,account.name,account.contract.arr,account.contract.seats,opportunities,account.contract.renewal,account.contract.currency,account.segment,account.tier,signals.referral,usage.plan_limit_utilization,revenue.starting_arr,revenue.expansion
            A-1,Alpha,"$12,500.00","1,200",,11/30/2026,usd,Enterprise,Tier 3,Yes,85%,"12,500",(0)
            A-2,Beta,12500 USD,12,,2026-11-30T00:00:00Z,usd,Mid Market,2,0,94 %,$1,0
            """, in: dir)
        let accounts = read.records.compactMap { try? $0.result.get().account }
        #expect(accounts.count == 2, "\(read.records.map(errors))")
        let alpha = try #require(accounts.first)
        #expect(alpha.profile.contract?.arr == 12500)
        #expect(alpha.profile.contract?.seats == 1200)
        #expect(alpha.profile.contract?.renewal == Day(year: 2026, month: 11, day: 30))
        #expect(alpha.profile.contract?.currency == "USD")
        #expect(alpha.profile.segment == .enterprise && alpha.profile.tier == 3)
        #expect(alpha.signals?.referral == true)
        #expect(alpha.usage?.planLimitUtilization == Decimal(string: "0.85"))
        #expect(alpha.revenue?.startingARR == 12500)
        let beta = try #require(accounts.last)
        #expect(beta.profile.segment == .midMarket && beta.signals?.referral == false)
        #expect(beta.profile.contract?.renewal == Day(year: 2026, month: 11, day: 30))
    }

    @Test func valuesThatCouldBeReadTwoWaysAreErrorsNamingTheSetting() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try read(
            """
            account.id,account.name,account.contract.renewal,account.contract.arr,health.score,account.contract.start
            A-1,Alpha,04/05/2026,"12,50",85%,1/2/26
            A-2,Beta,2026-04-05,€100,80,
            """, in: dir)
        let first = errors(try #require(read.records.first))
        try #require(first.count == 4, "\(first)")
        #expect(first[0].hasPrefix("account.contract.renewal: \"04/05/2026\" is ambiguous: 5 April 2026 or 4 May 2026? Add date_format: MM/DD/YYYY"))
        #expect(first[1].contains("\"12,50\" cannot be read as a number") && first[1].contains("decimal: \",\""))
        #expect(first[2].hasPrefix("health.score: \"85%\" is a percentage, which is read only in a ratio field"))
        #expect(first[3].contains("two-digit year"))
        #expect(errors(try #require(read.records.last)) == [
            "account.contract.arr: \"€100\" is in EUR but the account's currency is USD (account.contract.currency, USD when absent): amounts are in the contract currency"
        ])
    }

    @Test func aConfiguredDateFormatAndDecimalCommaDecide() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let settings = ImportSettings(dateFormat: .dayMonthYearDots, decimal: ",")
        let read = try read(
            """
            account.id;account.name;account.contract.renewal;account.contract.arr;account.contract.currency;usage.feature_adoption.Routing
            A-1;Alpha;04.05.2026;12.500,00 €;EUR;0,5
            """, in: dir, settings: settings)
        let account = try #require(try read.records.first?.result.get().account)
        #expect(account.profile.contract?.renewal == Day(year: 2026, month: 5, day: 4))
        #expect(account.profile.contract?.arr == 12500)
        #expect(account.usage?.featureAdoption.first?.share == Decimal(string: "0.5"))
    }

    @Test func aSemicolonFileIsDetectedFromItsHeader() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try read("account.id;account.name;notes\nA-1;Alpha;one, two\n", in: dir)
        #expect(read.records.compactMap { try? $0.result.get().account.notes } == ["one, two"])
    }

    @Test func aWindows1252FileIsReadWithItsEncoding() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "account.id,account.name\nA-1,Café Olé – Margie’s\n"
        let refused = try read(text, in: dir, encoding: .windowsCP1252)
        #expect(errors(try #require(refused.records.first)).first?.contains("is not UTF-8 text: byte 0xE9") == true)
        let read = try read(text, in: dir, settings: ImportSettings(encoding: .windows1252), encoding: .windowsCP1252)
        #expect(try read.records.first?.result.get().account.profile.name == "Café Olé – Margie’s")
    }

    @Test func yamlAccountFilesStayStrict() throws {
        let yaml = "account: {id: A, name: Alpha, contract: {arr: \"$12,500\"}}"
        #expect(throws: AccountLoadError.self) { _ = try AccountLoader.load(data: Data(yaml.utf8), name: "a.yaml") }
    }

    // MARK: Related lists

    @Test func relatedFilesGiveEachAccountItsItemsInFileOrder() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcomes = dir.appendingPathComponent("outcomes.csv")
        try """
            account.id,outcomes.name,outcomes.target,Outcome Actual
            A-2,Faster close,6,
            A-1,Cut onboarding,20,18
            A-1,More users,"1,200",
            A-9,Nobody's,1,
            """.write(to: outcomes, atomically: true, encoding: .utf8)
        let asks = dir.appendingPathComponent("asks.csv")
        try "Account ID,narrative.asks\nA-1,Introduce us to the CFO\n".write(to: asks, atomically: true, encoding: .utf8)
        var settings = Self.crmMapping
        settings.columns.append(.init(source: "Outcome Actual", path: "outcomes.actual"))
        let read = try read(
            "account.id,account.name\nA-1,Alpha\nA-2,Beta\n", in: dir, settings: settings,
            related: [outcomes.path, asks.path])
        let accounts = read.records.compactMap { try? $0.result.get().account }
        #expect(accounts.map { $0.outcomes.map(\.name) } == [["Cut onboarding", "More users"], ["Faster close"]])
        #expect(accounts.first?.outcomes.map { $0.target ?? 0 } == [20, 1200])
        #expect(accounts.first?.outcomes.first?.actual == 18)
        #expect(accounts.first?.narrative?.asks == ["Introduce us to the CFO"])
        #expect(read.summary.relatedItems == 5)
        let orphan = try #require(read.records.last)
        #expect(orphan.location == "\(outcomes.path) row 5")
        #expect(errors(orphan).first?.contains("\"A-9\" is no account of") == true)
    }

    @Test func aRelatedItemsErrorNamesItsRowAndTheRowChangesTheFingerprint() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcomes = dir.appendingPathComponent("outcomes.csv")
        try "account.id,name,target\nA-1,Cut onboarding,lots\n".write(to: outcomes, atomically: true, encoding: .utf8)
        let read = try read("account.id,account.name\nA-1,Alpha\n", in: dir, related: [outcomes.path])
        #expect(errors(try #require(read.records.first)) == [
            "outcomes[0].target: expected a number, found \"lots\" (\(outcomes.path) row 2)"
        ])
        let plain = try self.read("account.id,account.name\nA-1,Alpha\n", in: dir)
        #expect(plain.records.first?.fingerprint != read.records.first?.fingerprint)
    }

    @Test func aRelatedFileThatCannotBeReadStopsTheRun() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("outcomes.csv")
        try "outcomes.name,outcomes.target\nX,1\n".write(to: bad, atomically: true, encoding: .utf8)
        var seen = 0
        let file = dir.appendingPathComponent("export.csv")
        try "account.id,account.name\nA-1,Alpha\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: AccountLoadError.self) {
            try PortfolioSource.forEach(file.path, tabular: TabularOptions(related: [bad.path])) { _ in seen += 1 }
        }
        #expect(seen == 0)
        #expect(throws: AccountLoadError.self) {
            try PortfolioSource.checkRelated(TabularOptions(related: [dir.appendingPathComponent("missing.csv").path]))
        }
    }

    @Test func sqliteTablesOfTheListsNamesAreRelatedLists() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("crm.db").path
        let sql = """
            CREATE TABLE accounts ("Account ID" TEXT, "Account Name" TEXT, "ARR" TEXT, "Renewal" TEXT);
            INSERT INTO accounts VALUES ('A-1', '[Beta] Corp', '$1,000', '11/30/2026');
            CREATE TABLE opportunities (account_id TEXT, name TEXT, estimated_arr TEXT, confidence TEXT);
            INSERT INTO opportunities VALUES ('A-1', 'More seats', '$2,000', '60%');
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", db, sql]
        guard (try? process.run()) != nil else { return }  // no sqlite3 command: nothing to build the file with
        process.waitUntilExit()
        var settings = Self.crmMapping
        settings.columns.append(.init(source: "Renewal", path: "account.contract.renewal"))
        var records: [PortfolioRecord] = []
        try PortfolioSource.forEach(db, tabular: TabularOptions(settings: settings)) { records.append($0) }
        let account = try #require(try records.first?.result.get().account)
        #expect(account.profile.name == "[Beta] Corp" && account.profile.contract?.arr == 1000)
        #expect(account.opportunities.map { $0.estimatedARR ?? 0 } == [2000])
        #expect(account.opportunities.map { $0.confidence ?? 0 } == [Decimal(string: "0.6") ?? 0])
    }
}
