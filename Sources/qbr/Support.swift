import ArgumentParser
import Foundation
import QBRCore

/// Exit codes of BSD sysexits.h, which scripts and job runners understand.
enum Sysexits {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let internalError: Int32 = 70
    static let cannotCreate: Int32 = 73
}

/// Diagnostics go to standard error; colour only on a terminal and never when `NO_COLOR` is set.
enum Terminal {
    static let useColor: Bool = {
        ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true && isatty(STDERR_FILENO) == 1
    }()

    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            var line = diagnostic.description
            if useColor {
                let label = "\(diagnostic.severity.rawValue):"
                let colour = diagnostic.severity == .error ? "\u{1B}[31m" : "\u{1B}[33m"
                line = line.replacingOccurrences(of: label, with: colour + label + "\u{1B}[0m")
            }
            write(line)
        }
    }

    static func error(_ message: String) {
        write(message.contains("error:") ? message : "error: " + message)
    }

    static func info(_ message: String) { write(message) }

    /// Standard error is a terminal: progress lines are for people, not for logs.
    static let isInteractive: Bool = isatty(STDERR_FILENO) == 1

    private static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension Day {
    /// Today's date in UTC, so a run's default date does not depend on the machine's zone.
    static func today() -> Day {
        Day(dayNumber: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}

/// A progress line on a terminal: accounts done, accounts per second and, when the total is known, a bar and
/// the time left. Redrawn at most ten times a second; nothing at all when standard error is not a terminal.
final class ProgressLine {
    private let total: Int?
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast

    init(total: Int?, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        var line = "\r\(done) accounts, \(Int(rate))/s"
        if let total, total > 0 {
            let share = min(1, Double(done) / Double(total))
            let filled = Int(share * 24)
            let left = rate > 0 ? Double(total - done) / rate : 0
            line = "\r[\(String(repeating: "#", count: filled))\(String(repeating: "-", count: 24 - filled))] "
                + "\(done)/\(total) accounts, \(Int(rate))/s, ETA \(Int(left.rounded()))s"
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
