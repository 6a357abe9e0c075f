import Testing
import QBRTemplate

@Suite("Compiler")
struct CompilerTests {
    static let item = ObjectShape("Item", [
        Field("name", .text, "what was promised"), Field("attainment", .number, "share achieved"),
    ])
    static let outcomes = ObjectShape("Outcomes", [
        Field("title", .text), Field("items", .list(.object(item))),
    ])
    static let account = ObjectShape("Account", [Field("name", .text), Field("owner", .text)])
    static let root = ObjectShape("Root", [
        Field("outcomes", .object(outcomes)), Field("account", .object(account)), Field("ready", .flag),
    ])

    func compile(
        _ sources: [String: String], _ name: String = "qbr.md", root: Shape = .object(CompilerTests.root),
        recursion: Bool = false
    ) throws -> Compilation {
        let set = try TemplateSet(sources: sources, escaping: { _ in .none })
        return set.compile(name, root: root, options: CompileOptions(allowRecursion: recursion))
    }

    static var data: TemplateValue {
        let items = [("ARR", 1.1), ("NRR", 0.9)].map { name, value in
            TemplateValue.object(Record(item) { $0["name"] = .text(name); $0["attainment"] = .double(value) })
        }
        return .object(Record(root) {
            $0["outcomes"] = .object(Record(outcomes) { $0["title"] = .text("Outcomes"); $0["items"] = .list(items) })
            $0["account"] = .object(Record(account) { $0["name"] = .text("Acme"); $0["owner"] = .text("Kim") })
            $0["ready"] = .bool(true)
        })
    }

    // MARK: Findings

