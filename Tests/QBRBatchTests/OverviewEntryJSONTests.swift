import Foundation
import Testing

@testable import QBRBatch
@testable import QBRRender

/// The overview entry of a manifest line, written by hand, has the bytes `JSONEncoder` would write.
@Suite struct OverviewEntryJSONTests {
    static let entries = [
        // Every field, awkward text and figures.
        #"{"arr":1234567.5,"atRisk":true,"csm":"Dana \"D\" O'Neil \\ / 🚀","currency":"EUR","daysToRenewal":-12,"#
            + #""documents":[{"document":"qbr","path":"accounts/a b/qbr.md"},{"document":"playbook:churn-risk","path":"accounts/a b/p.md"}],"#
            + #""folder":"a b","healthBand":"red","healthScore":41.25,"id":"A\u0001\b\f\n\r\t\u001f","name":"שלום | *x* <script>","#
            + #""playbooks":[{"id":"churn-risk","kind":"churn","title":"Churn \"risk\""}],"renewal":"2026-11-30","#
            + #""revenue":{"churn":0,"contraction":-0.5,"expansion":12345678901234567890.25,"starting_arr":100000},"#
            + #""riskReasons":["red health (score 41)","renewal in 10 days"],"segment":"enterprise","weightedPipeline":0.00001}"#,
        // Only what is always there.
        #"{"arr":0,"atRisk":false,"documents":[],"folder":"x","id":"x","name":"x","playbooks":[],"weightedPipeline":0}"#,
    ]

    @Test(arguments: entries) func handWrittenEqualsJSONEncoder(_ text: String) throws {
        let entry = try JSONDecoder().decode(PortfolioOverview.Entry.self, from: Data(text.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(entry), as: UTF8.self)
        #expect(entry.json == expected)
    }
}
