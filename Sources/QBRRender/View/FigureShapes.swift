import QBRTemplate

/// The declared forms of each kind of figure: `{{x}}` prints the figure, and these children give the other forms.
enum FigureShapes {
    static let money = ObjectShape(
        "Money",
        [
            Field("raw", .text, "the unformatted value"),
            Field("compact", .text, "compact money: $240K"),
            Field("signed", .text, "with a sign: +$36,000"),
            Field("signed_compact", .text, "compact with a sign: +$36K"),
            Field("loss", .text, "as a loss: -$6,000, and $0 (never -$0) when zero"),
        ])
    static let percent = ObjectShape(
        "Percent",
        [
            Field("raw", .text, "the unformatted ratio (1.12 for 112%)"),
            Field("signed", .text, "with a sign: +12%"),
            Field("points", .text, "percentage points against 100%: +12.5 pts"),
        ])
    static let quantity = ObjectShape(
        "Quantity",
        [
            Field("raw", .text, "the unformatted value"),
            Field("number", .text, "the number without its unit"),
        ])
    static let count = ObjectShape("Count", [Field("raw", .number, "the unformatted count")])
    static let multiple = ObjectShape("Multiple", [Field("raw", .text, "the unformatted multiple")])
    static let date = ObjectShape(
        "Date",
        [
            Field("raw", .text, "ISO date: 2026-10-31"),
            Field("long", .text, "long date: 31 Oct 2026"),
        ])
}
