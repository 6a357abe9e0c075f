import Foundation
import QBRCore
import Yams

/// Loads `qbr.yaml`: validates every value that ends up in CSS or HTML (a colour or font that could break
/// out of its declaration is refused) and embeds the logo.
public enum TeamConfigLoader {
    /// Largest logo embedded, so a slip (a 40 MB photo) does not bloat every document.
    public static let maxLogoBytes = 1_000_000

    /// Loads the config at `path`; relative paths inside it are resolved against its folder.
    public static func load(path: String) throws(AccountLoadError) -> (config: TeamConfig, warnings: [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AccountLoadError(.unreadable, [Diagnostic(.error, "no such config file", file: path)])
        }
        let data = try InputFile.read(path, limit: InputLimits.maxAccountFileBytes, what: "a config file")
        guard let root = try AccountLoader.parse(data, name: path, limits: .account) else {
            return (TeamConfig(origin: path), [])
        }
        let session = ReadSession(file: path)
        let folder = (path as NSString).deletingLastPathComponent
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/")
                ? relative : (folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative))
        }
        var config = TeamConfig(origin: path)
        guard
            let fields = MappingReader(
                root, path: .root,
                known: ["company", "logo", "colors", "fonts", "health", "nrr_benchmarks", "templates", "playbooks"],
                session: session)
        else { throw AccountLoadError(.invalid, session.diagnostics) }
        config.company = fields.text("company")
        if let logo = fields.text("logo") {
            config.logoDataURI = embed(
                resolve(logo), node: fields.value("logo"), path: .root.key("logo"), session: session)
        }
        if let colors = fields.mapping("colors", known: TeamConfig.colorRoles) {
            for role in TeamConfig.colorRoles {
                guard let value = colors.text(role) else { continue }
                if TeamConfig.isColor(value) {
                    config.colors[role] = value
                } else {
                    session.error(
                        "expected a CSS colour like #1f5fbf, rgb(31 95 191) or a colour name, found \"\(value)\"",
                        at: colors.value(role), path: colors.path.key(role))
                }
            }
        }
        if let fonts = fields.mapping("fonts", known: TeamConfig.fontRoles) {
            for role in TeamConfig.fontRoles {
                guard let value = fonts.text(role) else { continue }
                if TeamConfig.isFontStack(value) {
                    config.fonts[role] = value
                } else {
                    session.error(
                        "expected a font stack like \"Inter, system-ui, sans-serif\" (letters, digits, spaces, commas, quotes, hyphens), found \"\(value)\"",
                        at: fonts.value(role), path: fonts.path.key(role))
                }
            }
        }
        if let health = fields.mapping("health", known: ["green_from", "yellow_from"]) {
            let green = health.decimal("green_from", range: 0...100) ?? config.settings.healthGreenFrom
            let yellow = health.decimal("yellow_from", range: 0...100) ?? config.settings.healthYellowFrom
            if yellow > green {
                session.error("yellow_from \(yellow) is above green_from \(green)", at: health.node, path: health.path)
            }
            config.settings.healthGreenFrom = green
            config.settings.healthYellowFrom = yellow
        }
        if let benchmarks = fields.mapping("nrr_benchmarks", known: Segment.allCases.map(\.rawValue)) {
            for segment in Segment.allCases {
                guard let value = benchmarks.decimal(segment.rawValue, range: 0...10, hint: " (a ratio: 1.2 for 120%)")
                else { continue }
                config.settings.nrrBenchmarks[segment]?.threshold = value
            }
        }
        config.templates = fields.text("templates").map(resolve)
        config.playbooks = fields.text("playbooks").map(resolve)
        let errors = session.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw AccountLoadError(.invalid, session.diagnostics) }
        return (config, session.diagnostics)
    }

    private static func embed(_ path: String, node: Node?, path field: FieldPath, session: ReadSession) -> String? {
        let types = [
            "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
            "svg": "image/svg+xml", "webp": "image/webp",
        ]
        guard let type = types[(path as NSString).pathExtension.lowercased()] else {
            session.error("the logo must be a .png, .jpg, .gif, .svg or .webp file", at: node, path: field)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            session.error("cannot read the logo file \(path)", at: node, path: field)
            return nil
        }
        guard data.count <= maxLogoBytes else {
            session.error(
                "the logo is \(data.count) bytes; at most \(maxLogoBytes) are embedded", at: node, path: field)
            return nil
        }
        return "data:\(type);base64,\(data.base64EncodedString())"
    }
}
