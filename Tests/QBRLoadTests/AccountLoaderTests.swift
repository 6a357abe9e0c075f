import Foundation
import QBRCore
import Testing

@testable import QBRLoad

/// Loads `yaml` as if it were the file `name`, expecting success.
func load(_ yaml: String, name: String = "acme.yaml") throws -> LoadedAccount {
    try AccountLoader.load(data: Data(yaml.utf8), name: name)
}

/// Loads `yaml`, expecting failure, and returns its diagnostics.
func failures(_ yaml: String, name: String = "acme.yaml") -> [Diagnostic] {
    do {
        _ = try AccountLoader.load(data: Data(yaml.utf8), name: name)
        Issue.record("expected the load to fail")
        return []
    } catch {
        return error.diagnostics
    }
}

let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("examples")

@Suite struct AccountLoaderTests {
    @Test func loadsTheYAMLExampleExactly() throws {
        let loaded = try AccountLoader.load(path: examples.appendingPathComponent("northwind.yaml").path)
        let account = loaded.account
        #expect(loaded.warnings.isEmpty)
        #expect(account.profile.id == "NW-1042")
        #expect(account.profile.segment == .enterprise)
        #expect(account.profile.contract?.arr == 240_000)
        #expect(account.profile.contract?.renewal == Day(year: 2026, month: 10, day: 31))
        #expect(account.revenue == Revenue(startingARR: 240_000, expansion: 36_000, contraction: 6_000, churn: 0))
        #expect(account.outcomes.count == 3)
        #expect(account.outcomes[0].direction == .decrease)
        #expect(account.outcomes[1].unit == "%")
        #expect(account.usage?.monthlyActiveUsers == [140, 151, 160, 172, 180, 188])
        #expect(account.usage?.planLimitUtilization == Decimal(string: "0.94"))
        #expect(account.usage?.featureAdoption.map(\.feature) == ["Routing", "Audit", "Analytics"])
        #expect(account.health?.components.map(\.name) == ["usage", "engagement", "support", "sentiment"])
        #expect(account.narrative?.asks.count == 2)
        #expect(account.notes?.contains("one-page value summary") == true)
    }

