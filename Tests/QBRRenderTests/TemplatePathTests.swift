import Foundation
import QBRCore
import Testing

@testable import QBRRender

/// Issue 7, paths: partials and parent templates resolve only inside the template folders. A name in
/// `{{> name}}` or `{{< name}}` is looked up among the templates read at start (the built-ins and the files
/// under `--templates DIR`), never opened as a path, so `../../etc/passwd` is just a name that does not exist:
/// it renders nothing and `qbr lint` reports it.
@Suite struct TemplatePathTests {
    static let escapes = [
        "../../etc/passwd", "/etc/passwd", "partials/../../x", "partials/../../../../../../etc/passwd",
        "../outside.md", "..\\outside.md", "./qbr.md", "partials//title.md", "~/outside.md", "file:///etc/passwd",
        "%2e%2e/outside.md",
    ]

    /// A folder holding `outside.md.mustache` (which no template may reach) and the team folder `team/`.
    func workspace() throws -> (root: URL, team: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-paths-\(UUID().uuidString)")
        let team = root.appendingPathComponent("team")
        try FileManager.default.createDirectory(at: team, withIntermediateDirectories: true)
        try "OUTSIDE-SECRET".write(
            to: root.appendingPathComponent("outside.md.mustache"), atomically: true, encoding: .utf8)
        return (root, team)
    }

