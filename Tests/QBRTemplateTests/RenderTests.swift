import Testing
import QBRTemplate

@Suite("Rendering")
struct RenderTests {
    func render(_ template: String, _ root: TemplateValue, escaping: Escaping = .html) throws -> String {
        let set = try TemplateSet(sources: ["t": template], escaping: { _ in escaping })
        return set.compile("t", root: .any).template?.render(root) ?? "<missing>"
    }

    static let shape = ObjectShape("Root", [
        Field("zero", .number), Field("empty", .text), Field("no", .flag), Field("none", .list(.any)),
        Field("null", .any), Field("money", .any),
    ])

    struct Money: TemplateObject {
        static let shape = ObjectShape("Money", [Field("raw", .number), Field("compact", .text)])
        var shape: ObjectShape { Money.shape }
        func field(at index: Int) -> TemplateValue { index == 0 ? .int(240_000) : .text("$240k") }
        var interpolation: String? { "$240,000" }
    }

    var root: TemplateValue {
        .object(Record(RenderTests.shape) {
            $0["zero"] = .int(0)
            $0["empty"] = .text("")
            $0["no"] = .bool(false)
            $0["none"] = .list([])
            $0["null"] = .null
            $0["money"] = .object(Money())
        })
    }

    @Test func templatesAddedToASetUseItsPartialsAndReportTheirOwnErrors() throws {
        let base = try TemplateSet(sources: ["p": "[{{.}}]", "t": "{{#none}}x{{/none}}"], escaping: { _ in .none })
        let more = try base.adding(["d": "{{#list}}{{>p}}{{/list}}", "t": "replaced"])
        #expect(more.names == ["d", "p", "t"])
        #expect(more.compile("d", root: .any).template?.render(.object(Record(ObjectShape("R", [Field("list", .list(.any))])) {
            $0["list"] = .list([.text("a"), .text("b")])
        })) == "[a][b]")
        #expect(more.compile("t", root: .any).template?.render(.null) == "replaced")
        #expect(base.compile("t", root: .any).template?.render(.null) == "")
        #expect(throws: TemplateSyntaxErrors.self) { try base.adding(["bad": "{{#open}}"]) }
    }

    @Test func truthinessZeroAndEmptyTextAreTruthy() throws {
        let template = "{{#zero}}z{{/zero}}{{#empty}}e{{/empty}}{{#no}}n{{/no}}{{#none}}l{{/none}}{{#null}}u{{/null}}{{#missing}}m{{/missing}}"
        #expect(try render(template, root) == "ze")
        let inverted = "{{^zero}}z{{/zero}}{{^empty}}e{{/empty}}{{^no}}n{{/no}}{{^none}}l{{/none}}{{^null}}u{{/null}}{{^missing}}m{{/missing}}"
        #expect(try render(inverted, root) == "nlum")
    }

    @Test func objectInterpolationAndChildren() throws {
        #expect(try render("{{money}} ({{money.compact}}, {{money.raw}})", root) == "$240,000 ($240k, 240000)")
    }

    @Test func escapingHook() throws {
        let markdown = Escaping { text, output in
            for byte in text.utf8 {
                if byte == UInt8(ascii: "|") { output.append(UInt8(ascii: "\\")) }
                output.append(byte)
            }
        }
        let data = TemplateValue.object(Record(ObjectShape("R", [Field("cell", .text)])) { $0["cell"] = .text("a|b") })
        #expect(try render("{{cell}} {{{cell}}} {{&cell}}", data, escaping: markdown) == "a\\|b a|b a|b")
        #expect(try render("{{cell}}", data, escaping: .none) == "a|b")
        #expect(try render("<{{.}}>", .text("& \" < > '")) == "<&amp; &quot; &lt; &gt; '>")
    }

    @Test func numbersAndBooleansPrint() throws {
        #expect(try render("{{.}}", .int(-42)) == "-42")
        #expect(try render("{{.}}", .int(Int.min)) == "\(Int.min)")
        #expect(try render("{{.}}", .double(1.21)) == "1.21")
        #expect(try render("{{.}}", .double(1)) == "1.0")
        #expect(try render("{{.}}", .bool(true)) == "true")
        #expect(try render("[{{.}}]", .list([.int(1)])) == "[]")
    }

    @Test func listPositions() throws {
        let item = ObjectShape("Item", [Field("name", .text)])
        let items = TemplateValue.list(["a", "b", "c"].map { name in .object(Record(item) { $0["name"] = .text(name) }) })
        let data = TemplateValue.object(Record(ObjectShape("R", [Field("items", .list(.object(item)))])) { $0["items"] = items })
        #expect(try render("{{#items}}{{@index}}.{{name}}{{^@last}}, {{/@last}}{{/items}}", data) == "1.a, 2.b, 3.c")
        #expect(try render("{{#items}}{{#@first}}[{{/@first}}{{name}}{{/items}}]", data) == "[abc]")
        #expect(try render("{{@index}}{{#@first}}x{{/@first}}", data) == "")
    }

    @Test func renderAppendsToAnExistingBuffer() throws {
        let set = try TemplateSet(sources: ["t": "{{.}}"], escaping: { _ in .none })
        var buffer = Array("> ".utf8)
        set.compile("t", root: .text).template?.render(.text("hi"), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "> hi")
    }
}
