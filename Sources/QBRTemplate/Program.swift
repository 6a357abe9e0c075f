/// Options of `TemplateSet.compile`.
public struct CompileOptions: Sendable {
    /// Whether a partial may include itself (the Mustache spec's data-bounded recursion). When false, an include
    /// cycle is a `.cycle` finding and the recursive tag renders nothing.
    public var allowRecursion: Bool

    /// Creates options.
    public init(allowRecursion: Bool = false) {
        self.allowRecursion = allowRecursion
    }
}

/// The result of compiling one template.
public struct Compilation: Sendable {
    /// The compiled template; nil only when the name does not exist.
    public let template: CompiledTemplate?
    /// What the compiler found, sorted by file, line and column, without duplicates.
    public let findings: [Finding]
    /// The templates the compilation reached: the one compiled, and every partial and parent it includes.
    public var templates: Set<String> = []
}

/// A name a compiled template can print or test.
public struct Reference: Sendable, Equatable, Hashable {
    /// The name as written, e.g. `outcome.attainment` or `.`.
    public let name: String
    /// The template the tag is in.
    public let file: String
    /// 1-based line of the tag.
    public let line: Int
    /// 1-based column of the tag's name.
    public let column: Int
    /// A summary of the shape it was bound to, e.g. `text`, `list of Outcome`, `any value`.
    public let shape: String
}

/// One instruction of a compiled template.
enum Op: Sendable {
    /// Literal bytes.
    case text([UInt8])
    /// Prints a value.
    case value(ValueOp)
    /// A section (repeats over lists, pushes other truthy values) or an inverted section.
    case section(SectionOp)
    /// Renders a recursive partial's body (bound by name), adding `indent` to the runtime indentation.
    case call(slot: Int, indent: [UInt8])
    /// The indentation of the recursive partials being rendered.
    case runtimeIndent
}

/// Compiled operations shared by every render.
final class Program: Sendable {
    let ops: [Op]
    /// Bodies of recursive partials, by slot.
    let slots: [[Op]]

    init(ops: [Op], slots: [[Op]]) {
        self.ops = ops
        self.slots = slots
    }
}

/// A template with partials and parents inlined and every name bound; render it as often as needed.
public struct CompiledTemplate: Sendable {
    let program: Program
    /// Every name the compiled template can print or test, with the shape it was bound to (for `--strict`).
    public let references: [Reference]

    /// Appends the rendered UTF-8 to `output`.
    public func render(_ root: TemplateValue, into output: inout [UInt8]) {
        var renderer = Renderer(program: program, root: root)
        renderer.run(program.ops, into: &output)
    }

    /// The variables (`{{name}}`, `{{{name}}}`) that printed nothing when rendering `root`, in the order they
    /// were met: sections that are skipped are not entered, so only what the render really reached counts.
    public func blankReferences(_ root: TemplateValue) -> [Reference] {
        var renderer = Renderer(program: program, root: root)
        renderer.blanks = []
        var output: [UInt8] = []
        renderer.run(program.ops, into: &output)
        return renderer.blanks ?? []
    }

    /// The rendered text.
    public func render(_ root: TemplateValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        render(root, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

/// A variable tag, compiled. A class, so that walking the operations copies one reference per tag instead of
/// retaining each of its strings and closures (that copying showed in the render's profile).
final class ValueOp: Sendable {
    /// Where the value is found.
    let lookup: Lookup
    /// How it is escaped; nil prints it raw.
    let escaping: Escaping?
    /// Where the tag is, for `--strict`.
    let reference: Reference

    init(_ lookup: Lookup, _ escaping: Escaping?, _ reference: Reference) {
        self.lookup = lookup
        self.escaping = escaping
        self.reference = reference
    }
}

/// A section or inverted section, compiled (a class for the same reason as ``ValueOp``).
final class SectionOp: Sendable {
    /// Where the section's value is found.
    let lookup: Lookup
    /// The operations inside.
    let body: [Op]
    /// `{{^name}}`: shown when the value is falsey.
    let inverted: Bool

    init(_ lookup: Lookup, body: [Op], inverted: Bool) {
        self.lookup = lookup
        self.body = body
        self.inverted = inverted
    }
}
