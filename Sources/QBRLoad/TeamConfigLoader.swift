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
                known: [
                    "company", "logo", "colors", "fonts", "health", "nrr_benchmarks", "templates", "playbooks", "import",
                    "reporting_currency", "fx_rates", "fx_as_of", "roadmap", "roles", "pptx_template",
                    "pptx_layouts",
                ],
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
        // The PowerPoint template is read when a .pptx is written: a run without --format pptx never needs it.
        config.pptxTemplate = fields.text("pptx_template").map(resolve)
        if let layouts = fields.mapping("pptx_layouts", known: ["title", "content"]) {
            for role in ["title", "content"] {
                if let name = layouts.text(role) { config.pptxLayouts = (config.pptxLayouts ?? [:]).merging([role: name]) { $1 } }
            }
        }
        if let section = fields.mapping("import", known: ["columns", "date_format", "decimal", "delimiter", "encoding"]) {
            config.importSettings = readImport(section, session: session)
        }
        config.currencies = readCurrencies(fields, session: session)
        config.roadmap = fields.list("roadmap").compactMap { AccountReader.readRoadmapItem($0, session: session) }
        config.roles = readRoles(fields, session: session)
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

// MARK: roles

extension TeamConfigLoader {
    /// `roles:` — the team's own task-owner roles, id → label (`solutions_engineer: Solutions engineer`). An id
    /// uses lowercase letters, digits and _, as playbooks write it.
    static func readRoles(_ fields: MappingReader, session: ReadSession) -> [String: String] {
        var roles: [String: String] = [:]
        guard fields.has("roles") else { return roles }
        guard case .mapping? = fields.value("roles") else {
            session.error(
                "expected a mapping of role ids to labels, e.g. solutions_engineer: Solutions engineer",
                at: fields.value("roles"), path: .root.key("roles"))
            return roles
        }
        for pair in fields.pairs("roles") {
            guard !pair.name.isEmpty,
                pair.name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" })
            else {
                session.error(
                    "a role id uses lowercase letters, digits and _ only (solutions_engineer), found \"\(pair.name)\"",
                    at: pair.node, path: pair.path)
                continue
            }
            guard let label = MappingReader.text(pair.node, path: pair.path, session: session) else { continue }
            roles[pair.name] = label
        }
        return roles
    }
}

// MARK: currencies

extension TeamConfigLoader {
    /// `reporting_currency`, `fx_rates` (units of the reporting currency per unit of each other currency) and
    /// `fx_as_of`. Rates without a reporting currency are an error: there would be nothing to convert into.
    static func readCurrencies(_ fields: MappingReader, session: ReadSession) -> CurrencyRates? {
        func isCode(_ text: String) -> Bool { text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase } }
        var reporting = fields.text("reporting_currency")
        if let code = reporting, !isCode(code) {
            session.error(
                "expected a three-letter ISO 4217 currency code such as USD or EUR, found \"\(code)\"",
                at: fields.value("reporting_currency"), path: .root.key("reporting_currency"))
            reporting = nil
        }
        var rates: [String: Decimal] = [:]
        for pair in fields.pairs("fx_rates") {
            guard isCode(pair.name) else {
                session.error(
                    "expected a three-letter ISO 4217 currency code such as EUR, found \"\(pair.name)\"", at: pair.node,
                    path: pair.path)
                continue
            }
            guard let rate = MappingReader.decimal(pair.node, path: pair.path, range: nil, session: session) else { continue }
            guard rate > 0 else {
                session.error("expected a rate above 0 (units of the reporting currency per \(pair.name)), found \(rate)", at: pair.node, path: pair.path)
                continue
            }
            rates[pair.name] = rate
        }
        let asOf = fields.day("fx_as_of")
        guard let reporting else {
            if fields.has("fx_rates") && !fields.has("reporting_currency") {
                session.error(
                    "fx_rates needs reporting_currency: the currency the rates convert into (e.g. reporting_currency: USD)",
                    at: fields.value("fx_rates"), path: .root.key("fx_rates"))
            }
            return nil
        }
        return CurrencyRates(reporting: reporting, rates: rates, asOf: asOf)
    }
}

// MARK: import:

