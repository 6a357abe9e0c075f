import Foundation

/// Time spent inside cmark-gfm across all threads of a run, for `qbr batch --timings` and the benchmark.
public enum RenderTimings {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cmarkNanoseconds: UInt64 = 0

    /// Seconds spent parsing and rendering Markdown with cmark-gfm so far.
    public static var cmarkSeconds: Double {
        lock.lock()
        defer { lock.unlock() }
        return Double(cmarkNanoseconds) / 1e9
    }

    static func add(_ duration: Duration) {
        let parts = duration.components
        let nanoseconds = UInt64(max(0, parts.seconds)) * 1_000_000_000 + UInt64(max(0, parts.attoseconds) / 1_000_000_000)
        lock.lock()
        cmarkNanoseconds &+= nanoseconds
        lock.unlock()
    }

    /// Parses and renders `markdown` with cmark-gfm alone (no templates, no shell): the floor a run's
    /// Markdown → HTML cost is compared with.
    public static func cmarkAlone(_ markdown: String) -> Int {
        MarkdownDocument(markdown).slides().count
    }
}
