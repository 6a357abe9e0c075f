import Foundation
import Testing

@testable import QBRRender

@Suite struct FileNameTests {
    @Test func idsBecomeSafeFileNames() {
        #expect(FileName.safe("NW-1042") == "NW-1042")
        #expect(FileName.safe("../../etc/passwd") == "_._.._etc_passwd")
        #expect(FileName.safe("/abs/path") == "_abs_path")
        #expect(FileName.safe("a\u{0}b c") == "a_b_c")
        #expect(FileName.safe("") == "account")
        #expect(FileName.safe("..") == "__")
        #expect(FileName.safe(".") == "_")
        #expect(FileName.safe(String(repeating: "x", count: 500)).count == 100)
        #expect(FileName.safe("Café 🧁") == "Caf___")
        #expect(FileName.safe("C:\\Windows\\win.ini") == "C__Windows_win.ini")
    }

    /// Ids a CRM export can hold, each of which must give a name that stays inside the output folder.
    static let hostileIDs = [
        "../../etc/passwd", "/etc/passwd", "..", ".", "...", "./", "a/../../b", "..\\..\\x", "C:\\x", "~/x", "$HOME",
        "a\u{0}b", "\u{0}", "\n", " ", "a ", "a.", "a..", "-rf", ".hidden", "CON", "con.txt", "NUL.qbr.md", "Com1",
        "lpt9.x", "aux", "prn.", String(repeating: "../", count: 200), String(repeating: "é", count: 300),
        String(repeating: "x", count: 500), "%2e%2e%2fetc", "a\u{202E}b", "🧁",
    ]

    @Test(arguments: hostileIDs)
    func everyNameIsPortableAndStaysInTheFolder(id: String) {
        let name = FileName.safe(id)
        #expect(!name.isEmpty && name.count <= FileName.maxLength)
        #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }, "\(name)")
        #expect(!name.hasPrefix(".") && !name.hasSuffix("."), "\(name)")
        #expect(!FileName.isReservedOnWindows(name), "\(name)")
        let folder = URL(fileURLWithPath: "/tmp/qbr-out", isDirectory: true)
        let file = folder.appendingPathComponent(name).standardizedFileURL
        #expect(file.deletingLastPathComponent().path == folder.path, "\(name)")
        #expect(file.lastPathComponent == name)
        // The same id always gives the same name.
        #expect(FileName.safe(id) == name)
    }

    @Test func windowsDeviceNamesGetAPrefixWithAnyExtensionInAnyCase() {
        for reserved in ["CON", "con", "Prn", "AUX", "nul", "COM1", "com9", "LPT1", "lpt9", "COM0", "LPT0"] {
            #expect(FileName.safe(reserved) == "_" + reserved)
            #expect(FileName.safe(reserved + ".txt") == "_" + reserved + ".txt")
            #expect(FileName.safe(reserved + ".qbr.md") == "_" + reserved + ".qbr.md")
            #expect(FileName.isReservedOnWindows(reserved + ".qbr.internal.html"))
        }
        // Only the exact device names are reserved.
        for name in ["CONSOLE", "COM10", "LPT", "COMA", "NULL", "xCON", "CON_", "CON-2", "AUXILIARY"] {
            #expect(FileName.safe(name) == name)
        }
        // "con " and "aux." are CON and AUX to Windows; here they become visible names.
        #expect(FileName.safe("con ") == "con_")
        #expect(FileName.safe("aux.") == "aux_")
        #expect(FileName.safe("AUX..") == "_AUX._")
    }

    @Test func trailingDotsAreReplaced() {
        #expect(FileName.safe("abc.") == "abc_")
        #expect(FileName.safe("abc...") == "abc.._")
        #expect(FileName.safe("v1.2") == "v1.2")
        #expect(FileName.safe("a. ") == "a._")
    }

    @Test func longIdsKeepAPrefixAndAHashOfTheWholeId() {
        let exact = String(repeating: "a", count: 100)
        #expect(FileName.safe(exact) == exact)  // 100 characters fit: no hash
        let shared = String(repeating: "p", count: 120)
        let first = FileName.safe(shared + "-first")
        let second = FileName.safe(shared + "-second")
        #expect(first != second)
        #expect(first.count == 100 && second.count == 100)
        #expect(first.hasPrefix(String(repeating: "p", count: 83) + "-"))
        #expect(first == FileName.safe(shared + "-first"))  // stable
        #expect(FileName.safe(String(repeating: "b", count: 101)).count == 100)
        #expect(FileName.safe(String(repeating: "b", count: 101)) != FileName.safe(String(repeating: "b", count: 102)))
        // Ids that only differ in characters that become `_` still differ once hashed.
        #expect(FileName.safe(shared + "/") != FileName.safe(shared + "_"))
        // The hash is FNV-1a 64 of the id's UTF-8, as in the manifest: "a" → af63dc4c8601ec8c.
        #expect(FileName.hash("a") == "af63dc4c8601ec8c")
        #expect(FileName.hash("") == "cbf29ce484222325")
    }
}
