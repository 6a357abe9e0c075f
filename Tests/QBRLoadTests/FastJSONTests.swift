import Foundation
import QBRCore
import Testing

@testable import QBRLoad

/// One account file in JSON, read by qbr's own reader, gives the diagnostics libyaml's reading gives.
@Suite struct FastJSONTests {
    /// The diagnostics of `json`, read fast, and of the same text read by libyaml (a YAML comment line in front
    /// makes it YAML; its lines are one lower).
    func both(_ json: String) -> (fast: [String], libyaml: [String]) {
        func describe(_ diagnostics: [Diagnostic], shift: Int) -> [String] {
            diagnostics.map { "\(($0.line ?? 0) - shift):\($0.column ?? 0) \($0.path ?? "") \($0.message)" }
        }
        return (describe(failures(json, name: "a.json"), shift: 0), describe(failures("# yaml\n" + json, name: "a.json"), shift: 1))
    }

    @Test func aBadValueIsAtTheSamePlaceAsLibyamlSaysWithAccentsAndEmojiBeforeIt() {
        let (fast, libyaml) = both(
            "{\"account\": {\"id\": \"A\", \"name\": \"Café 👋🏽\", \"contract\": {\"arr\": \"lots\", \"seats\": -3}},\n \"health\": {\"score\": 140}}")
        #expect(!fast.isEmpty)
        #expect(fast == libyaml)
    }

    @Test func unknownKeysAndEscapesMatchToo() throws {
        let json = "{\"account\": {\"id\": \"A\\u00e9\", \"name\": \"B\\n\\\"q\\\"\", \"colour\": 1}}"
        let fast = try load(json, name: "a.json")
        let viaYAML = try load("# yaml\n" + json, name: "a.json")
        #expect(fast.account.profile.id == "Aé" && fast.account.profile.name == viaYAML.account.profile.name)
        #expect(fast.warnings.map(\.message) == viaYAML.warnings.map(\.message))
        #expect(fast.warnings.map(\.column) == viaYAML.warnings.map(\.column))
    }

    @Test func whatItIsNotSureOfGoesTheUsualWay() {
        // A duplicate key and a syntax error: the messages are libyaml's, with their places.
        #expect(failures("{\"account\": {\"id\": \"A\", \"id\": \"B\"}}", name: "a.json").first?.message.contains("twice") == true)
        #expect(failures("{\"account\": {\"id\": \"A\",}}", name: "a.json").first?.line == 1)
        let leadingZero = [UInt8]("{\"a\": 01}".utf8).withUnsafeBufferPointer { FastJSON.parse($0, limits: .account) }
        #expect(leadingZero == nil)
    }

    /// A repeated key is refused in a small object and in a large one (past the point where the keys seen move
    /// from a list into a set), in the checking pass (ASCII keys) and the building pass (others).
    @Test func aRepeatedKeyIsRefusedInObjectsOfEverySize() {
        func parses(_ keys: [String]) -> Bool {
            let json = "{" + keys.enumerated().map { "\"\($0.element)\": \($0.offset)" }.joined(separator: ", ") + "}"
            return [UInt8](json.utf8).withUnsafeBufferPointer { FastJSON.parse($0, limits: .account) } != nil
        }
        for prefix in ["k", "ké"] {
            let distinct = (0..<40).map { "\(prefix)\($0)" }
            #expect(parses(distinct), "\(prefix)")
            #expect(!parses(Array(distinct.prefix(5)) + ["\(prefix)2"]), "\(prefix)")
            #expect(!parses(Array(distinct.prefix(17)) + ["\(prefix)3"]), "\(prefix)")
            #expect(!parses(distinct + ["\(prefix)39"]), "\(prefix)")
        }
    }
}
