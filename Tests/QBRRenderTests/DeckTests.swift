import Foundation
import QBRCore
import QBRLoad
import QBRPlaybooks
import Testing

@testable import QBRRender

@Suite struct DeckTests {
    @Test func sectionsFollowTheContractOrder() throws {
        let prep = try String(
            contentsOf: examples.appendingPathComponent("rendered/NW-1042.qbr.internal.md"), encoding: .utf8)
        #expect(
            MarkdownDocument(prep).outline().all("heading").map(\.text) == [
                "Northwind Traders", "Stakeholders", "Agenda", "You asked, we did", "Outcomes: committed vs achieved",
                "Value realized", "Health & adoption", "Support", "Revenue & renewal (internal)", "Gaps & risks",
                "Next phase", "Mutual action plan (1/2)", "Mutual action plan (2/2)", "Playbooks triggered (internal)",
                "CSM notes (internal)",
            ])
        let customer = try String(
            contentsOf: examples.appendingPathComponent("rendered/NW-1042.qbr.md"), encoding: .utf8)
        #expect(
            MarkdownDocument(customer).outline().all("heading").map(\.text) == [
                "Northwind Traders", "In the room", "Agenda", "You asked, we did", "Outcomes: committed vs achieved",
                "Value realized", "Adoption", "Support", "Gaps and how we close them", "Next phase", "Mutual action plan",
            ])
    }

    @Test func sectionsWithoutDataAreLeftOut() throws {
        let document = try render(try loadAccount("account: {id: S, name: Solo}"))
        #expect(document.markdown.components(separatedBy: "\n---\n").count == 2)  // title and agenda only
        for heading in ["Outcomes", "Value realized", "Health", "Gaps", "Next phase", "Mutual action plan", "notes"] {
            #expect(!document.markdown.contains(heading), "\(heading)")
        }
        #expect(!document.markdown.contains("nil") && !document.markdown.contains("Optional"))
        #expect(!document.markdown.contains("| |"))
    }

    /// The agenda lines of a rendered deck: the numbered lines of its "## Agenda" slide.
    func agenda(_ markdown: String) -> [String] {
        let slide = markdown.components(separatedBy: "\n---\n").first { $0.contains("## Agenda") } ?? ""
        return slide.split(separator: "\n").filter { $0.first?.isNumber == true }.map(String.init)
    }

    @Test func agendaListsOnlyThePresentSections() throws {
        let account = try loadAccount(
            """
            account: {id: A, name: B}
            risks: [{description: Budget freeze}]
            """)
        #expect(agenda(try render(account, formats: [.markdown]).markdown) == ["1. Gaps & risks"])
    }

    /// The agenda is read off the slides the template renders: a team template that renames a slide or adds
    /// one gets an agenda that says so; internal slides and continuation pages are left out.
    @Test func theAgendaFollowsTheSlidesATeamTemplateRenders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qbr-agenda-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            {{<default-qbr.md}}
            {{$value}}

            ---

            ## What we delivered

            {{$value}}{{/value}}
            {{/value}}
            {{$notes}}

            ---

            ## Questions for {{account.name}}

            {{/notes}}
            {{/default-qbr.md}}
            """.write(to: folder.appendingPathComponent("qbr.md.mustache"), atomically: true, encoding: .utf8)
        let renderer = DocumentRenderer(
            templates: try TemplateLibrary(overridesFrom: folder.path), playbooks: try PlaybookLibrary.builtIn())
        let account = try loadAccount(try String(contentsOf: examples.appendingPathComponent("northwind.yaml"), encoding: .utf8))
        let deck = try RenderedDocument.render(
            account, asOf: exampleAsOf, template: "qbr", formats: [.markdown], renderer: renderer, edition: .internal)
        #expect(
            agenda(deck.markdown) == [
                "1. You asked, we did", "2. Outcomes: committed vs achieved", "3. What we delivered",
                "4. Health & adoption", "5. Support", "6. Gaps & risks", "7. Next phase", "8. Mutual action plan",
                "9. Questions for Northwind Traders",
            ])
    }

    @Test func outcomeTableCarriesEveryColumn() throws {
        let markdown = try String(
            contentsOf: examples.appendingPathComponent("rendered/NW-1042.qbr.md"), encoding: .utf8)
        let outcomes = try #require(tables(in: markdown).first { $0.first?.first == "Outcome" })
        #expect(outcomes[0] == ["Outcome", "Baseline", "Target", "Actual", "Attainment", "Status", "Due"])
        #expect(
            outcomes[1] == [
                "Cut carrier onboarding time · Days to onboard a carrier", "45 days", "20 days", "18 days", "108%",
                "✅ Achieved", "2026-09-30",
            ])
        #expect(outcomes[2][4...5] == ["77%", "🟠 At risk"])
    }

    @Test func aPipeInAnAccountNameKeepsTablesIntact() throws {
        let markdown = try String(
            contentsOf: examples.appendingPathComponent("rendered/CH-2210.qbr.md"), encoding: .utf8)
        for table in tables(in: markdown) {
            let width = table.first?.count
            #expect(table.allSatisfy { $0.count == width })
        }
        let outcomes = try #require(tables(in: markdown).first { $0.first?.first == "Outcome" })
        #expect(outcomes[1][0].hasPrefix("Claims backlog < 5 days | all regions"))
        // A pipe in a commitment of the last review keeps its table intact too.
        #expect(tables(in: markdown).contains { $0.contains { $0.contains("Train the Kraków handlers | phase 1") } })
    }

    @Test func everyMarkdownSlideIsOneHTMLSection() throws {
        let document = try render(
            try loadAccount(try String(contentsOf: examples.appendingPathComponent("northwind.yaml"), encoding: .utf8)))
        let markdownSlides = document.markdown.components(separatedBy: "\n---\n").count
        let sections = (document.html ?? "").components(separatedBy: "<section class=\"slide\"").count - 1
        // Title, stakeholders, agenda, you asked we did, outcomes, value, health, support, revenue, gaps, next
        // phase, two action-plan slides, playbooks, notes.
        #expect(markdownSlides == 15 && sections == 15)
        #expect(document.html?.contains(#"aria-label="Slide 15 of 15""#) == true)
    }

    @Test func renderingIsDeterministic() throws {
        let account = try loadAccount(
            try String(contentsOf: examples.appendingPathComponent("northwind.yaml"), encoding: .utf8))
        let first = try render(account)
        let second = try render(account)
        #expect(first.markdown == second.markdown && first.html == second.html)
    }

    /// Every document the examples script writes: (template, edition, file suffix).
    static let documents: [(String, Edition, String)] = [
        ("qbr", .customer, ""), ("qbr", .internal, ".internal"), ("ebr", .customer, ""), ("summary", .internal, ""),
    ]

    @Test(arguments: ["northwind.yaml", "contoso-health.json", "bluebird-bakery.yaml"])
    func examplesMatchTheirCommittedOutput(file: String) throws {
        let loaded = try QBRLoadFacade.load(examples.appendingPathComponent(file).path)
        for (template, edition, suffix) in Self.documents {
            let document = try render(loaded, template: template, edition: edition)
            let base = examples.appendingPathComponent(
                "rendered/\(FileName.safe(loaded.profile.id)).\(template)\(suffix)")
            let expectedMarkdown = try String(contentsOf: base.appendingPathExtension("md"), encoding: .utf8)
            let expectedHTML = try String(contentsOf: base.appendingPathExtension("html"), encoding: .utf8)
            // On a mismatch run scripts/render-examples.sh and review the diff.
            #expect(document.markdown == expectedMarkdown, "\(base.lastPathComponent)")
            #expect(document.html == expectedHTML, "\(base.lastPathComponent)")
        }
    }

    @Test(arguments: ["northwind.yaml", "contoso-health.json", "bluebird-bakery.yaml"])
    func exampleChecklistsMatchTheirCommittedOutput(file: String) throws {
        let account = try QBRLoadFacade.load(examples.appendingPathComponent(file).path)
        let renderer = try renderer()
        let model = ReviewViewModel(account: account, asOf: exampleAsOf, playbooks: renderer.playbooks)
        let rendered = examples.appendingPathComponent("rendered")
        let prefix = "\(FileName.safe(account.profile.id)).playbook-"
        let committed = try FileManager.default.contentsOfDirectory(atPath: rendered.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".md") }.sorted()
        #expect(committed == model.triggered.map { "\(prefix)\($0.playbook.id).md" }.sorted())
        for triggered in model.triggered {
            let checklist = try renderer.checklist(
                playbookID: triggered.playbook.id, model: model, formats: [.markdown, .html])
            let base = rendered.appendingPathComponent("\(prefix)\(triggered.playbook.id)")
            #expect(checklist.markdown == (try String(contentsOf: base.appendingPathExtension("md"), encoding: .utf8)))
            #expect(checklist.html == (try String(contentsOf: base.appendingPathExtension("html"), encoding: .utf8)))
        }
    }

    @Test func templatesOverrideFileByFile() throws {
        let library = try TemplateLibrary(overridesFrom: fixtures.appendingPathComponent("team-templates").path)
        let account = try loadAccount(
            try String(contentsOf: examples.appendingPathComponent("northwind.yaml"), encoding: .utf8))
        let document = try RenderedDocument.render(
            account, asOf: exampleAsOf, template: "qbr", formats: [.markdown],
            renderer: DocumentRenderer(templates: library))
        #expect(document.markdown.contains("## Value we delivered together\n\n$225K so far."))
        #expect(!document.markdown.contains("## Value realized"))
        #expect(document.markdown.contains("## Outcomes: committed vs achieved"))  // the rest is the default
    }

    @Test func templateSyntaxErrorsNameFileLineAndColumn() {
        let folder = fixtures.appendingPathComponent("broken-templates").path
        #expect {
            _ = try TemplateLibrary(overridesFrom: folder)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(folder + "/qbr.md.mustache:5:") && text.contains("error: Mustache syntax")
        }
    }

    @Test func unknownTemplateListsTheAvailableOnes() throws {
        #expect {
            _ = try render(try loadAccount("account: {id: A, name: B}"), formats: [.markdown], template: "nope")
        } throws: { error in
            "\(error)" == #"error: no template named "nope"; available: ebr, playbook, qbr, summary"#
        }
    }

    @Test func missingTemplateFolderIsReported() {
        #expect(throws: TemplateError.self) { try TemplateLibrary(overridesFrom: "/nonexistent/templates") }
    }
}

/// The example accounts, loaded as the CLI loads them.
enum QBRLoadFacade {
    static func load(_ path: String) throws -> Account {
        try QBRLoad.AccountLoader.load(path: path).account
    }
}

/// Flags and playbooks reach the deck through the same rules that pick the checklists.
@Suite struct DeckPlaybookTests {
    static func account(renewal: String, score: Int) -> String {
        """
        account:
          id: F-1
          name: Flagged
          account_manager: Kim Cho
          executive_sponsor: {name: Ana Ruiz, since: 2024-06-01}
          contract: {start: 2025-01-01, renewal: \(renewal)}
        health: {score: \(score)}
        """
    }

    func deck(_ yaml: String) throws -> (markdown: String, model: ReviewViewModel) {
        let renderer = try renderer()
        let model = ReviewViewModel(
            account: try loadAccount(yaml), asOf: exampleAsOf, playbooks: renderer.playbooks)
        return (try renderer.markdown(model, template: "qbr"), model)
    }

    @Test(arguments: [
        ("2027-01-15", 60, true),  // 92 days out, yellow → at risk
        ("2027-01-15", 80, false),  // green
        ("2027-03-15", 60, false),  // 151 days out
        ("2026-10-01", 60, true),  // overdue: still at risk (issue 12)
    ])
    func renewalRiskSlideMatchesTheChecklist(renewal: String, score: Int, atRisk: Bool) throws {
        let (markdown, model) = try deck(Self.account(renewal: renewal, score: score))
        let savePlan =
            model.triggered.first { $0.playbook.id == "renewal" }?.tasks.contains { $0.id == "renewal/save-plan" }
            ?? false
        #expect(markdown.contains("## Renewal at risk") == atRisk)
        #expect(savePlan == atRisk)
        #expect(model.flags["renewal_risk"] == atRisk)
    }

    @Test func actionPlanListsPlaybookTasksDueBeforeTheNextReview() throws {
        let (markdown, model) = try deck(Self.account(renewal: "2027-01-15", score: 60))
        // Renewal −120d = 2026-09-17 (past: dated 14 days after the run date, 2026-10-29, not overdue),
        // −90d = 2026-10-17, −60d = 2026-11-16, −30d = 2026-12-16; the next review is 2027-01-13, so all of
        // them, and the save plan (+7d), are listed.
        for row in [
            "| Agree the renewal strategy, pricing and decision makers | Kim Cho | 2026-10-29 |",
            "| Write a save plan — the renewal is at risk (health is not green) | Kim Cho | 2026-10-22 |",
            "| Close the renewal paperwork and hand over the new terms to the CSM | Kim Cho | 2026-12-16 |",
        ] {
            #expect(markdown.contains(row), "\(row)")
        }
        #expect(model.triggered.map(\.playbook.id) == ["renewal"])
        #expect(markdown.contains("## Playbooks triggered (internal)"))
        #expect(markdown.contains("| **Renewal timeline** | renewal in 92 days (2027-01-15) | 6 |"))
    }
}
