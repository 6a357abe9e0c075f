import QBRCore
import QBRTemplate
import Synchronization

/// Every name the review templates (`qbr`, `ebr`, `summary`, `playbook` and playbook task details) can use,
/// declared once. The view model builds its values against these shapes, and the template compiler binds
/// and checks every template against them, so `qbr lint`, `qbr variables` and `--strict` share one truth.
/// The customer edition leaves the internal names absent.
public enum ReviewShape {
    static let money = Shape.object(FigureShapes.money)
    static let percent = Shape.object(FigureShapes.percent)
    static let quantity = Shape.object(FigureShapes.quantity)
    static let count = Shape.object(FigureShapes.count)
    static let multiple = Shape.object(FigureShapes.multiple)
    static let date = Shape.object(FigureShapes.date)

    static let sponsor = ObjectShape(
        "Sponsor",
        [
            Field("name", .text, "the executive sponsor's name"),
            Field("title", .text, "the sponsor's title"),
            Field("since", date, "when the sponsor took over"),
            Field("days_since_change", .number, "days since the sponsor took over"),
        ])
    static let contract = ObjectShape(
        "Contract",
        [
            Field("currency", .text, "ISO currency code of the contract"),
            Field("start", date, "contract start"),
            Field("renewal", date, "renewal date"),
            Field("arr", money, "contract ARR"),
            Field("seats", count, "licensed seats"),
        ])
    static let account = ObjectShape(
        "Account",
        [
            Field("id", .text, "account id"),
            Field("name", .text, "account name"),
            Field("segment", .text, "enterprise, mid-market or smb"),
            Field("tier", .number, "coverage tier 1–3"),
            Field("industry", .text, "industry"),
            Field("csm", .text, "the CSM's name"),
            Field("account_manager", .text, "the account manager's name"),
            Field("sponsor", .object(sponsor), "the executive sponsor"),
            Field("contract", .object(contract), "the contract"),
        ])
    static let edition = ObjectShape(
        "Edition",
        [
            Field("customer", .flag, "true in the customer edition"),
            Field("internal", .flag, "true in the internal edition"),
            Field("name", .text, "customer or internal"),
        ])
    static let document = ObjectShape(
        "Document",
        [
            Field("id", .text, "qbr, ebr, summary or playbook"),
            Field("name", .text, "Quarterly Business Review, …"),
        ])
    static let period = ObjectShape(
        "Period",
        [
            Field("label", .text, "the period's label (Q3 2026)"),
            Field("start", date, "first day of the period"),
            Field("end", date, "last day of the period"),
        ])
    static let outcome = ObjectShape(
        "Outcome",
        [
            Field("number", .number, "position in the list, from 1"),
            Field("name", .text, "the outcome as committed"),
            Field("direction", .text, "increase or decrease"),
            Field("status", .text, "status with its symbol (✅ Achieved…)"),
            Field("status_id", .text, "achieved, on_track, at_risk or missed"),
            Field("achieved", .flag, "true when this outcome is achieved"),
            Field("on_track", .flag, "true when this outcome is on track"),
            Field("at_risk", .flag, "true when this outcome is at risk"),
            Field("missed", .flag, "true when this outcome is missed"),
            Field("metric", .text, "what is measured"),
            Field("unit", .text, "the unit of the figures"),
            Field("baseline", quantity, "the value when committed"),
            Field("target", quantity, "the committed value"),
            Field("actual", quantity, "the value now"),
            Field("change", quantity, "actual − baseline, signed"),
            Field("attainment", percent, "share of the committed change achieved"),
            Field("committed_on", date, "when it was committed"),
            Field("due", date, "due date"),
            Field("evidence", .text, "where the figure comes from"),
        ])
    static let evidence = ObjectShape(
        "Evidence",
        [
            Field("number", .number, "the outcome's number"),
            Field("name", .text, "the outcome"),
            Field("evidence", .text, "where the figure comes from"),
        ])
    static let outcomes = ObjectShape(
        "Outcomes",
        [
            Field("items", .list(.object(outcome)), "the committed outcomes"),
            Field("count", .number, "outcomes committed"),
            Field("achieved", .number, "outcomes achieved"),
            Field("on_track", .number, "outcomes on track"),
            Field("at_risk", .number, "outcomes at risk"),
            Field("missed", .number, "outcomes missed"),
            Field("achieved_in_words", .text, "\"1 of 4 is achieved\", \"2 of 3 are achieved\""),
            Field("evidence", .object(items("EvidenceList", evidence)), "outcomes with evidence"),
        ])
    static let valueItem = ObjectShape(
        "ValueItem",
        [
            Field("amount", money, "amount"),
            Field("confirmation", .text, "Confirmed or Estimated"),
            Field("category", .text, "category"),
            Field("description", .text, "description"),
            Field("confirmed", .flag, "true for a value the customer confirmed"),
        ])
    static let valueCategory = ObjectShape(
        "ValueCategory",
        [
            Field("name", .text, "category"),
            Field("total", money, "value realized in the category"),
            Field("confirmed", money, "confirmed value in the category"),
            Field("estimated", money, "estimated value in the category"),
        ])
    static let value = ObjectShape(
        "Value",
        [
            Field("total", money, "value realized, confirmed and estimated"),
            Field("confirmed", money, "value the customer confirmed"),
            Field("any_confirmed", .flag, "true when some of the value is confirmed (\"$0 confirmed\" is never written)"),
            Field("estimated", money, "value that is our estimate (absent when none is)"),
            Field("items", .list(.object(valueItem)), "each value realized"),
            Field("categories", .list(.object(valueCategory)), "value by category"),
            Field("roi_multiple", multiple, "value realized ÷ contract ARR, estimates included"),
            Field("roi_multiple_confirmed", multiple, "confirmed value ÷ contract ARR"),
            Field(
                "roi_in_words", .text,
                "the multiple and what it rests on: \"2.5× the annual contract value on confirmed value, 3× with estimates\""),
        ])
    static let feature = ObjectShape(
        "Feature",
        [Field("name", .text, "feature"), Field("share", percent, "adoption share")])
    static let adoption = ObjectShape(
        "Adoption",
        [
            Field("seats_active", count, "active seats"),
            Field("seats", count, "licensed seats"),
            Field("seat_utilization", percent, "active seats ÷ licensed seats"),
            Field("usage_trend_90d", percent, "change in monthly active users over three months"),
            Field("plan_limit_utilization", percent, "share of the plan limit used"),
            Field("monthly_active_users", .list(count), "monthly active users, oldest first"),
            Field("mau_latest", count, "latest monthly active users"),
            Field("features", .list(.object(feature)), "feature adoption"),
        ])
    static let opportunity = ObjectShape(
        "Opportunity",
        [
            Field("name", .text, "the opportunity"),
            Field("kind", .text, "upsell, cross-sell, expansion…"),
            Field("rationale", .text, "why the customer would want it"),
            Field("owner", .text, "the person (or role) who owns it"),
            Field("estimated_arr", money, "internal: estimated ARR"),
            Field("confidence", percent, "internal: confidence"),
            Field("weighted_arr", money, "internal: estimated ARR × confidence"),
        ])
    static let opportunities = ObjectShape(
        "Opportunities",
        [
            Field("items", .list(.object(opportunity)), "next-phase opportunities"),
            Field("count", .number, "how many"),
            Field("weighted_pipeline", money, "internal: Σ estimated ARR × confidence"),
            Field("total_pipeline", money, "internal: Σ estimated ARR"),
            Field("nrr_with_pipeline", percent, "internal: NRR if the weighted pipeline closes"),
        ])
    static let renewal = ObjectShape(
        "Renewal",
        [
            Field("date", date, "renewal date"),
            Field("days", .number, "days to renewal (negative once past)"),
            Field("in_words", .text, "\"in 16 days\", \"3 days ago (past due)\""),
            Field("past_due", .flag, "true when the renewal date has passed"),
        ])
    static let narrative = ObjectShape(
        "Narrative",
        [
            Field("executive_summary", .list(.text), "the executive summary's paragraphs"),
            Field("misses", .list(.text), "what we missed, in paragraphs"),
            Field("asks", .list(.text), "what we ask of the customer"),
            Field("ask_items", .list(.object(ask)), "what we ask, each with its owner and due date"),
        ])
    static let actionItem = ObjectShape(
        "ActionItem",
        [
            Field("number", .number, "position in the plan, from 1"),
            Field("title", .text, "what is to be done"),
            Field("owner", .text, "the person (or role) who owns it"),
            Field("due", date, "due date"),
            Field("overdue", .flag, "true when the due date has passed"),
        ])
    static let actionPage = ObjectShape(
        "ActionPlanPage",
        [
            Field("items", .list(.object(actionItem)), "the rows of this slide"),
            Field("page", .number, "this slide's number in the plan"),
            Field("pages", .number, "slides in the plan"),
            Field("continued", .flag, "true from the second slide on"),
            Field("paged", .flag, "true when the plan takes more than one slide"),
        ])
    static let actionPlan = ObjectShape(
        "ActionPlan",
        [
            Field("items", .list(.object(actionItem)), "every row of the plan"),
            Field("count", .number, "rows in the plan"),
            Field("pages", .list(.object(actionPage)), "the plan split into slides of ten rows"),
        ])
    static let change = ObjectShape(
        "Change",
        [
            Field("label", .text, "what moved"),
            Field("from", .text, "last month's value"),
            Field("to", .text, "this month's value"),
            Field("delta", .text, "the change, signed"),
            Field("percent", percent, "the change as a percentage"),
        ])
    static let changes = ObjectShape(
        "Changes",
        [
            Field("items", .list(.object(change)), "what moved since last month"),
            Field("since", .text, "the month compared with"),
        ])
    static let mermaid = ObjectShape(
        "MermaidCharts",
        [
            Field("outcomes", .text, "Mermaid source: outcome attainment"),
            Field("value", .text, "Mermaid source: value by category"),
            Field("mau", .text, "Mermaid source: monthly active users"),
            Field("waterfall", .text, "Mermaid source: ARR movement (internal)"),
        ])
    static let behind = ObjectShape(
        "BehindPlan",
        [
            Field("name", .text, "the outcome"),
            Field("status", .text, "status with its symbol"),
            Field("attainment", percent, "share of the committed change achieved"),
            Field("due", date, "due date"),
        ])
    static let gaps = ObjectShape(
        "Gaps", [Field("behind", .object(items("BehindPlanList", behind)), "outcomes behind plan")])
    static let agendaItem = ObjectShape(
        "AgendaItem",
        [Field("number", .number, "position, from 1"), Field("title", .text, "the slide's title")])
    static let signals = ObjectShape(
        "Signals",
        [
            Field("nps", .text, "NPS, signed"),
            Field("open_escalations", .number, "open escalations"),
            Field("escalations_in_words", .text, "\"1 open escalation\", \"2 open escalations\""),
            Field("missed_milestones", .number, "missed milestones"),
            Field("skipped_reviews", .number, "reviews the customer skipped"),
            Field("referral", .flag, "true for a referenceable customer"),
        ])
    static let risk = ObjectShape(
        "Risk",
        [
            Field("description", .text, "the risk"),
            Field("severity", .text, "low, medium or high, with its symbol"),
            Field("mitigation", .text, "what we do about it"),
            Field("owner", .text, "the person who owns the mitigation"),
            Field("due", date, "when the mitigation is due"),
        ])
    static let risks = ObjectShape(
        "Risks",
        [Field("items", .list(.object(risk)), "risks, highest severity first"), Field("count", .number, "how many")])
    static let revenue = ObjectShape(
        "Revenue",
        [
            Field("starting_arr", money, "ARR at the start of the period"),
            Field("expansion", money, "expansion ARR"),
            Field("contraction", money, "contraction ARR"),
            Field("churn", money, "churned ARR"),
            Field("ending_arr", money, "ARR at the end of the period"),
            Field("net_change", money, "ending − starting ARR"),
            Field("nrr", percent, "net revenue retention"),
            Field("grr", percent, "gross revenue retention"),
            Field("nrr_band", .text, "NRR against the segment benchmark"),
            Field("grr_masking", .flag, "true when expansion masks contraction and churn"),
        ])
    static let component = ObjectShape(
        "HealthComponent", [Field("name", .text, "component"), Field("score", .text, "component score")])
    static let health = ObjectShape(
        "Health",
        [
            Field("score", quantity, "health score 0–100"),
            Field("band", .text, "health band with its symbol (🟢 Green…)"),
            Field("band_id", .text, "green, yellow or red"),
            Field("green", .flag, "true in the green band"),
            Field("yellow", .flag, "true in the yellow band"),
            Field("red", .flag, "true in the red band"),
            Field("computed", .flag, "true when the score was weighted from the components"),
            Field("components", .list(.object(component)), "the components of the score"),
            Field("history", .list(.object(healthMonth)), "the monthly scores, oldest first, this month's last"),
        ])
    static let healthMonth = ObjectShape(
        "HealthMonth", [Field("month", .text, "the month: Oct 2026"), Field("score", .text, "the score that month")])
    static let notes = ObjectShape("Notes", [Field("paragraphs", .list(.text), "the notes' paragraphs")])
    static let narrativeTodo = ObjectShape(
        "NarrativeTodo", NarrativeSlot.allCases.map { Field($0.rawValue, .flag, "true while narrative.\($0.rawValue) is empty") })
    static let expansion = ObjectShape(
        "Expansion",
        [
            Field("outcome_achieved", .flag, "an outcome is achieved"),
            Field("value_confirmed", .flag, "value is confirmed by the customer"),
            Field("health_not_red", .flag, "health is not red"),
            Field("ready", .flag, "all three hold: time to talk expansion"),
        ])
    static let triggeredPlaybook = ObjectShape(
        "TriggeredPlaybook",
        [
            Field("id", .text, "playbook id"),
            Field("title", .text, "playbook title"),
            Field("kind", .text, "churn, expansion, renewal…"),
            Field("reasons", .list(.text), "why it applies, in the account's numbers"),
            Field("because", .text, "the reasons joined with semicolons"),
            Field("task_count", .number, "tasks in its checklist"),
            Field("tasks_in_words", .text, "\"1 task\", \"5 tasks\""),
        ])
    static let suppressedPlaybook = ObjectShape(
        "SuppressedPlaybook",
        [
            Field("id", .text, "playbook id"),
            Field("title", .text, "playbook title"),
            Field("by", .text, "id of the playbook that excludes it"),
            Field("by_title", .text, "title of the playbook that excludes it"),
            Field("because", .text, "why it would apply, the reasons joined with semicolons"),
        ])
    static let playbooks = ObjectShape(
        "Playbooks",
        [
            Field("items", .list(.object(triggeredPlaybook)), "playbooks triggered"),
            Field("count", .number, "how many"),
            Field(
                "suppressed", .list(.object(suppressedPlaybook)),
                "playbooks whose rule holds but that a triggered playbook excludes"),
        ])
    static let task = ObjectShape(
        "ChecklistTask",
        [
            Field("id", .text, "task id (playbook/task)"),
            Field("marker", .text, "the hidden marker that keeps a tick across runs"),
            Field("title", .text, "what is to be done"),
            Field("owner", .text, "the person who owns it"),
            Field("role", .text, "the owner's role"),
            Field("checked", .flag, "true when ticked in last run's file"),
            Field("due", date, "due date"),
            Field("due_note", .text, "how the due date was set"),
            Field("overdue", .flag, "true when the due date has passed"),
            Field("detail", .text, "the task's detail, rendered"),
        ])
    static let checklist = ObjectShape(
        "Checklist",
        [
            Field("id", .text, "playbook id"),
            Field("title", .text, "playbook title"),
            Field("tasks", .list(.object(task)), "the tasks that apply"),
            Field("kind", .text, "churn, expansion, renewal…"),
            Field("summary", .text, "what the playbook is for"),
            Field("reasons", .list(.text), "why it applies, in the account's numbers"),
            Field("triggered", .flag, "true while the playbook still applies"),
            Field("retired", .object(items("RetiredTasks", nil)), "tasks that no longer apply, as last written"),
            Field("hand_added", .object(items("HandAddedTasks", nil)), "tasks a person added"),
            Field("notes", .text, "a person's notes, kept"),
            Field("previous_title", .text, "the title last time, when it no longer triggers"),
            Field("suppressed_by", .text, "title of the playbook that excludes this one, when it is suppressed"),
        ])

