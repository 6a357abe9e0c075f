/// How `{{name}}` escapes text; `{{{name}}}` and `{{&name}}` never escape.
public struct Escaping: Sendable {
    enum Kind: Sendable {
        case html
        case none
        case custom(@Sendable (String, inout [UInt8]) -> Void)
    }

    let kind: Kind

    /// The Mustache specification's HTML escaping: `&`, `"`, `<` and `>` become `&amp;`, `&quot;`, `&lt;` and `&gt;`.
    public static let html = Escaping(kind: .html)
    /// No escaping at all (e.g. for Markdown).
    public static let none = Escaping(kind: .none)

    /// A custom escaping that appends the escaped UTF-8 of the text.
    public init(_ escape: @escaping @Sendable (String, inout [UInt8]) -> Void) {
        self.kind = .custom(escape)
    }

    init(kind: Kind) {
        self.kind = kind
    }

    /// Appends `text` escaped.
    @inline(__always)
    func append(_ text: String, to output: inout [UInt8]) {
        switch kind {
        case .none:
            output.append(contentsOf: text.utf8)
        case .html:
            Escaping.appendHTML(text, to: &output)
        case .custom(let escape):
            escape(text, &output)
        }
    }

    /// Whether plain digits, signs and dots may bypass the escaping (true for the built-in escapings).
    var passesNumbers: Bool {
        if case .custom = kind { return false }
        return true
    }

    static func appendHTML(_ text: String, to output: inout [UInt8]) {
        var text = text
        // Contiguous UTF-8 lets the loop run over a buffer instead of the String's slower iterator.
        text.withUTF8 { bytes in
            // Most text has nothing to escape: one scan, one copy.
            if !bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) {
                output.append(contentsOf: bytes)
                return
            }
            var runStart = 0
            for (index, byte) in bytes.enumerated() {
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                default: continue
                }
                if runStart < index {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
                output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            if runStart < bytes.count {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
    }
}
