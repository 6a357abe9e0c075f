import Testing

@testable import QBRCore

/// The one FNV-1a 64 every hash qbr writes goes through.
@Suite struct FNV1aTests {
    @Test func publishedVectors() {
        #expect(FNV1a.hex(FNV1a.hash("")) == "cbf29ce484222325")
        #expect(FNV1a.hex(FNV1a.hash("a")) == "af63dc4c8601ec8c")
        #expect(FNV1a.hex(FNV1a.hash("foobar")) == "85944171f73967e8")
    }

    @Test func mixingPiecesEqualsHashingTheWhole() {
        var hash = FNV1a.offsetBasis
        FNV1a.mix("foo".utf8, into: &hash)
        FNV1a.mix(UInt8(ascii: "b"), into: &hash)
        FNV1a.mix(Array("ar".utf8), into: &hash)
        #expect(hash == FNV1a.hash("foobar"))
        let text = "Café 👋 | שלום"
        #expect(Array(text.utf8).withUnsafeBufferPointer(FNV1a.hash) == FNV1a.hash(text))
    }
}
