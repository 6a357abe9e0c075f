import Foundation
import Testing
import QBRTemplate

/// A micro benchmark, not a timed assertion: prints the time per render of a typical Markdown table.
/// For meaningful figures run `swift test -c release --filter Benchmark`.
@Suite("Benchmark")
struct BenchmarkTests {
    static let row = ObjectShape("Row", [
        Field("name", .text), Field("owner", .text), Field("segment", .text), Field("arr", .number),
        Field("growth", .number), Field("risk", .flag), Field("renewal", .text), Field("health", .number),
        Field("notes", .text), Field("tags", .list(.text)),
    ])
    static let root = ObjectShape("Report", [Field("title", .text), Field("rows", .list(.object(row)))])

    static let template = """
        # {{title}}

        | # | Account | Owner | Segment | ARR | Growth | Health | Renewal | Notes |
        |---|---------|-------|---------|-----|--------|--------|---------|-------|
        {{#rows}}
        | {{@index}} | {{name}}{{#risk}} ⚠{{/risk}} | {{owner}} | {{segment}} | {{arr}} | {{growth}} | {{health}} | {{renewal}} | {{#notes}}{{notes}}{{/notes}}{{^notes}}—{{/notes}}{{#tags}} `{{.}}`{{/tags}} |
        {{/rows}}
        {{^rows}}
        No accounts.
        {{/rows}}

        """

    static var data: TemplateValue {
        let rows = (0..<10).map { index in
            TemplateValue.object(Record(row) {
                $0["name"] = .text("Account \(index)")
                $0["owner"] = .text("Owner \(index % 3)")
                $0["segment"] = .text(index.isMultiple(of: 2) ? "Enterprise" : "Mid-market")
                $0["arr"] = .int(100_000 * (index + 1))
                $0["growth"] = .double(0.05 * Double(index))
                $0["risk"] = .bool(index % 4 == 0)
                $0["renewal"] = .text("2026-0\(index % 9 + 1)-15")
                $0["health"] = .int(60 + index)
                $0["notes"] = index.isMultiple(of: 3) ? .null : .text("Expansion <likely> & soon")
                $0["tags"] = .list(index.isMultiple(of: 2) ? [.text("a"), .text("b")] : [])
            })
        }
        return .object(Record(root) { $0["title"] = .text("Portfolio"); $0["rows"] = .list(rows) })
    }

    /// Thread CPU time, so that other processes on a shared machine do not count.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The best of five batches, in microseconds per render.
    static func measure(_ template: CompiledTemplate, iterations: Int) -> Double {
        let data = data
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        var best = Double.infinity
        for _ in 0..<5 {
            let start = cpuSeconds()
            for _ in 0..<iterations {
                output.removeAll(keepingCapacity: true)
                template.render(data, into: &output)
            }
            best = min(best, (cpuSeconds() - start) / Double(iterations) * 1e6)
        }
        return best
    }

    @Test func markdownTableOfTenRows() throws {
        let set = try TemplateSet(sources: ["table.md": BenchmarkTests.template], escaping: { _ in .html })
        let bound = set.compile("table.md", root: .object(BenchmarkTests.root))
        #expect(bound.findings.isEmpty)
        let dynamic = set.compile("table.md", root: .any)
        let boundTemplate = try #require(bound.template)
        let dynamicTemplate = try #require(dynamic.template)
        let output = boundTemplate.render(BenchmarkTests.data)
        #expect(output == dynamicTemplate.render(BenchmarkTests.data))
        #expect(output.contains("| 1 | Account 0 ⚠ | Owner 0 | Enterprise | 100000 | 0.0 | 60 | 2026-01-15 | — `a` `b` |"))
        #if DEBUG
            let iterations = 200
        #else
            let iterations = 5_000
        #endif
        let boundMicros = BenchmarkTests.measure(boundTemplate, iterations: iterations)
        let dynamicMicros = BenchmarkTests.measure(dynamicTemplate, iterations: iterations)
        print(String(format: "QBRTemplate benchmark: 10-row Markdown table (%d bytes): bound %.2f µs, Shape.any %.2f µs per render",
            output.utf8.count, boundMicros, dynamicMicros))
    }
}