extension TeamConfigLoader {
    /// The `import:` section: every column's target is a path of the schema (with a did-you-mean when not),
    /// each source column and each target once, and the formats from their fixed lists.
    static func readImport(_ fields: MappingReader, session: ReadSession) -> ImportSettings {
        var settings = ImportSettings()
        var sources: [String: String] = [:]
        var targets: [String: String] = [:]
        for pair in fields.pairs("columns") {
            guard let target = MappingReader.text(pair.node, path: pair.path, session: session) else { continue }
            let source = pair.name.trimmingCharacters(in: .whitespaces)
            let key = ImportPath.normalized(source)
            if let first = sources[key] {
                session.error(
                    "the column \"\(shortened(source))\" is mapped twice (also as \"\(shortened(first))\"): headers match "
                        + "case- and space-insensitively", at: pair.node, path: pair.path)
                continue
            }
            sources[key] = source
            guard let resolved = ImportPath.resolve(target) else {
                let hint = Suggestion.closest(to: target, in: ImportPath.all).map { " (did you mean \"\($0)\"?)" } ?? ""
                session.error(
                    "\"\(shortened(target))\" is not a path of the account schema\(hint); `qbr schema` lists them, and a "
                        + "map takes a key after its path (health.components.usage)", at: pair.node, path: pair.path)
                continue
            }
            if let first = targets[resolved.dotted.lowercased()] {
                session.error(
                    "\(resolved.dotted) is already the target of the column \"\(shortened(first))\": one column holds a value",
                    at: pair.node, path: pair.path)
                continue
            }
            targets[resolved.dotted.lowercased()] = source
            settings.columns.append(.init(source: source, path: resolved.dotted, line: pair.node.mark?.line))
        }
        if let node = fields.value("date_format"), let text = fields.text("date_format") {
            let allowed = ImportSettings.DateFormat.allCases
            if let format = allowed.first(where: { $0.rawValue.caseInsensitiveCompare(text.trimmingCharacters(in: .whitespaces)) == .orderedSame }) {
                settings.dateFormat = format
            } else {
                session.error(
                    "expected one of \(allowed.map(\.rawValue).joined(separator: ", ")), found \"\(shortened(text))\" "
                        + "(ISO dates, YYYY-MM-DD, are always read)", at: node, path: fields.path.key("date_format"))
            }
        }
        if let node = fields.value("decimal"), let text = fields.text("decimal") {
            if text == "." || text == "," {
                settings.decimal = text
            } else {
                session.error("expected \".\" or \",\" (quoted), found \"\(shortened(text))\"", at: node, path: fields.path.key("decimal"))
            }
        }
        if let node = fields.value("delimiter"), let text = fields.text("delimiter") {
            let named = ["tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|"]
            let delimiter = named[text.lowercased()] ?? text
            if [",", ";", "\t", "|"].contains(delimiter) {
                settings.delimiter = delimiter
            } else {
                session.error(
                    "expected \",\", \";\", \"|\" or tab (quoted), found \"\(shortened(text))\"", at: node,
                    path: fields.path.key("delimiter"))
            }
        }
        if settings.decimal == ",", settings.delimiter == "," {
            session.error(
                "decimal \",\" and delimiter \",\" cannot both hold: an export with decimal commas separates its cells "
                    + "with \";\"", at: fields.node, path: fields.path)
        }
        if let node = fields.value("encoding"), let text = fields.text("encoding") {
            let names: [String: ImportSettings.Encoding] = [
                "utf-8": .utf8, "utf8": .utf8, "windows-1252": .windows1252, "cp1252": .windows1252,
                "windows1252": .windows1252, "iso-8859-1": .latin1, "latin-1": .latin1, "latin1": .latin1,
            ]
            if let encoding = names[text.lowercased().trimmingCharacters(in: .whitespaces)] {
                settings.encoding = encoding
            } else {
                session.error(
                    "expected utf-8, windows-1252 or iso-8859-1, found \"\(shortened(text))\"", at: node,
                    path: fields.path.key("encoding"))
            }
        }
        return settings
    }
}

/// A dotted path of the account schema as a tabular column may name it: a value (`account.contract.arr`), a
/// whole list or map as JSON (`outcomes`, `usage.monthly_active_users`), one entry of a map
/// (`health.components.Usage`, the key kept as written) or a field of a list's items (`outcomes.target`, in a
/// related file, one item a row).
package struct ImportPath: Sendable {
    /// What the column holds.
    package enum Form: Sendable, Equatable {
        case value, wholeList, wholeMap, mapEntry, listItem
    }

    /// The path's components, the schema's spelling (a map key as written).
    package let components: [String]
    /// The type of one cell's value: the field's, the map's values', or the list field's.
    package let type: SchemaType
    package let form: Form

    /// The path as written in messages.
    package var dotted: String { components.joined(separator: ".") }

    /// For `listItem`: the list (`outcomes`); for `wholeList`: itself.
    package var list: String? {
        switch form {
        case .listItem: return components.dropLast().joined(separator: ".")
        case .wholeList: return dotted
        default: return nil
        }
    }

    /// The header's spelling made comparable: case and spaces do not count.
    package static func normalized(_ header: String) -> String {
        String(header.lowercased().filter { !$0.isWhitespace })
    }

    /// Reads a dotted path, matching the schema's names case- and space-insensitively; nil when it names no
    /// value of the schema (an object such as `account.contract`, or an unknown key).
    package static func resolve(_ text: String) -> ImportPath? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var fields = AccountSchema.fields
        var components: [String] = []
        var index = 0
        while index < parts.count {
            let wanted = normalized(parts[index])
            guard let field = fields.first(where: { normalized($0.name) == wanted }) else { return nil }
            components.append(field.name)
            index += 1
            let rest = parts[index...]
            switch field.type {
            case .object(let inner):
                guard !rest.isEmpty else { return nil }
                fields = inner
            case .map(let value):
                if rest.isEmpty { return ImportPath(components: components, type: field.type, form: .wholeMap) }
                let key = rest.joined(separator: ".")
                guard !key.isEmpty else { return nil }
                return ImportPath(components: components + [key], type: value, form: .mapEntry)
            case .list(let element):
                if rest.isEmpty { return ImportPath(components: components, type: field.type, form: .wholeList) }
                guard case .object(let inner) = element, rest.count == 1,
                    let item = inner.first(where: { normalized($0.name) == normalized(rest[rest.startIndex]) })
                else { return nil }
                return ImportPath(components: components + [item.name], type: item.type, form: .listItem)
            default:
                return rest.isEmpty ? ImportPath(components: components, type: field.type, form: .value) : nil
            }
        }
        return nil
    }

    /// Every path a column may name (maps without a key), for did-you-mean.
    package static let all: [String] = {
        func walk(_ fields: [SchemaField], _ prefix: String) -> [String] {
            fields.flatMap { field -> [String] in
                let path = prefix.isEmpty ? field.name : prefix + "." + field.name
                switch field.type {
                case .object(let inner): return walk(inner, path)
                case .list(.object(let inner)): return [path] + inner.map { path + "." + $0.name }
                default: return [path]
                }
            }
        }
        return walk(AccountSchema.fields, "")
    }()
}
