import CCmarkGFM
import Foundation
import QBRCore
import QBRPlaybooks
import Testing

@testable import QBRRender

/// Issue 7, injection: account text typed by anyone into a CRM — scripts, event handlers, `javascript:` links,
/// entities, Markdown and raw HTML, Mustache tags — put into every user text field at once, rendered with every
/// built-in document (qbr, ebr, summary, each triggered checklist, the portfolio overview) in both editions,
/// as Markdown and HTML. Each render is compared with the render of a *defanged* twin account whose text
/// keeps the same letters, digits, spaces and line breaks but has every other character replaced by `x`:
/// hostile text may change the words on the page, never its structure — the same HTML elements with the
/// same attributes, the same script, the same Markdown blocks, heading levels and table columns.
@Suite struct InjectionTests {
    static let payloads: [String] = [
        // Script elements and event handlers.
        "<script>document.title='PWNED';alert(1)</script>",
        "<img src=x onerror=\"alert(2)\"><IMG SRC=x OnError=alert(2)>",
        "<svg onload=alert(3)><iframe src=\"javascript:alert(3)\"></iframe><object data=x></object><embed src=x>",
        "<math><mtext><style><img src onerror=alert(3)></style></mtext></math><details open ontoggle=alert(3)>",
        // Links and images, inline, reference, autolink and raw.
        "[click](javascript:alert(4)) [ref][r] <javascript:alert(4)> <a href=\"javascript:alert(4)\">a</a>\n\n[r]: javascript:alert(4)",
        "![x](javascript:alert(5)) ![y](x.png \"t\") ![z](data:image/svg+xml;base64,PHN2Zy8+) [p](java%73cript:alert(5))",
        "javascript:alert(15) JAVASCRIPT:alert(15) vbscript:msgbox(15) data:text/html,<script>alert(15)</script>",
        // HTML entities that would become markup when decoded twice.
        "&lt;script&gt;alert(6)&lt;/script&gt; &#60;img src=x onerror=alert(6)&#62; &#x3C;b&#x3E; &amp;lt; &#106;avascript:alert(6) &quot;",
        // Raw HTML blocks, and the template's own markers.
        "<div onclick=\"alert(7)\">\n\n<script>alert(7)</script>\n\n</div>",
        "<!-- qbr:chart outcomes -->\n<!-- notes -->\n<!-- qbr:task x -->",
        "</title></textarea></style></script><script>alert(13)</script>--><!--",
        "\" onmouseover=\"alert(14)\" x=\"' onfocus='alert(14)' autofocus x='",
        "<style>body{display:none}</style><link rel=stylesheet href=//evil.example>",
        // Mustache tags in data stay text: never expanded, never a partial or a delimiter change.
        "{{as_of}} {{{as_of}}} {{#edition.internal}}INTERNAL{{/edition.internal}} {{> partials/title.md}} {{<default-qbr.md}}{{/default-qbr.md}} {{=<% %>=}}<%as_of%>",
        // Markdown that would add blocks: headings, breaks (new slides), tables, quotes, lists, code.
        "# Heading\n\n---\n\n| a | b |\n| --- | --- |\n| c | d |\n\n> quote\n\n- item\n\n1. one\n\n    code\n\n```js\nfence\n```",
        "---", "===", "***", "___", "- - -", "+", "1.", "2)", "#", ">", "|", "Intro\n\n---\n\nNext\n===\n\n## h2",
        "    indented code", "```", "~~~",
        // Table cells: pipes, escaped pipes, trailing backslash.
        "a | b \\| c || d \\\\| e |",
        "x \\",
        // Inline syntax.
        "**bold** __b__ *it* _it_ ~~del~~ `code` ``double`` [^1] [ ] [x] <b>b</b>",
        // Unicode tricks.
        "\u{202E}gnp.exe <scr\u{200B}ipt>alert(17)</script> \u{FEFF}<img\u{00A0}src=x onerror=alert(17)>",
    ]

