import ArgumentParser
import Foundation
import QBRCore
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

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp("The date the sample account is dated around (default: today, UTC).", valueName: "YYYY-MM-DD"))
        var asOf: String?

        func validate() throws {
            if let asOf, Day(iso: asOf) == nil {
                throw ValidationError("--as-of expects a date YYYY-MM-DD that exists, got \"\(asOf)\"")
            }
        }

        func run() throws {
            let files = Scaffold.files(asOf: asOf.flatMap(Day.init(iso:)) ?? Day.today())
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
    static func files(asOf: Day) -> [(path: String, contents: String)] {
        [
            ("qbr.yaml", config),
            ("Templates/qbr.md.mustache", template),
            ("Playbooks/churn-risk.yaml", PlaybookLibrary.builtInSource("churn-risk.yaml") ?? ""),
            ("accounts/sample.yaml", account(asOf: asOf)),
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
            (title, attendees, agenda, last_review, outcomes, value, health, support, revenue, gaps, renewal_risk,
            next_phase, action_plan, playbooks, notes); override one and the rest stay the default. }}
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

    /// The sample account, dated around `asOf` so its first render is a live account: the contract started ten
    /// months before (renewal in about two months), the review covers the last full quarter, the outcome is due
    /// at the end of the next one.
    static func account(asOf: Day) -> String {
        let start = Day(year: asOf.year, month: asOf.month, day: 1).map { $0.adding(months: -10) } ?? asOf
        let renewal = start.adding(months: 12).adding(days: -1)
        let quarter = (asOf.month - 1) / 3  // 0-based quarter of the run date
        let periodStart = (Day(year: asOf.year, month: quarter * 3 + 1, day: 1) ?? asOf).adding(months: -3)
        let periodEnd = periodStart.adding(months: 3).adding(days: -1)
        let label = "Q\((periodStart.month - 1) / 3 + 1) \(periodStart.year)"
        let due = periodEnd.adding(months: 6)
        return """
            # A sample account in the schema of the qbr README, dated around \(asOf) (qbr init --as-of).
            # Replace it with an export of your own.
            account:
              id: ACME-001
              name: Acme Logistics
              segment: mid-market
              tier: 2
              csm: Your Name
              account_manager: Account Manager
              executive_sponsor: {name: Sam Sponsor, title: COO, since: \(start)}
              contract: {start: \(start), renewal: \(renewal), arr: 60000, currency: USD, seats: 50}
            period: {label: \(label), start: \(periodStart), end: \(periodEnd)}
            revenue: {starting_arr: 60000, expansion: 6000, contraction: 0, churn: 0}
            outcomes:
              - name: Cut order processing time
                baseline: 3
                target: 1
                actual: 1.5
                unit: days
                direction: decrease
                committed_on: \(start.adding(days: 14))
                due: \(due)
            value_realized:
              - {category: Cost savings, description: Less manual order entry, amount: 24000, confirmed: true}
            usage: {seats_active: 44, monthly_active_users: [30, 34, 38, 41]}
            health: {score: 76}
            support: {tickets_opened: 12, tickets_closed: 11, csat: 0.92, sla_attainment: 0.96, open_escalations: 0}
            stakeholders:
              - {name: Sam Sponsor, title: COO, role: sponsor, attending: true}
              - {name: Your Name, title: Customer Success Manager, side: vendor, attending: true}
            narrative:
              executive_summary: Orders now take a day and a half instead of three.
              asks:
                - {text: Introduce us to the finance team, owner: Sam Sponsor, due: \(asOf.adding(days: 30))}

            """
    }
}
