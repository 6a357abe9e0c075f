import ArgumentParser
import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRRender

/// Options shared by the commands that read an account: the run date and the template and playbook folders.
struct RunOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Run date (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Folder whose *.mustache files override the built-in templates.", valueName: "dir"))
    var templates: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Folder whose *.yaml files override or add to the built-in playbooks.", valueName: "dir"))
    var playbooks: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Team config: branding, thresholds, template and playbook folders (default: ./qbr.yaml when present).",
            valueName: "file"))
    var config: String?

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError("--as-of expects a date YYYY-MM-DD that exists, got \"\(asOf)\"")
        }
    }

    /// The run date.
    var day: Day { asOf.flatMap(Day.init(iso:)) ?? Day.today() }

    /// Loads the account at `path`, printing warnings; exits 65/66 on failure.
    func loadAccount(_ path: String) throws -> Account {
        do {
            let loaded = try AccountLoader.load(path: path)
            Terminal.report(loaded.warnings)
            return loaded.account
        } catch {
            Terminal.report(error.diagnostics)
            throw ExitCode(error.kind == .unreadable ? Sysexits.noInput : Sysexits.dataError)
        }
    }

    /// The team config from `--config`, else `./qbr.yaml` when present, else the defaults.
    func loadConfig() throws -> TeamConfig {
        let path = config ?? (FileManager.default.fileExists(atPath: "qbr.yaml") ? "qbr.yaml" : nil)
        guard let path else { return TeamConfig() }
        do {
            let loaded = try TeamConfigLoader.load(path: path)
            Terminal.report(loaded.warnings)
            return loaded.config
        } catch {
            Terminal.report(error.diagnostics)
            throw ExitCode(error.kind == .unreadable ? Sysexits.noInput : Sysexits.dataError)
        }
    }

    /// Loads the playbooks (`--playbooks`, else the config's folder), printing every problem; exits 65/66 on
    /// failure, 70 if the built-in ones fail.
    func loadPlaybooks(config: TeamConfig = TeamConfig()) throws -> PlaybookLibrary {
        let playbooks = self.playbooks ?? config.playbooks
        do {
            let library = try PlaybookLibrary(overridesFrom: playbooks)
            Terminal.report(library.warnings)
            return library
        } catch {
            Terminal.report(error.diagnostics)
            if error.missingFolder { throw ExitCode(Sysexits.noInput) }
            throw ExitCode(playbooks == nil ? Sysexits.internalError : Sysexits.dataError)
        }
    }

    /// Loads the team config, templates and playbooks into a renderer.
    func renderer() throws -> DocumentRenderer {
        let config = try loadConfig()
        let templates = self.templates ?? config.templates
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(overridesFrom: templates)
        } catch {
            Terminal.error(error.description)
            if case .missingFolder = error { throw ExitCode(Sysexits.noInput) }
            throw ExitCode(templates == nil ? Sysexits.internalError : Sysexits.dataError)
        }
        return DocumentRenderer(templates: library, playbooks: try loadPlaybooks(config: config), config: config)
    }
}
