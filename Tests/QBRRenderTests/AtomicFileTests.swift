import Foundation
import Testing

@testable import QBRRender

/// Issue 4: a writer interrupted between the temporary file and the rename leaves the old file intact.
@Suite struct AtomicFileTests {
    struct Interrupted: Error {}

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func entries(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func interruptedBeforeTheRenameLeavesTheOldFileAndNoTemporaryFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("qbr.md").path
        let old = Data("old deck\n\u{0}\u{FF}".utf8)
        try old.write(to: URL(fileURLWithPath: path))
        var seenTemporary: String?
        #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.write(String(repeating: "new deck ", count: 10_000), to: path) { temporary in
                seenTemporary = temporary
                throw Interrupted()
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == old)
        #expect(try entries(dir) == ["qbr.md"])
        #expect(seenTemporary.map { !FileManager.default.fileExists(atPath: $0) } == true)
    }

    /// The state a hard kill (SIGKILL, power loss of the process) leaves when it lands just before the
    /// rename: the old file byte for byte, and the new contents only in a hidden `.NAME.….tmp` file.
    @Test func aKillJustBeforeTheRenameLeavesTheOldFileAndOnlyAHiddenTemporaryFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("summary.html").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let new = "<!doctype html>" + String(repeating: "é", count: 50_000)
        var checked = false
        try AtomicFile.write(new, to: path) { temporary in
            let names = try entries(dir)
            #expect(names.count == 2 && names.contains("summary.html"))
            let hidden = names.filter { $0 != "summary.html" }
            #expect(hidden.allSatisfy { $0.hasPrefix(".summary.html.") && $0.hasSuffix(".tmp") }, "\(hidden)")
            #expect((temporary as NSString).lastPathComponent == hidden.first)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
            // The temporary file is already complete and flushed.
            #expect(try Data(contentsOf: URL(fileURLWithPath: temporary)) == Data(new.utf8))
            checked = true
        }
        #expect(checked)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == new)
        #expect(try entries(dir) == ["summary.html"])
    }

    @Test func aSuccessfulWriteReplacesTheFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("index.md").path
        try AtomicFile.write("first", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        try AtomicFile.write("second, longer than the first", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second, longer than the first")
        try AtomicFile.write("", to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        #expect(try entries(dir) == ["index.md"])
    }

    @Test func writingIntoAMissingFolderCreatesIt() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("accounts/NW-1042/deep/qbr.md").path
        try AtomicFile.write("deck", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "deck")
        #expect(try entries(dir.appendingPathComponent("accounts/NW-1042/deep")) == ["qbr.md"])
    }

    @Test func aFolderThatIsAFileGivesAClearError() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("accounts")
        try "not a folder".write(to: blocker, atomically: false, encoding: .utf8)
        let path = blocker.appendingPathComponent("NW/qbr.md").path
        do throws(AtomicFile.WriteError) {
            try AtomicFile.write("deck", to: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.path == path)
            #expect(error.description.hasPrefix("\(path): cannot write: cannot create the folder"), "\(error)")
            #expect(error.localizedDescription.contains(blocker.path), "\(error.localizedDescription)")
        }
        #expect(try String(contentsOf: blocker, encoding: .utf8) == "not a folder")
    }

    @Test func aDestinationThatIsAFolderGivesAClearErrorAndLeavesNothing() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("qbr.md")
        try FileManager.default.createDirectory(
            at: path.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("deck", to: path.path) }
        #expect(try entries(dir) == ["qbr.md"])
        #expect(try entries(path) == ["inside"])
    }

    /// Root may write anywhere, so the permission case only runs for other users.
    @Test(.enabled(if: geteuid() != 0, "root ignores folder permissions"))
    func anUnwritableFolderGivesAClearError() throws {
        let dir = try folder()
        defer {
            chmod(dir.path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        let path = dir.appendingPathComponent("qbr.md").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(dir.path, 0o555)
        do throws(AtomicFile.WriteError) {
            try AtomicFile.write("new", to: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path): cannot write: Permission denied (folder \(dir.path))")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    /// For root: a folder on a read-only file system refuses every user.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self")))
    func aFolderNoOneMayWriteGivesAClearError() throws {
        let path = "/proc/self/qbr-\(UUID().uuidString).md"
        do throws(AtomicFile.WriteError) {
            try AtomicFile.write("deck", to: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("\(path): cannot write: "), "\(error)")
            #expect(error.description.contains("(folder /proc/self)"), "\(error)")
        }
    }

    @Test func manyWritersOfOneFileLeaveOneCompleteVersion() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("manifest.json").path
        let versions = (0..<16).map { String(repeating: "\($0 % 10)", count: 20_000 + $0) }
        await withTaskGroup(of: Void.self) { group in
            for version in versions { group.addTask { try? AtomicFile.write(version, to: path) } }
        }
        #expect(versions.contains(try String(contentsOfFile: path, encoding: .utf8)))
        #expect(try entries(dir) == ["manifest.json"])
    }
}
