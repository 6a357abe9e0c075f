import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Which allocator the process's `malloc` is: qbr links mimalloc on Linux, and `--timings` says whether it is
/// the one in use (a build that lost the link would still run, only slower).
enum Allocator {
    /// The library that defines the `malloc` every caller in the process gets: "mimalloc (libmimalloc.so.2)",
    /// or the system's ("libc.so.6").
    static var name: String {
        #if os(Linux)
            // A null handle is RTLD_DEFAULT: the definition the dynamic linker binds, as every caller sees it.
            guard let malloc = dlsym(nil, "malloc"), let library = library(containing: UInt(bitPattern: malloc)) else {
                return "unknown"
            }
            return library.contains("mimalloc") ? "mimalloc (\(library))" : library
        #else
            return "the system's"
        #endif
    }

    /// The file name of the mapping of `/proc/self/maps` that holds `address` (Glibc's module has no `dladdr`).
    private static func library(containing address: UInt) -> String? {
        // Read to the end by hand: a /proc file has no size, and Foundation stops after its first page.
        let descriptor = open("/proc/self/maps", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var page = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = page.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += page[..<count]
        }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            // start-end perms offset dev inode path
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let range = fields.first?.split(separator: "-") ?? []
            guard fields.count >= 6, range.count == 2, let start = UInt(range[0], radix: 16),
                let end = UInt(range[1], radix: 16), start <= address, address < end
            else { continue }
            return (String(fields[5]) as NSString).lastPathComponent
        }
        return nil
    }
}
