import Testing
import QBRTemplate

/// Every case of the official Mustache specification (except lambdas and dynamic names), compiled twice: against
/// `.any` (every name looked up at render time) and against shapes inferred from each case's data (bound names).
@Suite("Mustache specification")
struct SpecTests {
    static let mainName = "<spec template>"

    enum Mode: String, CaseIterable, Sendable {
        case dynamic = "Shape.any"
        case inferred = "inferred shapes"
    }

    static func run(_ spec: SpecCase, mode: Mode) -> String? {
        var sources = spec.partials
        sources[mainName] = spec.template
        let set: TemplateSet
        do {
            set = try TemplateSet(sources: sources, escaping: { _ in .html })
        } catch {
            return "syntax errors: \(error)"
        }
        let shape = Inferred.of(spec.data).shape
        let root: Shape = mode == .dynamic ? .any : shape
        let compilation = set.compile(mainName, root: root, options: CompileOptions(allowRecursion: true))
        guard let template = compilation.template else { return "no template" }
        let output = template.render(SpecValues.value(spec.data, shape: shape))
        if output == spec.expected { return nil }
        return "expected \(String(reflecting: spec.expected)), got \(String(reflecting: output))"
    }

    @Test("every case, against Shape.any and against inferred shapes", .enabled(if: SpecLoader.isAvailable, "Mustache specification not found: spec suite skipped"))
    func everyCase() throws {
        let cases = try SpecLoader.load()
        #expect(cases.count > 150)
        for mode in Mode.allCases {
            var passed = 0
            for spec in cases {
                if let failure = SpecTests.run(spec, mode: mode) {
                    Issue.record("\(spec.file) “\(spec.name)” [\(mode.rawValue)]: \(failure)")
                } else {
                    passed += 1
                }
            }
            print("Mustache spec [\(mode.rawValue)]: \(passed) of \(cases.count) cases passed")
        }
    }
}
