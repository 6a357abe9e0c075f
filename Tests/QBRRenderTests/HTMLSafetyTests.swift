import Foundation
import QBRCore
import Testing

@testable import QBRRender

/// Account data is typed by anyone into a CRM: none of it may become active content in the HTML deck.
@Suite struct HTMLSafetyTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "[click](javascript:alert(3))",
        "![x](javascript:alert(4))",
        "<a href=\"javascript:alert(5)\">x</a>",
        "&lt;script&gt;alert(6)&lt;/script&gt;",
        "<iframe src=//evil></iframe>",
        "<style>body{display:none}</style>",
        "{{title}} {{{title}}}",
        "`<script>` ``` <script>",
    ]

    func hostileAccount(_ payload: String) throws -> Account {
        // JSON-encode the payload so any character survives into the YAML (JSON is YAML).
        let quoted = String(data: try JSONEncoder().encode(payload), encoding: .utf8)!
        return try loadAccount(
            """
            {"account": {"id": "X-1", "name": \(quoted), "csm": \(quoted), "account_manager": \(quoted),
              "executive_sponsor": {"name": \(quoted), "title": \(quoted)},
              "contract": {"arr": 1000, "renewal": "2026-12-01", "seats": 10}},
             "period": {"label": \(quoted)},
             "revenue": {"starting_arr": 1000, "expansion": 10},
             "outcomes": [{"name": \(quoted), "metric": \(quoted), "target": 10, "actual": 5, "unit": \(quoted),
                           "evidence": \(quoted)}],
             "value_realized": [{"category": \(quoted), "description": \(quoted), "amount": 5, "confirmed": true}],
             "usage": {"seats_active": 4, "feature_adoption": {\(quoted): 0.5}},
             "health": {"components": {\(quoted): 50, "usage": 40}},
             "opportunities": [{"name": \(quoted), "rationale": \(quoted), "owner": \(quoted)}],
             "risks": [{"description": \(quoted), "mitigation": \(quoted)}],
             "narrative": {"executive_summary": \(quoted), "misses": \(quoted), "asks": [\(quoted)]},
             "notes": \(quoted)}
            """)
    }

    @Test(arguments: payloads)
    func noAccountFieldBecomesActiveHTML(payload: String) throws {
        let html = try render(try hostileAccount(payload)).html ?? ""
        // The shell's own navigation script is the only script element.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.lowercased().contains("<img"))
        #expect(!html.lowercased().contains("<iframe"))
        #expect(!html.lowercased().contains("<style>body"))
        for tag in Self.tags(in: html) {
            #expect(tag.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(tag)")
            #expect(!tag.lowercased().contains("javascript:"), "\(tag)")
        }
    }

    @Test(arguments: payloads)
    func markdownStructureSurvivesHostileText(payload: String) throws {
        let markdown = try render(try hostileAccount(payload), formats: [.markdown]).markdown
        let parsed = MarkdownDocument(markdown).outline()
        // Headings are exactly the deck's own, whatever the account's text contains.
        let plain = try render(try hostileAccount("Plain words"), formats: [.markdown]).markdown
        #expect(parsed.all("heading").count == MarkdownDocument(plain).outline().all("heading").count)
        #expect(parsed.all("heading").count >= 9)
        for table in tables(in: markdown) {
            let width = table.first?.count
            #expect(table.allSatisfy { $0.count == width })
        }
        // The only HTML in the Markdown is the template's own markers (charts, speaker notes).
        for block in parsed.all("html_block") {
            let marker = (block.literal ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(
                marker == "<!-- notes -->" || (marker.hasPrefix("<!-- qbr:chart ") && marker.count < 40), "\(marker)")
        }
        #expect(parsed.all("html_inline").isEmpty)
        #expect(parsed.all("link").isEmpty && parsed.all("image").isEmpty)
    }

    /// Every element start tag (`<name …>`) of an HTML text: escaped user text (`&lt;…`) is not a tag.
    static func tags(in html: String) -> [String] {
        var tags: [String] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ">") else { break }
            if let first = rest[afterOpen...].first, first.isLetter { tags.append(String(rest[open...close])) }
            rest = rest[rest.index(after: close)...]
        }
        return tags
    }

    @Test func payloadTextIsShownLiterally() throws {
        let html = try render(try hostileAccount("<script>alert(1)</script>")).html ?? ""
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}
