import Foundation
import QBRCore
import QBRPlaybooks

/// Builds the names a template can use for one account at one date.
///
/// Every value is computed here (formatted figures, status labels, which sections exist), so templates stay
/// logic-less. A section key is present only when it has data, so `{{#outcomes}}…{{/outcomes}}` leaves the
/// slide out instead of rendering it empty. Names that only the internal edition may show are added only
/// for that edition: a customer template cannot print them even by mistake.
public struct ReviewViewModel {
    /// The account.
    public let account: Account
    /// Its metrics at `metrics.asOf`.
    public let metrics: AccountMetrics
    /// Audience.
    public let edition: Edition
    /// "qbr 0.1.0", for the document footer.
    public let generator: String
    /// The playbooks that apply to the account, with reasons and resolved tasks.
    public let triggered: [TriggeredPlaybook]
    /// Every flag's value for the account.
    public let flags: [String: Bool]

    /// Days from the run date to the next quarterly review; the action plan lists what is due before it.
    public static let reviewCycleDays = 90

    /// The team's company name, from `qbr.yaml`.
    public let company: String?
    /// Emit Mermaid chart sources for Markdown renderers (`--md-charts mermaid`).
    public let mermaid: Bool
    /// The account's figures at the previous run (`qbr batch` history), for "since last month".
    public let previous: MonthSnapshot?

    /// Creates the view model of `account` at `asOf`, selecting `playbooks` (none when nil).
    public init(
        account: Account, asOf: Day, edition: Edition = .internal, settings: MetricSettings = .standard,
        playbooks: PlaybookLibrary? = nil, company: String? = nil, mermaid: Bool = false,
        previous: MonthSnapshot? = nil, generator: String = "qbr \(QBRVersion.current)"
    ) {
        let facts = AccountFacts(account: account, asOf: asOf, settings: settings)
        self.account = account
        self.metrics = facts.metrics
        self.edition = edition
        self.generator = generator
        self.triggered = playbooks?.select(facts) ?? []
        self.flags = playbooks?.flagValues(facts) ?? [:]
        self.usesPlaybooks = playbooks != nil
        self.company = company
        self.mermaid = mermaid
        self.previous = previous
    }

    let usesPlaybooks: Bool

    /// Document ids and the names they go by on the title slide.
    public static let documentNames = [
        "qbr": "Quarterly Business Review", "ebr": "Executive Business Review", "summary": "Monthly account summary",
        "playbook": "Playbook checklist",
    ]

    var currency: String { account.profile.contract?.currency ?? "USD" }
    var isInternal: Bool { edition == .internal }

    /// The template context for `document` (`qbr`, `ebr`, `summary`…): nested dictionaries, lists and
    /// ``Figure`` values.
    public func context(document: String = "qbr") -> [String: Any] {
        let documentName = Self.documentNames[document] ?? document
        var root: [String: Any] = [
            "account": profile(),
            "as_of": Figure.date(metrics.asOf),
            "generator": generator,
            "edition": [edition.rawValue: true, "name": edition.rawValue],
            "document": ["id": document, "name": documentName],
        ]
        root["company"] = company
        root["period"] = period()
        root["title"] = title(documentName)
        root["outcomes"] = outcomes()
        root["value"] = value()
        root["adoption"] = adoption()
        root["opportunities"] = opportunities()
        root["renewal"] = renewal()
        root["narrative"] = narrative()
        root["action_plan"] = actionPlan()
        root["changes"] = changes()
        if mermaid { root["mermaid"] = MermaidCharts(account: account, metrics: metrics, edition: edition).context() }
        root["next_review"] = Figure.date(metrics.asOf.adding(days: Self.reviewCycleDays))
        guard isInternal else {
            // The customer edition: no health, revenue, risks, signals, pipeline, flags, playbooks or notes.
            root["gaps"] = gaps(risks: false)
            if root["adoption"] != nil || root["renewal"] != nil { root["health_and_adoption"] = true }
            root["agenda"] = agenda(root, document: document)
            return root
        }
        root["signals"] = signals()
        root["risks"] = risks()
        root["gaps"] = gaps(risks: root["risks"] != nil)
        root["revenue"] = revenue()
        root["health"] = health()
        root["notes"] = account.notes.flatMap(paragraphs).map { ["paragraphs": $0] }
        // The narrative slots still to write, so the prep edition shows a TODO where each belongs.
        let todo = NarrativeSlot.missing(in: account)
        if !todo.isEmpty {
            root["narrative_todo"] = Dictionary(uniqueKeysWithValues: todo.map { ($0.rawValue, true as Any) })
        }
        root["expansion"] = expansion()
        if ["health", "adoption", "signals", "renewal", "revenue"].contains(where: { root[$0] != nil }) {
            root["health_and_adoption"] = true
        }
        // A flag is present only when it holds, so {{#flags.x}} and {{^flags.x}} both read naturally.
        root["flags"] = Dictionary(uniqueKeysWithValues: flags.filter(\.value).map { ($0.key, true as Any) })
        if !triggered.isEmpty { root["playbooks"] = playbookSummary() }
        root["agenda"] = agenda(root, document: document)
        return root
    }

}
