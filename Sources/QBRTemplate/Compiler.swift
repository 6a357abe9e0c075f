/// Inlines partials and parents and binds every name against the shapes of the context stack.
final class Compiler {
    /// What the compiler knows about one context-stack frame.
    struct Frame {
        /// The shape of the value the frame holds.
        let shape: Shape
        /// Its path from the root, e.g. `outcomes.items[]`, when known (for suggestions).
        let path: String?
        /// The section that pushed it, e.g. `outcomes`, nil for the root.
        let section: String?
        /// Whether the frame is a list element (so `@first` and friends mean something).
        let isListElement: Bool
    }

    /// Everything that differs between places in the inlined tree.
    struct Scope {
        var frames: [Frame]
        /// Inside a recursive partial's body: names are looked up by name, indentation is partly runtime.
        var dynamic: Bool
        /// Indentation added at each template line start (relative to the runtime indentation when dynamic).
        var indent: [UInt8]
        /// Block arguments of the enclosing parents; the outermost wins.
        var overrides: [String: BlockDefinition]
    }

    let set: TemplateSet
    let root: Shape
    let options: CompileOptions
    private(set) var findings: [Finding] = []
    private var references: [Reference] = []
    private var referenceSet: Set<Reference> = []
    private var slots: [[Op]] = []
    private var slotByKey: [String: Int] = [:]
    /// The partials and parents being expanded, outermost first, to detect cycles.
    private var expansions: [(key: String, name: String)] = []
    private var escapings: [String: Escaping] = [:]
    /// Every template the compilation reached: the root, its partials and parents.
    private var included: Set<String> = []
    private var contents: [ObjectIdentifier: (BlockDefinition, [Node])] = [:]
    private lazy var catalog = NameCatalog(root: root)

    /// Deeper than this, an expansion is treated as a cycle even if its arguments differ each time.
    private static let maximumDepth = 64

    init(set: TemplateSet, root: Shape, options: CompileOptions) {
        self.set = set
        self.root = root
        self.options = options
    }

