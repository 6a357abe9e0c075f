import Foundation
import Testing
import Yams

@testable import QBRLoad

/// Numbers read from their text: the fast reading of plain numbers gives Foundation's value to the byte.
@Suite struct MappingReaderTests {
    static func bytes(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    static func foundation(_ text: String) -> Decimal? { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }

    @Test func plainNumbersReadAsFoundationReadsThem() {
        var texts = [
            "0", "12", "12.50", "007", "100", "1000000", "123456789012345678", "999999999999999999", "-3.25", "+4",
            "0.1", "1.", ".5", "120000", "4500.00", "99.990", "000123.4500", "-120", "-0.001",
        ]
        // Deterministic pseudo-random numbers of every size, with and without decimals.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 11) % bound
        }
        for _ in 0..<20_000 {
            var text = next(3) == 0 ? "-" : ""
            text += String(next([10, 1_000, 1_000_000, 1_000_000_000_000, 100_000_000_000_000_000][Int(next(5))]))
            if next(2) == 0 { text += "." + String(repeating: "0", count: Int(next(3))) + String(next(10_000)) }
            texts.append(text)
        }
        var compared = 0
        for text in texts {
            guard let fast = NumberText.plain(text) else { continue }
            compared += 1
            #expect(Self.foundation(text).map(Self.bytes) == Self.bytes(fast), "\(text)")
        }
        #expect(compared > 15_000)
    }

    @Test func everythingElseGoesTheSlowWayWithTheSameResult() {
        // Not plain: exponents, zero with decimals, more than 18 digits, signs inside, two points.
        for text in ["1e3", "2.5E-2", "0.00", "-0.0", "1234567890123456789", "1-2", "1.2.3", "+", ".", "", "١٢"] {
            #expect(NumberText.plain(text) == nil, "\(text)")
        }
        #expect(NumberText.parse("1e3") == 1000)
        #expect(NumberText.parse("0.00").map(Self.bytes) == Self.foundation("0.00").map(Self.bytes))
        #expect(NumberText.parse("1234567890123456789") == Self.foundation("1234567890123456789"))
        #expect(NumberText.parse(" 42 ") == 42)
        #expect(NumberText.parse("1.2.3") == nil)
        #expect(NumberText.parse("12abc") == nil)
    }

    @Test func aRepeatedKeyReadsItsLastValue() throws {
        // JSON allows a repeated key; the last one wins, as in a dictionary.
        let node = Node.mapping(Node.Mapping([(Node("a"), Node("1")), (Node("b"), Node("2")), (Node("a"), Node("3"))]))
        let session = ReadSession(file: "t.json")
        let reader = try #require(MappingReader(node, path: .root, known: ["a", "b"], session: session))
        #expect(reader.decimal("a") == 3)
        #expect(reader.decimal("b") == 2)
        #expect(reader.value("c") == nil)
    }
}
