import Mustache

@testable import QBRRender

/// Renders a one-off template string with the Markdown content type, as a team template would be.
enum MustacheProbe {
    static func render(_ text: String, _ context: [String: Any]) throws -> String {
        _ = try TemplateLibrary.builtIn()  // registers the Markdown content type
        return try MustacheTemplate(string: TemplateLibrary.prepared(text, name: "probe.md")).render(context)
    }
}