    @Test func loadsTheJSONExample() throws {
        let loaded = try AccountLoader.load(path: examples.appendingPathComponent("contoso-health.json").path)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.account.profile.name == "Contoso Health | Claims")
        #expect(loaded.account.profile.contract?.currency == "EUR")
        #expect(loaded.account.health?.score == nil)
        #expect(loaded.account.outcomes[2].baseline == nil)
    }

    @Test func loadsTheSparseExample() throws {
        let loaded = try AccountLoader.load(path: examples.appendingPathComponent("bluebird-bakery.yaml").path)
        #expect(loaded.account.profile.name == "Bluebird Bakery 🧁")
        #expect(loaded.account.outcomes.isEmpty && loaded.account.revenue == nil && loaded.account.usage == nil)
    }

    @Test func moneyIsReadAsExactDecimal() throws {
        let account = try load("account: {id: A, name: B, contract: {arr: 0.1}}\nrevenue: {starting_arr: 1234567.89}")
            .account
        #expect(account.profile.contract?.arr == Decimal(string: "0.1"))
        #expect(account.revenue?.startingARR == Decimal(string: "1234567.89"))
    }

    @Test func aWrongTypeNamesFileLineAndFieldPath() {
        let yaml = """
            account: {id: A, name: B}
            outcomes:
              - name: First
                target: 10
              - name: Second
                target: twenty
            """
        let errors = failures(yaml)
        #expect(errors.count == 1)
        #expect(
            errors.first?.description
                == #"acme.yaml:6:13: error: outcomes[1].target: expected a number, found "twenty""#)
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() {
        let yaml = """
            account:
              id: A
              name: B
              tier: 7
              contract: {arr: -5, renewal: 2026-02-30, currency: dollars}
            health: {score: 140}
            """
        let errors = failures(yaml).filter { $0.severity == .error }
        #expect(
            errors.map(\.path) == [
                "account.tier", "account.contract.arr", "account.contract.renewal",
                "account.contract.currency", "health.score",
            ])
        #expect(errors[0].message == "7 is out of range: expected 1 to 3")
        #expect(errors[1].message.contains("ARR cannot be negative"))
        #expect(errors[2].message.contains("no such day on the calendar"))
        #expect(errors[4].line == 6)
    }

    @Test func requiredFieldsAreNamed() {
        #expect(
            failures("account: {name: B}").first?.description
                == "acme.yaml:1:10: error: account.id: is required but missing")
        #expect(failures("period: {label: Q3}").first?.path == "account")
        #expect(failures("account: {id: '  ', name: B}").first?.message == "must not be empty")
        #expect(failures("account: {id: A, name: B}\nrevenue: {expansion: 5}").first?.path == "revenue.starting_arr")
    }

    @Test func unknownKeysWarnWithASuggestion() throws {
        let loaded = try load("account: {id: A, name: B}\nhelth: {score: 50}\nfavourite_colour: blue")
        #expect(
            loaded.warnings.map(\.description) == [
                #"acme.yaml:2:1: warning: helth: unknown key "helth" is ignored (did you mean "health"?)"#,
                #"acme.yaml:3:1: warning: favourite_colour: unknown key "favourite_colour" is ignored"#,
            ])
        #expect(loaded.account.health == nil)
    }

    @Test func ratiosOutOfRangeExplainTheScale() {
        let errors = failures("account: {id: A, name: B}\nopportunities: [{name: X, confidence: 60}]")
        #expect(errors.first?.path == "opportunities[0].confidence")
        #expect(errors.first?.message == "60 is out of range: expected 0 to 1 (ratios are 0–1 in input: 0.94 for 94%)")
    }

    @Test func enumerationsListTheAllowedValues() {
        let errors = failures("account: {id: A, name: B, segment: giant}")
        #expect(errors.first?.message == #"expected one of enterprise, mid-market, smb, found "giant""#)
    }

    @Test func syntaxErrorsCarryTheParserLocation() {
        let errors = failures("account:\n  id: A\n  name: [unclosed\n")
        #expect(errors.count == 1)
        #expect(errors.first?.line != nil)
        #expect(errors.first?.message.hasPrefix("is not valid YAML or JSON") == true)
    }

    @Test func duplicateKeysAreRefused() {
        let errors = failures("account: {id: A, name: B}\naccount: {id: C, name: D}")
        #expect(errors.first?.message.contains("appears twice") == true)
    }

    @Test func impossibleMovementsAreRefused() {
        let errors = failures("account: {id: A, name: B}\nrevenue: {starting_arr: 100, contraction: 80, churn: 30}")
        #expect(errors.first?.path == "revenue")
        #expect(errors.first?.message.contains("cannot lose more ARR than it had") == true)
    }

    @Test func datesOutOfOrderAreRefused() {
        let errors = failures(
            "account: {id: A, name: B}\noutcomes: [{name: X, committed_on: 2026-05-01, due: 2026-04-01}]")
        #expect(errors.first?.path == "outcomes[0].due")
    }

    @Test func looseNumbersAreRefused() {
        for text in ["12abc", "1,000", "$5", "1e99999", ".inf", "0x10"] {
            let errors = failures("account: {id: A, name: B, contract: {arr: '\(text)'}}")
            #expect(errors.first?.path == "account.contract.arr", "\(text)")
        }
    }

    @Test func nullsCountAsAbsent() throws {
        let account = try load("account: {id: A, name: B, segment: ~, tier: null}\nnotes:").account
        #expect(account.profile.segment == nil && account.profile.tier == nil && account.notes == nil)
    }

    @Test func textFieldsKeepYAMLLookalikesAsText() throws {
        // "NO" is a boolean in YAML 1.1 and 1042 a number: both are names here.
        let account = try load("account: {id: 1042, name: NO}").account
        #expect(account.profile.id == "1042" && account.profile.name == "NO")
    }

    @Test func byteOrderMarkIsAcceptedInvalidUTF8IsNot() throws {
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("account: {id: A, name: B}".utf8)
        #expect(try AccountLoader.load(data: bom, name: "bom.yaml").account.profile.id == "A")
        #expect(throws: AccountLoadError.self) {
            try AccountLoader.load(data: Data([0x61, 0x3A, 0x20, 0xFF, 0xFE]), name: "bad.yaml")
        }
    }

    @Test func emptyAndNonMappingDocumentsAreExplained() {
        #expect(failures("").first?.message.hasPrefix("is empty") == true)
        #expect(failures("- just\n- a list").first?.message == "expected a mapping of keys, found a list")
    }

    @Test func missingFilesAreUnreadableNotInvalid() {
        do {
            _ = try AccountLoader.load(path: "/nonexistent/acme.yaml")
        } catch {
            #expect(error.kind == .unreadable)
            #expect(error.description == "/nonexistent/acme.yaml: error: no such file")
        }
    }

    @Test func jsonWithTabsAndCRLFLoads() throws {
        let json = "{\r\n\t\"account\": {\"id\": \"A\",\t\"name\": \"B\"},\r\n\t\"signals\": {\"nps\": -5}\r\n}"
        let account = try load(json, name: "a.json").account
        #expect(account.signals?.nps == -5)
    }
}

@Suite struct AccountLoaderLimitTests {
    @Test func aFloodOfBadValuesIsSummarised() {
        let values = Array(repeating: "\"x\"", count: 500).joined(separator: ", ")
        let errors = failures("account: {id: A, name: B}\nusage: {monthly_active_users: [\(values)]}")
        #expect(errors.count == AccountLoader.maxDiagnostics + 1)
        #expect(errors.last?.description == "acme.yaml: error: 450 more problems not shown (450 of them errors); fix these first")
    }

    /// Refused on the parser's events, before any node is built: Yams hashes every mapping key, so even a bomb
    /// the reader would never walk (under an unknown key, or used as a key) costs time exponential in its depth.
    @Test func anAliasBombIsRefusedBeforeItIsBuilt() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip(["b", "c", "d", "e", "f", "g", "h"], ["a", "b", "c", "d", "e", "f", "g"]) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "account: {id: A, name: B}\nnotes: *h\n"
        let errors = failures(yaml)
        #expect(errors.count == 1)
        #expect(errors.first?.line == 6 && errors.first?.path == "f[0]")
        #expect(errors.first?.message.hasSuffix("refused as an alias bomb") == true)
    }
}
