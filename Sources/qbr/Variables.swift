import ArgumentParser
import Foundation
import QBRPlaybooks
import QBRRender

extension QBR {
    /// `qbr variables`: every name a template can use.
    struct Variables: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every name a template can use, with its type, an example value and its meaning.",
            discussion: """
                Read off the view model itself (the names qbr lint checks against). ◆ marks names only the \
                internal edition has. --format markdown prints the table the README's reference is made of. \
                --rules lists the names playbook rules and flags can use instead (the same names as templates \
                for the same figure; old names still work, with a warning).
                """)

        @Option(name: .long, help: "qbr, ebr, summary, playbook, deck.html or page.html.")
        var template: String = "qbr"

        @Option(name: .long, help: "text or markdown.")
        var format: String = "text"

        @Flag(name: .long, help: "List the names playbook rules can use (metrics and flags) instead.")
        var rules = false

        @OptionGroup var options: RunOptions

        func validate() throws {
            guard ["text", "markdown"].contains(format) else { throw ValidationError("--format is text or markdown") }
        }

        func run() throws {
            let playbooks = try options.loadPlaybooks(config: try options.loadConfig())
            if rules {
                let entries = RuleReference.entries(flags: playbooks.flags)
                let text = format == "markdown" ? RuleReference.markdown(entries) : RuleReference.text(entries)
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            let entries = TemplateVariables.entries(template: template, playbooks: playbooks)
            if format == "markdown" {
                FileHandle.standardOutput.write(Data(TemplateVariables.markdown(entries).utf8))
                return
            }
            let width = min(48, entries.map(\.name.count).max() ?? 0) + 3
            var text = ""
            for entry in entries {
                let name = entry.name + (entry.internalOnly ? " ◆" : "")
                let padded = name.padding(toLength: max(width, name.count + 1), withPad: " ", startingAt: 0)
                let example = entry.example.isEmpty ? "" : " e.g. \(entry.example)"
                text += "\(padded)\(entry.type)\(example) — \(entry.meaning)\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
