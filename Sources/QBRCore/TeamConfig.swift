import Foundation

/// A team's settings from `qbr.yaml`: branding for the documents, thresholds for the metrics, and where the
/// team's templates and playbooks live.
public struct TeamConfig: Sendable, Encodable {
    /// Company name shown on the documents.
    public var company: String?
    /// The logo as a `data:` URI, embedded so documents stay self-contained.
    public var logoDataURI: String?
    /// Brand colours by role: accent, text, muted, background (validated CSS colours).
    public var colors: [String: String]
    /// Font stacks by role: body, headings (validated).
    public var fonts: [String: String]
    /// Health-band thresholds and NRR benchmarks.
    public var settings: MetricSettings
    /// The team's template folder, resolved against the config file's folder.
    public var templates: String?
    /// The team's playbook folder, resolved against the config file's folder.
    public var playbooks: String?
    /// The config file, for messages.
    public var origin: String?
    /// The team's PowerPoint file whose master, layouts, theme and logo the .pptx decks use (`pptx_template`,
    /// resolved against the config file's folder); nil: qbr's built-in master in these colours and fonts.
    public var pptxTemplate: String?
    /// The layouts of `pptxTemplate` to use, by role: `title` and `content` (`pptx_layouts`); nil when none is
    /// named (so a config without them encodes as before, and keeps its batch fingerprint).
    public var pptxLayouts: [String: String]?
    /// How a CSV or SQLite export is read (`import:`).
    public var importSettings = ImportSettings()
    /// The currency portfolio totals are reported in, and the rates to convert into it (`reporting_currency`,
    /// `fx_rates`, `fx_as_of`); nil: each currency keeps its own totals.
    public var currencies: CurrencyRates?
    /// Roadmap items for every account (`roadmap:`), shown after an account's own items.
    public var roadmap: [RoadmapItem] = []
    /// The team's own task-owner roles (`roles:`), id → label; playbooks name them as `owner:` and accounts name
    /// the people in them under `account.team`.
    public var roles: [String: String] = [:]

    /// No branding, default thresholds, built-in templates and playbooks.
    public init(
        company: String? = nil, logoDataURI: String? = nil, colors: [String: String] = [:],
        fonts: [String: String] = [:], settings: MetricSettings = .standard, templates: String? = nil,
        playbooks: String? = nil, origin: String? = nil
    ) {
        self.company = company
        self.logoDataURI = logoDataURI
        self.colors = colors
        self.fonts = fonts
        self.settings = settings
        self.templates = templates
        self.playbooks = playbooks
        self.origin = origin
    }

    /// The colour roles a config may set.
    public static let colorRoles = ["accent", "text", "muted", "background"]
    /// The font roles a config may set.
    public static let fontRoles = ["body", "headings"]

    /// `#rgb`, `#rrggbb(aa)`, `rgb(…)`/`hsl(…)` with numbers only, or a colour name: nothing that can end a
    /// CSS declaration or an HTML element.
    public static func isColor(_ value: String) -> Bool {
        let text = value.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("#") {
            let hex = text.dropFirst()
            return [3, 4, 6, 8].contains(hex.count) && hex.allSatisfy(\.isHexDigit)
        }
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            let function = text[..<open]
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
            return ["rgb", "rgba", "hsl", "hsla"].contains(function)
                && inside.allSatisfy { $0.isNumber || " .,%/".contains($0) }
        }
        return !text.isEmpty && text.count <= 30 && text.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// Font names, commas, spaces, hyphens and quotes: nothing that can end a CSS declaration.
    public static func isFontStack(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 200
            && value.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || " ,-_'\"".contains($0) }
    }
}

/// `reporting_currency`, `fx_rates` and `fx_as_of` of `qbr.yaml`: portfolio sums and ratios are converted into
/// `reporting` at these rates. An account in a currency without a rate is left out of the converted totals (and
/// named), never added unconverted.
public struct CurrencyRates: Sendable, Codable, Hashable {
    /// The ISO 4217 code totals are reported in (`USD`).
    public var reporting: String
    /// Units of the reporting currency per unit of each other currency (`EUR: 1.08`).
    public var rates: [String: Decimal]
    /// The date the rates were taken, shown beside them.
    public var asOf: Day?

    /// Creates conversion settings.
    public init(reporting: String, rates: [String: Decimal], asOf: Day? = nil) {
        self.reporting = reporting
        self.rates = rates
        self.asOf = asOf
    }

    /// The rate of `currency` into the reporting currency: 1 for the reporting currency itself, nil when none is set.
    public func rate(_ currency: String) -> Decimal? {
        currency == reporting ? 1 : rates[currency]
    }
}

/// The `import:` section of `qbr.yaml`: how a tabular export (CSV or SQLite) is read — which source column holds
/// which schema path, and how its dates, decimals, delimiter and encoding are written. Every value is stated here
/// or has one fixed default; nothing is guessed per file.
public struct ImportSettings: Sendable, Codable, Hashable {
    /// One `Source Column: schema.path` line of `import.columns`.
    public struct Column: Sendable, Codable, Hashable {
        /// The column's name in the export, as written in `qbr.yaml` (matched case- and space-insensitively).
        public var source: String
        /// The dotted schema path it holds (`account.contract.arr`, `health.components.Usage`, `outcomes.name`).
        public var path: String
        /// The line of `qbr.yaml` it is written on, for messages.
        public var line: Int?

        /// Creates a column mapping.
        public init(source: String, path: String, line: Int? = nil) {
            self.source = source
            self.path = path
            self.line = line
        }
    }

    /// How a date that is not ISO 8601 is written.
    public enum DateFormat: String, Sendable, Codable, CaseIterable {
        /// US: 11/30/2026.
        case monthDayYear = "MM/DD/YYYY"
        /// Most of Europe: 30/11/2026.
        case dayMonthYear = "DD/MM/YYYY"
        /// German-speaking countries: 30.11.2026.
        case dayMonthYearDots = "DD.MM.YYYY"
    }

    /// The text encoding of a CSV export.
    public enum Encoding: String, Sendable, Codable, CaseIterable {
        /// The default.
        case utf8 = "utf-8"
        /// What Excel on Windows writes by default in the Americas and Western Europe.
        case windows1252 = "windows-1252"
        /// ISO 8859-1.
        case latin1 = "iso-8859-1"
    }

    /// Source column → schema path, in the order written.
    public var columns: [Column]
    /// How non-ISO dates are written; nil: only ISO dates and dates only one reading fits.
    public var dateFormat: DateFormat?
    /// The decimal separator: `.` (the default) or `,`.
    public var decimal: String
    /// The CSV delimiter; nil: detected from the header line.
    public var delimiter: String?
    /// The CSV encoding; nil: UTF-8.
    public var encoding: Encoding?

    /// Creates import settings; the defaults read a file written for qbr.
    public init(
        columns: [Column] = [], dateFormat: DateFormat? = nil, decimal: String = ".", delimiter: String? = nil,
        encoding: Encoding? = nil
    ) {
        self.columns = columns
        self.dateFormat = dateFormat
        self.decimal = decimal
        self.delimiter = delimiter
        self.encoding = encoding
    }

    /// Whether anything is set (a summary line names the mapping only then).
    public var isEmpty: Bool { self == ImportSettings() }
}
