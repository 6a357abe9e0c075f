import Testing

@testable import QBRRender

@Suite struct FileNameTests {
    @Test func idsBecomeSafeFileNames() {
        #expect(FileName.safe("NW-1042") == "NW-1042")
        #expect(FileName.safe("../../etc/passwd") == "_._.._etc_passwd")
        #expect(FileName.safe("/abs/path") == "_abs_path")
        #expect(FileName.safe("a\u{0}b c") == "a_b_c")
        #expect(FileName.safe("") == "account")
        #expect(FileName.safe("..") == "_.")
        #expect(FileName.safe(String(repeating: "x", count: 500)).count == 100)
        #expect(FileName.safe("Café 🧁") == "Caf___")
    }
}
