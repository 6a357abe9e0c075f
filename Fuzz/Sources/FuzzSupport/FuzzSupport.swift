import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRRender

#if canImport(Glibc)
    import Glibc
#endif

/// What every fuzz target shares: the input as bytes or text, the bundled example accounts, one renderer
/// with the built-in templates and playbooks, a scratch folder in RAM, and seed writing.
public enum Fuzz {
    /// The repository root (this file is `Fuzz/Sources/FuzzSupport/FuzzSupport.swift`).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The date every render uses, the one of `scripts/render-examples.sh`.
    public static let asOf: Day = {
        guard let day = Day(iso: "2026-10-15") else { fatalError("bad date") }
        return day
    }()

    /// The libFuzzer input as `Data` (copied: the buffer is only valid during the call).
    public static func data(_ start: UnsafeRawPointer, _ count: Int) -> Data {
        Data(bytes: start, count: count)
    }

    /// The libFuzzer input as text: invalid UTF-8 is repaired (U+FFFD), as `String(decoding:)` does.
    public static func text(_ start: UnsafeRawPointer, _ count: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// The bundled example accounts (`examples/*.yaml`, `examples/*.json`), loaded once.
    public static let examples: [Account] = {
        let folder = root.appendingPathComponent("examples")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        let accounts = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.compactMap {
            try? AccountLoader.load(path: folder.appendingPathComponent($0).path).account
        }
        Fuzz.expect(!accounts.isEmpty, "no example accounts under \(folder.path)")
        return accounts
    }()

    /// The richest example (Northwind), for targets that vary the template rather than the account.
    public static let northwind: Account = {
        let path = root.appendingPathComponent("examples/northwind.yaml").path
        guard let account = try? AccountLoader.load(path: path).account else { fatalError("no \(path)") }
        return account
    }()

    /// The built-in playbooks and flags, parsed once.
    public static let playbooks: PlaybookLibrary = {
        guard let library = try? PlaybookLibrary.builtIn() else { fatalError("built-in playbooks") }
        return library
    }()

    /// The renderer of `qbr render` with no team folder: built-in templates and playbooks.
    public static let renderer: DocumentRenderer = {
        guard let templates = try? TemplateLibrary.builtIn() else { fatalError("built-in templates") }
        return DocumentRenderer(templates: templates, playbooks: playbooks)
    }()

    /// A folder of this process in RAM (`/dev/shm` when it exists), for APIs that read files.
    public static let scratch: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = (base as NSString).appendingPathComponent("qbr-fuzz-\(getpid())")
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: Fuzz.scratch) }
        return path
    }()

    /// Writes `data` to `name` in the scratch folder and returns its path.
    public static func file(_ name: String, _ data: Data) -> String {
        let path = (scratch as NSString).appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: path, contents: data)
        return path
    }

    /// Every document of every edition of `account`: the review templates in Markdown and HTML, and the
    /// checklist of each triggered playbook. Template errors cannot come from account data: they trap.
    public static func renderEverything(_ account: Account) {
        for edition in [Edition.customer, .internal] {
            let model = ReviewViewModel(
                account: account, asOf: asOf, edition: edition, playbooks: playbooks, mermaid: edition == .internal)
            for template in ["qbr", "ebr", "summary"] {
                do {
                    let document = try RenderedDocument.render(
                        model: model, template: template, formats: [.markdown, .html], renderer: renderer)
                    Fuzz.expect(document.html != nil, "no HTML")
                } catch {
                    fatalError("built-in template \(template) failed: \(error)")
                }
            }
            if edition == .internal {
                do {
                    _ = try renderer.checklists(model: model, existing: [], formats: [.html]) { _ in nil }
                } catch {
                    fatalError("checklist failed: \(error)")
                }
            }
        }
    }

    /// With `QBR_FUZZ_SEEDS=DIR` in the environment, calls `write` with that folder (created) and exits:
    /// how `scripts/fuzz.sh` gets the seeds made with qbr's own code (rule texts of the built-in playbooks,
    /// sample CSV rows, JSON editions of the examples). Otherwise does nothing.
    public static func seedsIfAsked(_ write: (URL) throws -> Void) {
        guard let folder = ProcessInfo.processInfo.environment["QBR_FUZZ_SEEDS"], !folder.isEmpty else { return }
        let url = URL(fileURLWithPath: folder)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try write(url)
        } catch {
            FileHandle.standardError.write(Data("cannot write seeds to \(folder): \(error)\n".utf8))
            exit(1)
        }
        // _exit: no leak report at exit. LeakSanitizer cannot follow pointers that Swift tags with an enum
        // case in their spare bits (the boxes of `indirect enum` rule expressions held by the playbooks),
        // so a whole-process check at exit reports them; libFuzzer's per-input check is what finds leaks.
        _exit(0)
    }

    /// Writes `text` as the seed file `name` in `folder`.
    public static func seed(_ folder: URL, _ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
}

extension Fuzz {
    /// Traps with `message` when `condition` fails; unlike `precondition`, the message survives `-O`.
    public static func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError(message()) }
    }
}