    /// `{items: [...]}` over `element` (text when nil).
    static func items(_ name: String, _ element: ObjectShape?) -> ObjectShape {
        ObjectShape(name, [Field("items", .list(element.map { .object($0) } ?? .text), "the entries")])
    }

    /// The root of a review document; `flags` are the flag names of the run's playbooks, each present only
    /// when it holds.
    public static func root(flags: [String]) -> ObjectShape {
        let key = flags.sorted()
        return roots.withLock { cache in
            if let shape = cache[key] { return shape }
            let shape = makeRoot(flags: key)
            cache[key] = shape
            return shape
        }
    }

    /// One root shape per set of flags, so every account of a run shares it (bindings are checked by identity).
    private static let roots = Mutex<[[String]: ObjectShape]>([:])

    private static func makeRoot(flags: [String]) -> ObjectShape {
        ObjectShape(
            "Review",
            [
                Field("account", .object(account), "the account's profile"),
                Field("as_of", date, "the run date (--as-of)"),
                Field("generator", .text, "qbr and its version"),
                Field("edition", .object(edition), "the audience"),
                Field("document", .object(document), "the document being rendered"),
                Field("company", .text, "the team's company name from qbr.yaml"),
                Field("period", .object(period), "the review period"),
                Field("title", .text, "document title: account, document name and period"),
                Field("outcomes", .object(outcomes), "committed outcomes"),
                Field("value", .object(value), "value realized"),
                Field("adoption", .object(adoption), "adoption figures"),
                Field("opportunities", .object(opportunities), "next-phase opportunities"),
                Field("renewal", .object(renewal), "the renewal"),
                Field("narrative", .object(narrative), "slots a person fills"),
                Field("action_plan", .object(actionPlan), "the mutual action plan"),
                Field("changes", .object(changes), "what moved since last month"),
                Field("mermaid", .object(mermaid), "Mermaid chart sources (--md-charts mermaid)"),
                Field("next_review", date, "90 days after the run date; the action plan lists what is due before it"),
                Field("gaps", .object(gaps), "outcomes behind plan"),
                Field("support", .object(support), "support in the period"),
                Field("stakeholders", .object(stakeholders), "the people in the relationship and who attends"),
                Field("last_review", .object(lastReview), "what both sides agreed at the last review"),
                Field("roadmap", .object(roadmap), "product roadmap items that matter to the customer"),
                Field("strategic_roadmap", .flag, "true when the EBR's roadmap slide has content (roadmap, asks or opportunities)"),
                Field("byline", .text, "CSM, AM, segment and tier joined with · (only those known)"),
                Field("health_and_adoption", .flag, "true when the health & adoption slide has content"),
                Field("next_phase", .flag, "true when the next-phase slide has content (the renewal or opportunities)"),
                Field("agenda", .list(.object(agendaItem)), "the slides that follow"),
                Field("signals", .object(signals), "engagement and risk signals (internal)"),
                Field("risks", .object(risks), "gaps and risks (internal)"),
                Field("revenue", .object(revenue), "ARR movements (internal)"),
                Field("health", .object(health), "health (internal)"),
                Field("notes", .object(notes), "the CSM's notes (internal)"),
                Field("narrative_todo", .object(narrativeTodo), "internal: the narrative slots still empty"),
                Field("expansion", .object(expansion), "expansion readiness (internal)"),
                Field(
                    "flags", .object(ObjectShape("Flags", flags.sorted().map { Field($0, .flag, "true when the flag holds") })),
                    "named rules that hold for the account (Playbooks/flags.yaml)"),
                Field("playbooks", .object(playbooks), "playbooks triggered (internal)"),
                Field("checklist", .object(checklist), "the checklist being rendered (playbook template)"),
            ])
    }
}