    /// Renders `probe.md.mustache`: a name that is not a Mustache name is a syntax error naming the file;
    /// any other is looked up, not found, renders nothing, and `qbr lint` says it does not exist.
    func probe(_ template: String, lintSays message: String) throws {
        let (root, team) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try template.write(to: team.appendingPathComponent("probe.md.mustache"), atomically: true, encoding: .utf8)
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(overridesFrom: team.path)
        } catch {
            guard case .syntax(let file, let line, _, _, _) = error else { throw error }
            #expect(file == team.appendingPathComponent("probe.md.mustache").path && line == 1)
            return
        }
        let markdown = try DocumentRenderer(templates: library).markdown(context: .dynamic([String: Any]()), template: "probe")
        #expect(!markdown.contains("OUTSIDE-SECRET") && !markdown.contains("root:"), "\(markdown)")
        let lint = Linter.run(templates: team.path, playbooks: nil).diagnostics.map(\.description)
        #expect(lint.contains { $0.contains("probe.md.mustache:1:") && $0.contains(message) }, "\(lint)")
    }

    @Test(arguments: escapes)
    func aPartialNameIsNeverAPath(name: String) throws {
        try probe("before {{> \(name)}} after\n", lintSays: "no template named `\(name)`")
    }

    @Test(arguments: escapes)
    func aParentNameIsNeverAPath(name: String) throws {
        try probe(
            "{{<\(name)}}{{$block}}mine{{/block}}{{/\(name)}}\n", lintSays: "no template named `\(name)`"
        )
    }

    /// The names that are valid Mustache names are looked up (and not found), not refused: the check above
    /// really reaches the lookup for them.
    @Test func pathLikeNamesReachTheLookup() throws {
        let (root, team) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try "{{> ../../etc/passwd}}{{> /etc/passwd}}{{> partials/../../x}}".write(
            to: team.appendingPathComponent("probe.md.mustache"), atomically: true, encoding: .utf8)
        let library = try TemplateLibrary(overridesFrom: team.path)
        #expect(try DocumentRenderer(templates: library).markdown(context: .dynamic([String: Any]()), template: "probe") == "\n")
        let lint = Linter.run(templates: team.path, playbooks: nil).diagnostics.filter {
            $0.message.contains("no template named")
        }
        #expect(lint.count == 3)
    }

    /// A NUL in a partial name is refused as a syntax error or stays a name that does not exist.
    @Test func aPartialNameWithNULIsNotAPath() throws {
        let (root, team) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try "a {{> ../outside.md\u{0}x}} b\n".write(
            to: team.appendingPathComponent("probe.md.mustache"), atomically: true, encoding: .utf8)
        do {
            let renderer = DocumentRenderer(templates: try TemplateLibrary(overridesFrom: team.path))
            let markdown = try renderer.markdown(context: .dynamic([String: Any]()), template: "probe")
            #expect(!markdown.contains("OUTSIDE-SECRET"))
            #expect(markdown.hasPrefix("a ") && markdown.hasSuffix(" b\n"))
        } catch {
            #expect(error.description.contains("probe.md.mustache"), "\(error)")
        }
    }

    /// Only files under the folder become templates, under their path relative to it; the team's names
    /// shadow the built-ins of the same name and nothing else.
    @Test func onlyFilesInsideTheFolderBecomeTemplates() throws {
        let (root, team) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: team.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try "TEAM-TITLE".write(
            to: team.appendingPathComponent("partials/title.md.mustache"), atomically: true, encoding: .utf8)
        try "{{> partials/title.md}} {{> outside.md}} {{> ../outside.md}}".write(
            to: team.appendingPathComponent("probe.md.mustache"), atomically: true, encoding: .utf8)
        let library = try TemplateLibrary(overridesFrom: team.path)
        #expect(!library.set.contains("outside.md") && !library.set.contains("../outside.md"))
        #expect(library.origins["partials/title.md"] == team.appendingPathComponent("partials/title.md.mustache").path)
        #expect(library.origins.keys.allSatisfy { !$0.hasPrefix("/") && !$0.contains("..") }, "\(library.origins.keys)")
        let markdown = try DocumentRenderer(templates: library).markdown(context: .dynamic([String: Any]()), template: "probe")
        #expect(markdown.trimmingCharacters(in: .whitespacesAndNewlines) == "TEAM-TITLE")
    }

    /// A symbolic link in the team folder that points outside it is not followed: a linked folder is not
    /// entered, and a linked file is refused with an error naming it.
    @Test func symbolicLinksOutOfTheFolderAreNotFollowed() throws {
        let (root, team) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(at: team.appendingPathComponent("linked"), withDestinationURL: root)
        try "[{{> linked/outside.md}}]".write(
            to: team.appendingPathComponent("probe.md.mustache"), atomically: true, encoding: .utf8)
        let library = try TemplateLibrary(overridesFrom: team.path)
        #expect(!library.set.contains("linked/outside.md"))
        #expect(try DocumentRenderer(templates: library).markdown(context: .dynamic([String: Any]()), template: "probe") == "[]\n")

        let link = team.appendingPathComponent("secret.md.mustache")
        try FileManager.default.createSymbolicLink(
            at: link, withDestinationURL: root.appendingPathComponent("outside.md.mustache"))
        do {
            _ = try TemplateLibrary(overridesFrom: team.path)
            Issue.record("a link out of the folder was read")
        } catch {
            #expect(error.description.hasPrefix("\(link.path): error: links to "), "\(error)")
            #expect(error.description.contains("outside the template folder"))
        }
        let lint = Linter.run(templates: team.path, playbooks: nil).diagnostics.map(\.description)
        #expect(lint.contains { $0.contains("outside the template folder") }, "\(lint)")
    }

    /// A link to another file inside the folder is fine.
    @Test func symbolicLinksInsideTheFolderAreRead() throws {
        let (root, team) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try "SHARED".write(to: team.appendingPathComponent("shared.md.mustache"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: team.appendingPathComponent("alias.md.mustache"),
            withDestinationURL: team.appendingPathComponent("shared.md.mustache"))
        let library = try TemplateLibrary(overridesFrom: team.path)
        #expect(try DocumentRenderer(templates: library).markdown(context: .dynamic([String: Any]()), template: "alias") == "SHARED\n")
    }

    /// Document names given on the command line (`--template NAME`) are looked up the same way.
    @Test(arguments: ["../outside", "/etc/passwd", "../../etc/passwd", "partials/../qbr"])
    func aDocumentNameIsNeverAPath(name: String) throws {
        let (root, team) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let renderer = DocumentRenderer(templates: try TemplateLibrary(overridesFrom: team.path))
        #expect(throws: TemplateError.self) { try renderer.markdown(context: .dynamic([String: Any]()), template: name) }
    }
}
