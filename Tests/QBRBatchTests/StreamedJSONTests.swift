import Foundation
import QBRCore
import QBRLoad
import Testing

@testable import QBRBatch

/// A JSON list is read an item at a time by qbr's own JSON reader, with the places libyaml would give, and a
/// mistake anywhere in the file still refuses the whole file before any account is handed out.
@Suite struct StreamedJSONTests {
    let base = PortfolioSourceTests()

    func write(_ text: String) throws -> (URL, String) {
        let folder = try base.folder()
        let file = folder.appendingPathComponent("p.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (folder, file.path)
    }

    @Test func aBadFieldIsReportedAtTheLineAndColumnLibyamlGives() throws {
        let text = """
            [
              {"account": {"id": "A", "name": "Alpha"}},
              {"account": {"id": "B", "name": "Beta", "contract": {"arr": "lots"}}}
            ]
            """
        let (folder, path) = try write(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let streamed = try base.records(path)
        #expect(streamed.map(\.id) == ["A", "B"])
        let error = try #require(streamed.last.flatMap { record -> AccountLoadError? in
            if case .failure(let error) = record.result { return error }
            return nil
        })
        // The same document through libyaml (a YAML comment first makes it YAML; its lines shift by one).
        let parsed = try AccountLoader.parse(Data(("# yaml\n" + text).utf8), name: "y", limits: .portfolio)
        let viaYAML = try #require(parsed)
        guard case .sequence(let items) = viaYAML else { Issue.record("not a list"); return }
        var expected: [Diagnostic] = []
        do { _ = try AccountLoader.load(node: items[1], name: "y") } catch { expected = error.diagnostics }
        #expect(error.diagnostics.map(\.message) == expected.map(\.message))
        #expect(error.diagnostics.map { $0.line.map { $0 + 1 } } == expected.map(\.line))
        #expect(error.diagnostics.map(\.column) == expected.map(\.column))
        #expect(error.diagnostics.first?.line == 3 && error.diagnostics.first?.column == 63)
    }

    @Test func aSyntaxErrorAnywhereRefusesTheWholeFileBeforeAnyAccount() throws {
        let (folder, path) = try write("[{\"account\": {\"id\": \"A\", \"name\": \"Alpha\"}}, {\"account\": ")
        defer { try? FileManager.default.removeItem(at: folder) }
        var handedOut = 0
        #expect(throws: AccountLoadError.self) { try PortfolioSource.forEach(path) { _ in handedOut += 1 } }
        #expect(handedOut == 0)
    }

    @Test func aDuplicateKeyGoesTheUsualWayAndIsNamed() throws {
        let (folder, path) = try write("[{\"account\": {\"id\": \"A\", \"id\": \"B\", \"name\": \"Alpha\"}}]")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try base.records(path)
            Issue.record("expected the file to be refused")
        } catch let error as AccountLoadError {
            #expect(error.diagnostics.first?.message.contains("appears twice") == true, "\(error.diagnostics)")
        }
    }

    @Test func theSameListGivesTheSameFingerprintsAndTheSameAccountsAsYAML() throws {
        let folder = try base.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = try base.sample(40, .json, in: folder)
        let yaml = try base.sample(40, .yaml, in: folder)
        let first = try base.records(json), again = try base.records(json)
        #expect(first.map(\.fingerprint) == again.map(\.fingerprint))
        let accounts = try first.map { try $0.result.get().account }
        let fromYAML = try base.records(yaml).map { try $0.result.get().account }
        #expect(accounts == fromYAML)
    }

    /// "é" written two ways is one key to the composer: the checking pass agrees, so nothing is handed out.
    @Test func canonicallyEquivalentKeysAreOneKey() throws {
        let (folder, path) = try write("[{\"account\": {\"id\": \"A\", \"name\": \"Alpha\"}, \"n\u{E9}\": 1, \"ne\u{301}\": 2}]")
        defer { try? FileManager.default.removeItem(at: folder) }
        var handedOut = 0
        #expect(throws: AccountLoadError.self) { try PortfolioSource.forEach(path) { _ in handedOut += 1 } }
        #expect(handedOut == 0)
    }
}
