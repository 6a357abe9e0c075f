import Foundation
import QBRCore
import QBRLoad

/// RFC 4180 CSV read from a file in 256 KiB blocks, one row at a time, on bytes: memory holds one block and one
/// row, never more than `InputLimits.maxCSVRowBytes` of it, so a 200 MB file with no line break costs no more
/// than a small one. A row that cannot be read (too long, a quote never closed, text after a closing quote,
/// bytes that are not UTF-8) comes back with its problem, and reading goes on with the next row.
///
/// Line ends are LF, CRLF or CR; a quoted cell may hold line breaks, commas and doubled quotes (`""`); a quote
/// inside an unquoted cell is kept as text (`5" screen`); a UTF-8 BOM at the start is skipped.
struct CSVRows {
    struct Row {
        /// The record's number, the header being 1; each physical line outside quotes starts a record, so in a
        /// file without quoted line breaks it is the line number.
        var number: Int
        /// The line the record starts on.
        var line: Int
        var cells: [String]
        /// Why the row cannot be used, and in which column (0-based) when one cell is to blame.
        var problem: (message: String, column: Int?)?
    }

    private let handle: FileHandle
    private var block: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private var line = 1
    private var number = 0
    private let limit: Int
    /// The byte between cells: `,`, or `;` `\t` `|` as `import.delimiter` says or the header line shows.
    private let comma: UInt8
    private let encoding: ImportSettings.Encoding

    init?(
        path: String, limit: Int = InputLimits.maxCSVRowBytes, delimiter: UInt8 = UInt8(ascii: ","),
        encoding: ImportSettings.Encoding = .utf8
    ) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
        self.limit = limit
        self.comma = delimiter
        self.encoding = encoding
        refill()
        if block.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    private mutating func refill() {
        guard !exhausted else { return }
        let data = (try? handle.read(upToCount: 256 << 10)) ?? nil
        guard let data, !data.isEmpty else {
            exhausted = true
            try? handle.close()
            block = []
            position = 0
            return
        }
        block = [UInt8](data)
        position = 0
    }

    @inline(__always)
    private mutating func peek() -> UInt8? {
        if position == block.count {
            refill()
            if position == block.count { return nil }
        }
        return block[position]
    }

    private enum State {
        case fieldStart, unquoted, quoted, closingQuote
    }

    private static let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    /// The next row, or nil at the end of the file.
    mutating func next() -> Row? {
        guard peek() != nil else { return nil }
        number += 1
        var row = Row(number: number, line: line, cells: [], problem: nil)
        var field: [UInt8] = []
        var state = State.fieldStart
        var size = 0
        var quoteLine = line

        let encoding = self.encoding
        func finishField(_ row: inout Row, _ field: inout [UInt8]) {
            guard field.contains(where: { $0 >= 0x80 }) else {
                row.cells.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                return
            }
            switch encoding {
            case .utf8:
                if row.problem == nil, let bad = InputFile.firstInvalidUTF8(field) {
                    row.problem = (
                        "is not UTF-8 text: byte " + String(format: "0x%02X", bad.byte)
                            + " cannot be read here (save the export as UTF-8)", row.cells.count
                    )
                }
                row.cells.append(String(decoding: field, as: UTF8.self))
            case .windows1252, .latin1:
                let decoded = SingleByteText.decode(field, encoding)
                if row.problem == nil, let bad = decoded.unassigned {
                    row.problem = (
                        "byte " + String(format: "0x%02X", bad) + " is no character in \(encoding.rawValue) "
                            + "(encoding in qbr.yaml): is the export UTF-8?", row.cells.count
                    )
                }
                row.cells.append(decoded.text)
            }
            field.removeAll(keepingCapacity: true)
        }

        while let byte = peek() {
            position += 1
            size += 1
            if size > limit {
                row.problem = (
                    "is longer than \(InputLimits.bytes(limit)) (one row holds one account: a quote never closed, "
                        + "or a file with no line breaks?); skipped to the next line", nil
                )
                row.cells = []
                // Resynchronise at the next line break, whatever the quotes say; nothing more is kept.
                var current = byte
                while true {
                    if current == Self.lf {
                        line += 1
                        break
                    }
                    guard let next = peek() else { break }
                    position += 1
                    current = next
                }
                return row
            }
            switch state {
            case .fieldStart, .unquoted:
                if byte == Self.quote && state == .fieldStart {
                    state = .quoted
                    quoteLine = line
                } else if byte == comma {
                    finishField(&row, &field)
                    state = .fieldStart
                } else if byte == Self.lf || byte == Self.cr {
                    endLine(byte)
                    finishField(&row, &field)
                    return row
                } else {
                    field.append(byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == Self.quote {
                    state = .closingQuote
                } else {
                    if byte == Self.lf { line += 1 }
                    field.append(byte)
                }
            case .closingQuote:
                if byte == Self.quote {
                    field.append(Self.quote)
                    state = .quoted
                } else if byte == comma {
                    finishField(&row, &field)
                    state = .fieldStart
                } else if byte == Self.lf || byte == Self.cr {
                    endLine(byte)
                    finishField(&row, &field)
                    return row
                } else {
                    if row.problem == nil {
                        row.problem = (
                            "has text after the closing quote of a cell (a quote inside a quoted cell is written "
                                + "twice: \"\")", row.cells.count
                        )
                    }
                    field.append(byte)
                    state = .unquoted
                }
            }
        }
        // The end of the file ends the row.
        if state == .quoted && row.problem == nil {
            row.problem = (
                "has a quoted cell opened on line \(quoteLine) that is never closed (a missing \"?)", row.cells.count
            )
        }
        finishField(&row, &field)
        return row
    }

    /// A line break outside quotes: a CR followed by LF is one.
    private mutating func endLine(_ byte: UInt8) {
        line += 1
        if byte == Self.cr, peek() == Self.lf { position += 1 }
    }
}

extension CSVRows {
    /// The delimiter of the header line (outside quotes, up to its first line break): the most frequent of `,`
    /// `;` tab `|`, a comma when none appears; nil when two are as frequent, which only `import.delimiter` can
    /// settle.
    static func detectDelimiter(path: String) -> (delimiter: UInt8?, counts: [Character: Int]) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return (UInt8(ascii: ","), [:]) }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in data {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")].contains(byte) { counts[byte, default: 0] += 1 }
        }
        let shown = Dictionary(uniqueKeysWithValues: counts.map { (Character(UnicodeScalar($0.key)), $0.value) })
        guard let most = counts.values.max() else { return (UInt8(ascii: ","), shown) }
        let top = counts.filter { $0.value == most }.map(\.key)
        return (top.count == 1 ? top[0] : nil, shown)
    }
}

/// Windows-1252 and ISO 8859-1 bytes as text: one byte, one character.
enum SingleByteText {
    /// 0x80–0x9F in Windows-1252 (ISO 8859-1 has C1 controls there); 0 marks the five bytes with no character.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    /// The text, and the first byte that has no character in the encoding.
    static func decode(_ bytes: [UInt8], _ encoding: ImportSettings.Encoding) -> (text: String, unassigned: UInt8?) {
        var scalars = String.UnicodeScalarView()
        var unassigned: UInt8?
        for byte in bytes {
            var value = UInt32(byte)
            if encoding == .windows1252, (0x80...0x9F).contains(byte) {
                value = windows1252High[Int(byte) - 0x80]
                if value == 0 {
                    unassigned = unassigned ?? byte
                    value = 0xFFFD
                }
            }
            scalars.append(UnicodeScalar(value) ?? "\u{FFFD}")
        }
        return (String(scalars), unassigned)
    }
}
