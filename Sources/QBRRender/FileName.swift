import QBRCore

/// File names derived from account ids.
public enum FileName {
    /// The longest name `safe` returns.
    public static let maxLength = 100

    /// A portable file name for `id`: letters, digits, `-`, `_` and `.` kept; anything else (`/`, spaces,
    /// NUL, `..`) becomes `_`; never empty, never hidden, never ending in a dot, never a name Windows reserves
    /// (`CON`, `nul.txt`, `com1.qbr.md` get a leading `_`), at most 100 characters. An id whose name would be
    /// longer keeps its first 83 characters and a 16-digit hash of the whole id, so two long ids that share
    /// a prefix still get different names.
    public static func safe(_ id: String) -> String {
        var result = ""
        for scalar in id.unicodeScalars {
            let keep =
                (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "-" || scalar == "_" || scalar == "."
            result.unicodeScalars.append(keep ? scalar : "_")
        }
        while result.hasPrefix(".") { result = "_" + result.dropFirst() }
        // Windows drops trailing dots ("a." opens "a"); spaces are already `_`.
        while result.hasSuffix(".") { result = String(result.dropLast()) + "_" }
        if result.isEmpty { result = "account" }
        if isReservedOnWindows(result) { result = "_" + result }
        if result.count > maxLength {
            result = String(result.prefix(maxLength - 17)) + "-" + hash(id)
        }
        return result
    }

    /// True when Windows refuses `name` as a file name: a device name (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`,
    /// `LPT0`–`LPT9`), in any case, alone or before any extension (`con.txt`, `NUL.qbr.md`).
    public static func isReservedOnWindows(_ name: String) -> Bool {
        let stem = name.prefix { $0 != "." }.uppercased()
        if ["CON", "PRN", "AUX", "NUL"].contains(stem) { return true }
        guard stem.count == 4, stem.hasPrefix("COM") || stem.hasPrefix("LPT"), let last = stem.last else {
            return false
        }
        return last.isASCII && last.isNumber
    }

    /// FNV-1a 64 of the UTF-8 bytes, 16 hex digits: stable across runs and machines.
    static func hash(_ text: String) -> String {
        FNV1a.hex(FNV1a.hash(text))
    }
}
