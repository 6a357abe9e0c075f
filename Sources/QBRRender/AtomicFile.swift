import Foundation
import Synchronization

#if canImport(Darwin)
    import Darwin
    private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        Darwin.write(descriptor, bytes, count)
    }
#else
    import Glibc
    private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        Glibc.write(descriptor, bytes, count)
    }
#endif

/// Writes files so that a reader (or a killed run) sees either the old file or the complete new one.
public enum AtomicFile {
    /// Why a file could not be written: the destination and the system's reason, with the folder when it is
    /// the folder that refused.
    public struct WriteError: Error, CustomStringConvertible, LocalizedError, Sendable {
        /// The file that was to be written.
        public let path: String
        /// What went wrong, in words (`Permission denied (folder /x)`).
        public let reason: String

        /// `path: cannot write: reason`.
        public var description: String { "\(path): cannot write: \(reason)" }
        /// The reason alone, for callers that print the path themselves.
        public var errorDescription: String? { reason }
    }

    /// Writes `contents` to a temporary file in the destination folder (`.NAME.PID-N.tmp`, hidden), flushes it
    /// to disk, then renames it over `path`: the rename is atomic, so `path` is never half written. Creates
    /// the folder when missing. On an error the temporary file is removed and the old file is untouched; a
    /// process killed before the rename leaves the old file and, at most, a hidden `.*.tmp` file.
    public static func write(_ contents: String, to path: String) throws(WriteError) {
        try write(contents, to: path, beforeRename: { _ in })
    }

    /// `write(_:to:)` for binary contents (a PowerPoint deck), with the same guarantees.
    public static func write(bytes contents: [UInt8], to path: String) throws(WriteError) {
        try write(contents, to: path, beforeRename: { _ in })
    }

    /// The text's UTF-8 bytes, in place (no copy of a large document), through the seam below.
    static func write(
        _ contents: String, to path: String, beforeRename: (_ temporary: String) throws -> Void
    ) throws(WriteError) {
        try write(to: path, beforeRename: beforeRename) { body in
            var contents = contents
            return contents.withUTF8(body)
        }
    }

    /// Binary contents through the seam below.
    static func write(
        _ contents: [UInt8], to path: String, beforeRename: (_ temporary: String) throws -> Void
    ) throws(WriteError) {
        try write(to: path, beforeRename: beforeRename) { contents.withUnsafeBufferPointer($0) }
    }

    /// `write(_:to:)` with a seam for tests: `beforeRename` is called with the temporary file's path once it
    /// holds the complete new contents, just before the rename. When it throws, the write stops there, as an
    /// interrupted writer would, and the error is passed on. `bytes` hands the contents to its argument, which
    /// returns the write's errno or 0.
    private static func write(
        to path: String, beforeRename: (_ temporary: String) throws -> Void,
        bytes: ((UnsafeBufferPointer<UInt8>) -> Int32) -> Int32
    ) throws(WriteError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        // A name no other writer uses: this process's id and a counter (cheaper than a UUID, and O_EXCL refuses
        // a clash with a file a killed process left).
        func temporaryName() -> String {
            let count = temporaryCounter.add(1, ordering: .relaxed).newValue
            return (folder == "." ? "" : folder + "/") + ".\(name).\(processID)-\(count).tmp"
        }
        var temporary = temporaryName()
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if descriptor < 0 && (errno == ENOENT || errno == ENOTDIR) {
            // The folder is created only when the first write into it finds it missing.
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw WriteError(path: path, reason: "cannot create the folder \(folder): \(Self.reason(error))")
            }
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        while descriptor < 0 && errno == EEXIST {
            temporary = temporaryName()
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: "\(Self.lastError()) (folder \(folder))")
        }
        var closed = false
        do throws(WriteError) {
            // The write's errno, or 0.
            let failure: Int32 = bytes { buffer in
                var written = 0
                while written < buffer.count, let base = buffer.baseAddress {
                    let count = posixWrite(descriptor, base + written, buffer.count - written)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    if count == 0 { return EIO }
                    written += count
                }
                return 0
            }
            guard failure == 0 else { throw WriteError(path: path, reason: String(cString: strerror(failure))) }
            guard fsync(descriptor) == 0 else { throw WriteError(path: path, reason: Self.lastError()) }
            closed = true
            guard close(descriptor) == 0 else { throw WriteError(path: path, reason: Self.lastError()) }
            do {
                try beforeRename(temporary)
            } catch let error as WriteError {
                throw error
            } catch {
                throw WriteError(path: path, reason: "interrupted before the rename: \(error)")
            }
            guard rename(temporary, path) == 0 else { throw WriteError(path: path, reason: Self.lastError()) }
        } catch {
            if !closed { _ = close(descriptor) }
            _ = unlink(temporary)
            throw error
        }
    }

    private static let processID = getpid()
    private static let temporaryCounter = Atomic<Int>(0)

    private static func lastError() -> String { String(cString: strerror(errno)) }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying.map({ Int32($0.code) }), underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(code))
        }
        return error.localizedDescription
    }
}
