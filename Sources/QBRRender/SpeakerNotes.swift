/// Speaker notes in a Markdown deck: from a line `<!-- notes -->` to the end of its slide. The HTML deck keeps
/// them for the presenter (shown with the `n` key); the customer edition's Markdown leaves them out unless
/// `--notes` asks for them, so a file sent to the customer does not carry the presenter's prompts.
public enum SpeakerNotes {
    /// `markdown` without its speaker notes: each notes block and the blank lines before it are removed, up to
    /// the next slide break (a line `---`) or the end. Text outside notes is unchanged, byte for byte.
    public static func removed(from markdown: String) -> String {
        guard markdown.contains(MarkdownDocument.notesMarker) else { return markdown }
        var output: [Substring] = []
        var inNotes = false
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            if inNotes {
                guard line == "---" else { continue }
                inNotes = false
                output.append("")
                output.append(line)
                continue
            }
            if line == Substring(MarkdownDocument.notesMarker) {
                while output.last?.isEmpty == true { output.removeLast() }
                inNotes = true
                continue
            }
            output.append(line)
        }
        if inNotes { output.append("") }
        return output.joined(separator: "\n")
    }
}
