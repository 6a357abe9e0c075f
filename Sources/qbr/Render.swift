import ArgumentParser
import Foundation
import QBRCore
import QBRPlaybooks
import QBRRender

extension QBR {
    /// `qbr render ACCOUNT`: one account file to its QBR deck or its playbook checklists.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render one account's document: the QBR deck (default) or its playbook checklists.",
            discussion: """
                ACCOUNT is a YAML or JSON file in the schema of the README, or - for standard input. Without \
                --out the document is written to standard output; with --out it is written to \
                DIR/<account-id>.<template>.md and/or .html (…<template>.<edition>.md when --edition is not the \
                template's default), each atomically (temporary file, then rename). \
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

        @Option(name: .long, help: "Output format: md, html or both (both needs --out).")
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
            if format == .both && out == nil {
                throw ValidationError("--format both writes two files: give --out DIR")
            }
        }

        func run() throws {
            let (account, renderer) = try options.accountAndRenderer(self.account)
            if template == "playbook" {
                try renderChecklists(account, renderer: renderer)
                return
            }
            let kind = DocumentKind(template)
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
            try save(outputs.map { (prefix + $0.fileName, $0.contents) }, in: out)
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
                let shown = outputs.filter { $0.format == (format == .html ? .html : .markdown) }.map(\.contents)
                write(shown.joined(separator: format == .html ? "\n" : "\n---\n\n"))
                return
            }
            try save(outputs.map { (prefix + $0.fileName, $0.contents) }, in: out)
        }

        private func write(_ text: String) {
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        private func save(_ files: [(String, String)], in folder: String) throws {
            for (name, contents) in files {
                let path = (folder as NSString).appendingPathComponent(name)
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

extension Edition: ExpressibleByArgument {}

/// `--md-charts` values.
enum MarkdownCharts: String, ExpressibleByArgument, CaseIterable {
    case tables, mermaid
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
