import Foundation
import QBRPlaybooks
import Testing

/// The README is the reference CS leaders read: it must not drift from the code.
@Suite struct ReadmeTests {
    static let readme =
        (try? String(
            contentsOf: CLITests.repository.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    @Test func everyRuleMetricIsDocumented() {
        for path in MetricCatalog.paths {
            #expect(Self.readme.contains("| `\(path)` |"), "\(path) is missing from the README's metric table")
        }
    }

    @Test func everyShippedPlaybookIsDocumented() throws {
        for playbook in try PlaybookLibrary.builtIn().playbooks {
            #expect(Self.readme.contains("**\(playbook.id)**"), "\(playbook.id)")
        }
    }

    @Test func theTestCommandIsTheOneCIRuns() throws {
        let ci = try String(contentsOf: CLITests.repository.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.hasSuffix("swift test\n"))
        #expect(
            Self.readme.contains(
                "```sh\n# Set up (installs libcmark-gfm if missing, builds) and render the bundled examples into examples/rendered/\n./scripts/render-examples.sh\n\n# Run the tests\nswift test\n```"
            ))
    }
}
