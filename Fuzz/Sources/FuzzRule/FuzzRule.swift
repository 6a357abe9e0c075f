import Foundation
import FuzzSupport
import QBRPlaybooks

/// The playbook rule language on arbitrary text: lexer, parser and type checker (with the built-in flags as
/// vocabulary), then evaluation and reasons against every example account. A rule that is refused must point
/// inside its own text (or just past its end); one that does not hold has no reasons.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    Fuzz.seedsIfAsked { folder in
        // Every rule of the built-in playbooks and flags, as the library parsed them.
        var rules = Fuzz.playbooks.flags.map(\.rule.source)
        for playbook in Fuzz.playbooks.playbooks {
            rules.append(playbook.trigger.source)
            rules += playbook.tasks.compactMap { $0.condition?.source }
        }
        rules += [
            "account.name == \"Northwind \\\"Trading\\\"\"", "not (health.score < 50 or nrr <= 95%)",
            "usage.trend_90d <= -20% and days_to_renewal in 0..180", "health.band in [\"red\", \"yellow\"] AND x && y",
            "account.sponsor.name is missing or account.csm is not present", "'single quoted' != account.segment",
            "(((flags.renewal_risk)))", "health.band != 'green' and revenue.grr < 0.9",
        ]
        for (index, rule) in Set(rules).sorted().enumerated() { try Fuzz.seed(folder, "rule-\(index).txt", rule) }
    }
    return 0
}

/// The built-in flags, as `when: flags.NAME` sees them.
let vocabulary = RuleVocabulary(
    flags: Dictionary(Fuzz.playbooks.flags.map { ($0.name, $0.rule) }) { first, _ in first })
/// Each example account's facts, computed once.
let facts = Fuzz.examples.map { AccountFacts(account: $0, asOf: Fuzz.asOf) }

/// libFuzzer calls this with each input; a trap, an ASan report or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = Fuzz.text(start, count)
    do {
        let rule = try Rule(text, vocabulary: vocabulary)
        for account in facts {
            let holds = rule.holds(account)
            _ = rule.evaluate(account)
            let reasons = rule.reasons(account)
            Fuzz.expect(holds || reasons.isEmpty, "reasons for a rule that does not hold: \(reasons)")
        }
    } catch {
        // Every error of the rule; the caret may sit just past the last character ("expected a value here").
        let length = text.count
        Fuzz.expect(!error.errors.isEmpty, "a refused rule without an error")
        for error in error.errors {
            Fuzz.expect(
                error.offset >= 0 && error.length >= 0 && error.offset <= length
                    && error.offset + error.length <= length + 1,
                "error outside the rule: offset \(error.offset) length \(error.length) in \(length) characters")
            Fuzz.expect(!error.message.isEmpty, "rule error without a message")
        }
    }
    return 0
}

/// `main` as SwiftPM links it (see `Fuzz.runDriver`).
@_cdecl("FuzzRule_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv)
}
