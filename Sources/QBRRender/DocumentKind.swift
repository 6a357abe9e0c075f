/// A kind of document qbr writes for an account: what it is called, who it is for by default, which
/// coverage tiers get it in a batch, and what its files are named. `qbr render` and `qbr batch` both ask
/// this one type, so they cannot disagree.
public struct DocumentKind: Hashable, Sendable, CustomStringConvertible {
    /// The template's name without `.md` (`qbr`, `ebr`, `summary`, `playbook`, or a team's own document).
    public let id: String

    /// The document of template `id`.
    public init(_ id: String) { self.id = id }

    /// The quarterly business review deck.
    public static let qbr = DocumentKind("qbr")
    /// The executive business review deck.
    public static let ebr = DocumentKind("ebr")
    /// The monthly one-page account summary.
    public static let summary = DocumentKind("summary")
    /// A playbook's checklist.
    public static let playbook = DocumentKind("playbook")

    /// The name on the title slide: "Quarterly Business Review"; a team's own document goes by its id.
    public var title: String {
        switch id {
        case "qbr": return "Quarterly Business Review"
        case "ebr": return "Executive Business Review"
        case "summary": return "Monthly account summary"
        case "playbook": return "Playbook checklist"
        default: return id
        }
    }

    /// Whether the document is a slide deck that can be written as PowerPoint: every review but the monthly
    /// summary and the checklists, which are pages.
    public var hasSlides: Bool { self != .summary && self != .playbook }

    /// Decks are shown on the customer's screen, so they default to the customer edition (the costly mistake
    /// is the other way round); summaries and checklists are the team's working documents.
    public var defaultEdition: Edition { self == .qbr || self == .ebr ? .customer : .internal }

    /// The reviews a coverage tier calls for in a batch (tier 1 EBR and QBR, tier 2 QBR, tier 3 none), and the
    /// monthly summary for every tier.
    public static func reviews(tier: Int?) -> [DocumentKind] {
        switch tier {
        case 1: return [.ebr, .qbr, .summary]
        case 3: return [.summary]
        default: return [.qbr, .summary]
        }
    }

    /// The file name of this document in `edition` and `format`: `qbr.md`, or `qbr.internal.md` when the
    /// edition is not the document's default.
    public func fileName(edition: Edition, format: OutputFormat) -> String {
        id + (edition == defaultEdition ? "" : "." + edition.rawValue) + "." + format.rawValue
    }

    /// The file name of a playbook's checklist without its extension: `playbook-churn-risk`.
    public static func checklistName(playbookID: String) -> String {
        "playbook-" + FileName.safe(playbookID)
    }

    /// The id of a checklist file name without its extension (`playbook-churn-risk` → `churn-risk`), nil when
    /// the name is not a checklist's.
    public static func playbookID(checklistName name: String) -> String? {
        name.hasPrefix("playbook-") ? String(name.dropFirst("playbook-".count)) : nil
    }

    public var description: String { id }
}
