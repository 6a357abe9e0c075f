import Foundation
import QBRCore
import Testing
import Yams

@testable import QBRLoad

/// One test per limit of `InputLimits`: the largest input within it loads, the smallest beyond it is refused
/// with where and why. Inputs are generated here and kept small (sparse files stand in for huge ones);
/// `scripts/check-limits.sh` runs the real sizes against a release build.
@Suite struct InputLimitsTests {
    let account = "account: {id: A, name: B}\n"

    func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("qbr-limits-\(UUID().uuidString)-\(name)")
    }

    /// A file of `size` bytes that takes no disk space and no time to write.
    func sparseFile(size: Int, name: String) throws -> URL {
        let url = temporaryFile(name)
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("account: {id: A, name: B}\n".utf8)))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return url
    }

    @Test func anAccountFileOverTheLimitIsRefusedBeforeItIsRead() throws {
        let url = try sparseFile(size: InputLimits.maxAccountFileBytes + 1, name: "big.yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try AccountLoader.load(path: url.path)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.kind == .invalid)
            #expect(
                error.description
                    == "\(url.path): error: is 16,777,217 bytes (16.0 MiB): an account file may be at most 16 MiB")
        }
    }

    @Test func anEndlessStreamStopsAtTheLimit() throws {
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { return }
        do {
            _ = try AccountLoader.load(path: "/dev/zero")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description == "/dev/zero: error: is larger than 16 MiB: an account file may be at most 16 MiB")
        }
    }

    @Test func aPortfolioFileOverItsLimitPointsToTheStreamingSources() throws {
        let url = try sparseFile(size: InputLimits.maxPortfolioFileBytes + 1, name: "book.yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try InputFile.read(url.path, limit: InputLimits.maxPortfolioFileBytes, what: "a YAML/JSON portfolio file")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description.contains("a YAML/JSON portfolio file may be at most 64 MiB"))
            #expect(error.description.contains("CSV export, a folder of account files or SQLite"))
        }
    }

    @Test func valuesBeyondTheBudgetAreRefusedWhereTheyCrossIt() throws {
        // Lists of 999 zeros (1,000 values each, the list counted): 99 of them fit, 101 do not.
        let inner = "[" + Array(repeating: "0", count: 999).joined(separator: ",") + "]"
        func lists(_ count: Int) -> String { account + "x: [" + Array(repeating: inner, count: count).joined(separator: ",") + "]\n" }
        #expect(try load(lists(99)).warnings.map(\.path) == ["x"])
        let errors = failures(lists(101))
        #expect(errors.count == 1)
        #expect(errors.first?.line == 2 && errors.first?.path == "x[99][990]")
        #expect(errors.first?.message.hasPrefix("the account holds more than 100,000 values") == true)
    }

    @Test func textMadeByAliasesBeyondTheBudgetIsRefused() throws {
        let summary = String(repeating: "value ", count: 10_000)
        let asks = Array(repeating: "*s", count: 300).joined(separator: ", ")
        let errors = failures(account + "narrative: {executive_summary: &s \"\(summary)\", asks: [\(asks)]}\n")
        #expect(errors.count == 1 && errors.first?.path == "narrative.asks[278]")
        #expect(errors.first?.message == "YAML aliases make the text of the account more than 16 MiB: refused as an alias bomb")
    }

    @Test func anAliasBombAsAMappingKeyIsRefusedInsteadOfHashed() {
        // Without the guard Yams hashes the key, 10^7 values, before anything else happens.
        var yaml = account + "l0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 {
            yaml += "l\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let clock = ContinuousClock()
        var errors: [Diagnostic] = []
        let elapsed = clock.measure { errors = failures(yaml + "k: {? *a7 : 1}\n") }
        #expect(errors.first?.message.hasSuffix("refused as an alias bomb") == true)
        #expect(elapsed < .seconds(2))
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        func nested(_ depth: Int) -> String {
            // The root mapping is level 1 and `x`'s list level 2: depth - 1 lists in all.
            account + "x: " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "\n"
        }
        #expect(try load(nested(InputLimits.maxNestingDepth)).account.profile.id == "A")
        let errors = failures(nested(InputLimits.maxNestingDepth + 1))
        #expect(errors.count == 1 && errors.first?.line == 2 && errors.first?.column == 67)
        #expect(errors.first?.message.hasPrefix("is nested more than 64 levels deep") == true)
        // Far deeper than libyaml's own limit (1,000): the same message.
        let deepest = failures(nested(5_000))
        #expect(deepest.first?.message.hasPrefix("is nested more than 64 levels deep") == true)
    }

    @Test func aTextFieldOverTheLimitIsRefusedAtItsPath() throws {
        let fits = String(repeating: "n", count: InputLimits.maxTextBytes)
        #expect(try load(account + "notes: \(fits)\n").account.notes?.utf8.count == InputLimits.maxTextBytes)
        // Multi-byte characters count by their UTF-8 bytes: 21,846 × 3 bytes = 65,538.
        let errors = failures(account + "notes: \(String(repeating: "€", count: 21_846))\n")
        #expect(errors.count == 1 && errors.first?.path == "notes" && errors.first?.line == 2)
        #expect(errors.first?.message == "is 65,538 bytes of text: one text field may hold at most 64 KiB")
    }

    @Test func aTenMegabyteNoteIsRefusedNotCut() {
        let note = String(repeating: "lorem ipsum ", count: 873_814)
        let errors = failures(account + "notes: \"\(note)\"\n")
        #expect(errors.map(\.path) == ["notes"])
        #expect(errors.first?.message.hasPrefix("is 10,485,768 bytes (10.0 MiB) of text") == true)
    }

    @Test func listsOverTheLimitAreRefusedWithoutReadingTheirItems() throws {
        func outcomes(_ count: Int) -> String {
            account + "outcomes:\n" + (0..<count).map { "  - {name: Outcome \($0), target: x}\n" }.joined()
        }
        // 1,000 bad items: each read and reported (the first 50 shown).
        #expect(failures(outcomes(InputLimits.maxListItems)).count == AccountLoader.maxDiagnostics + 1)
        // Refused on the parser's events at the 1,001st item (line 1,003), whatever the list.
        for count in [InputLimits.maxListItems + 1, 10_000] {
            let errors = failures(outcomes(count))
            #expect(errors.count == 1)
            #expect(errors.first?.path == "outcomes" && errors.first?.line == 1_003)
            #expect(errors.first?.message == "has more than 1,000 items: a list may hold at most 1,000")
        }
        let months = Array(repeating: "5", count: 1_001).joined(separator: ", ")
        #expect(failures(account + "usage: {monthly_active_users: [\(months)]}").first?.path == "usage.monthly_active_users")
        let keys = (0...1_000).map { "f\($0): 0.5" }.joined(separator: ", ")
        #expect(failures(account + "usage: {feature_adoption: {\(keys)}}").first?.message == "has more than 1,000 keys: a mapping may hold at most 1,000")
        // A tree built in code (a CSV or SQLite row) meets the same limit in the reader.
        let items = (0...1_000).map { Node.mapping(.init([(Node("name"), Node("Outcome \($0)"))])) }
        let tree = Node.mapping(
            .init([
                (Node("account"), Node.mapping(.init([(Node("id"), Node("A")), (Node("name"), Node("B"))]))),
                (Node("outcomes"), Node.sequence(.init(items))),
            ]))
        #expect(throws: AccountLoadError.self) { try AccountLoader.load(node: tree, name: "row 2") }
        do {
            _ = try AccountLoader.load(node: tree, name: "row 2")
        } catch {
            #expect("\(error)" == "row 2: error: outcomes: has 1,001 items: a list may hold at most 1,000")
        }
    }

    @Test func numbersBeyondTenToTheEighteenAreRefused() throws {
        let largest = try load(account + "revenue: {starting_arr: 1000000000000000000}").account
        #expect(largest.revenue?.startingARR == InputLimits.maxNumberMagnitude)
        for text in ["1000000000000000001", "1e19", "-2e18", "1e400", "9223372036854775808"] {
            let errors = failures(account + "outcomes: [{name: X, baseline: \(text)}]")
            #expect(errors.first?.path == "outcomes[0].baseline", "\(text)")
            #expect(errors.first?.message.contains("is too large: numbers may be at most 10^18") == true, "\(text)")
        }
        #expect(failures(account + "account2: 1\nsignals: {open_escalations: 1e19}").first?.message.contains("too large") == true)
    }

    @Test func controlCharactersInTextAreRefused() {
        let errors = failures(account + "narrative: {asks: [\"fine\", \"bell\\u0007\"], misses: \"tab\\tand\\nnewline are fine\"}")
        #expect(errors.count == 1 && errors.first?.path == "narrative.asks[1]")
        #expect(errors.first?.message == "holds the control character U+0007 (character 5): text may not contain control characters")
    }

    @Test func aPortfolioIsHeldToTheAccountBudgetPerItemAndItsOwnInTotal() throws {
        var limits = YAMLLimits.portfolio
        limits.total.values = 50
        limits.item?.values = 20
        let item = "- {account: {id: A, name: B}, extra: [1, 2, 3]}\n"  // 10 values
        #expect(YAMLGuard.check(String(repeating: item, count: 4), file: "p.yaml", limits: limits) == nil)
        let total = YAMLGuard.check(String(repeating: item, count: 6), file: "p.yaml", limits: limits)
        #expect(total?.line == 5 && total?.message.hasPrefix("the portfolio holds more than 50 values") == true)
        let big = item + "- {account: {id: C, name: D}, extra: [" + Array(repeating: "1", count: 20).joined(separator: ",") + "]}\n"
        let perItem = YAMLGuard.check(big, file: "p.yaml", limits: limits)
        #expect(perItem?.line == 2 && perItem?.path == "[1].extra[11]")
        #expect(perItem?.message.hasPrefix("this account (item [1] of the list) holds more than 20 values") == true)
    }

    @Test func theGuardFindsASecondKeyWhereItIs() {
        // The composer would name the first "c"; the guard names the repeat, with its path.
        let problem = YAMLGuard.check("a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\n", file: "k.yaml", limits: .account)
        #expect(problem?.line == 5 && problem?.column == 3 && problem?.path == "b.c")
        #expect(problem?.message == "key \"c\" appears twice in one mapping (first on line 3)")
        // A quoted "1" and a plain 1 are different keys (a string and a number).
        #expect(YAMLGuard.check("1: a\n\"1\": b\n", file: "k.yaml", limits: .account) == nil)
    }

    @Test func limitsAreDescribedInWords() {
        #expect(InputLimits.bytes(16 << 20) == "16 MiB" && InputLimits.bytes(64 << 10) == "64 KiB")
        #expect(InputLimits.bytes(1_000) == "1,000 bytes")
        #expect(InputLimits.size(209_715_200) == "209,715,200 bytes (200.0 MiB)")
        #expect(InputLimits.grouped(-1_234_567) == "-1,234,567")
    }

    @Test func invalidUTF8IsLocatedByLineAndCharacter() {
        let bytes = Data("a: 1\nname: Café ".utf8) + Data([0xC3, 0x28])
        let problem = InputFile.firstInvalidUTF8(bytes)
        #expect(problem?.line == 2 && problem?.column == 12 && problem?.byte == 0xC3)
        #expect(InputFile.firstInvalidUTF8(Data("ok ✓ 𝄞\n".utf8)) == nil)
        #expect(InputFile.firstInvalidUTF8(Data([0xED, 0xA0, 0x80]))?.byte == 0xED)  // a UTF-16 surrogate
        #expect(InputFile.firstInvalidUTF8(Data([0xC0, 0xAF]))?.byte == 0xC0)  // an overlong "/"
    }
}
