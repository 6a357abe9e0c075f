import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// Shared builders for the QBRPlaybooks tests: accounts in Swift, facts at a run date, load failures.

func day(_ text: String) -> Day {
    guard let day = Day(iso: text) else { fatalError("bad test date \(text)") }
    return day
}

/// The run date most tests use.
let runDate = day("2026-07-01")

/// An account with only what a test sets; the CSM and account manager are named unless set to nil.
func makeAccount(
    csm: String? = "Dana Whitfield", accountManager: String? = "Luis Ortega", sponsor: ExecutiveSponsor? = nil,
    segment: Segment? = nil, tier: Int? = nil, contract: Contract? = nil, revenue: Revenue? = nil,
    outcomes: [Outcome] = [], value: [ValueRealized] = [], usage: Usage? = nil, health: Health? = nil,
    signals: Signals? = nil, opportunities: [Opportunity] = [], risks: [Risk] = []
) -> Account {
    Account(
        profile: AccountProfile(
            id: "ACME-1", name: "Acme", segment: segment, tier: tier, csm: csm, accountManager: accountManager,
            executiveSponsor: sponsor, contract: contract),
        revenue: revenue, outcomes: outcomes, valueRealized: value, usage: usage, health: health, signals: signals,
        opportunities: opportunities, risks: risks)
}

func facts(_ account: Account, asOf: Day = runDate) -> AccountFacts {
    AccountFacts(account: account, asOf: asOf)
}

/// Facts for an account with no data at all: every metric but the counts is missing.
let emptyFacts = facts(makeAccount())

/// The first error a rule raises, or nil (recording an issue) when it parses.
func ruleError(
    _ source: String, vocabulary: RuleVocabulary = RuleVocabulary(), sourceLocation: SourceLocation = #_sourceLocation
) -> RuleError? {
    ruleErrors(source, vocabulary: vocabulary, sourceLocation: sourceLocation).first
}

/// Every error a rule raises, or [] (recording an issue) when it parses.
func ruleErrors(
    _ source: String, vocabulary: RuleVocabulary = RuleVocabulary(), sourceLocation: SourceLocation = #_sourceLocation
) -> [RuleError] {
    do {
        _ = try Rule(source, vocabulary: vocabulary)
        Issue.record("expected \(source) to be refused", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.errors
    }
}

/// The error diagnostics of loading `files`, or [] (recording an issue) when they load.
func loadErrors(
    _ files: [(origin: String, text: String)], roles: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    do {
        _ = try PlaybookLibrary(files: files, roles: roles)
        Issue.record("expected the playbooks to be refused", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics.filter { $0.severity == .error }
    }
}
