import Foundation
import QBRCore
import Testing

@testable import QBRLoad

@Suite struct SamplePortfolioTests {
    static let asOf = Day(year: 2026, month: 10, day: 15) ?? Day(dayNumber: 0)

    func text(_ count: Int, seed: UInt64, _ format: SamplePortfolio.Format) -> String {
        var text = ""
        SamplePortfolio(count: count, seed: seed, asOf: Self.asOf).write(format) { text += $0 }
        return text
    }

    @Test func theSameSeedGivesTheSamePortfolio() {
        #expect(text(50, seed: 3, .json) == text(50, seed: 3, .json))
        #expect(text(50, seed: 3, .json) != text(50, seed: 4, .json))
    }

    @Test func everyGeneratedAccountLoadsCleanly() throws {
        let json = text(300, seed: 11, .json)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(records.count == 300)
        var segments: [Segment: Int] = [:]
        var red = 0
        var sponsorChanges = 0
        for record in records {
            let data = try JSONSerialization.data(withJSONObject: record)
            let loaded = try AccountLoader.load(data: data, name: "sample.json")
            #expect(loaded.warnings.isEmpty)
            let account = loaded.account
            segments[account.profile.segment ?? .smb, default: 0] += 1
            let metrics = AccountMetrics(account, asOf: Self.asOf)
            if metrics.health?.band == .red { red += 1 }
            if let days = metrics.daysSinceSponsorChange, days <= 90 { sponsorChanges += 1 }
        }
        // The mix a demo needs: every segment, some red accounts, some new sponsors.
        #expect((segments[.enterprise] ?? 0) > 20 && (segments[.midMarket] ?? 0) > 60 && (segments[.smb] ?? 0) > 100)
        #expect(red > 20 && red < 100)
        #expect(sponsorChanges > 10 && sponsorChanges < 80)
    }

    @Test func yamlAndCSVCarryTheSameAccounts() throws {
        let yaml = text(5, seed: 2, .yaml)
        #expect(yaml.split(separator: "\n").count == 5 && yaml.hasPrefix("- {\"account\":"))
        let csv = text(5, seed: 2, .csv).split(separator: "\n")
        #expect(csv.count == 6)
        #expect(csv[0] == Substring(SamplePortfolio.csvColumns.joined(separator: ",")))
        #expect(csv[1].hasPrefix("ACC-000001,"))
    }
}
