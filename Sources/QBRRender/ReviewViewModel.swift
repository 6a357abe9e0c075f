import Foundation
import QBRCore
import QBRPlaybooks
import QBRTemplate

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
    public private(set) var edition: Edition
    /// "qbr 0.1.0", for the document footer.
    public let generator: String
    /// The playbooks that apply to the account, with reasons and resolved tasks.
    public let triggered: [TriggeredPlaybook]
    /// The playbooks whose rule holds but that a triggered playbook excludes (`excludes:`).
    public let suppressed: [SuppressedPlaybook]
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
    /// The team's roadmap items from `qbr.yaml`, shown after the account's own.
    public let teamRoadmap: [RoadmapItem]

    /// Creates the view model of `account` at `asOf`, selecting `playbooks` (none when nil).
    public init(
        account: Account, asOf: Day, edition: Edition = .internal, settings: MetricSettings = .standard,
        playbooks: PlaybookLibrary? = nil, company: String? = nil, mermaid: Bool = false,
        previous: MonthSnapshot? = nil, generator: String = "qbr \(QBRVersion.current)", teamRoadmap: [RoadmapItem] = []
    ) {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { RenderTimings.add(since: start, to: .metrics) }
        let facts = AccountFacts(account: account, asOf: asOf, settings: settings)
        self.account = account
        self.metrics = facts.metrics
        self.edition = edition
        self.generator = generator
        let selection = playbooks?.selection(facts)
        self.triggered = selection?.triggered ?? []
        self.suppressed = selection?.suppressed ?? []
        self.flags = playbooks?.flagValues(facts) ?? [:]
        self.usesPlaybooks = playbooks != nil
        self.company = company
        self.mermaid = mermaid
        self.previous = previous
        self.teamRoadmap = teamRoadmap
    }

    let usesPlaybooks: Bool
    /// The context's parts that do not depend on the document, built on first use and shared by every
    /// document and checklist of the account.
    private var cache = ContextCache()

    /// This model for `edition`: the same account, metrics and playbook selection (none of which depends on
    /// the audience, and which cost more than the rest of the model), with its own context.
    public func edition(_ edition: Edition) -> ReviewViewModel {
        var model = self
        model.edition = edition
        model.cache = ContextCache()
        return model
    }

    var currency: String { account.profile.contract?.currency ?? "USD" }
    var isInternal: Bool { edition == .internal }

    /// The shape of this model's context: the review names with the run's flags.
    public var shape: ObjectShape { cache.shape { ReviewShape.root(flags: flagNames) } }

    /// The template context for `document` (`qbr`, `ebr`, `summary`…), built against ``shape``;
    /// `checklist` is the checklist being rendered (the playbook template).
    public func context(document: String = "qbr", checklist: Record? = nil) -> TemplateValue {
        let base = cache.base { baseContext() }
        let documentName = DocumentKind(document).title
        var fields = base.fields
        func put(_ name: String, _ value: TemplateValue) {
            if let index = base.shape.index(of: name) { fields[index] = value }
        }
        put("document", .object(Record(ReviewShape.document, ["id": document, "name": documentName])))
        put("title", .text(title(documentName)))
        put("checklist", checklist.map { .object($0) } ?? .absent)
        return .object(Record(shape: base.shape, fields: fields))
    }

    /// Everything of the context but the document's name and title and the checklist.
    private func baseContext() -> Record {
        let document = "qbr", documentName = DocumentKind.qbr.title
        let outcomes = outcomes(), value = value(), adoption = adoption(), opportunities = opportunities()
        let renewal = renewal(), actionPlan = actionPlan()
        let risks = isInternal ? risks() : nil
        let revenue = isInternal ? revenue() : nil
        let health = isInternal ? health() : nil
        let signals = isInternal ? signals() : nil
        let gaps = gaps(risks: risks != nil)
        let healthAndAdoption = adoption != nil || health != nil || signals != nil
        return Record(shape) { root in
                root.set("account", profile())
                root.set("as_of", Figure.date(metrics.asOf))
                root.set("generator", generator)
                root.set(
                    "edition",
                    Record(ReviewShape.edition) {
                        $0.set(edition.rawValue, true)
                        $0.set("name", edition.rawValue)
                    })
                root.set("document", Record(ReviewShape.document, ["id": document, "name": documentName]))
                root.set("company", company)
                root.set("period", period())
                root.set("title", title(documentName))
                root.set("outcomes", outcomes)
                root.set("value", value)
                root.set("adoption", adoption)
                root.set("opportunities", opportunities)
                root.set("renewal", renewal)
                root.set("narrative", narrative())
                root.set("action_plan", actionPlan)
                root.set("changes", changes())
                if mermaid { root.set("mermaid", MermaidCharts(account: account, metrics: metrics, edition: edition).context()) }
                root.set("next_review", Figure.date(metrics.asOf.adding(days: Self.reviewCycleDays)))
                root.set("gaps", gaps)
                root.set("support", support())
                root.set("stakeholders", stakeholders())
                root.set("last_review", lastReview())
                let roadmap = roadmap()
                root.set("roadmap", roadmap)
                if roadmap != nil || opportunities != nil || !(account.narrative?.asks.isEmpty ?? true) {
                    root.set("strategic_roadmap", true)
                }
                root.set("byline", byline())
                if healthAndAdoption { root.set("health_and_adoption", true) }
                if opportunities != nil || renewal != nil { root.set("next_phase", true) }
                // The customer edition: no health, revenue, risks, signals, pipeline, flags, playbooks or notes.
                guard isInternal else { return }
                root.set("signals", signals)
                root.set("risks", risks)
                root.set("revenue", revenue)
                root.set("health", health)
                root.set("notes", account.notes.flatMap(paragraphs).map { Record(ReviewShape.notes, ["paragraphs": $0]) })
                // The narrative slots still to write, so the prep edition shows a TODO where each belongs.
                let todo = NarrativeSlot.missing(in: account)
                if !todo.isEmpty {
                    root.set("narrative_todo", Record(ReviewShape.narrativeTodo) { for slot in todo { $0.set(slot.rawValue, true) } })
                }
                root.set("expansion", expansion())
                // A flag is present only when it holds, so {{#flags.x}} and {{^flags.x}} both read naturally.
                if case .object(let flagsShape) = shape.fields[shape.index(of: "flags") ?? 0].shape {
                    root.set("flags", Record(flagsShape) { for (flag, holds) in flags where holds { $0.set(flag, true) } })
                }
                if !triggered.isEmpty { root.set("playbooks", playbookSummary()) }
            }
    }

    /// The flag names of the run's playbooks (the names `flags.NAME` can take).
    var flagNames: [String] { Array(flags.keys) }
}

/// What a view model builds once: its shape and the parts of its context every document shares.
final class ContextCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cachedShape: ObjectShape?
    private var cachedBase: Record?

    func shape(_ make: () -> ObjectShape) -> ObjectShape {
        lock.lock()
        defer { lock.unlock() }
        if let cachedShape { return cachedShape }
        let shape = make()
        cachedShape = shape
        return shape
    }

    func base(_ make: () -> Record) -> Record {
        lock.lock()
        if let cachedBase {
            lock.unlock()
            return cachedBase
        }
        lock.unlock()
        let base = make()
        lock.lock()
        defer { lock.unlock() }
        if let cachedBase { return cachedBase }
        cachedBase = base
        return base
    }
}
