import Foundation

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

    /// Writes `contents` to a temporary file in the destination folder (`.NAME.UUID.tmp`, hidden), flushes it
    /// to disk, then renames it over `path`: the rename is atomic, so `path` is never half written. Creates
    /// the folder when missing. On an error the temporary file is removed and the old file is untouched; a
    /// process killed before the rename leaves the old file and, at most, a hidden `.*.tmp` file.
    public static func write(_ contents: String, to path: String) throws(WriteError) {
        try write(contents, to: path, beforeRename: { _ in })
    }

    /// `write(_:to:)` with a seam for tests: `beforeRename` is called with the temporary file's path once it
    /// holds the complete new contents, just before the rename. When it throws, the write stops there, as an
    /// interrupted writer would, and the error is passed on.
    static func write(
        _ contents: String, to path: String, beforeRename: (_ temporary: String) throws -> Void
    ) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, reason: "cannot create the folder \(folder): \(Self.reason(error))")
        }
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: "\(Self.lastError()) (folder \(folder))")
        }
        var closed = false
        do throws(WriteError) {
            let bytes = Array(contents.utf8)
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { buffer in
                    posixWrite(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(path: path, reason: Self.lastError())
                }
                written += count
            }
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

    private static func lastError() -> String { String(cString: strerror(errno)) }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying.map({ Int32($0.code) }), underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(code))
        }
        return error.localizedDescription
    }
}
