import ArgumentParser
import Foundation
import QBRCore
import QBRPlaybooks

extension QBR {
    /// `qbr playbooks ACCOUNT`: which playbooks apply, and why.
    struct Playbooks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the playbooks that apply to an account, with the reasons in its numbers.")

        @Argument(help: "Account file (YAML or JSON), or - for standard input.")
        var account: String

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        @OptionGroup var options: RunOptions

        func run() throws {
            let account = try options.loadAccount(self.account)
            let config = try options.loadConfig()
            let library = try options.loadPlaybooks(config: config)
            let facts = AccountFacts(account: account, asOf: options.day, settings: config.settings)
            let selection = library.selection(facts)
            let triggered = selection.triggered
            if json {
                let report = Report(
                    account: account.profile.id, asOf: options.day.description,
                    playbooks: triggered.map { playbook in
                        Report.Entry(
                            id: playbook.playbook.id, title: playbook.playbook.title, kind: playbook.playbook.kind,
                            reasons: playbook.reasons,
                            tasks: playbook.tasks.map {
                                Report.Task(
                                    id: $0.id, title: $0.title, owner: $0.owner, role: $0.role.rawValue,
                                    due: $0.due?.description, overdue: $0.overdue)
                            })
                    },
                    suppressed: selection.suppressed.map {
                        Report.Suppressed(
                            id: $0.playbook.id, title: $0.playbook.title, kind: $0.playbook.kind, by: $0.by.id,
                            reasons: $0.reasons)
                    },
                    flags: library.flagValues(facts))
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write((try encoder.encode(report)) + Data("\n".utf8))
                return
            }
            var text = ""
            if triggered.isEmpty { text = "No playbook applies to \(account.profile.name) as of \(options.day).\n" }
            for playbook in triggered {
                text += "\(playbook.playbook.id): \(playbook.playbook.title) (\(playbook.tasks.count == 1 ? "1 task" : "\(playbook.tasks.count) tasks"))\n"
                text += "  because \(playbook.reasons.joined(separator: "; "))\n"
            }
            for playbook in selection.suppressed {
                text += "\(playbook.explanation) (\(playbook.playbook.title) would apply)\n"
                text += "  because \(playbook.reasons.joined(separator: "; "))\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        /// The JSON shape of `--json`.
        struct Report: Encodable {
            struct Entry: Encodable {
                let id, title, kind: String
                let reasons: [String]
                let tasks: [Task]
            }
            struct Task: Encodable {
                let id, title, owner, role: String
                let due: String?
                let overdue: Bool
            }
            /// A playbook whose rule holds but that a firing playbook (`by`) excludes.
            struct Suppressed: Encodable {
                let id, title, kind, by: String
                let reasons: [String]
            }
            let account: String
            let asOf: String
            let playbooks: [Entry]
            let suppressed: [Suppressed]
            let flags: [String: Bool]

            enum CodingKeys: String, CodingKey {
                case account, asOf = "as_of", playbooks, suppressed, flags
            }
        }
    }
}
