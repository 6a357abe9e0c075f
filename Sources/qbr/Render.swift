import ArgumentParser
import Foundation
import QBRCore
import QBRPlaybooks
import QBRPowerPoint
import QBRRender

extension QBR {
    /// `qbr render ACCOUNT`: one account file to its QBR deck or its playbook checklists.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render one account's document: the QBR deck (default) or its playbook checklists.",
            discussion: """
                ACCOUNT is a YAML or JSON file in the schema of the README, or - for standard input. Without \
                --out the document is written to standard output; with --out it is written to \
                DIR/<account-id>.<template>.md, .html and/or .pptx (…<template>.<edition>.md when --edition is not \
                the template's default), each atomically (temporary file, then rename). --format pptx writes a \
                native PowerPoint deck (qbr and ebr): real text, tables, editable charts and speaker notes, on the \
                master and layouts of pptx_template in qbr.yaml, or on qbr's own 16:9 master in its colours and logo. \
                --template playbook writes one checklist per triggered playbook, \
                DIR/<account-id>.playbook-<playbook-id>.md, keeping the ticks, hand-added tasks and notes of \
                the file already there.
                """
        )

        @Argument(help: "Account file (YAML or JSON), or - for standard input.")
        var account: String

        @Option(name: .long, help: "Document to render: qbr, ebr, summary, or playbook for the checklists.")
        var template: String = "qbr"

        @Option(
            name: .long,
            help:
                "customer (default for qbr and ebr) leaves out internal matter; internal (default otherwise) shows it all."
        )
        var edition: Edition?

        @Option(
            name: .customLong("md-charts"),
            help: "Charts in the Markdown: tables (default) or mermaid (Mermaid charts plus their tables).")
        var mdCharts: MarkdownCharts = .tables

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Output format: md, html, pptx, or a comma list (md,html,pptx); both is md,html. More than one, or pptx, needs --out.",
                valueName: "format"))
        var format: FormatChoice = .md

        @Option(name: .long, help: ArgumentHelp("Folder to write the files to.", valueName: "dir"))
        var out: String?

        @Flag(
            name: .long,
            help:
                "Keep the speaker notes in the customer edition's Markdown (the HTML deck always has them for the presenter).")
        var notes = false

        @Flag(
            name: .long,
            help:
                "Fail (exit 65) when a template variable has no value for the account, naming the template, line and variable, instead of leaving it blank."
        )
        var strict = false

        @OptionGroup var options: RunOptions

        func validate() throws {
            if format.single == nil && out == nil {
                throw ValidationError(
                    format.formats.contains(.pptx)
                        ? "--format pptx writes a PowerPoint file: give --out DIR"
                        : "--format \(format.text) writes two files: give --out DIR")
            }
            if format.formats.contains(.pptx) && (template == "summary" || template == "playbook") {
                throw ValidationError("--format pptx is for the decks (qbr, ebr); \(template) is a page: use md or html")
            }
        }

        func run() throws {
            let (account, renderer) = try options.accountAndRenderer(self.account)
            if template == "playbook" {
                try renderChecklists(account, renderer: renderer)
                return
            }
            let kind = DocumentKind(template)
            // The PowerPoint design is read before anything is rendered: a bad template stops the run first.
            let powerPoint = format.formats.contains(.pptx) ? try options.powerPointWriter(renderer) : nil
            var job = AccountJob(
                account: account, asOf: options.day, renderer: renderer, formats: format.formats,
                mermaid: mdCharts == .mermaid, notes: notes)
            let outputs: [AccountJob.Output]
            do {
                outputs = try job.review(kind, edition: edition, strict: strict)
            } catch {
                Terminal.error(error.description)
                if case .unknown = error { throw ExitCode(Sysexits.usage) }
                throw ExitCode(Sysexits.dataError)
            }
            guard let out else {
                // validate() guarantees a single format here.
                write(outputs.first?.contents ?? "")
                return
            }
            // Files are named by account: the edition is named only when it is not the document's default.
            let prefix = FileName.safe(account.profile.id) + "."
            var files: [(String, [UInt8])] = []
            for output in outputs {
                if let deck = output.deck, let powerPoint {
                    do {
                        files.append((prefix + output.fileName, try powerPoint.deck(deck)))
                    } catch {
                        Terminal.error("\(prefix + output.fileName): cannot write the PowerPoint file: \(error)")
                        throw ExitCode(Sysexits.internalError)
                    }
                } else {
                    files.append((prefix + output.fileName, Array(output.contents.utf8)))
                }
            }
            try save(files, in: out)
        }

        /// One checklist per triggered playbook, plus a regenerated file for each checklist already in the
        /// folder whose playbook no longer triggers (its ticked tasks are kept, not deleted).
        private func renderChecklists(_ account: Account, renderer: DocumentRenderer) throws {
            let prefix = FileName.safe(account.profile.id) + "."
            let existing = out.map { folder in
                ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                    .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".md") }
                    .compactMap { DocumentKind.playbookID(checklistName: String($0.dropFirst(prefix.count).dropLast(3))) }
            } ?? []
            var job = AccountJob(account: account, asOf: options.day, renderer: renderer, formats: format.formats)
            let outputs: [AccountJob.Output]
            do {
                outputs = try job.checklists(existing: existing) { id in
                    out.flatMap { folder in
                        FileManager.default.contents(
                            atPath: (folder as NSString).appendingPathComponent(
                                prefix + DocumentKind.checklistName(playbookID: id) + ".md"))
                    }.map { String(decoding: $0, as: UTF8.self) }
                }
            } catch {
                Terminal.error(error.description)
                throw ExitCode(Sysexits.dataError)
            }
            if outputs.isEmpty {
                Terminal.info("no playbook applies to \(account.profile.id) as of \(options.day)")
                return
            }
            guard let out else {
                let shown = outputs.filter { $0.format == (format.single == .html ? .html : .markdown) }.map(\.contents)
                write(shown.joined(separator: format.single == .html ? "\n" : "\n---\n\n"))
                return
            }
            try save(outputs.map { (prefix + $0.fileName, Array($0.contents.utf8)) }, in: out)
        }

        private func write(_ text: String) {
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        private func save(_ files: [(String, [UInt8])], in folder: String) throws {
            for (name, contents) in files {
                let path = (folder as NSString).appendingPathComponent(name)
                do {
                    try AtomicFile.write(bytes: contents, to: path)
                } catch {
                    Terminal.error("\(path): cannot write: \(error.localizedDescription)")
                    throw ExitCode(Sysexits.cannotCreate)
                }
                Terminal.info("wrote \(path)")
            }
        }
    }
}

