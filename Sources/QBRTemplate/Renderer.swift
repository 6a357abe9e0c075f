/// Walks compiled operations over a context stack that is pushed and popped, never copied.
struct Renderer {
    let program: Program
    private var stack: [TemplateValue]
    /// (index, count) of each enclosing list iteration, innermost last, for `@first`, `@last`, `@index`.
    private var loops: [(index: Int, count: Int)] = []
    /// Indentation of the recursive partials being rendered (inlined partials have theirs in their text).
    private var indent: [UInt8] = []
    /// When set, the variables that printed nothing are recorded here (`--strict`).
    var blanks: [Reference]?

    init(program: Program, root: TemplateValue) {
        self.program = program
        stack = []
        stack.reserveCapacity(16)
        stack.append(root)
    }

    mutating func run(_ ops: [Op], into output: inout [UInt8]) {
        for op in ops {
            switch op {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .value(let tag):
                let value = resolve(tag.lookup)
                if blanks != nil {
                    switch value {
                    case .absent, .null: blanks?.append(tag.reference)
                    default: break
                    }
                }
                Renderer.write(value, escaping: tag.escaping, into: &output)
            case .section(let section):
                let value = resolve(section.lookup)
                let body = section.body
                if section.inverted {
                    if !value.isTruthy { run(body, into: &output) }
                    continue
                }
                switch value {
                case .absent, .null, .bool(false):
                    continue
                case .list(let items):
                    if items.isEmpty { continue }
                    loops.append((0, items.count))
                    for (index, item) in items.enumerated() {
                        loops[loops.count - 1].index = index
                        stack.append(item)
                        run(body, into: &output)
                        stack.removeLast()
                    }
                    loops.removeLast()
                default:
                    stack.append(value)
                    run(body, into: &output)
                    stack.removeLast()
                }
            case let .call(slot, extra):
                let saved = indent
                indent.append(contentsOf: extra)
                run(program.slots[slot], into: &output)
                indent = saved
            case .runtimeIndent:
                output.append(contentsOf: indent)
            }
        }
    }

    @inline(__always)
    private func resolve(_ lookup: Lookup) -> TemplateValue {
        if lookup.single {
            guard case .object(let object) = stack[stack.count - 1 - lookup.depth] else { return .absent }
            if object.shape === lookup.expected { return object.field(at: lookup.index) }
            guard let index = object.shape.index(of: lookup.name) else { return .absent }
            return object.field(at: index)
        }
        return resolveGeneral(lookup)
    }

    private func resolveGeneral(_ lookup: Lookup) -> TemplateValue {
        switch lookup.head {
        case .candidates(let candidates):
            for candidate in candidates {
                guard case .object(let object) = stack[stack.count - 1 - candidate.depth] else { continue }
                var value: TemplateValue
                if let expected = candidate.expected, object.shape === expected {
                    value = object.field(at: candidate.index)
                } else if let index = object.shape.index(of: candidate.name) {
                    value = object.field(at: index)
                } else {
                    continue
                }
                if case .absent = value { continue }
                for step in candidate.rest {
                    value = step.apply(to: value)
                }
                return value
            }
            return .absent
        case .implicit:
            return stack[stack.count - 1]
        case let .dynamic(name, rest):
            var depth = stack.count - 1
            while depth >= 0 {
                defer { depth -= 1 }
                guard case .object(let object) = stack[depth], let index = object.shape.index(of: name) else { continue }
                var value = object.field(at: index)
                if case .absent = value { continue }
                for step in rest {
                    value = step.apply(to: value)
                }
                return value
            }
            return .absent
        case .position(let position):
            guard let loop = loops.last else { return .absent }
            switch position {
            case .first: return .bool(loop.index == 0)
            case .last: return .bool(loop.index == loop.count - 1)
            case .index: return .int(loop.index + 1)
            }
        case .never:
            return .absent
        }
    }

    /// Prints a value: text, numbers and booleans as text, an object as its `interpolation`; lists and missing
    /// values print nothing.
    static func write(_ value: TemplateValue, escaping: Escaping?, into output: inout [UInt8]) {
        switch value {
        case .text(let text):
            if let escaping { escaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
        case .int(let number):
            if let escaping, !escaping.passesNumbers {
                escaping.append(String(number), to: &output)
            } else {
                appendDecimal(number, to: &output)
            }
        case .double(let number):
            let text = String(number)
            if let escaping { escaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
        case .bool(let flag):
            let text = flag ? "true" : "false"
            if let escaping, !escaping.passesNumbers {
                escaping.append(text, to: &output)
            } else {
                output.append(contentsOf: text.utf8)
            }
        case .object(let object):
            guard let text = object.interpolation else { return }
            if let escaping { escaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
        case .list, .absent, .null:
            return
        }
    }

    /// Appends an integer's decimal digits without building a String.
    static func appendDecimal(_ number: Int, to output: inout [UInt8]) {
        if number == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        if number < 0 { output.append(UInt8(ascii: "-")) }
        // Magnitude handles Int.min, whose negation overflows.
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            output.append(contentsOf: buffer[(20 - count)...])
        }
    }
}