    /// The user text fields of an account, in the order `account(_:)` numbers them.
    static let fields = [
        "account.id", "account.name", "account.industry", "account.csm", "account.account_manager",
        "account.executive_sponsor.name", "account.executive_sponsor.title", "period.label", "outcomes[0].name",
        "outcomes[0].metric", "outcomes[0].unit", "outcomes[0].evidence", "value_realized[0].category",
        "value_realized[0].description", "usage.feature_adoption (key)", "health.components (key)",
        "opportunities[0].name", "opportunities[0].rationale", "opportunities[0].owner", "risks[0].description",
        "risks[0].mitigation", "narrative.executive_summary", "narrative.misses", "narrative.asks[0]",
        "narrative.asks[1]", "notes", "outcomes[1].name (behind plan)", "stakeholders[0].name",
        "stakeholders[0].title", "stakeholders[0].note", "last_review.commitments[0].text",
        "last_review.commitments[0].owner", "last_review.commitments[0].note", "roadmap[0].title", "roadmap[0].quarter",
        "roadmap[0].why", "narrative.asks[2].text", "narrative.asks[2].owner", "risks[0].owner",
    ]

    /// An account with `value(n)` in user text field `n` of `fields`, and data that fills every slide and
    /// triggers the churn-risk, renewal and sponsor-change checklists (whose task details quote account text).
    static func account(_ value: (Int) -> String) throws -> Account {
        func q(_ field: Int) -> String {
            // Two outcomes may not share a name: the second gets a suffix (the same in the defanged twin).
            let text = field == 26 ? value(field) + " 2" : value(field)
            return String(decoding: (try? JSONEncoder().encode(text)) ?? Data(), as: UTF8.self)
        }
        return try loadAccount(
            """
            {"account": {"id": \(q(0)), "name": \(q(1)), "industry": \(q(2)), "csm": \(q(3)),
                         "account_manager": \(q(4)), "segment": "enterprise", "tier": 1,
                         "executive_sponsor": {"name": \(q(5)), "title": \(q(6)), "since": "2026-09-01"},
                         "contract": {"start": "2025-11-01", "arr": 100000, "renewal": "2026-12-01", "seats": 10}},
             "period": {"label": \(q(7)), "start": "2026-07-01", "end": "2026-09-30"},
             "revenue": {"starting_arr": 100000, "expansion": 10000, "contraction": 2000},
             "outcomes": [{"name": \(q(8)), "metric": \(q(9)), "baseline": 0, "target": 10, "actual": 5,
                           "unit": \(q(10)), "evidence": \(q(11)), "committed_on": "2025-11-15", "due": "2026-12-31"},
                          {"name": \(q(26)), "target": 10, "actual": 1, "committed_on": "2025-11-15",
                           "due": "2026-09-30"}],
             "value_realized": [{"category": \(q(12)), "description": \(q(13)), "amount": 5000, "confirmed": true}],
             "usage": {"seats_active": 9, "monthly_active_users": [200, 190, 160, 120],
                       "feature_adoption": {\(q(14)): 0.5}},
             "health": {"components": {\(q(15)): 30, "usage": 20}, "history": [60, 50, 40]},
             "signals": {"open_escalations": 1, "nps": -10},
             "opportunities": [{"name": \(q(16)), "kind": "cross-sell", "estimated_arr": 10000, "confidence": 0.5,
                                "rationale": \(q(17)), "owner": \(q(18))}],
             "risks": [{"description": \(q(19)), "severity": "high", "mitigation": \(q(20)), "owner": \(q(38)),
                        "due": "2026-11-01"}],
             "narrative": {"executive_summary": \(q(21)), "misses": \(q(22)),
                           "asks": [\(q(23)), \(q(24)), {"text": \(q(36)), "owner": \(q(37)), "due": "2026-11-20"}]},
             "notes": \(q(25)),
             "support": {"tickets_opened": 3, "tickets_closed": 2, "csat": 0.9, "sla_attainment": 0.8,
                         "open_escalations": 2},
             "stakeholders": [{"name": \(q(27)), "title": \(q(28)), "role": "champion", "attending": true,
                               "note": \(q(29))}],
             "last_review": {"date": "2026-07-01", "commitments": [{"text": \(q(30)), "owner": \(q(31)),
                             "due": "2026-08-01", "status": "in-progress", "note": \(q(32))}]},
             "roadmap": [{"title": \(q(33)), "quarter": \(q(34)), "status": "beta", "why": \(q(35))}]}
            """)
    }

