import Foundation

extension TemplateLibrary {
    /// The templates that include themselves, directly or through other partials and parents
    /// (`partials/revenue.md` writing `{{>qbr.md}}` while `qbr.md` includes it), each with the error to
    /// report. swift-mustache follows partials without a limit, so rendering any of them, or any template that
    /// includes one, would recurse until the stack overflows: a crash instead of a message. A dynamic name
    /// (`{{>*name}}`, `{{<*name}}`) lets the account's data pick the template, so it counts as a cycle too.
    func inclusionCycles() -> [String: TemplateError] {
        var edges: [String: [MustacheTag]] = [:]
        for (name, text) in texts {
            edges[name] = TagScanner.tags(in: text).filter { $0.kind == .partial || $0.kind == .parent }
        }
        var errors: [String: TemplateError] = [:]
        var done = Set<String>()
        // The templates being visited, and the tag by which each one includes the next.
        var path: [String] = []
        var pathTags: [MustacheTag] = []

        /// Depth-first from `name`; returns the error of the first cycle found below it, if any.
        func visit(_ name: String) -> TemplateError? {
            if done.contains(name) { return errors[name] }
            path.append(name)
            defer {
                path.removeLast()
                done.insert(name)
            }
            var found: TemplateError?
            for tag in edges[name] ?? [] {
                if tag.name.hasPrefix("*") {
                    let (kind, sigil) = tag.kind == .partial ? ("partial", ">") : ("parent", "<")
                    found = error(
                        tag, in: name,
                        "a dynamic \(kind) name ({{\(sigil)\(tag.name)}}) lets the account's data choose the template, "
                            + "which can include itself without end; name the template")
                } else if let start = path.firstIndex(of: tag.name) {
                    // Report the cycle at a tag of the team's own templates when it has one: the file to fix.
                    let names = Array(path[start...])
                    let tags = Array(pathTags[start...]) + [tag]
                    let at = names.indices.first { !isBuiltIn(names[$0]) } ?? names.count - 1
                    let cycle = names[at...] + names[..<at] + [names[at]]
                    found = error(
                        tags[at], in: names[at],
                        "\(cycle.joined(separator: " → ")) includes itself, so rendering would never end")
                } else if edges[tag.name] != nil {
                    pathTags.append(tag)
                    found = visit(tag.name)
                    pathTags.removeLast()
                }
                if found != nil { break }
            }
            errors[name] = found
            return found
        }

        /// A built-in template the team did not replace (`default-qbr.md`, or `qbr.md` when not overridden).
        func isBuiltIn(_ name: String) -> Bool {
            let file = (name.hasPrefix("default-") ? String(name.dropFirst("default-".count)) : name) + ".mustache"
            return BuiltInFiles.templates[file] == texts[name]
        }

        func error(_ tag: MustacheTag, in name: String, _ message: String) -> TemplateError {
            let lines = (texts[name] ?? "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            return .syntax(
                file: origins[name] ?? name, line: tag.line, column: tag.column, message: message,
                sourceLine: tag.line - 1 < lines.count ? String(lines[tag.line - 1]) : nil)
        }

        for name in texts.keys.sorted() { _ = visit(name) }
        return errors
    }
}
