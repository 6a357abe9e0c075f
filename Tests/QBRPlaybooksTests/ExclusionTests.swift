import Foundation
import QBRCore
import Testing

@testable import QBRPlaybooks

/// `priority:` and `excludes:`: a playbook that fires suppresses the ones it excludes, deterministically.
@Suite struct ExclusionTests {
    /// The account of the report: yellow health, two open escalations, a sponsor who took over today — and value
    /// demonstrated with seats nearly full, so the expansion play's rule holds too.
    static let yellowAccount = makeAccount(
        sponsor: ExecutiveSponsor(name: "Marta Nowak", since: runDate), contract: Contract(seats: 200),
        outcomes: [Outcome(name: "Onboard faster", baseline: 45, target: 20, actual: 18, direction: .decrease)],
        value: [ValueRealized(amount: 50_000, confirmed: true)], usage: Usage(seatsActive: 190),
        health: Health(score: 62), signals: Signals(openEscalations: 2, referral: false))

    @Test func churnRiskSuppressesTheExpansionPlayOnTheYellowAccount() throws {
        let library = try PlaybookLibrary.builtIn()
        let expansion = try #require(library.playbooks.first { $0.id == "expansion" })
        // The expansion rule holds on its own…
        #expect(expansion.trigger.holds(facts(Self.yellowAccount)))
        let selection = library.selection(facts(Self.yellowAccount))
        // …but churn-risk fires and excludes it.
        #expect(selection.triggered.map(\.playbook.id) == ["churn-risk", "sponsor-change"])
        #expect(
            selection.suppressed.map(\.explanation) == [
                "exec-sponsor-gap: suppressed by sponsor-change", "expansion: suppressed by churn-risk",
            ])
        #expect(
            selection.suppressed.last?.reasons == [
                "value is demonstrated (1 outcome achieved, $50,000 confirmed)",
                "seat utilization is 95% (190 of 200 seats)",
            ])
        let tasks = selection.triggered.flatMap(\.tasks).map(\.title)
        #expect(!tasks.contains { $0.contains("case study") })
        #expect(selection.triggered.last?.reasons == ["the sponsor changed today (Marta Nowak took over)"])
    }

    @Test func aTeamCanLetBothFireWithAnAdjustmentFile() throws {
        let folder = try temporaryFolder(["no-exclusion.yaml": "id: churn-risk\nexcludes: []\n"])
        let library = try PlaybookLibrary(overridesFrom: folder)
        #expect(
            library.select(facts(Self.yellowAccount)).map(\.playbook.id) == [
                "churn-risk", "expansion", "sponsor-change",
            ])
    }

    @Test func aTeamCopyOfTheFileDecidesToo() throws {
        let text = try #require(PlaybookLibrary.builtInSource("churn-risk.yaml"))
            .replacingOccurrences(of: "excludes: [expansion]", with: "excludes: []")
        let folder = try temporaryFolder(["churn-risk.yaml": text])
        let library = try PlaybookLibrary(overridesFrom: folder)
        #expect(
            library.selection(facts(Self.yellowAccount)).suppressed.map(\.explanation) == [
                "exec-sponsor-gap: suppressed by sponsor-change"
            ])
    }

    static func library(_ specs: [(id: String, kind: String, priority: Int, excludes: String)]) throws
        -> PlaybookLibrary
    {
        try PlaybookLibrary(
            files: specs.map { spec in
                (
                    "\(spec.id).yaml",
                    """
                    id: \(spec.id)
                    title: \(spec.id)
                    kind: \(spec.kind)
                    priority: \(spec.priority)
                    excludes: \(spec.excludes)
                    when: health.band == "red"
                    tasks:
                      - title: Act
                    """
                )
            })
    }

    static let red = facts(makeAccount(health: Health(score: 20)))

    @Test func anExclusionWorksWhateverThePriorities() throws {
        // The low-priority playbook excludes the high one: the excluder is settled first.
        let library = try Self.library([("high", "a", 10, "[]"), ("low", "b", 0, "[high]")])
        let selection = library.selection(Self.red)
        #expect(selection.triggered.map(\.playbook.id) == ["low"])
        #expect(selection.suppressed.map(\.explanation) == ["high: suppressed by low"])
    }

    @Test func aCycleIsWonByPriorityThenId() throws {
        let byPriority = try Self.library([("a", "x", 0, "[b]"), ("b", "y", 5, "[a]")])
        #expect(byPriority.selection(Self.red).triggered.map(\.playbook.id) == ["b"])
        let byId = try Self.library([("b", "y", 0, "[a]"), ("a", "x", 0, "[b]")])
        #expect(byId.selection(Self.red).triggered.map(\.playbook.id) == ["a"])
        #expect(byId.selection(Self.red).suppressed.map(\.explanation) == ["b: suppressed by a"])
    }

    @Test func aSuppressedPlaybookExcludesNothing() throws {
        // a excludes b, b excludes c: b never fires, so c does.
        let library = try Self.library([("a", "x", 0, "[b]"), ("b", "y", 0, "[c]"), ("c", "z", 0, "[]")])
        let selection = library.selection(Self.red)
        #expect(selection.triggered.map(\.playbook.id) == ["a", "c"])
        #expect(selection.suppressed.map(\.explanation) == ["b: suppressed by a"])
    }

    @Test func anExclusionByKindAndOnlyWhenTheExcluderFires() throws {
        let library = try Self.library([("rescue", "churn", 0, "[growth]"), ("upsell", "growth", 0, "[]")])
        #expect(library.selection(Self.red).triggered.map(\.playbook.id) == ["rescue"])
        #expect(library.selection(emptyFacts).suppressed.isEmpty)
    }

    @Test func oneNameWithoutBracketsAndAWrongValueReportedOnce() throws {
        let library = try Self.library([("rescue", "churn", 0, "upsell"), ("upsell", "growth", 0, "[]")])
        #expect(library.playbooks.first?.excludes == ["upsell"])
        let errors = loadErrors([
            ("a.yaml", playbookFile(id: "a", when: "excludes: {b: 1}\nwhen: health.band == \"red\""))
        ])
        #expect(errors.map(\.message).count == 1)
    }

    @Test func anExclusionOfNothingKnownIsAWarning() throws {
        let library = try Self.library([("a", "x", 0, "[expanson]"), ("expansion", "y", 0, "[]")])
        #expect(
            library.warnings.map(\.description) == [
                "a.yaml:5:12: warning: excludes[0]: excludes \"expanson\", which is neither a playbook id nor a kind (did you mean expansion?)"
            ])
    }
}

/// A temporary folder holding `files` (name → text).
func temporaryFolder(_ files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-playbooks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return folder.path
}
