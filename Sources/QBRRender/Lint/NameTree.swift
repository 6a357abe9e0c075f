import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks

/// Every name a template can look up, as a tree: `outcomes` → `items[]` → `attainment` → `signed`.
///
/// Built from the code, not from a list: the view model renders contexts for a few maximal accounts (every
/// field filled, each edition, each health band, a renewal past due and not…) and the keys of every
/// dictionary, list element and ``Figure`` child are merged.
struct NameTree: Sendable {
    /// Named children: dictionary keys, or a figure's forms (`raw`, `compact`…).
    var children: [String: NameTree] = [:]
    /// The merged shape of a list's elements, when this name is a list.
    var element: Indirect?

    /// Boxes the element shape (a struct cannot hold itself).
    final class Indirect: Sendable {
        let tree: NameTree
        init(_ tree: NameTree) { self.tree = tree }
    }

    init() {}

    /// The tree of one context value.
    init(_ value: Any) { merge(value) }

    /// Adds the names of `value` to this tree.
    mutating func merge(_ value: Any) {
        if let figure = value as? Figure {
            for form in Self.figureForms where figure.child(named: form) != nil && children[form] == nil {
                children[form] = NameTree()
            }
        } else if let dictionary = value as? [String: Any] {
            for (key, child) in dictionary { children[key, default: NameTree()].merge(child) }
        } else if !(value is String), let list = value as? [Any] {
            var shape = element?.tree ?? NameTree()
            for item in list { shape.merge(item) }
            element = Indirect(shape)
        }
    }

    /// Adds the names of another tree.
    mutating func merge(tree other: NameTree) {
        for (key, child) in other.children { children[key, default: NameTree()].merge(tree: child) }
        if let theirs = other.element {
            var shape = element?.tree ?? NameTree()
            shape.merge(tree: theirs.tree)
            element = Indirect(shape)
        }
    }

    /// The forms a figure may offer; each figure keeps those its `child(named:)` answers.
    static let figureForms = ["raw", "compact", "signed", "signed_compact", "points", "number", "long"]

    /// The context a section over this name pushes: a list's element, else the value itself.
    var sectionContext: NameTree { element?.tree ?? self }

    /// All dotted names below this tree (`account`, `account.name`, …), for suggestions.
    func dottedNames(prefix: String = "") -> [String] {
        children.flatMap { key, child -> [String] in
            let name = prefix.isEmpty ? key : prefix + "." + key
            return [name] + child.dottedNames(prefix: name)
        }
    }
}

extension NameTree {
    /// The names of the Markdown documents: the view model of maximal accounts, both editions, with every flag
    /// of `playbooks` (true or not, each is a name a template may test).
    static func viewModel(playbooks: PlaybookLibrary?, editions: [Edition] = Edition.allCases) -> NameTree {
        var tree = NameTree()
        for (variant, asOf) in MaximalAccount.variants {
            guard let account = try? AccountLoader.load(data: Data(variant.utf8), name: "lint.yaml").account else {
                continue
            }
            for edition in editions {
                for mermaid in [false, true] {
                    // With a previous month on record half the time, for the names "since last month" adds.
                    let model = ReviewViewModel(
                        account: account, asOf: asOf, edition: edition, playbooks: playbooks, company: "Company",
                        mermaid: mermaid,
                        previous: mermaid
                            ? MonthSnapshot(month: "2026-09", health: 50, nrr: 1, arr: 1_000, monthlyActiveUsers: 10) : nil)
                    for document in ReviewViewModel.documentNames.keys.sorted() {
                        tree.merge(model.context(document: document))
                    }
                }
            }
        }
        var flags = tree.children["flags"] ?? NameTree()
        for flag in playbooks?.flags ?? [] { flags.children[flag.name] = NameTree() }
        tree.children["flags"] = flags
        return tree
    }

    /// What checklist templates see under `checklist` (the shape `DocumentRenderer.checklist` builds).
    static let checklist = NameTree([
        "checklist": [
            "id": "", "title": "", "kind": "", "summary": "", "reasons": [""], "triggered": true, "notes": "",
            "previous_title": "", "retired": ["items": [""]], "hand_added": ["items": [""]],
            "tasks": [
                [
                    "id": "", "marker": "", "title": "", "owner": "", "role": "", "checked": true,
                    "due": Figure.date(Day(dayNumber: 0)), "due_note": "", "overdue": true, "detail": "",
                ] as [String: Any]
            ],
        ] as [String: Any]
    ])

    /// What the portfolio overview sees: the context of an overview with one complete account and a failure.
    static let portfolio: NameTree = {
        var overview = PortfolioOverview(asOf: Day(dayNumber: 20_000))
        if let (yaml, asOf) = MaximalAccount.variants.first,
            let account = try? AccountLoader.load(data: Data(yaml.utf8), name: "lint.yaml").account
        {
            overview = PortfolioOverview(asOf: asOf)
            overview.add(account, triggered: [], folder: "a", documents: [("qbr", "accounts/a/qbr.md")])
        }
        var tree = NameTree(overview.context(failures: 1))
        tree.children["change"] = NameTree(["since": "", "nrr": "", "grr": ""] as [String: Any])
        tree.children["playbooks"] = NameTree([["id": "", "title": "", "count": 1] as [String: Any]])
        tree.children["pages"] = NameTree(
            [["number": 1, "path": "", "first": "", "last": "", "count": 1] as [String: Any]])
        return tree
    }()