extension Edition: ExpressibleByArgument {}

/// `--md-charts` values.
enum MarkdownCharts: String, ExpressibleByArgument, CaseIterable {
    case tables, mermaid
}

/// `--format` values: md, html, pptx, or a comma list of them (`md,html,pptx`); `both` is md and html.
struct FormatChoice: ExpressibleByArgument, Equatable {
    /// The formats asked for.
    let formats: Set<OutputFormat>
    /// How the user wrote it (shown as the default in --help).
    let text: String

    static let md = FormatChoice(formats: [.markdown], text: "md")
    static let html = FormatChoice(formats: [.html], text: "html")
    static let both = FormatChoice(formats: [.markdown, .html], text: "both")

    init(formats: Set<OutputFormat>, text: String) {
        self.formats = formats
        self.text = text
    }

    init?(argument: String) {
        var formats: Set<OutputFormat> = []
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            switch name.trimmingCharacters(in: .whitespaces).lowercased() {
            case "md", "markdown": formats.insert(.markdown)
            case "html": formats.insert(.html)
            case "pptx": formats.insert(.pptx)
            case "both": formats.formUnion([.markdown, .html])
            default: return nil
            }
        }
        guard !formats.isEmpty else { return nil }
        self.init(formats: formats, text: argument)
    }

    var defaultValueDescription: String { text }
    static var allValueStrings: [String] { ["md", "html", "pptx", "both", "md,html,pptx"] }

    /// One format that can go to standard output (md or html).
    var single: OutputFormat? { formats.count == 1 && !formats.contains(.pptx) ? formats.first : nil }

    static func == (left: FormatChoice, right: FormatChoice) -> Bool { left.formats == right.formats }
}
