import Foundation
import QBRCore

/// Reading an input file within a size limit, and saying exactly where its bytes stop being text.
public enum InputFile {
    /// The bytes of `path` (`-`: standard input), refused when larger than `limit`: a regular file by its size
    /// before anything is read, anything else (a pipe, `/dev/zero`) once `limit` bytes have been read, so
    /// memory never holds more than the limit. `what` names the kind of file in the message.
    public static func read(_ path: String, limit: Int, what: String) throws(AccountLoadError) -> Data {
        let name = path == "-" ? "<stdin>" : path
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw AccountLoadError(.unreadable, [Diagnostic(.error, "no such file", file: name)])
            }
            guard !isDirectory.boolValue else {
                throw AccountLoadError(.unreadable, [Diagnostic(.error, "is a folder, not \(what)", file: name)])
            }
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            if attributes?[.type] as? FileAttributeType == .typeRegular,
                let size = (attributes?[.size] as? NSNumber)?.intValue, size > limit
            {
                throw AccountLoadError(.invalid, [tooLarge(name, size: size, limit: limit, what: what)])
            }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw AccountLoadError(.unreadable, [Diagnostic(.error, "cannot be read (permissions?)", file: name)])
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        var data = Data()
        while data.count <= limit {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: min(1 << 20, limit + 1 - data.count))
            } catch {
                throw AccountLoadError(
                    .unreadable, [Diagnostic(.error, "cannot be read: \(error.localizedDescription)", file: name)])
            }
            guard let chunk, !chunk.isEmpty else { return data }
            data.append(chunk)
        }
        throw AccountLoadError(.invalid, [tooLarge(name, size: nil, limit: limit, what: what)])
    }

    /// `big.yaml: error: is 209,715,200 bytes (200.0 MiB): an account file may be at most 16 MiB`.
    static func tooLarge(_ name: String, size: Int?, limit: Int, what: String) -> Diagnostic {
        let found = size.map { "is \(InputLimits.size($0))" } ?? "is larger than \(InputLimits.bytes(limit))"
        var message = "\(found): \(what) may be at most \(InputLimits.bytes(limit))"
        if what.contains("portfolio") {
            message += "; give a larger book as a CSV export, a folder of account files or SQLite, which are read "
                + "one account at a time"
        }
        return Diagnostic(.error, message, file: name)
    }

    /// Where bytes that are not UTF-8 start: `bad.yaml:3:14: error: is not UTF-8 text: byte 0xE9 …`.
    static func notUTF8(_ bytes: Data, file: String) -> Diagnostic {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return Diagnostic(.error, "is UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8", file: file)
        }
        guard let problem = firstInvalidUTF8(bytes) else {
            return Diagnostic(.error, "is not UTF-8 text", file: file)
        }
        let byte = String(format: "0x%02X", problem.byte)
        return Diagnostic(
            .error,
            "is not UTF-8 text: byte \(byte) cannot be read here (a Latin-1 or Windows-1252 file? save it as UTF-8)",
            file: file, line: problem.line, column: problem.column)
    }

    /// The first byte that breaks UTF-8, with its 1-based line and column (in characters).
    package static func firstInvalidUTF8<Bytes: Collection>(_ bytes: Bytes) -> (line: Int, column: Int, byte: UInt8)?
    where Bytes.Element == UInt8 {
        var line = 1
        var column = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            column += 1
            let continuation: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: continuation = 0
            case 0xC2...0xDF: continuation = 1
            case 0xE0: continuation = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: continuation = 2
            case 0xED: continuation = 2; high = 0x9F
            case 0xF0: continuation = 3; low = 0x90
            case 0xF1...0xF3: continuation = 3
            case 0xF4: continuation = 3; high = 0x8F
            default: return (line, column, lead)
            }
            var next = bytes.index(after: index)
            for position in 0..<continuation {
                guard next < bytes.endIndex else { return (line, column, lead) }
                let byte = bytes[next]
                guard (position == 0 ? low...high : 0x80...0xBF).contains(byte) else { return (line, column, lead) }
                next = bytes.index(after: next)
            }
            if lead == 0x0A {
                line += 1
                column = 0
            }
            index = next
        }
        return nil
    }

    /// The 1-based line and column of the `offset`-th character of `text` (a CRLF is one line break).
    package static func lineAndColumn(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int)? {
        var line = 1
        var column = 1
        var seen = 0
        for character in text {
            if seen == offset { return (line, column) }
            seen += 1
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return seen == offset ? (line, column) : nil
    }
}