    /// What one page of a large portfolio's account list sees.
    static let portfolioPage: NameTree = {
        let overview = PortfolioOverview(asOf: Day(dayNumber: 20_000))
        let row = PortfolioOverview.Row(
            id: "", name: "", folder: "", arr: "", health: "", playbooks: "", renewal: "", documents: [("", "")])
        return NameTree(overview.pageContext(rows: [row], page: 1, of: 2, previous: "", next: ""))
    }()

    /// What the HTML shells see (`DocumentRenderer.shell`), the theme's names from every role `qbr.yaml` sets.
    static let shell: NameTree = {
        var theme: [String: Any] = ["company": "", "logo": ""]
        for role in TeamConfig.colorRoles { theme[role] = "" }
        for role in TeamConfig.fontRoles { theme["font_\(role)"] = "" }
        return NameTree(
            [
                "title": "", "lang": "", "generator": "", "slide_count": 1, "theme": theme, "html": "",
                "slides": [["number": 1, "html": "", "notes": ""] as [String: Any]],
            ] as [String: Any])
    }()
}

/// Accounts with every field of the schema filled, in variants that switch on the names present only
/// sometimes: each health band, a computed score, a renewal past due, a paged action plan; and a minimal
/// account, for names present only when data is missing.
enum MaximalAccount {
    static func yaml(score: String, renewal: String) -> String {
        """
        account:
          id: LINT-1
          name: Lint Traders
          segment: enterprise
          tier: 1
          industry: Logistics
          csm: Dana Whitfield
          account_manager: Luis Ortega
          executive_sponsor: {name: Priya Raman, title: CFO, since: 2026-08-14}
          contract: {start: 2025-11-01, renewal: \(renewal), arr: 240000, currency: USD, seats: 200}
        period: {label: Q3 2026, start: 2026-07-01, end: 2026-09-30}
        revenue: {starting_arr: 100000, expansion: 40000, contraction: 15000, churn: 1000}
        outcomes:
          - {name: Achieved one, metric: Days, baseline: 45, target: 20, actual: 18, unit: days, direction: decrease,
             committed_on: 2025-11-15, due: 2026-09-30, evidence: Logs}
          - {name: Missed one, metric: Share, baseline: 10, target: 90, actual: 20, unit: "%", direction: increase,
             committed_on: 2025-11-15, due: 2026-01-30, evidence: Logs}
          - {name: At risk one, baseline: 0, target: 100, actual: 1, committed_on: 2025-11-15, due: 2027-09-30}
          - {name: On track one, baseline: 0, target: 100, actual: 99, committed_on: 2025-11-15, due: 2027-09-30}
        value_realized:
          - {category: Cost savings, description: Fewer checks, amount: 120000, confirmed: true}
          - {category: Revenue, description: More loads, amount: 20000, confirmed: false}
        usage:
          seats_active: 188
          monthly_active_users: [140, 151, 160, 172, 180, 120]
          plan_limit_utilization: 0.94
          feature_adoption: {Routing: 0.92, Analytics: 0.15}
        health:
        \(score)
          history: [64, 68, 71, 75]
          components: {usage: 85, engagement: 70, support: 80, sentiment: 75}
        signals: {nps: 42, open_escalations: 1, missed_milestones: 1, skipped_reviews: 1, referral: true}
        opportunities:
          - {name: Analytics module, kind: cross-sell, estimated_arr: 30000, confidence: 0.6, owner: account_manager,
             rationale: Three teams asked}
        risks:
          - {description: New CFO, severity: high, mitigation: Value summary to the CFO}
          - {description: Budget, severity: low, mitigation: Early proposal}
        narrative:
          executive_summary: Routing is live.
          asks: [Ask 1, Ask 2, Ask 3, Ask 4, Ask 5, Ask 6, Ask 7, Ask 8, Ask 9, Ask 10, Ask 11, Ask 12]
          misses: The EU depots slipped.
        notes: |
          Free text.
        """
    }

    /// (account, run date) pairs whose contexts together hold every name.
    static let variants: [(String, Day)] = [
        (yaml(score: "  score: 90", renewal: "2026-12-31"), (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
        (yaml(score: "  score: 60", renewal: "2026-12-31"), (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
        (yaml(score: "  score: 30", renewal: "2026-10-01"), (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
        (yaml(score: "", renewal: "2026-10-01"), (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
        // And the least an account can be: names that say something is missing (`narrative_todo`).
        ("account: {id: LINT-2, name: Minimal}", (Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0))),
    ]
}