    /// The payload's harmless twin: letters, digits and whitespace kept (so paragraphs and lengths match),
    /// every other character `x`.
    static func defanged(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0.isWhitespace ? $0 : "x" })
    }

    struct Output {
        let label: String
        let markdown: String
        let html: String
    }

    /// Every built-in document of `account`, in both editions (checklists in both too), plus the Mermaid
    /// variant of the deck and the portfolio overview listing the account.
    static func outputs(_ account: Account, renderer: DocumentRenderer) throws -> [Output] {
        var result: [Output] = []
        for edition in Edition.allCases {
            for template in ["qbr", "ebr", "summary"] {
                for mermaid in template == "qbr" ? [false, true] : [false] {
                    let document = try RenderedDocument.render(
                        account, asOf: exampleAsOf, template: template, formats: [.markdown, .html],
                        renderer: renderer, edition: edition, mermaid: mermaid)
                    result.append(
                        Output(
                            label: "\(template)\(mermaid ? " (mermaid)" : "") \(edition)", markdown: document.markdown,
                            html: document.html ?? ""))
                }
            }
            let model = ReviewViewModel(
                account: account, asOf: exampleAsOf, edition: edition, settings: renderer.config.settings,
                playbooks: renderer.playbooks)
            for checklist in try renderer.checklists(
                model: model, existing: [], formats: [.markdown, .html], previousFile: { _ in nil })
            {
                result.append(
                    Output(
                        label: "playbook \(checklist.playbookID) \(edition)", markdown: checklist.markdown,
                        html: checklist.html ?? ""))
            }
        }
        let model = ReviewViewModel(account: account, asOf: exampleAsOf, playbooks: renderer.playbooks)
        var overview = PortfolioOverview(asOf: exampleAsOf)
        let folder = FileName.safe(account.profile.id)
        overview.add(
            account, triggered: model.triggered, folder: folder,
            documents: ["ebr", "qbr", "summary"].map { ($0, "accounts/\(folder)/\($0).md") })
        let context = overview.context(failures: 1)
        let markdown = try renderer.markdown(context: context, template: "portfolio")
        let html = try renderer.html(fromMarkdown: markdown, title: overview.title)
        result.append(Output(label: "portfolio", markdown: markdown, html: html))
        return result
    }

    @Test(arguments: payloads)
    func hostileTextNeverChangesTheStructureOrBecomesActive(payload: String) throws {
        let renderer = try renderer()
        let hostile = try Self.outputs(try Self.account { _ in payload }, renderer: renderer)
        let clean = try Self.outputs(try Self.account { _ in Self.defanged(payload) }, renderer: renderer)
        #expect(hostile.map(\.label) == clean.map(\.label))
        #expect(hostile.count >= 15)
        for (bad, good) in zip(hostile, clean) {
            let label = bad.label
            // HTML: the same elements with the same attribute names as the clean twin, the same script (the
            // shell's own), no event handler and no script URL anywhere.
            let elements = Self.elements(in: bad.html)
            let expected = Self.elements(in: good.html)
            #expect(
                Self.signature(elements) == Self.signature(expected),
                "\(label): elements differ: \(Self.difference(Self.signature(elements), Self.signature(expected)))")
            #expect(Self.rawText(of: "script", in: bad.html) == Self.rawText(of: "script", in: good.html), "\(label)")
            #expect(Self.rawText(of: "style", in: bad.html) == Self.rawText(of: "style", in: good.html), "\(label)")
            for element in elements {
                for attribute in element.attributes {
                    #expect(!attribute.name.hasPrefix("on"), "\(label): <\(element.name) \(attribute.name)=…>")
                    let value = Self.decoded(attribute.value)
                    for scheme in ["javascript:", "vbscript:", "data:"] {
                        #expect(!value.contains(scheme), "\(label): <\(element.name) \(attribute.name)=\"\(value)\">")
                    }
                }
                #expect(!["iframe", "object", "embed", "img", "link", "math", "details"].contains(element.name))
            }
            // Markdown: the same blocks, heading levels, tables (rows × columns), HTML markers and links.
            #expect(
                Self.shape(bad.markdown) == Self.shape(good.markdown),
                "\(label): Markdown structure differs: \(Self.difference(Self.shape(bad.markdown), Self.shape(good.markdown)))"
            )
            #expect(Self.pipes(bad.markdown) == Self.pipes(good.markdown), "\(label): table cells differ")
        }
    }

    /// Mustache in data is data: the tags come out literally, in the Markdown and in the HTML.
    @Test func mustacheTagsInDataAreNotExpanded() throws {
        let renderer = try renderer()
        let payload = "{{as_of}} {{{as_of}}} {{#edition.internal}}INTERNAL{{/edition.internal}} {{> partials/title.md}}"
        var fields: [Int: String] = [:]
        for field in Self.fields.indices {
            // Each field names another one, so an expansion would show up as a different text.
            fields[field] = "\(payload) {{account.name}} F\(field)"
        }
        let outputs = try Self.outputs(try Self.account { fields[$0] ?? "" }, renderer: renderer)
        func count(_ text: String, in document: String) -> Int { document.components(separatedBy: text).count - 1 }
        // (The portfolio's links also hold the id made safe for a file name, `INTERNAL` included.)
        for output in outputs where output.label != "portfolio" {
            // Wherever the section's text shows, the section's tags show with it. (Mermaid labels keep only
            // letters, so the Mermaid deck's Markdown is checked through its HTML, which drops them.)
            let section = "{{#edition.internal}}INTERNAL{{/edition.internal}}"
            #expect(count("INTERNAL", in: output.html) == count(section, in: output.html), "\(output.label)")
            if !output.label.contains("mermaid") {
                #expect(
                    count("INTERNAL", in: output.markdown) == count(section, in: output.markdown), "\(output.label)")
            }
            #expect(!output.markdown.contains("2026-10-15 2026-10-15"), "\(output.label)")
        }
        // The account's name appears as written: its own tags included.
        let qbr = try #require(outputs.first { $0.label == "qbr internal" })
        // In Markdown `_` is escaped (`as\_of`); the braces are not syntax and stay as they are.
        #expect(qbr.markdown.contains(#"{{as\_of}} {{{as\_of}}} {{#edition.internal}}INTERNAL{{/edition.internal}}"#))
        #expect(qbr.markdown.contains("{{> partials/title.md}} {{account.name}} F1"))
        #expect(qbr.html.contains("{{as_of}} {{{as_of}}} {{#edition.internal}}INTERNAL{{/edition.internal}}"))
        #expect(qbr.html.contains("{{&gt; partials/title.md}} {{account.name}} F1"))
        // The overview's tables cut a long name with an ellipsis; what is shown is the name as written.
        let portfolio = try #require(outputs.last)
        #expect(portfolio.html.contains("{{as_of}} {{{as_of}}} {{#edition.internal}}INTE") && portfolio.html.contains("…"))
        let title = try #require(Self.rawText(of: "title", in: qbr.html).first)
        #expect(title.contains("{{as_of}}") && title.contains("{{account.name}} F1"), "\(title)")
    }

    /// Each field of `fields` really reaches a document (so the test above covers it), and hostile text is
    /// shown as the words it is.
    @Test func everyUserTextFieldIsRenderedLiterally() throws {
        let renderer = try renderer()
        let script = "<script>alert(1)</script>"
        let outputs = try Self.outputs(
            try Self.account { "ZQ\(String(format: "%02d", $0)) \(script)" }, renderer: renderer)
        var markdown = outputs.map(\.markdown).joined(separator: "\n")
        var html = outputs.map(\.html).joined(separator: "\n")
        // No built-in document prints the id (made safe, it names the files and the overview's links) or the
        // industry; a team's template may.
        #expect(!markdown.contains("ZQ02"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-fields-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "# {{account.name}}\n\n| id | industry |\n| --- | --- |\n| {{account.id}} | {{account.industry}} |\n"
            .write(to: folder.appendingPathComponent("fields.md.mustache"), atomically: true, encoding: .utf8)
        let team = DocumentRenderer(templates: try TemplateLibrary(overridesFrom: folder.path))
        let fields = try RenderedDocument.render(
            try Self.account { "ZQ\(String(format: "%02d", $0)) \(script)" }, asOf: exampleAsOf, template: "fields",
            formats: [.markdown, .html], renderer: team)
        #expect(Self.pipes(fields.markdown) == [3, 3, 3])
        markdown += fields.markdown
        html += fields.html ?? ""
        for (index, field) in Self.fields.enumerated() {
            let tag = "ZQ\(String(format: "%02d", index))"
            #expect(markdown.contains("\(tag) \\<script>alert(1)\\</script>"), "\(field) is in no Markdown document")
            #expect(html.contains("\(tag) &lt;script&gt;alert(1)&lt;/script&gt;"), "\(field) is in no HTML document")
        }
    }

    /// Where two structures part, for messages.
    static func difference(_ hostile: [String], _ clean: [String]) -> String {
        let common = zip(hostile, clean).prefix { $0 == $1 }.count
        return
            "from node \(common): hostile \(hostile.dropFirst(common).prefix(6)) vs clean \(clean.dropFirst(common).prefix(6))"
    }

    static func difference(_ hostile: [String: Int], _ clean: [String: Int]) -> String {
        Set(hostile.keys).union(clean.keys).filter { hostile[$0] != clean[$0] }.sorted()
            .map { "\($0): \(hostile[$0] ?? 0) vs \(clean[$0] ?? 0)" }.joined(separator: ", ")
    }

    // MARK: HTML, read the way a browser's tokenizer reads it

    struct Attribute: Hashable {
        let name: String
        let value: String
    }

    struct Element {
        let name: String
        let attributes: [Attribute]
    }

    /// The start tags of `html`, with their attributes; comments, end tags and the contents of raw-text
    /// elements (`script`, `style`, `textarea`, `title`) are skipped as a browser skips them.
    static func elements(in html: String) -> [Element] {
        let bytes = Array(html.utf8)
        var elements: [Element] = []
        var index = 0
        func at(_ text: String, _ position: Int) -> Bool {
            let needle = Array(text.utf8)
            guard position + needle.count <= bytes.count else { return false }
            return zip(bytes[position..<position + needle.count], needle).allSatisfy {
                Character(Unicode.Scalar($0)).lowercased() == Character(Unicode.Scalar($1)).lowercased()
            }
        }
        func find(_ text: String, from start: Int) -> Int? {
            var position = start
            while position < bytes.count {
                if at(text, position) { return position }
                position += 1
            }
            return nil
        }
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
        }
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else {
                index += 1
                continue
            }
            if at("<!--", index) {
                index = find("-->", from: index + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                index = find(">", from: index + 1).map { $0 + 1 } ?? bytes.count
                continue
            }
            guard isLetter(next) else {
                index += 1
                continue
            }
            var position = index + 1
            while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "/"),
                bytes[position] != UInt8(ascii: ">")
            {
                position += 1
            }
            let name = text(index + 1..<position).lowercased()
            var attributes: [Attribute] = []
            while position < bytes.count {
                while position < bytes.count, isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") {
                    position += 1
                }
                guard position < bytes.count, bytes[position] != UInt8(ascii: ">") else {
                    position += 1
                    break
                }
                let nameStart = position
                while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "="),
                    bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "/")
                {
                    position += 1
                }
                let attributeName = text(nameStart..<position).lowercased()
                while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                var value = ""
                if position < bytes.count, bytes[position] == UInt8(ascii: "=") {
                    position += 1
                    while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                    if position < bytes.count,
                        bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
                    {
                        let quote = bytes[position]
                        let start = position + 1
                        position = start
                        while position < bytes.count, bytes[position] != quote { position += 1 }
                        value = text(start..<min(position, bytes.count))
                        position += 1
                    } else {
                        let start = position
                        while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
                            position += 1
                        }
                        value = text(start..<position)
                    }
                }
                attributes.append(Attribute(name: attributeName, value: value))
            }
            elements.append(Element(name: name, attributes: attributes))
            if ["script", "style", "textarea", "title"].contains(name) {
                index = find("</\(name)", from: position) ?? bytes.count
            } else {
                index = position
            }
        }
        return elements
    }

    /// Element names with their attribute names, counted: what the page is made of, whatever its words.
    static func signature(_ elements: [Element]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for element in elements {
            counts[
                element.name + "[" + element.attributes.map(\.name).sorted().joined(separator: " ") + "]", default: 0] +=
                1
        }
        return counts
    }

    /// The raw contents of every `name` element (`script`, `style`, `title`).
    static func rawText(of name: String, in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<\(name)", options: .caseInsensitive),
            let end = rest[open.upperBound...].firstIndex(of: ">"),
            let close = rest[end...].range(of: "</\(name)", options: .caseInsensitive)
        {
            result.append(String(rest[rest.index(after: end)..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return result
    }

    /// An attribute value as a browser reads a URL from it: entities decoded, whitespace and controls
    /// dropped, lowercased.
    static func decoded(_ value: String) -> String {
        var text = value
        for (entity, character) in [
            ("&colon;", ":"), ("&tab;", ""), ("&newline;", ""), ("&quot;", "\""), ("&apos;", "'"), ("&lt;", "<"),
            ("&gt;", ">"), ("&amp;", "&"),
        ] {
            text = text.replacingOccurrences(of: entity, with: character, options: .caseInsensitive)
        }
        let numeric = try? NSRegularExpression(pattern: "&#(x?)([0-9a-f]+);?", options: .caseInsensitive)
        while let match = numeric?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let whole = Range(match.range, in: text), let hex = Range(match.range(at: 1), in: text),
            let digits = Range(match.range(at: 2), in: text)
        {
            let code = UInt32(text[digits], radix: text[hex].isEmpty ? 10 : 16).flatMap(Unicode.Scalar.init)
            text.replaceSubrange(whole, with: code.map { String(Character($0)) } ?? "")
        }
        return String(text.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }.map(Character.init))
            .lowercased()
    }

    // MARK: Markdown, as cmark-gfm parses it

    /// The document's structure: every node but text, depth first, with heading levels, table shapes
    /// (cells per row) and the literal of HTML nodes (which only the templates write).
    static func shape(_ markdown: String) -> [String] {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return ["no parser"] }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        cmark_parser_feed(parser, markdown, markdown.utf8.count)
        guard let root = cmark_parser_finish(parser) else { return ["no document"] }
        defer { cmark_node_free(root) }
        var result: [String] = []
        func walk(_ node: OpaquePointer) {
            let type = cmark_node_get_type_string(node).map { String(cString: $0) } ?? "?"
            switch type {
            case "text", "softbreak": break
            case "heading": result.append("heading \(cmark_node_get_heading_level(node))")
            case "table":
                var rows: [Int] = []
                var row = cmark_node_first_child(node)
                while let current = row {
                    var cells = 0
                    var cell = cmark_node_first_child(current)
                    while let next = cell {
                        cells += 1
                        cell = cmark_node_next(next)
                    }
                    rows.append(cells)
                    row = cmark_node_next(current)
                }
                result.append("table \(rows)")
            case "html_block", "html_inline":
                result.append(type + " " + (cmark_node_get_literal(node).map { String(cString: $0) } ?? ""))
            default: result.append(type)
            }
            var child = cmark_node_first_child(node)
            while let current = child {
                walk(current)
                child = cmark_node_next(current)
            }
        }
        walk(root)
        return result
    }

    /// For each line that is a table row, its count of cell separators (`|` not escaped by a backslash).
    static func pipes(_ markdown: String) -> [Int] {
        markdown.split(separator: "\n").filter { $0.hasPrefix("|") }.map { line in
            var count = 0
            var escaped = false
            for character in line {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "|" {
                    count += 1
                }
            }
            return count
        }
    }
}
