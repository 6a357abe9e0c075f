import Foundation

/// The most any one input may hold, so a huge or hostile file is refused with a clear error (exit 65) instead
/// of exhausting memory or time. Every figure is far above what a real account needs; each is checked before
/// the expensive step it protects, and each refusal names the file, where, the size found and the limit.
///
/// Measured on a release build (`scripts/check-limits.sh` prints the figures again): composing YAML costs
/// about 140 bytes of memory per value (a 16 MB list of zeros, 8 million values, took 1.1 GB before these
/// limits), and an account with 10,000 outcomes renders its internal QBR deck in 4 s and 160 MB.
public enum InputLimits {
    /// Largest account file (YAML or JSON, `qbr render`, `qbr check`, a file of a portfolio folder, standard
    /// input): 16 MiB. A large real account is under 100 KB. Checked while reading, so `/dev/zero` or an
    /// endless pipe stops at the limit too.
    public static let maxAccountFileBytes = 16 << 20

    /// Largest YAML/JSON list of accounts given to `qbr batch`: 64 MiB, about 65,000 accounts of `qbr sample`.
    /// Such a file is parsed as one document (about 22 times its size in memory), so a larger book belongs in
    /// a CSV export, a folder or SQLite, which are read one record at a time.
    public static let maxPortfolioFileBytes = 64 << 20

    /// Most values (scalars, lists and mappings, YAML aliases counted as what they repeat) one account may
    /// hold: 100,000. An account with 1,000 outcomes, 1,000 opportunities and 1,000 risks holds about 60,000.
    /// Checked on the parser's events before the document is built, so an alias bomb ("billion laughs") or a
    /// 16 MB list of zeros is refused at the line that crosses the limit, in bounded time and memory.
    public static let maxAccountValues = 100_000

    /// Most values a YAML/JSON portfolio list may hold, aliases expanded: 4,000,000 (about 26,000 accounts of
    /// `qbr sample`, about 560 MB while parsing). Each account of the list is also held to `maxAccountValues`.
    public static let maxPortfolioValues = 4_000_000

    /// Most text (the bytes of every scalar, YAML aliases expanded) one account may hold: 16 MiB. Without
    /// aliases a file within `maxAccountFileBytes` is always within it; with them, a 60 KB string repeated
    /// 10,000 times by aliases would be 600 MB of deck.
    public static let maxAccountTextBytes = 16 << 20

    /// Deepest nesting of lists and mappings: 64 levels (the schema needs 4; a CSV list cell adds none).
    /// Guards the parser's recursion; libyaml itself stops at 1,000.
    public static let maxNestingDepth = 64

    /// Longest single text field (a note, a name, an executive summary): 64 KiB of UTF-8, about 10,000 words.
    /// A longer value is refused at its field path, never silently cut, since a 10 MB "note" is an export
    /// gone wrong rather than something to print on a slide.
    public static let maxTextBytes = 64 << 10

    /// Most items in one list (`outcomes`, `value_realized`, `opportunities`, `risks`, `narrative.asks`,
    /// `usage.monthly_active_users`, `health.history`) or one free-keyed mapping (`usage.feature_adoption`,
    /// `health.components`): 1,000. An account with more is almost surely a join gone wrong; refused at the
    /// list's path without reading its items.
    public static let maxListItems = 1_000

    /// Largest magnitude of any number: 10^18. Money is summed and multiplied in `Decimal` (38 significant
    /// digits); within this bound no sum or ratio can lose a digit that is shown, and no real amount, count
    /// or measure comes near it.
    public static let maxNumberMagnitude: Decimal = Decimal(sign: .plus, exponent: 18, significand: 1)

    /// Longest record of a CSV export (one row, quoted line breaks included): 1 MiB. A row is read into memory
    /// whole, so without it a 200 MB file with no line break (or an unclosed quote) would be one 200 MB cell.
    /// A row with a JSON list of 1,000 outcomes is about 300 KB.
    public static let maxCSVRowBytes = 1 << 20

    /// Most columns in a CSV export: 1,000 (the schema has about 60 dotted paths; unknown columns are warned
    /// about once each).
    public static let maxCSVColumns = 1_000
}

extension InputLimits {
    /// `16 MiB`, `64 KiB`, `1,000 bytes`: a limit as a reader sees it.
    package static func bytes(_ count: Int) -> String {
        if count >= 1 << 20 && count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10 && count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(grouped(count)) bytes"
    }

    /// A size found in a file: `209,715,200 bytes (200.0 MiB)`.
    package static func size(_ count: Int) -> String {
        guard count >= 1 << 20 else { return "\(grouped(count)) bytes" }
        return "\(grouped(count)) bytes (" + String(format: "%.1f", Double(count) / Double(1 << 20)) + " MiB)"
    }

    /// `1234567` → `1,234,567`.
    package static func grouped(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (count < 0 ? "-" : "") + out
    }
}
