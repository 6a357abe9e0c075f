/// Speaker notes in a Markdown deck: from a line `<!-- notes -->` to the end of its slide. The HTML deck keeps
/// them for the presenter (shown with the `n` key); the customer edition's Markdown leaves them out unless
/// `--notes` asks for them, so a file sent to the customer does not carry the presenter's prompts.
public enum SpeakerNotes {
    /// `markdown` without its speaker notes: each notes block and the blank lines before it are removed, up to
    /// the next slide break (a line `---`) or the end. Text outside notes is unchanged, byte for byte.
    public static func removed(from markdown: String) -> String {
        guard ByteSearch.contains(markdown, "<!-- notes -->") else { return markdown }
        // Lines as byte ranges, compared byte for byte: the customer's Markdown of every deck passes through here.
        let marker = Array(MarkdownDocument.notesMarker.utf8)
        let slideBreak = Array("---".utf8)
        var markdown = markdown
        return markdown.withUTF8 { bytes -> String in
            var output: [Range<Int>] = []
            var inNotes = false
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let line = start..<end
                let text = UnsafeBufferPointer(rebasing: bytes[line])
                start = end + 1
                if inNotes {
                    guard text.elementsEqual(slideBreak) else { continue }
                    inNotes = false
                    output.append(0..<0)
                    output.append(line)
                    continue
                }
                if text.elementsEqual(marker) {
                    while output.last?.isEmpty == true { output.removeLast() }
                    inNotes = true
                    continue
                }
                output.append(line)
            }
            if inNotes { output.append(0..<0) }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            for (index, line) in output.enumerated() {
                if index > 0 { result.append(0x0A) }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
