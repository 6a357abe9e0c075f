import ArgumentParser
import QBRCore

/// The `qbr` command: customer-success account data in, QBR decks out.
@main
struct QBR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qbr",
        abstract: "Turn customer-success account data into QBR decks (Markdown and HTML).",
        discussion: """
            Exit codes follow sysexits: 0 ok, 64 usage, 65 bad input data or template, 66 input not found, \
            70 internal error, 73 output cannot be created.
            """,
        version: QBRVersion.current,
        subcommands: [Render.self, Playbooks.self, Init.self, Schema.self, Variables.self, Sample.self, Batch.self, Index.self, Check.self, Columns.self, Lint.self]
    )
}
