import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRRender
import QBRTemplate

// Times rendering one account to Markdown and to HTML, stage by stage, over many iterations.
// Run in release: swift run -c release QBRBenchmark [iterations] [account files...]
let arguments = Array(CommandLine.arguments.dropFirst())
let iterations = arguments.first.flatMap(Int.init) ?? 2_000
var files = arguments.filter { Int($0) == nil }
if files.isEmpty {
    files = ["examples/northwind.yaml", "examples/contoso-health.json", "examples/bluebird-bakery.yaml"]
}

let asOf = Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0)
let generator = "qbr \(QBRVersion.current)"
let renderer: DocumentRenderer
do {
    renderer = DocumentRenderer(templates: try TemplateLibrary.builtIn(), playbooks: try PlaybookLibrary.builtIn())
} catch {
    print("cannot load templates: \(error)")
    exit(70)
}

func microseconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) * 1e6 + Double(parts.attoseconds) / 1e12
}

print("qbr \(QBRVersion.current) benchmark: \(iterations) renders per account in 5 rounds; µs per render, best round")
print(
    "(internal edition; metrics+view model includes selecting the playbooks and evaluating the flags, as qbr render does)"
)
print(
    "account              metrics+view model  template merge  charts  cmark-gfm  html shell  = markdown  = html total")
for file in files {
    let account: Account
    do {
        account = try AccountLoader.load(path: file).account
    } catch {
        print("\(file): \(error)")
        exit(65)
    }
    // Five rounds; each stage reports its best round, which filters out other load on a shared machine.
    let rounds = 5
    let perRound = max(1, iterations / rounds)
    var best = [Double](repeating: .infinity, count: 5)
    var bytes = 0
    let clock = ContinuousClock()
    for _ in 0..<rounds {
        var model = Duration.zero, merge = Duration.zero, charts = Duration.zero, cmark = Duration.zero
        var shell = Duration.zero
        for _ in 0..<perRound {
            var context = TemplateValue.absent
            var markdown = ""
            var slides: [Slide] = []
            var svg: [String: String] = [:]
            var html = ""
            do {
                model += clock.measure {
                    context = ReviewViewModel(
                        account: account, asOf: asOf, playbooks: renderer.playbooks, generator: generator
                    ).context()
                }
                merge += try clock.measure { markdown = try renderer.markdown(context: context, template: "qbr") }
                charts += clock.measure {
                    let metrics = AccountMetrics(account, asOf: asOf)
                    svg = ChartSet(account: account, metrics: metrics, edition: .internal).charts
                }
                cmark += clock.measure { slides = renderer.slides(fromMarkdown: markdown, charts: svg) }
                shell += try clock.measure {
                    html = try renderer.shell("deck.html", slides: slides, title: "t")
                }
            } catch {
                print("render failed: \(error)")
                exit(70)
            }
            bytes = markdown.utf8.count + html.utf8.count
        }
        for (index, total) in [model, merge, charts, cmark, shell].enumerated() {
            best[index] = min(best[index], microseconds(total) / Double(perRound))
        }
    }
    let (m, t, g, c, s) = (best[0], best[1], best[2], best[3], best[4])
    let name = URL(fileURLWithPath: file).lastPathComponent.padding(toLength: 20, withPad: " ", startingAt: 0)
    func cell(_ value: Double, _ width: Int) -> String {
        let text = String(format: "%.1f", value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
    print(
        "\(name) \(cell(m, 18))  \(cell(t, 14))  \(cell(g, 6))  \(cell(c, 9))  \(cell(s, 10))  \(cell(m + t, 10))  \(cell(m + t + g + c + s, 12))   (\(bytes) bytes out)"
    )
}
