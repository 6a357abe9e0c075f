import ArgumentParser
import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import QBRPowerPoint
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
        try report(Result { () throws(AccountLoadError) in try AccountLoader.load(path: path) })
    }

    /// The team config from `--config`, else `./qbr.yaml` when present, else the defaults.
    func loadConfig() throws -> TeamConfig {
        try report(readConfig())
    }

    /// Loads the playbooks (`--playbooks`, else the config's folder), printing every problem; exits 65/66 on
    /// failure, 70 if the built-in ones fail.
    func loadPlaybooks(config: TeamConfig = TeamConfig()) throws -> PlaybookLibrary {
        try report(readPlaybooks(config: config), config: config)
    }

    /// Loads the team config, templates and playbooks into a renderer.
    func renderer() throws -> DocumentRenderer {
        let config = try loadConfig()
        return try renderer(config: config, at: Preload(account: nil, config: config, options: self))
    }

    /// The account at `path` and the renderer for it. A single deck is mostly this start-up work, so the account,
    /// the templates and the playbooks are read at the same time on separate threads; what they report is
    /// printed afterwards in the order of a one-at-a-time load (the account's problems first, and nothing else
    /// when it fails).
    func accountAndRenderer(_ path: String) throws -> (Account, DocumentRenderer) {
        let config = readConfig()
        let loads = Preload(account: path, config: try? config.get().config, options: self)
        guard let account = loads.account else { throw ExitCode(Sysexits.internalError) }
        let loaded = try report(account)
        return (loaded, try renderer(config: try report(config), at: loads))
    }

    private func renderer(config: TeamConfig, at loads: Preload) throws -> DocumentRenderer {
        guard let read = loads.templates, let playbooks = loads.playbooks else { throw ExitCode(Sysexits.internalError) }
        let templates = self.templates ?? config.templates
        let library: TemplateLibrary
        do {
            library = try read.get()
        } catch {
            Terminal.error(error.description)
            if case .missingFolder = error { throw ExitCode(Sysexits.noInput) }
            throw ExitCode(templates == nil ? Sysexits.internalError : Sysexits.dataError)
        }
        return DocumentRenderer(templates: library, playbooks: try report(playbooks, config: config), config: config)
    }

    // MARK: Reading, then reporting

    private func readConfig() -> Result<(config: TeamConfig, warnings: [Diagnostic]), AccountLoadError> {
        let path = config ?? (FileManager.default.fileExists(atPath: "qbr.yaml") ? "qbr.yaml" : nil)
        guard let path else { return .success((TeamConfig(), [])) }
        return Result { () throws(AccountLoadError) in try TeamConfigLoader.load(path: path) }
    }

    fileprivate func readPlaybooks(config: TeamConfig) -> Result<PlaybookLibrary, PlaybookLoadError> {
        Result { () throws(PlaybookLoadError) in try PlaybookLibrary(overridesFrom: self.playbooks ?? config.playbooks, roles: config.roles) }
    }

    fileprivate func readTemplates(config: TeamConfig) -> Result<TemplateLibrary, TemplateError> {
        Result { () throws(TemplateError) in try TemplateLibrary(overridesFrom: self.templates ?? config.templates) }
    }

    private func report(_ result: Result<LoadedAccount, AccountLoadError>) throws -> Account {
        switch result {
        case .success(let loaded):
            Terminal.report(loaded.warnings)
            return loaded.account
        case .failure(let error):
            Terminal.report(error.diagnostics)
            throw ExitCode(error.kind == .unreadable ? Sysexits.noInput : Sysexits.dataError)
        }
    }

    private func report(_ result: Result<(config: TeamConfig, warnings: [Diagnostic]), AccountLoadError>) throws -> TeamConfig {
        switch result {
        case .success(let loaded):
            Terminal.report(loaded.warnings)
            return loaded.config
        case .failure(let error):
            Terminal.report(error.diagnostics)
            throw ExitCode(error.kind == .unreadable ? Sysexits.noInput : Sysexits.dataError)
        }
    }

    private func report(_ result: Result<PlaybookLibrary, PlaybookLoadError>, config: TeamConfig) throws -> PlaybookLibrary {
        switch result {
        case .success(let library):
            Terminal.report(library.warnings)
            return library
        case .failure(let error):
            Terminal.report(error.diagnostics)
            if error.missingFolder { throw ExitCode(Sysexits.noInput) }
            throw ExitCode((self.playbooks ?? config.playbooks) == nil ? Sysexits.internalError : Sysexits.dataError)
        }
    }
}

/// The account, templates and playbooks of a run, read at the same time, one thread each; nil for what was not
/// asked for or could not be read for want of a config.
private final class Preload: @unchecked Sendable {
    var account: Result<LoadedAccount, AccountLoadError>?
    var templates: Result<TemplateLibrary, TemplateError>?
    var playbooks: Result<PlaybookLibrary, PlaybookLoadError>?

    /// Each slot is written by one thread only, and read after `concurrentPerform` has returned.
    init(account path: String?, config: TeamConfig?, options: RunOptions) {
        DispatchQueue.concurrentPerform(iterations: 3) { part in
            switch part {
            case 0: if let path { account = Result { () throws(AccountLoadError) in try AccountLoader.load(path: path) } }
            case 1: if let config { templates = options.readTemplates(config: config) }
            default: if let config { playbooks = options.readPlaybooks(config: config) }
            }
        }
    }
}

extension RunOptions {
    /// The PowerPoint writer on the team's design (`pptx_template` of qbr.yaml, or the built-in master): a template
    /// that is missing exits 66, one that cannot be used 65, naming the file and what is wrong.
    func powerPointWriter(_ renderer: DocumentRenderer) throws -> PowerPointWriter {
        do {
            return try PowerPointWriter(config: renderer.config)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(error.isMissing ? Sysexits.noInput : Sysexits.dataError)
        }
    }
}
