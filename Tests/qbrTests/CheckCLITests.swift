import Foundation
import Testing

/// `qbr check`: one fixture per plausibility warning and readiness gap, with the exact line the CSM sees.
@Suite struct CheckCLITests {
    static let fixtures = CLITests.repository.appendingPathComponent("Tests/qbrTests/Fixtures/check")
    let cli = CLITests()

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name + ".yaml").path }

    /// Runs `qbr check` on one fixture at 2026-10-15.
    func check(_ name: String) throws -> CLITests.Result {
        try cli.qbr(["check", fixture(name), "--as-of", "2026-10-15"])
    }

    static let complete = "Fixture Freight: readiness 95% (data 7/7 sections, narrative 3/3 slots, 1 warning)\n"

    @Test func aCompleteAccountIsReady() throws {
        let result = try check("complete")
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "FX-1 Fixture Freight: readiness 100% (data 7/7 sections, narrative 3/3 slots, 0 warnings)\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func renewalAlreadyPast() throws {
        let result = try check("renewal-past")
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                \(fixture("renewal-past")):5:42: warning: account.contract.renewal: renewal 2026-09-30 is 15 days before the run date 2026-10-15: record the renewed contract's dates
                FX-2 \(Self.complete)
                """)
    }

    @Test func outcomeAtMoreThanTenTimesItsTarget() throws {
        let result = try check("outcome-over-target")
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                \(fixture("outcome-over-target")):16:13: warning: outcomes[1].actual: attainment 1,700% (from baseline 10 to target 20, actual 180) is more than 10× the committed change: check the unit and the baseline
                FX-3 \(Self.complete)
                """)
    }

    @Test func valueWithoutCategory() throws {
        let result = try check("value-without-category")
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                \(fixture("value-without-category")):21:5: warning: value_realized[1]: value of $20,000 has no category: give one (cost savings, revenue, risk reduction…) so the value slide can group it
                FX-4 \(Self.complete)
                """)
    }

    @Test func monthlyActiveUsersAboveTwiceTheSeats() throws {
        let result = try check("users-above-seats")
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                \(fixture("users-above-seats")):25:30: warning: usage.monthly_active_users[1]: 250 monthly active users are more than 2× the 100 licensed seats (and in 1 other month): check account.contract.seats and the usage export
                FX-5 \(Self.complete)
                """)
    }

    // GRR above 100%, NRR below GRR and a health score outside 0–100 need a negative movement or an out-of-range
    // score, which the loader refuses: `qbr check` reports the loader's error at the value, and exits 65.

    @Test func grrAbove100IsANegativeChurnTheLoaderRefuses() throws {
        let result = try check("negative-churn")
        #expect(result.status == 65)
        #expect(
            result.stdout == """
                \(fixture("negative-churn")):6:74: error: revenue.churn: -5000 is out of range: expected 0 or more (movements are amounts; a loss is a positive contraction or churn)
                \(fixture("negative-churn")): not checked for readiness: 1 error

                """)
    }

    @Test func nrrBelowGRRIsANegativeExpansionTheLoaderRefuses() throws {
        let result = try check("negative-expansion")
        #expect(result.status == 65)
        #expect(
            result.stdout == """
                \(fixture("negative-expansion")):6:44: error: revenue.expansion: -10000 is out of range: expected 0 or more (movements are amounts; a loss is a positive contraction or churn)
                \(fixture("negative-expansion")): not checked for readiness: 1 error

                """)
    }

    @Test func healthAbove100IsRefusedByTheLoader() throws {
        let result = try check("health-above-100")
        #expect(result.status == 65)
        #expect(
            result.stdout == """
                \(fixture("health-above-100")):27:10: error: health.score: 120 is out of range: expected 0 to 100
                \(fixture("health-above-100")): not checked for readiness: 1 error

                """)
    }

    /// Issue 14: a file that does not load still has its plausibility checked on the fields that did.
    @Test func anErrorDoesNotHideAWarning() throws {
        let result = try check("error-and-past-renewal")
        #expect(result.status == 65)
        #expect(
            result.stdout == """
                \(fixture("error-and-past-renewal")):6:42: warning: account.contract.renewal: renewal 2026-09-30 is 15 days before the run date 2026-10-15: record the renewed contract's dates
                \(fixture("error-and-past-renewal")):8:10: error: health.score: 140 is out of range: expected 0 to 100
                \(fixture("error-and-past-renewal")): not checked for readiness: 1 error

                """)
        let json = try cli.qbr(["check", fixture("error-and-past-renewal"), "--as-of", "2026-10-15", "--json"])
        #expect(json.stdout.contains(#""check" : "renewal-past""#) && json.stdout.contains(#""status" : "invalid""#))
    }

    /// Issue 14: a full churn with health 95 is flagged only while no churn playbook applies.
    @Test func aFullChurnWithHighHealthIsFlaggedUnlessAChurnPlaybookApplies() throws {
        let result = try check("churned-but-healthy")
        #expect(
            result.stdout.contains(
                ":6:40: warning: revenue.churn: all of the starting ARR $100,000 churned, yet health is 95 and no churn "
                    + "playbook applies: check revenue.churn and health.score\n"))
        // With an open escalation the churn-risk playbook applies: the churn is being handled.
        let yaml = try String(contentsOfFile: fixture("churned-but-healthy"), encoding: .utf8) + "signals: {open_escalations: 1}\n"
        let handled = try cli.qbr(["check", "-", "--as-of", "2026-10-15"], stdin: yaml)
        #expect(!handled.stdout.contains("churn-with-high-health") && !handled.stdout.contains("no churn playbook"))
    }

    @Test(arguments: [
        ("missing-executive-summary", "FX-9", "narrative.executive_summary"),
        ("missing-asks", "FX-10", "narrative.asks"),
        ("missing-misses", "FX-11", "narrative.misses"),
    ])
    func eachEmptyNarrativeSlotCostsTenPoints(name: String, id: String, missing: String) throws {
        let result = try check(name)
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "\(id) Fixture Freight: readiness 90% (data 7/7 sections, narrative 2/3 slots, 0 warnings) — missing: \(missing)\n"
        )
    }

    @Test func eachMissingDataSectionCostsTenPoints() throws {
        let result = try check("missing-sections")
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "FX-12 Fixture Freight: readiness 70% (data 4/7 sections, narrative 3/3 slots, 0 warnings) — missing: revenue, opportunities, risks\n"
        )
    }

    @Test func theExamplesReadiness() throws {
        let result = try cli.qbr([
            "check", cli.example("northwind.yaml"), cli.example("contoso-health.json"),
            cli.example("bluebird-bakery.yaml"),
            "--as-of", "2026-10-15",
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                NW-1042 Northwind Traders: readiness 90% (data 7/7 sections, narrative 2/3 slots, 0 warnings) — missing: narrative.misses
                CH-2210 Contoso Health | Claims: readiness 90% (data 7/7 sections, narrative 2/3 slots, 0 warnings) — missing: narrative.executive_summary
                SMB-0077 Bluebird Bakery 🧁: readiness 0% (data 0/7 sections, narrative 0/3 slots, 0 warnings) — missing: outcomes, value_realized, usage, health, revenue, opportunities, risks, narrative.executive_summary, narrative.asks, narrative.misses

                """)
    }

    @Test func everyFileIsCheckedAndTheWorstExitCodeWins() throws {
        let invalid = try cli.qbr(["check", fixture("complete"), fixture("health-above-100"), "--as-of", "2026-10-15"])
        #expect(invalid.status == 65)
        #expect(invalid.stdout.hasPrefix("FX-1 Fixture Freight: readiness 100%"))
        let missing = try cli.qbr(["check", "/nonexistent/acme.yaml", fixture("health-above-100"), fixture("complete")])
        #expect(missing.status == 66)
        #expect(missing.stdout.hasPrefix("/nonexistent/acme.yaml: error: no such file\n"))
        #expect(missing.stdout.contains("FX-1 Fixture Freight"))
        #expect(try cli.qbr(["check"]).status == 64)
        #expect(try cli.qbr(["check", fixture("complete"), "--as-of", "2026-02-30"]).status == 64)
    }

    @Test func readsStandardInputAndLocatesWarningsInIt() throws {
        let yaml = "account:\n  id: A\n  name: B\nvalue_realized:\n  - amount: 10\n"
        let result = try cli.qbr(["check", "-", "--as-of", "2026-10-15"], stdin: yaml)
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix(
                "<stdin>:5:5: warning: value_realized[0]: value of $10 has no category"))
        #expect(
            result.stdout.hasSuffix(
                "A B: readiness 5% (data 1/7 sections, narrative 0/3 slots, 1 warning) — missing: outcomes, usage, health, revenue, opportunities, risks, narrative.executive_summary, narrative.asks, narrative.misses\n"
            ))
    }

    @Test func jsonShape() throws {
        let result = try cli.qbr([
            "check", fixture("renewal-past"), fixture("negative-churn"), "--json", "--as-of", "2026-10-15",
        ])
        #expect(result.status == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["as_of"] as? String == "2026-10-15")
        let accounts = try #require(json["accounts"] as? [[String: Any]])
        #expect(accounts.count == 2)

        let ok = accounts[0]
        #expect(Set(ok.keys) == ["file", "status", "id", "name", "diagnostics", "readiness"])
        #expect(ok["file"] as? String == fixture("renewal-past"))
        #expect(ok["status"] as? String == "warnings")
        #expect(ok["id"] as? String == "FX-2")
        let warning = try #require((ok["diagnostics"] as? [[String: Any]])?.first)
        #expect(warning["severity"] as? String == "warning")
        #expect(warning["check"] as? String == "renewal-past")
        #expect(warning["path"] as? String == "account.contract.renewal")
        #expect(warning["line"] as? Int == 5 && warning["column"] as? Int == 42)
        let readiness = try #require(ok["readiness"] as? [String: Any])
        #expect(readiness["score"] as? Int == 95)
        #expect(readiness["warnings"] as? Int == 1)
        #expect(readiness["missing"] as? [String] == [])
        let sections = try #require(readiness["sections"] as? [String: Any])
        #expect(sections["total"] as? Int == 7 && (sections["present"] as? [String])?.count == 7)
        let narrative = try #require(readiness["narrative"] as? [String: Any])
        #expect(narrative["present"] as? [String] == ["executive_summary", "asks", "misses"])

        let invalid = accounts[1]
        #expect(invalid["status"] as? String == "invalid")
        #expect(invalid["readiness"] is NSNull && invalid["id"] is NSNull)
        let error = try #require((invalid["diagnostics"] as? [[String: Any]])?.first)
        #expect(error["severity"] as? String == "error" && error["check"] is NSNull)
        #expect(error["path"] as? String == "revenue.churn")
    }
}
