import Testing

@testable import QBRTemplate

/// Names found by index: a guessed index is only taken when it is the name's first declaration.
@Suite struct ShapeTests {
    static let shape = ObjectShape("Thing", [Field("a", .text), Field("b", .text), Field("a", .text), Field("c", .text)])

    @Test func aRightGuessAndAWrongGuessFindTheSameIndex() {
        #expect(Self.shape.index(of: "b", guess: 1) == 1)
        #expect(Self.shape.index(of: "b", guess: 3) == 1)
        #expect(Self.shape.index(of: "c", guess: 99) == 3)
        #expect(Self.shape.index(of: "zz", guess: 0) == nil)
    }

    @Test func aGuessAtALaterDuplicateFindsTheFirstDeclaration() {
        #expect(Self.shape.index(of: "a", guess: 2) == 0)
    }

    @Test func namesSetInAnyOrderLandInTheirFields() {
        let record = Record(Self.shape) {
            $0["c"] = .text("C")
            $0["a"] = .text("A")
            $0["b"] = .text("B")
            $0["a"] = .text("A2")
        }
        let texts = record.fields.map { value -> String in
            if case .text(let text) = value { return text }
            return "-"
        }
        #expect(texts == ["A2", "B", "-", "C"])
    }
}
