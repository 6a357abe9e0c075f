/// Did-you-mean helpers: edit distance over names, and the paths of every name reachable from the root shape.
package enum Suggestions {
    /// Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), over characters.
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }

    /// The largest distance still worth suggesting for a name of this length.
    package static func limit(for name: String) -> Int {
        name.count <= 3 ? 1 : max(2, name.count / 3)
    }

    /// The closest of `candidates` within the limit, ties broken by order.
    package static func closest(_ name: String, among candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = Suggestions.distance(name, candidate)
            if distance <= limit(for: name), distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The closest template name, also matching by the last path component without extension
    /// (`outcome` → `partials/outcomes.md`).
    static func closestTemplate(_ name: String, among names: [String]) -> String? {
        if let whole = closest(name, among: names) { return whole }
        let stem = Suggestions.stem(name)
        var best: (name: String, distance: Int)?
        for candidate in names {
            let distance = Suggestions.distance(stem, Suggestions.stem(candidate))
            if distance <= limit(for: stem), distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    private static func stem(_ name: String) -> String {
        var last = name.split(separator: "/").last.map(String.init) ?? name
        if let dot = last.lastIndex(of: "."), dot != last.startIndex {
            last = String(last[..<dot])
        }
        return last
    }
}

/// Every name path reachable from a root shape, e.g. `outcomes.items[].attainment`.
struct NameCatalog {
    struct Entry {
        let path: String
        let name: String
    }

    let entries: [Entry]

    init(root: Shape) {
        var entries: [Entry] = []
        // Breadth first, each object shape expanded once, so recursive shapes stay finite and paths stay short.
        var queue: [(prefix: String, shape: ObjectShape)] = []
        var seen: Set<ObjectIdentifier> = []
        func enqueue(_ prefix: String, _ shape: Shape) {
            switch shape {
            case .object(let object):
                if seen.insert(ObjectIdentifier(object)).inserted { queue.append((prefix, object)) }
            case .list(let element):
                enqueue(prefix + "[]", element)
            default:
                break
            }
        }
        enqueue("", root)
        var head = 0
        while head < queue.count, entries.count < 10_000 {
            let (prefix, object) = queue[head]
            head += 1
            for field in object.fields {
                let path = prefix.isEmpty ? field.name : prefix + "." + field.name
                entries.append(Entry(path: path, name: field.name))
                enqueue(path, field.shape)
            }
        }
        self.entries = entries
    }

    /// The best suggestion for an unknown first segment: a close name in scope (written as is), or an equal or close
    /// name elsewhere in the tree (written as its path). In-scope names win ties; exact names elsewhere beat typos.
    func suggest(_ name: String, scope: [Compiler.Frame]) -> String? {
        var best: (text: String, score: Int)?
        func consider(_ text: String, _ score: Int) {
            if score < (best?.score ?? Int.max) { best = (text, score) }
        }
        let limit = Suggestions.limit(for: name)
        for frame in scope.reversed() {
            guard case .object(let object) = frame.shape else { continue }
            for field in object.fields {
                let distance = Suggestions.distance(name, field.name)
                if distance <= limit { consider(field.name, distance * 2) }
            }
        }
        let scopePaths = scope.compactMap(\.path).filter { !$0.isEmpty }
        for entry in entries {
            let distance = Suggestions.distance(name, entry.name)
            guard distance <= limit else { continue }
            // Prefer paths under the innermost known scope a little, so the nearest namesake is suggested.
            let underScope = scopePaths.last.map { entry.path.hasPrefix($0 + ".") } ?? false
            consider(entry.path, distance * 2 + (underScope ? 0 : 1))
        }
        return best?.text
    }
}
