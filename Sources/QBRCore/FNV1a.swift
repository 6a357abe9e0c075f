/// FNV-1a 64, the one hash qbr writes down (the manifest's `fnv1a64`, shards, long file names, re-run
/// fingerprints): stable across runs and machines, and simple enough for anyone to recompute.
package enum FNV1a {
    /// The hash of no bytes, where every hash starts.
    package static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// `hash` after one more byte.
    @inlinable
    package static func mix(_ byte: UInt8, into hash: inout UInt64) {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    /// `hash` after `bytes`.
    @inlinable
    package static func mix(_ bytes: some Sequence<UInt8>, into hash: inout UInt64) {
        for byte in bytes { mix(byte, into: &hash) }
    }

    /// The hash of `bytes`.
    package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes { mix(byte, into: &hash) }
        return hash
    }

    /// The hash of the text's UTF-8 bytes, read from its contiguous buffer (the view's iterator cost more than
    /// the hash on a large document).
    package static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8(hash)
    }

    /// 16 lower-case hex digits.
    package static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
