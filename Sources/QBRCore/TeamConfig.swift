import Foundation

/// A team's settings from `qbr.yaml`: branding for the documents, thresholds for the metrics, and where the
/// team's templates and playbooks live.
public struct TeamConfig: Sendable {
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
