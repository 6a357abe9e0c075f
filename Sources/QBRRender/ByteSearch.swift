/// Substring search on UTF-8 bytes: Foundation's `contains` goes through CFString, which showed in a batch's
/// profile for a question asked of every document.
package enum ByteSearch {
    /// Whether `text` contains `needle`.
    package static func contains(_ text: String, _ needle: StaticString) -> Bool {
        var text = text
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return true }
        return text.withUTF8 { haystack in
            guard haystack.count >= pattern.count else { return false }
            var index = 0
            let last = haystack.count - pattern.count
            while index <= last {
                if haystack[index] == first {
                    var offset = 1
                    while offset < pattern.count && haystack[index + offset] == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