    func compileRoot(_ template: ParsedTemplate) -> Compilation {
        let scope = Scope(
            frames: [Frame(shape: root, path: "", section: nil, isListElement: false)], dynamic: false, indent: [],
            overrides: [:])
        expansions.append((Compiler.key(template.name, [:]), template.name))
        var ops: [Op] = []
        compile(template.nodes, file: template.name, scope: scope, into: &ops)
        expansions.removeLast()
        var seen: Set<String> = []
        let sorted = findings.sorted { ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message) }
            .filter { seen.insert($0.description).inserted }
        included.insert(template.name)
        return Compilation(
            template: CompiledTemplate(program: Program(ops: ops, slots: slots), references: references),
            findings: sorted, templates: included)
    }

    // MARK: Walking

    private func escaping(for file: String) -> Escaping {
        if let known = escapings[file] { return known }
        let escaping = set.escaping(file)
        escapings[file] = escaping
        return escaping
    }

    private static func appendText(_ bytes: [UInt8], to ops: inout [Op]) {
        guard !bytes.isEmpty else { return }
        if case .text(var previous) = ops.last {
            ops.removeLast()
            previous.append(contentsOf: bytes)
            ops.append(.text(previous))
        } else {
            ops.append(.text(bytes))
        }
    }

    /// Deeper than this, nested sections, partials and blocks are refused: compiling and rendering recurse once
    /// per level, and a hostile template must not overflow the stack. The shipped templates nest 6 deep.
    static let maximumNesting = 100
    private var nesting = 0

    private func compile(_ nodes: [Node], file: String, scope: Scope, into ops: inout [Op]) {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Compiler.maximumNesting {
            if let tag = nodes.lazy.compactMap(\.tag).first {
                findings.append(
                    Finding(
                        kind: .tooDeep, file: tag.file, line: tag.line, column: tag.column,
                        message: "sections, partials and blocks are nested more than \(Compiler.maximumNesting) deep here"))
            }
            return
        }
        for node in nodes {
            switch node {
            case .text(let bytes):
                Compiler.appendText(bytes, to: &ops)
            case .lineStart:
                if scope.dynamic { ops.append(.runtimeIndent) }
                Compiler.appendText(scope.indent, to: &ops)
            case let .variable(tag, escaped):
                let bound = bind(tag, scope: scope)
                let reference = Reference(
                    name: tag.name, file: tag.file, line: tag.line, column: tag.column, shape: bound.shape.summary)
                ops.append(.value(ValueOp(bound.lookup, escaped ? escaping(for: file) : nil, reference)))
            case let .section(tag, inverted, body):
                let bound = bind(tag, scope: scope)
                var inner = scope
                if !inverted {
                    inner.frames.append(Compiler.frame(for: bound, section: tag.name))
                }
                var bodyOps: [Op] = []
                compile(body, file: file, scope: inner, into: &bodyOps)
                ops.append(.section(SectionOp(bound.lookup, body: bodyOps, inverted: inverted)))
            case let .partial(tag, indent):
                guard let template = set.templates[tag.name] else {
                    reportMissing(tag, kind: .missingPartial)
                    continue
                }
                expand(template, tag: tag, overrides: scope.overrides, indent: indent, scope: scope, into: &ops)
            case let .parent(tag, indent, blocks):
                var overrides = scope.overrides
                for block in blocks where overrides[block.tag.name] == nil {
                    overrides[block.tag.name] = block
                }
                guard let template = set.templates[tag.name] else {
                    reportMissing(tag, kind: .missingParent)
                    continue
                }
                checkBlocks(blocks, of: template, tag: tag)
                expand(template, tag: tag, overrides: overrides, indent: indent, scope: scope, into: &ops)
            case .block(let block):
                let chosen = scope.overrides[block.tag.name] ?? block
                var inner = scope
                inner.indent += block.expansionIndent
                // Inside an override, a block of the same name is the override's own content, not the override
                // again (which would expand without end).
                if chosen !== block { inner.overrides[block.tag.name] = nil }
                compile(content(of: chosen), file: chosen.tag.file, scope: inner, into: &ops)
            }
        }
    }

    /// A block's content, computed once per definition so nested definitions keep their identity (cycle keys).
    private func content(of block: BlockDefinition) -> [Node] {
        let id = ObjectIdentifier(block)
        if let known = contents[id] { return known.1 }
        let nodes = block.content
        contents[id] = (block, nodes)
        return nodes
    }

    private static func key(_ name: String, _ overrides: [String: BlockDefinition]) -> String {
        var key = name
        for (block, definition) in overrides.sorted(by: { $0.key < $1.key }) {
            key += "\u{0}\(block)=\(UInt(bitPattern: ObjectIdentifier(definition).hashValue))"
        }
        return key
    }

    private func expand(
        _ template: ParsedTemplate, tag: Tag, overrides: [String: BlockDefinition], indent: [UInt8], scope: Scope,
        into ops: inout [Op]
    ) {
        let key = Compiler.key(template.name, overrides)
        included.insert(template.name)
        let indent = scope.indent + indent
        let repeated = expansions.firstIndex(where: { $0.key == key })
        if repeated != nil || expansions.count >= Compiler.maximumDepth {
            if options.allowRecursion {
                ops.append(.call(slot: slot(for: key, template: template, overrides: overrides), indent: indent))
                return
            }
            let chain = expansions[(repeated ?? 0)...].map(\.name) + [template.name]
            let message =
                repeated == nil
                ? "`\(tag.name)` nests partials more than \(Compiler.maximumDepth) deep (\(chain.suffix(4).joined(separator: " → ")) …), so rendering would likely never end"
                : "\(chain.joined(separator: " → ")) includes itself, so rendering would never end"
            findings.append(Finding(kind: .cycle, file: tag.file, line: tag.line, column: tag.column, message: message))
            return
        }
        expansions.append((key, template.name))
        var inner = scope
        inner.indent = indent
        inner.overrides = overrides
        compile(template.nodes, file: template.name, scope: inner, into: &ops)
        expansions.removeLast()
    }

    /// The body of a recursive partial, bound by name so that one body serves every depth.
    private func slot(for key: String, template: ParsedTemplate, overrides: [String: BlockDefinition]) -> Int {
        if let known = slotByKey[key] { return known }
        let slot = slots.count
        slots.append([])
        slotByKey[key] = slot
        let scope = Scope(frames: [], dynamic: true, indent: [], overrides: overrides)
        var body: [Op] = []
        expansions.append((key, template.name))
        compile(template.nodes, file: template.name, scope: scope, into: &body)
        expansions.removeLast()
        slots[slot] = body
        return slot
    }

    // MARK: Binding

    struct Bound {
        let lookup: Lookup
        /// The shape of the value found (`.any` when unknown).
        let shape: Shape
        /// Its path from the root, when known.
        let path: String?
    }

    private static func frame(for bound: Bound, section: String) -> Frame {
        switch bound.shape {
        case .list(let element):
            return Frame(shape: element, path: bound.path.map { $0 + "[]" }, section: section, isListElement: true)
        default:
            return Frame(shape: bound.shape, path: bound.path, section: section, isListElement: false)
        }
    }

    private func addReference(_ tag: Tag, shape: Shape) {
        let reference = Reference(name: tag.name, file: tag.file, line: tag.line, column: tag.column, shape: shape.summary)
        if referenceSet.insert(reference).inserted { references.append(reference) }
    }

    private func bind(_ tag: Tag, scope: Scope) -> Bound {
        let bound = resolve(tag, scope: scope)
        addReference(tag, shape: bound.shape)
        return bound
    }

    private func resolve(_ tag: Tag, scope: Scope) -> Bound {
        let name = tag.name
        if name == "." {
            let top = scope.frames.last
            return Bound(lookup: Lookup(.implicit), shape: top?.shape ?? .any, path: top?.path)
        }
        if let position = Compiler.listPosition(name) {
            let shape: Shape = position == .index ? .number : .flag
            if !scope.dynamic, !scope.frames.contains(where: { $0.isListElement || $0.shape.isAny }) {
                findings.append(
                    Finding(
                        kind: .unknownName, file: tag.file, line: tag.line, column: tag.column,
                        message: "`\(name)` is only meaningful inside a list section, like `{{#items}}…{{/items}}`"))
            }
            return Bound(lookup: Lookup(.position(position)), shape: shape, path: nil)
        }
        let segments = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let first = segments[0]
        let rest = segments.dropFirst()
        if scope.dynamic {
            return Bound(lookup: Lookup(.dynamic(first, rest: rest.map { .named($0) })), shape: .any, path: nil)
        }

        var candidates: [Candidate] = []
        var shapes: [Shape] = []
        var primaryPath: String?
        var primaryFailure: (segment: String, owner: String, shape: ObjectShape?)?
        for index in scope.frames.indices.reversed() {
            let frame = scope.frames[index]
            let depth = scope.frames.count - 1 - index
            var expected: ObjectShape?
            var fieldIndex = -1
            var shape: Shape
            switch frame.shape {
            case .object(let object):
                guard let found = object.index(of: first) else { continue }
                expected = object
                fieldIndex = found
                shape = object.fields[found].shape
            case .any:
                shape = .any
            default:
                continue
            }
            var steps: [Step] = []
            var path = frame.path.map { $0.isEmpty ? first : $0 + "." + first }
            var failure: (segment: String, owner: String, shape: ObjectShape?)?
            var written = first
            for segment in rest {
                switch shape {
                case .object(let object):
                    if let found = object.index(of: segment) {
                        steps.append(.field(object, found, segment))
                        shape = object.fields[found].shape
                        path = path.map { $0 + "." + segment }
                    } else {
                        // Looked up by name anyway, so values of another shape still work; the finding says why.
                        steps.append(.named(segment))
                        if failure == nil { failure = (segment, written, object) }
                        shape = .any
                        path = nil
                    }
                case .any:
                    steps.append(.named(segment))
                    path = nil
                default:
                    steps.append(.named(segment))
                    if failure == nil { failure = (segment, written, nil) }
                    shape = .any
                    path = nil
                }
                written += "." + segment
            }
            if candidates.isEmpty {
                primaryPath = path
                primaryFailure = failure
            }
            candidates.append(Candidate(depth: depth, expected: expected, index: fieldIndex, name: first, rest: steps))
            shapes.append(shape)
        }
        guard !candidates.isEmpty else {
            reportUnknown(tag, segment: first, scope: scope)
            return Bound(lookup: .never, shape: .any, path: nil)
        }
        if let failure = primaryFailure {
            reportUnknownMember(tag, failure: failure)
        }
        let shape = shapes.dropFirst().allSatisfy { $0.isSame(as: shapes[0]) } ? shapes[0] : .any
        return Bound(lookup: Lookup(.candidates(candidates)), shape: shape, path: shapes.count == 1 ? primaryPath : nil)
    }

    private static func listPosition(_ name: String) -> ListPosition? {
        switch name {
        case "@first": return .first
        case "@last": return .last
        case "@index": return .index
        default: return nil
        }
    }

    // MARK: Findings

    private func context(_ scope: Scope) -> String {
        guard let section = scope.frames.last?.section else { return "" }
        return " (in `{{#\(section)}}`)"
    }

    private func reportUnknown(_ tag: Tag, segment: String, scope: Scope) {
        let written = tag.name
        // A section over an object whose list field declares the name: the author meant to loop over the list.
        for frame in scope.frames.reversed() {
            guard let section = frame.section, !frame.isListElement, case .object(let object) = frame.shape else {
                continue
            }
            for field in object.fields {
                guard case .list(.object(let element)) = field.shape, element.index(of: segment) != nil else { continue }
                let base = frame.path ?? section
                let suggestion = (base.isEmpty ? "" : base + ".") + field.name + "[]." + written
                findings.append(
                    Finding(
                        kind: .notAList, file: tag.file, line: tag.line, column: tag.column,
                        message:
                            "`\(section)` is not a list, so `{{#\(section)}}` does not repeat and `\(written)` is not a name of it; did you mean `{{#\(section).\(field.name)}}` (`\(suggestion)`)?",
                        suggestion: suggestion))
                return
            }
        }
        let suggestion = catalog.suggest(segment, scope: scope.frames)
        var message = "`\(written)` is not a name here\(context(scope))"
        if let suggestion { message += "; did you mean `\(suggestion)`?" }
        findings.append(
            Finding(
                kind: .unknownName, file: tag.file, line: tag.line, column: tag.column, message: message,
                suggestion: suggestion))
    }

    private func reportUnknownMember(_ tag: Tag, failure: (segment: String, owner: String, shape: ObjectShape?)) {
        var message: String
        var suggestion: String?
        if let object = failure.shape {
            message = "`\(failure.segment)` is not a name of `\(failure.owner)` (\(object.name))"
            if let close = Suggestions.closest(failure.segment, among: object.fields.map(\.name)) {
                suggestion = failure.owner + "." + close
                message += "; did you mean `\(failure.owner).\(close)`?"
            } else if !object.fields.isEmpty {
                message += "; it has " + object.fields.prefix(8).map { "`\($0.name)`" }.joined(separator: ", ")
            }
        } else {
            message = "`\(failure.owner)` has no names, so `\(tag.name)` is always empty"
        }
        findings.append(
            Finding(
                kind: .unknownName, file: tag.file, line: tag.line, column: tag.column, message: message,
                suggestion: suggestion))
    }

    private func reportMissing(_ tag: Tag, kind: Finding.Kind) {
        let sigil = kind == .missingPartial ? ">" : "<"
        var message = "no template named `\(tag.name)` for `{{\(sigil)\(tag.name)}}`"
        let suggestion = Suggestions.closestTemplate(tag.name, among: set.names)
        if let suggestion { message += "; did you mean `\(suggestion)`?" }
        findings.append(
            Finding(
                kind: kind, file: tag.file, line: tag.line, column: tag.column, message: message, suggestion: suggestion))
    }

    /// Reports arguments of `{{<parent}}` that the parent (with everything it includes) never expands.
    private func checkBlocks(_ blocks: [BlockDefinition], of template: ParsedTemplate, tag: Tag) {
        guard !blocks.isEmpty else { return }
        var names: Set<String> = []
        var visited: Set<String> = []
        collectBlockNames(template, into: &names, visited: &visited)
        for block in blocks where !names.contains(block.tag.name) {
            let suggestion = Suggestions.closest(block.tag.name, among: names.sorted())
            var message = "`{{$\(block.tag.name)}}` is not a block of `\(template.name)`, so it is never shown"
            if let suggestion {
                message += "; did you mean `\(suggestion)`?"
            } else if !names.isEmpty {
                message += "; its blocks are " + names.sorted().map { "`\($0)`" }.joined(separator: ", ")
            }
            findings.append(
                Finding(
                    kind: .unknownBlock, file: block.tag.file, line: block.tag.line, column: block.tag.column,
                    message: message, suggestion: suggestion))
        }
    }

    private func collectBlockNames(_ template: ParsedTemplate, into names: inout Set<String>, visited: inout Set<String>) {
        guard visited.insert(template.name).inserted else { return }
        collectBlockNames(template.nodes, into: &names, visited: &visited)
    }

    private func collectBlockNames(_ nodes: [Node], into names: inout Set<String>, visited: inout Set<String>) {
        for node in nodes {
            switch node {
            case .block(let block):
                names.insert(block.tag.name)
                collectBlockNames(block.body, into: &names, visited: &visited)
            case .section(_, _, let body):
                collectBlockNames(body, into: &names, visited: &visited)
            case let .partial(tag, _):
                if let template = set.templates[tag.name] { collectBlockNames(template, into: &names, visited: &visited) }
            case let .parent(tag, _, blocks):
                if let template = set.templates[tag.name] { collectBlockNames(template, into: &names, visited: &visited) }
                for block in blocks { collectBlockNames(block.body, into: &names, visited: &visited) }
            case .text, .lineStart, .variable:
                break
            }
        }
    }
}

extension Shape {
    var isAny: Bool {
        if case .any = self { return true }
        return false
    }
}
