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
    static let totals = ObjectShape(
        "CurrencyTotals",
        [
            Field("currency", .text, "the currency these totals are in"),
            Field("show_currency", .flag, "several currencies are kept apart: name this one"),
            Field("accounts", .number, "accounts in these totals"),
            Field("starting_arr", .text, "Σ starting ARR"),
            Field("expansion", .text, "Σ expansion"),
            Field("contraction", .text, "Σ contraction"),
            Field("churn", .text, "Σ churn"),
            Field("ending_arr", .text, "Σ ending ARR"),
            Field("at_risk_arr", .text, "ARR of red accounts or with a churn playbook"),
            Field("renewals_90", .object(renewals), "renewals in the next 90 days"),
            Field("renewals_180", .object(renewals), "renewals in the next 180 days"),
            Field("overdue", .object(renewals), "renewal dates passed without a new contract"),
            Field("weighted_pipeline", .text, "Σ estimated ARR × confidence"),
            Field("nrr", .text, "NRR, ARR-weighted"),
            Field("grr", .text, "GRR, ARR-weighted"),
            Field("change", .object(change), "since the previous month on record"),
        ])
    static let rate = ObjectShape(
        "ExchangeRate",
        [
            Field("currency", .text, "the converted currency"),
            Field("rate", .text, "units of the reporting currency per unit"),
            Field("reporting", .text, "the reporting currency"),
        ])
    static let conversion = ObjectShape(
        "Conversion",
        [
            Field("currency", .text, "the reporting currency every total is in"),
            Field("as_of", .text, "the date of the rates (fx_as_of)"),
            Field("rates", .list(.object(rate)), "the rates used"),
        ])
    static let listed = ObjectShape(
        "ListedAccount",
        [
            Field("id", .text, "account id"),
            Field("name", .text, "account name (cut with … when very long)"),
            Field("arr", .text, "ARR, in the currency it is totalled in"),
            Field("health", .text, "health score and band"),
            Field("reason", .text, "why it is at risk"),
            Field("date", .text, "renewal date"),
            Field("overdue", .text, "overdue by N days, when the renewal date has passed"),
            Field("playbook", .text, "whether the renewal playbook runs: yes or no"),
        ])
    static let group = ObjectShape(
        "PortfolioGroup",
        [
            Field("name", .text, "the segment or CSM"),
            Field("currency", .text, "its currency, when several are kept apart"),
            Field("accounts", .number, "accounts"),
            Field("arr", .text, "Σ ARR"),
            Field("nrr", .text, "NRR, ARR-weighted"),
            Field("grr", .text, "GRR, ARR-weighted"),
            Field("red", .number, "accounts in the red band"),
        ])
    static let failure = ObjectShape(
        "FailedAccount",
        [
            Field("id", .text, "account id, or — when it could not be read"),
            Field("name", .text, "account name, or —"),
            Field("location", .text, "the record or row"),
            Field("error", .text, "the first error"),
            Field("arr", .text, "its ARR at its last good run, not in the totals"),
        ])
    static let move = ObjectShape(
        "BandMove",
        [
            Field("id", .text, "account id"), Field("name", .text, "account name"),
            Field("from", .text, "health band last month"), Field("to", .text, "health band now"),
        ])
    static let comparison = ObjectShape(
        "MonthComparison",
        [
            Field("since", .text, "the month compared with"),
            Field("moves", .list(.object(move)), "accounts whose health band changed"),
            Field("missing", .list(.object(listed)), "accounts on record then and missing from this source"),
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
            Field("converted", .object(conversion), "totals converted into one reporting currency"),
            Field("by_currency", .flag, "several currencies, each with its own totals"),
            Field("totals", .list(.object(totals)), "the totals: one per currency, or one converted"),
            Field("left_out_count", .number, "accounts left out of the converted totals (no rate)"),
            Field("left_out", .list(.object(listed)), "those accounts"),
            Field("at_risk", .list(.object(listed)), "the largest at-risk accounts by ARR, with the reason"),
            Field("at_risk_more", .number, "at-risk accounts not listed"),
            Field("renewals", .list(.object(listed)), "overdue renewals, then the next 90 days' by date"),
            Field("renewals_more", .number, "such renewals not listed"),
            Field("segments", .list(.object(group)), "accounts, ARR, NRR, GRR and red accounts by segment"),
            Field("csms", .list(.object(group)), "the same by CSM"),
            Field("failed", .list(.object(failure)), "the records that could not be rendered"),
            Field("since_last_month", .object(comparison), "band moves and missing accounts since last month"),
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
