/// A template parsed once.
final class ParsedTemplate: Sendable {
    let name: String
    let nodes: [Node]

    init(name: String, nodes: [Node]) {
        self.name = name
        self.nodes = nodes
    }
}

/// Templates parsed once: every file of a run by name (e.g. "qbr.md", "partials/outcomes.md", "deck.html").
public struct TemplateSet: Sendable {
    let templates: [String: ParsedTemplate]
    let escaping: @Sendable (String) -> Escaping

    /// Parses every source, collecting every syntax error of every file and throwing them all (sorted).
    /// `escaping` picks the escaping of each template by its name; a partial uses its own name's escaping.
    public init(sources: [String: String], escaping: @escaping @Sendable (String) -> Escaping) throws(TemplateSyntaxErrors) {
        try self.init(sources: sources, adding: [:], escaping: escaping)
    }

    /// This set with `sources` parsed and added (replacing templates of the same name); the templates already
    /// parsed are shared, not parsed again.
    public func adding(_ sources: [String: String]) throws(TemplateSyntaxErrors) -> TemplateSet {
        try TemplateSet(sources: sources, adding: templates, escaping: escaping)
    }

    private init(
        sources: [String: String], adding parsed: [String: ParsedTemplate], escaping: @escaping @Sendable (String) -> Escaping
    ) throws(TemplateSyntaxErrors) {
        var templates = parsed
        var errors: [TemplateSyntaxError] = []
        for (name, source) in sources {
            let parsed = Parser.parse(source, file: name)
            errors.append(contentsOf: parsed.errors)
            templates[name] = ParsedTemplate(name: name, nodes: parsed.nodes)
        }
        guard errors.isEmpty else {
            throw TemplateSyntaxErrors(
                errors: errors.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) })
        }
        self.templates = templates
        self.escaping = escaping
    }

    /// The template names, sorted.
    public var names: [String] {
        templates.keys.sorted()
    }

    /// Whether the set has a template of that name.
    public func contains(_ name: String) -> Bool {
        templates[name] != nil
    }

    /// Compiles `name` against the shape of the root value: partials and parents are resolved and inlined, and every
    /// name is bound to where it will be found. Unknown names never throw: they are findings.
    public func compile(_ name: String, root: Shape, options: CompileOptions = .init()) -> Compilation {
        guard let template = templates[name] else {
            return Compilation(template: nil, findings: [])
        }
        let compiler = Compiler(set: self, root: root, options: options)
        return compiler.compileRoot(template)
    }
}
