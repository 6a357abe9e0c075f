import ArgumentParser
import Foundation
import QBRPlaybooks
import QBRRender

extension QBR {
    /// `qbr init DIR`: a team folder that renders at once and shows how to change things.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Scaffold a team folder: qbr.yaml, a template that changes one slide, a playbook, a sample account.",
            discussion: """
                Then: qbr render DIR/accounts/sample.yaml --config DIR/qbr.yaml --format html > deck.html. \
                Existing files are never overwritten unless --force is given.
                """)

        @Argument(help: "Folder to create (or fill).")
        var folder: String

        @Flag(name: .long, help: "Overwrite files that already exist.")
        var force = false

        func run() throws {
            let files = Scaffold.files
            let existing = files.map { ($0.path, (folder as NSString).appendingPathComponent($0.path)) }
                .filter { FileManager.default.fileExists(atPath: $0.1) }
            if !existing.isEmpty && !force {
                for (_, path) in existing { Terminal.error("\(path): already exists (use --force to overwrite)") }
                throw ExitCode(Sysexits.cannotCreate)
            }
            for file in files {
                let path = (folder as NSString).appendingPathComponent(file.path)
                do {
                    try AtomicFile.write(file.contents, to: path)
                } catch {
                    Terminal.error("\(path): cannot write: \(error.localizedDescription)")
                    throw ExitCode(Sysexits.cannotCreate)
                }
                Terminal.info("wrote \(path)")
            }
            Terminal.info(
                """
                next: qbr render \((folder as NSString).appendingPathComponent("accounts/sample.yaml")) \
                --config \((folder as NSString).appendingPathComponent("qbr.yaml")) --format html > deck.html
                """)
        }
    }
}

/// The files `qbr init` writes.
enum Scaffold {
    static var files: [(path: String, contents: String)] {
        [
            ("qbr.yaml", config),
            ("Templates/qbr.md.mustache", template),
            ("Playbooks/churn-risk.yaml", PlaybookLibrary.builtInSource("churn-risk.yaml") ?? ""),
            ("accounts/sample.yaml", account),
        ]
    }

    static let config = """
        # The team's qbr settings. Every path is relative to this file.
        company: Your Company
        # logo: logo.png                # png, jpg, gif, svg or webp, embedded into every HTML document
        colors:
          accent: "#1f5fbf"
        fonts:
          body: "system-ui, sans-serif"
        health:                         # health bands: green from, yellow from, red below
          green_from: 75
          yellow_from: 50
        templates: Templates            # your templates: a file here replaces the built-in one of the same name
        playbooks: Playbooks            # your playbooks: a file here replaces the built-in one of the same name

        """

    static let template = """
        {{! The team's QBR deck: the built-in deck with one slide changed. Every slide is a block
            (title, agenda, outcomes, value, health, revenue, gaps, renewal_risk, next_phase, action_plan,
            playbooks, notes); override one and the rest stay the default. }}
        {{<default-qbr.md}}
        {{$agenda}}

        ---

        ## Today

        {{#agenda}}
        {{number}}. {{title}}
        {{/agenda}}

        We will leave with a mutual action plan and a date for the next review ({{next_review.long}}).
        {{/agenda}}
        {{/default-qbr.md}}

        """

    static let account = """
        # A sample account in the schema of the qbr README. Replace it with an export of your own.
        account:
          id: ACME-001
          name: Acme Logistics
          segment: mid-market
          tier: 2
          csm: Your Name
          account_manager: Account Manager
          executive_sponsor: {name: Sam Sponsor, title: COO, since: 2025-06-01}
          contract: {start: 2025-06-01, renewal: 2026-05-31, arr: 60000, currency: USD, seats: 50}
        period: {label: Q1 2026, start: 2026-01-01, end: 2026-03-31}
        revenue: {starting_arr: 60000, expansion: 6000, contraction: 0, churn: 0}
        outcomes:
          - name: Cut order processing time
            baseline: 3
            target: 1
            actual: 1.5
            unit: days
            direction: decrease
            committed_on: 2025-06-15
            due: 2026-06-30
        value_realized:
          - {category: Cost savings, description: Less manual order entry, amount: 24000, confirmed: true}
        usage: {seats_active: 44, monthly_active_users: [30, 34, 38, 41]}
        health: {score: 76}
        narrative:
          executive_summary: Orders now take a day and a half instead of three.
          asks: [Introduce us to the finance team]

        """
}
