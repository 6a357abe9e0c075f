import Foundation
import Synchronization

/// Time spent in each stage of rendering, summed over all threads of a run, for `qbr batch --timings` and the
/// benchmark: so the next bottleneck is visible without a profiler.
public enum RenderTimings {
    /// A stage of the pipeline.
    public enum Stage: Int, CaseIterable, Sendable {
        /// Reading records from the source (file, CSV, SQLite).
        case read
        /// Validating a record into an account.
        case validate
        /// Metrics, flags and playbook selection (the view model's inputs).
        case metrics
        /// Building the view model and merging it into the templates (documents, checklists, details).
        case template
        /// Drawing the SVG charts.
        case charts
        /// cmark-gfm: Markdown to HTML.
        case cmark
        /// The HTML shell around the slides.
        case shell
        /// Writing files (atomically) and hashing them for the manifest.
        case write

        /// The stage's name as printed.
        public var name: String {
            switch self {
            case .read: return "read"
            case .validate: return "validate"
            case .metrics: return "metrics and playbooks"
            case .template: return "template"
            case .charts: return "charts"
            case .cmark: return "cmark-gfm"
            case .shell: return "shell"
            case .write: return "write"
            }
        }
    }

    // One counter per stage (atomics cannot be kept in an array).
    private static let read = Atomic<UInt64>(0), validate = Atomic<UInt64>(0), metrics = Atomic<UInt64>(0)
    private static let template = Atomic<UInt64>(0), charts = Atomic<UInt64>(0), cmark = Atomic<UInt64>(0)
    private static let shell = Atomic<UInt64>(0), write = Atomic<UInt64>(0)

    private static func add(_ value: UInt64, to stage: Stage) {
        switch stage {
        case .read: read.add(value, ordering: .relaxed)
        case .validate: validate.add(value, ordering: .relaxed)
        case .metrics: metrics.add(value, ordering: .relaxed)
        case .template: template.add(value, ordering: .relaxed)
        case .charts: charts.add(value, ordering: .relaxed)
        case .cmark: cmark.add(value, ordering: .relaxed)
        case .shell: shell.add(value, ordering: .relaxed)
        case .write: write.add(value, ordering: .relaxed)
        }
    }

    private static func load(_ stage: Stage) -> UInt64 {
        switch stage {
        case .read: return read.load(ordering: .relaxed)
        case .validate: return validate.load(ordering: .relaxed)
        case .metrics: return metrics.load(ordering: .relaxed)
        case .template: return template.load(ordering: .relaxed)
        case .charts: return charts.load(ordering: .relaxed)
        case .cmark: return cmark.load(ordering: .relaxed)
        case .shell: return shell.load(ordering: .relaxed)
        case .write: return write.load(ordering: .relaxed)
        }
    }

    /// Seconds spent in `stage` so far, over all threads.
    public static func seconds(_ stage: Stage) -> Double {
        Double(load(stage)) / 1e9
    }

    /// Seconds spent parsing and rendering Markdown with cmark-gfm so far.
    public static var cmarkSeconds: Double { seconds(.cmark) }

    /// Runs `body`, adding its time to `stage`.
    @inline(__always)
    public static func measure<T, E: Error>(_ stage: Stage, _ body: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            add(DispatchTime.now().uptimeNanoseconds &- start, to: stage)
        }
        return try body()
    }

    /// Adds the time from `start` (a `DispatchTime` uptime in nanoseconds) to now to `stage`.
    public static func add(since start: UInt64, to stage: Stage) {
        add(DispatchTime.now().uptimeNanoseconds &- start, to: stage)
    }

    static func add(_ duration: Duration) {
        let parts = duration.components
        let value = UInt64(max(0, parts.seconds)) * 1_000_000_000 + UInt64(max(0, parts.attoseconds) / 1_000_000_000)
        add(value, to: .cmark)
    }

    /// Parses and renders `markdown` with cmark-gfm alone (no templates, no shell): the floor a run's
    /// Markdown → HTML cost is compared with.
    public static func cmarkAlone(_ markdown: String) -> Int {
        MarkdownDocument(markdown).slides().count
    }
}
