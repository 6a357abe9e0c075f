import QBRCore

/// `--strict`: the variables a render would leave blank for this account, with the template, line and
/// column of each. It walks the template's tags over the real context the way Mustache renders them —
/// sections over lists repeat, sections over missing data are skipped, partials and inherited blocks are
/// followed — and reports every `{{name}}` that finds nothing. Sections that find nothing are not errors:
/// they are how templates leave out what an account does not have.
public struct StrictCheck {
    let templates: TemplateLibrary
    private(set) var missing: [Diagnostic] = []
    private var seen = Set<String>()

    /// The blank variables of rendering `template` (`qbr` → `qbr.md`) with `context`.
    public static func missingVariables(
        template: String, context: [String: Any], templates: TemplateLibrary
    ) -> [Diagnostic] {
        var check = StrictCheck(templates: templates)
        check.walk(template: template + ".md", stack: [context], overrides: [:], depth: 0)
        return check.missing
    }

    private typealias Overrides = [String: (tags: ArraySlice<MustacheTag>, origin: String)]

    private mutating func walk(template name: String, stack: [Any], overrides: Overrides, depth: Int) {
        guard depth < 20, let text = templates.texts[name] else { return }
        let tags = TagScanner.tags(in: text)
        walk(tags[...], origin: templates.origins[name] ?? name, stack: stack, overrides: overrides, depth: depth)
    }

    private mutating func walk(
        _ tags: ArraySlice<MustacheTag>, origin: String, stack: [Any], overrides: Overrides, depth: Int
    ) {
        var index = tags.startIndex
        while index < tags.endIndex {
            let tag = tags[index]
            switch tag.kind {
            case .variable:
                if !tag.name.contains("("), Self.lookup(tag.name, in: stack) == nil {
                    report(tag, origin: origin)
                }
                index += 1
            case .section, .inverted, .block, .parent:
                let end = Self.closing(tags, from: index)
                let body = tags[(index + 1)..<end]
                switch tag.kind {
                case .section:
                    if tag.name.contains("(") {
                        walk(body, origin: origin, stack: stack, overrides: overrides, depth: depth)
                    } else {
                        for frame in Self.frames(of: Self.lookup(tag.name, in: stack)) {
                            walk(
                                body, origin: origin, stack: frame.map { stack + [$0] } ?? stack,
                                overrides: overrides, depth: depth)
                        }
                    }
                case .inverted:
                    if Self.frames(of: Self.lookup(tag.name, in: stack)).isEmpty {
                        walk(body, origin: origin, stack: stack, overrides: overrides, depth: depth)
                    }
                case .block:
                    if let override = overrides[tag.name] {
                        walk(override.tags, origin: override.origin, stack: stack, overrides: overrides, depth: depth)
                    } else {
                        walk(body, origin: origin, stack: stack, overrides: overrides, depth: depth)
                    }
                default:  // a parent: its blocks override the parent's, outer overrides win
                    var inner = overrides
                    var cursor = body.startIndex
                    while cursor < body.endIndex {
                        let blockEnd = Self.closing(body, from: cursor)
                        if body[cursor].kind == .block, inner[body[cursor].name] == nil {
                            inner[body[cursor].name] = (body[(cursor + 1)..<blockEnd], origin)
                        }
                        cursor =
                            [.section, .inverted, .block, .parent].contains(body[cursor].kind)
                            ? blockEnd + 1 : cursor + 1
                    }
                    walk(template: tag.name, stack: stack, overrides: inner, depth: depth + 1)
                }
                index = end + 1
            case .partial:
                walk(template: tag.name, stack: stack, overrides: overrides, depth: depth + 1)
                index += 1
            case .close:
                index += 1
            }
        }
    }

    private mutating func report(_ tag: MustacheTag, origin: String) {
        let key = "\(origin):\(tag.line):\(tag.column)"
        guard seen.insert(key).inserted else { return }
        missing.append(
            Diagnostic(
                .error, "variable \"\(tag.name)\" has no value for this account (--strict)", file: origin,
                line: tag.line, column: tag.column))
    }

    /// The index of the tag that closes the section, block or parent opened at `start`.
    private static func closing(_ tags: ArraySlice<MustacheTag>, from start: Int) -> Int {
        var depth = 0
        for index in start..<tags.endIndex {
            switch tags[index].kind {
            case .section, .inverted, .block, .parent: depth += 1
            case .close:
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return tags.endIndex - 1
    }

    /// What a section over `value` renders with, once per element: nothing for missing, false or empty; the
    /// same stack (nil) for true; each element of a list; the value itself otherwise.
    private static func frames(of value: Any?) -> [Any?] {
        switch value {
        case nil: return []
        case let bool as Bool: return bool ? [nil] : []
        case let text as String: return [text]
        case let list as [Any]: return list.map { $0 }
        case let some?: return [some]
        }
    }

    /// Mustache's lookup: the first part through the stack, innermost first; the rest inside what it found.
    static func lookup(_ name: String, in stack: [Any]) -> Any? {
        if name == "." { return stack.last }
        var parts = name.split(separator: ".").map(String.init)
        guard !parts.isEmpty else { return stack.last }
        var value: Any?
        if name.hasPrefix(".") {
            value = stack.last
        } else {
            let first = parts.removeFirst()
            value = stack.reversed().lazy.compactMap { child(first, of: $0) }.first
        }
        for part in parts {
            guard let current = value else { return nil }
            value = child(part, of: current)
        }
        return value
    }

    private static func child(_ name: String, of value: Any) -> Any? {
        if let dictionary = value as? [String: Any] { return dictionary[name] }
        if let figure = value as? Figure { return figure.child(named: name) }
        return nil
    }
}
