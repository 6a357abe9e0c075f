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
