import ArgumentParser
import Foundation
import QBRCore
import QBRLoad
import QBRRender

extension QBR {
    /// `qbr render ACCOUNT`: one account file to one document.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render one account's document (default: the QBR deck).",
            discussion: """
                ACCOUNT is a YAML or JSON file in the schema of the README, or - for standard input. Without \
                --out the document is written to standard output; with --out it is written to \
                DIR/<account-id>.<template>.md and/or .html, each atomically (temporary file, then rename).
                """
        )

        @Argument(help: "Account file (YAML or JSON), or - for standard input.")
        var account: String

        @Option(name: .long, help: "Document template to render.")
        var template: String = "qbr"

        @Option(name: .long, help: "Output format: md, html or both (both needs --out).")
        var format: FormatChoice = .md

        @Option(name: .long, help: ArgumentHelp("Folder to write the files to.", valueName: "dir"))
        var out: String?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Run date (default: today, UTC).", valueName: "YYYY-MM-DD"))
        var asOf: String?

        @Option(name: .long, help: ArgumentHelp("Folder whose *.mustache files override the built-in templates.", valueName: "dir"))
        var templates: String?

        func validate() throws {
            if format == .both && out == nil {
                throw ValidationError("--format both writes two files: give --out DIR")
            }
            if let asOf, Day(iso: asOf) == nil {
                throw ValidationError("--as-of expects a date YYYY-MM-DD that exists, got \"\(asOf)\"")
            }
        }

        func run() throws {
            let asOfDay = asOf.flatMap(Day.init(iso:)) ?? Day.today()
            let loaded: LoadedAccount
            do {
                loaded = try AccountLoader.load(path: account)
            } catch {
                Terminal.report(error.diagnostics)
                throw ExitCode(error.kind == .unreadable ? Sysexits.noInput : Sysexits.dataError)
            }
            Terminal.report(loaded.warnings)

            let library: TemplateLibrary
            do {
                library = try TemplateLibrary(overridesFrom: templates)
            } catch {
                Terminal.error(error.description)
                if case .missingFolder = error { throw ExitCode(Sysexits.noInput) }
                throw ExitCode(templates == nil ? Sysexits.internalError : Sysexits.dataError)
            }

            let document: RenderedDocument
            do {
                document = try RenderedDocument.render(
                    loaded.account, asOf: asOfDay, template: template, formats: format.formats,
                    renderer: DocumentRenderer(templates: library), generator: "qbr \(QBRVersion.current)")
            } catch {
                Terminal.error(error.description)
                if case .unknown = error { throw ExitCode(Sysexits.usage) }
                throw ExitCode(Sysexits.dataError)
            }

            guard let out else {
                // validate() guarantees a single format here.
                let text = format == .html ? document.html ?? "" : document.markdown
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            let base = FileName.safe(loaded.account.profile.id) + "." + template
            var files: [(String, String)] = []
            if format.formats.contains(.markdown) { files.append((base + ".md", document.markdown)) }
            if let html = document.html { files.append((base + ".html", html)) }
            for (name, contents) in files {
                let path = (out as NSString).appendingPathComponent(name)
                do {
                    try AtomicFile.write(contents, to: path)
                } catch {
                    Terminal.error("\(path): cannot write: \(error.localizedDescription)")
                    throw ExitCode(Sysexits.cannotCreate)
                }
                Terminal.info("wrote \(path)")
            }
        }
    }
}

/// `--format` values.
enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
    case md, html, both

    var formats: Set<OutputFormat> {
        switch self {
        case .md: return [.markdown]
        case .html: return [.html]
        case .both: return [.markdown, .html]
        }
    }
}
