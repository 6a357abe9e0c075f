import QBRTemplate

/// The names of the portfolio overview (`portfolio.md`) and of its account-list pages (`portfolio-page.md`).
public enum PortfolioShape {
    static let document = ObjectShape(
        "AccountDocument",
        [Field("document", .text, "qbr, ebr, summary or a playbook id"), Field("path", .text, "link from the index")])
    static let row = ObjectShape(
        "AccountRow",
        [
            Field("id", .text, "account id"),
            Field("name", .text, "account name"),
            Field("folder", .text, "the account's folder"),
            Field("arr", .text, "ARR"),
            Field("health", .text, "health score and band"),
            Field("playbooks", .text, "playbooks triggered, comma-separated"),
            Field("renewal", .text, "renewal date"),
            Field("documents", .list(.object(document)), "the account's documents"),
        ])
    static let bands = ObjectShape(
        "HealthBands",
        [
            Field("green", .number, "accounts in the green band"),
            Field("yellow", .number, "accounts in the yellow band"),
            Field("red", .number, "accounts in the red band"),
            Field("unknown", .number, "accounts without a health score"),
        ])
    static let renewals = ObjectShape(
        "Renewals", [Field("count", .number, "renewals"), Field("arr", .text, "their ARR")])
    static let playbook = ObjectShape(
        "PlaybookCount",
        [
            Field("id", .text, "playbook id"), Field("title", .text, "playbook title"),
            Field("count", .number, "accounts it triggered for"),
        ])
    static let page = ObjectShape(
        "AccountPage",
        [
            Field("number", .number, "page number"),
            Field("path", .text, "the page's file"),
            Field("first", .text, "first account on the page"),
            Field("last", .text, "last account on the page"),
            Field("count", .number, "accounts on the page"),
        ])
    static let change = ObjectShape(
        "PortfolioChange",
        [
            Field("since", .text, "the month compared with"),
            Field("nrr", .text, "NRR change in points"),
            Field("grr", .text, "GRR change in points"),
        ])
    /// The overview's root.
    public static let overview = ObjectShape(
        "PortfolioOverview",
        [
            Field("title", .text, "Portfolio overview — date"),
            Field("as_of", .text, "the run date, long"),
            Field("accounts", .number, "accounts rendered"),
            Field("starting_arr", .text, "Σ starting ARR"),
            Field("expansion", .text, "Σ expansion"),
            Field("contraction", .text, "Σ contraction"),
            Field("churn", .text, "Σ churn"),
            Field("ending_arr", .text, "Σ ending ARR"),
            Field("bands", .object(bands), "accounts per health band"),
            Field("at_risk_arr", .text, "ARR of red accounts or with a churn playbook"),
            Field("renewals_90", .object(renewals), "renewals in the next 90 days"),
            Field("renewals_180", .object(renewals), "renewals in the next 180 days"),
            Field("weighted_pipeline", .text, "Σ estimated ARR × confidence"),
            Field("playbooks", .list(.object(playbook)), "playbooks triggered"),
            Field("rows", .list(.object(row)), "every account, in name order"),
            Field("failures", .number, "records that could not be rendered"),
            Field("pages", .list(.object(page)), "the account list's pages, when it is paged"),
            Field("nrr", .text, "portfolio NRR, ARR-weighted"),
            Field("grr", .text, "portfolio GRR, ARR-weighted"),
            Field("change", .object(change), "since the previous month on record"),
        ])
    /// One page of the account list.
    public static let accountPage = ObjectShape(
        "PortfolioPage",
        [
            Field("title", .text, "the page's title"),
            Field("as_of", .text, "the run date, long"),
            Field("page", .number, "this page's number"),
            Field("pages", .number, "pages in all"),
            Field("accounts", .number, "accounts in the portfolio"),
            Field("first", .text, "first account on the page"),
            Field("last", .text, "last account on the page"),
            Field("rows", .list(.object(row)), "the accounts of this page"),
            Field("previous", .text, "the previous page's file"),
            Field("next", .text, "the next page's file"),
        ])
}

/// The names of the HTML shells (`deck.html`, `page.html`).
public enum ShellShape {
    static let theme = ObjectShape(
        "Theme",
        ["accent", "text", "muted", "background"].map { Field($0, .text, "the \($0) colour from qbr.yaml") }
            + ["body", "headings"].map { Field("font_\($0)", .text, "the \($0) font stack from qbr.yaml") }
            + [
                Field("company", .text, "the team's company name"),
                Field("logo", .text, "the logo as a data: URI"),
            ])
    static let slide = ObjectShape(
        "Slide",
        [
            Field("number", .number, "the slide's number"),
            Field("html", .text, "the slide's HTML from cmark-gfm"),
            Field("notes", .text, "the slide's speaker notes (HTML)"),
        ])
    /// The shell's root.
    public static let root = ObjectShape(
        "Shell",
        [
            Field("title", .text, "the document's title"),
            Field("lang", .text, "the document's language"),
            Field("generator", .text, "qbr and its version"),
            Field("slide_count", .number, "number of slides"),
            Field("theme", .object(theme), "the team's theme from qbr.yaml"),
            Field("html", .text, "the document's HTML from cmark-gfm"),
            Field("slides", .list(.object(slide)), "the deck's slides"),
        ])
}