    @Test func unknownNameSuggestsAPathInAnotherScope() throws {
        let result = try compile(["qbr.md": "# Title\n{{#outcomes}}{{atainment}}{{/outcomes}}"])
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.kind == .unknownName)
        #expect((finding.line, finding.column) == (2, 16))
        #expect(finding.suggestion == "outcomes.items[].attainment")
        #expect(
            finding.description
                == "qbr.md:2:16: error: `atainment` is not a name here (in `{{#outcomes}}`); did you mean `outcomes.items[].attainment`?"
        )
        #expect(result.template?.render(CompilerTests.data) == "# Title\n")
    }

    @Test func unknownNameSuggestsAnInScopeNameFirst() throws {
        let result = try compile(["qbr.md": "{{#outcomes.items}}{{nmae}}{{/outcomes.items}}"])
        #expect(result.findings.first?.suggestion == "name")
        let elsewhere = try compile(["qbr.md": "{{owner}}"])
        #expect(elsewhere.findings.first?.suggestion == "account.owner")
    }

    @Test func sectionOverAnObjectUsingItsListsNamesIsNotAList() throws {
        for name in ["attainment", "name"] {
            let result = try compile(["qbr.md": "{{#outcomes}}{{\(name)}}{{/outcomes}}"])
            let finding = try #require(result.findings.first)
            #expect(finding.kind == .notAList)
            #expect(finding.suggestion == "outcomes.items[].\(name)")
            #expect(finding.message.contains("did you mean `{{#outcomes.items}}`"))
        }
    }

    @Test func unknownMemberOfADottedName() throws {
        let result = try compile(["qbr.md": "{{outcomes.titel}}"])
        #expect(result.findings.first?.message == "`titel` is not a name of `outcomes` (Outcomes); did you mean `outcomes.title`?")
        #expect(result.findings.first?.suggestion == "outcomes.title")
    }

    @Test func listPositionOutsideAListIsAFinding() throws {
        let result = try compile(["qbr.md": "{{#ready}}{{@first}}{{/ready}}{{#outcomes.items}}{{@index}}{{/outcomes.items}}"])
        #expect(result.findings.count == 1)
        #expect(result.findings.first?.message.contains("`@first` is only meaningful inside a list section") == true)
        #expect(result.template?.render(CompilerTests.data) == "12")
    }

    @Test func anyRootReportsNoUnknownNames() throws {
        let result = try compile(["qbr.md": "{{nothing}}{{#a}}{{b.c}}{{@first}}{{/a}}"], root: .any)
        #expect(result.findings.isEmpty)
    }

    @Test func unknownBlockSuggestsTheParentsBlocks() throws {
        let result = try compile([
            "qbr.md": "{{<layout.md}}\n{{$valeu}}x{{/valeu}}\n{{/layout.md}}",
            "layout.md": "[{{$value}}default{{/value}}]{{>inner.md}}",
            "inner.md": "{{$footer}}{{/footer}}",
        ])
        let finding = try #require(result.findings.first)
        #expect(finding.kind == .unknownBlock)
        #expect((finding.line, finding.column) == (2, 4))
        #expect(finding.suggestion == "value")
        #expect(result.template?.render(CompilerTests.data) == "[default]")
    }

    @Test func missingPartialAndParentSuggestTemplateNames() throws {
        let result = try compile([
            "qbr.md": "{{>partials/outcome.md}}\n{{<layuot.md}}{{/layuot.md}}",
            "partials/outcomes.md": "", "layout.md": "",
        ])
        #expect(result.findings.map(\.kind) == [.missingPartial, .missingParent])
        #expect(result.findings.map(\.suggestion) == ["partials/outcomes.md", "layout.md"])
        #expect(result.findings.first?.message == "no template named `partials/outcome.md` for `{{>partials/outcome.md}}`; did you mean `partials/outcomes.md`?")
    }

    @Test func missingTemplateCompilesToNothing() throws {
        #expect(try compile(["qbr.md": ""], "other.md").template == nil)
    }

    @Test func includeCycleIsAFindingAndRendersNothing() throws {
        let result = try compile([
            "qbr.md": "top {{>partials/revenue.md}}",
            "partials/revenue.md": "revenue\n{{#ready}}{{>qbr.md}}{{/ready}}",
        ])
        let finding = try #require(result.findings.first)
        #expect(finding.kind == .cycle)
        #expect(finding.file == "partials/revenue.md")
        #expect((finding.line, finding.column) == (2, 14))
        #expect(finding.message == "qbr.md → partials/revenue.md → qbr.md includes itself, so rendering would never end")
        #expect(result.template?.render(CompilerTests.data) == "top revenue\n")
    }

    @Test func parentCycleIsAFinding() throws {
        let result = try compile(["qbr.md": "{{<a.md}}{{/a.md}}", "a.md": "{{<qbr.md}}{{/qbr.md}}"])
        #expect(result.findings.map(\.kind) == [.cycle])
    }

    @Test func recursionWhenAllowedIsDataBoundedAndIndentsPerLevel() throws {
        let node = ObjectShape("Node", [Field("name", .text)])
        func tree(_ name: String, _ children: [TemplateValue]) -> TemplateValue {
            .object(Record(shape: ObjectShape("Node", [Field("name", .text), Field("children", .list(.any))]),
                fields: [.text(name), .list(children)]))
        }
        _ = node
        let sources = ["tree.md": "{{>node.md}}", "node.md": "- {{name}}\n{{#children}}\n  {{>node.md}}\n{{/children}}\n"]
        let result = try compile(sources, "tree.md", root: .any, recursion: true)
        #expect(result.findings.isEmpty)
        let data = tree("a", [tree("b", [tree("c", [])]), tree("d", [])])
        #expect(result.template?.render(data) == "- a\n  - b\n    - c\n  - d\n")
    }

    // MARK: Binding

    /// An object that records which field indexes the renderer asked for.
    final class Probe: TemplateObject, @unchecked Sendable {
        let shape: ObjectShape
        let values: [String: TemplateValue]
        var asked: [Int] = []
        init(_ shape: ObjectShape, _ values: [String: TemplateValue]) {
            self.shape = shape
            self.values = values
        }
        func field(at index: Int) -> TemplateValue {
            asked.append(index)
            return values[shape.fields[index].name] ?? .absent
        }
    }

    @Test func declaredShapeIsReadByIndexAndOtherShapesByName() throws {
        let declared = ObjectShape("Account", [Field("owner", .text), Field("name", .text)])
        let set = try TemplateSet(sources: ["t": "{{name}}/{{owner}}"], escaping: { _ in .none })
        let result = set.compile("t", root: .object(declared))
        #expect(result.findings.isEmpty)
        let exact = Probe(declared, ["name": .text("Acme"), "owner": .text("Kim")])
        #expect(result.template?.render(.object(exact)) == "Acme/Kim")
        #expect(exact.asked == [1, 0])
        // Same names, another declaration and order: found by name.
        let other = Probe(ObjectShape("Other", [Field("name", .text), Field("x", .text), Field("owner", .text)]),
            ["name": .text("Beta"), "owner": .text("Lee")])
        #expect(result.template?.render(.object(other)) == "Beta/Lee")
        #expect(other.asked == [0, 2])
    }

    @Test func absentFieldFallsThroughToTheEnclosingFrame() throws {
        let inner = ObjectShape("Inner", [Field("name", .text)])
        let outer = ObjectShape("Outer", [Field("name", .text), Field("inner", .object(inner))])
        let set = try TemplateSet(sources: ["t": "{{#inner}}{{name}}{{/inner}}"], escaping: { _ in .none })
        let template = try #require(set.compile("t", root: .object(outer)).template)
        let absent = Record(outer) { $0["name"] = .text("outer"); $0["inner"] = .object(Record(inner) { _ in }) }
        let null = Record(outer) { $0["name"] = .text("outer"); $0["inner"] = .object(Record(inner) { $0["name"] = .null }) }
        #expect(template.render(.object(absent)) == "outer")
        #expect(template.render(.object(null)) == "")
    }

    @Test func partialsAreBoundAgainstTheCallersStack() throws {
        let result = try compile([
            "qbr.md": "{{#outcomes.items}}{{>partials/item.md}}{{/outcomes.items}}|{{>partials/item.md}}",
            "partials/item.md": "{{name}};",
        ])
        #expect(result.findings.map(\.file) == ["partials/item.md"])
        #expect(result.findings.first?.kind == .unknownName)
        #expect(result.template?.render(CompilerTests.data) == "ARR;NRR;|;")
    }

    @Test func referencesListEveryTagWithItsShape() throws {
        let result = try compile(["qbr.md": "{{account.name}}\n{{#outcomes.items}}{{attainment}}{{/outcomes.items}}"])
        let references = try #require(result.template?.references)
        #expect(references.map(\.name) == ["account.name", "outcomes.items", "attainment"])
        #expect(references.map(\.shape) == ["text", "list of Item", "number"])
        #expect(references.map(\.line) == [1, 2, 2])
        #expect(references.map(\.column) == [3, 4, 22])
    }

    @Test func partialsUseTheirOwnEscaping() throws {
        let set = try TemplateSet(
            sources: ["page.html": "{{x}}{{>raw.md}}", "raw.md": "{{x}}"],
            escaping: { $0.hasSuffix(".html") ? .html : .none })
        #expect(set.compile("page.html", root: .any).template?.render(.object(Record(ObjectShape("R", [Field("x", .text)])) {
            $0["x"] = .text("<b>")
        })) == "&lt;b&gt;<b>")
        #expect(set.names == ["page.html", "raw.md"])
        #expect(set.contains("raw.md"))
    }

    // MARK: Hostile templates (found while migrating qbr's templates)

    /// An override holding a block of its own name once expanded itself without end (a stack overflow).
    @Test func anOverrideHoldingABlockOfItsOwnNameIsItsOwnContent() throws {
        let result = try compile([
            "qbr.md": "{{<layout.md}}{{$value}}[mine {{$value}}inner{{/value}}]{{/value}}{{/layout.md}}",
            "layout.md": "<{{$value}}default{{/value}}>",
        ])
        #expect(result.findings.isEmpty)
        #expect(result.template?.render(CompilerTests.data) == "<[mine inner]>")
    }

    /// Nesting deeper than the compiler goes is a finding, not a stack overflow.
    @Test func nestingTooDeepIsAFinding() throws {
        let text = String(repeating: "{{#ready}}", count: 5_000) + "x" + String(repeating: "{{/ready}}", count: 5_000)
        let result = try compile(["qbr.md": text])
        #expect(result.findings.map(\.kind) == [.tooDeep])
        #expect(result.findings.first?.column == 1_004)  // the 101st section's name
    }

    /// `--strict`: the variables a render left blank, only where the render went.
    @Test func blankReferencesAreTheVariablesThatPrintedNothing() throws {
        let result = try compile(["qbr.md": "{{account.name}}\n{{account.owner}}{{#ready}}{{outcomes.title}}{{/ready}}"])
        let data = TemplateValue.object(Record(CompilerTests.root) { $0["account"] = .object(Record(CompilerTests.account) { $0["name"] = .text("N") }) })
        let blanks = try #require(result.template).blankReferences(data)
        #expect(blanks.map(\.name) == ["account.owner"])
        #expect(blanks.map(\.line) == [2] && blanks.map(\.column) == [3])
    }
}
