import Foundation
import ZIPFoundation

/// The parts of an Open Packaging Conventions file (a .pptx or .xlsx), written as a zip: entries in the order
/// they were added (`[Content_Types].xml` first, as Office writes it), every entry with the same fixed
/// modification date and permissions, so the same parts give the same bytes.
struct ZipPackage {
    /// Part name (no leading slash) → bytes, in the order added.
    private(set) var parts: [(name: String, data: Data)] = []
    private var names: Set<String> = []

    /// Adds a part; a second part of the same name replaces nothing (the first wins), which callers never rely on.
    mutating func add(_ name: String, _ data: Data) {
        guard names.insert(name).inserted else { return }
        parts.append((name, data))
    }

    /// Adds an XML part from its text.
    mutating func add(_ name: String, xml: String) { add(name, Data(xml.utf8)) }

    /// Whether a part of that name was added.
    func contains(_ name: String) -> Bool { names.contains(name) }

    /// The zip file: `[Content_Types].xml` first, then the parts in the order added, deflated, all dated `date`.
    func archive(date: Date) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let ordered =
            parts.filter { $0.name == "[Content_Types].xml" } + parts.filter { $0.name != "[Content_Types].xml" }
        for part in ordered {
            let data = part.data
            try archive.addEntry(
                with: part.name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }

    /// The parts of a zip file, by name.
    static func read(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        return parts
    }
}
