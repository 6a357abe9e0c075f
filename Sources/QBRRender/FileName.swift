/// File names derived from account ids.
public enum FileName {
    /// A portable file name for `id`: letters, digits, `-`, `_` and `.` kept; anything else (`/`, spaces,
    /// NUL, `..`) becomes `_`; never empty, never hidden, at most 100 characters.
    public static func safe(_ id: String) -> String {
        var result = ""
        for scalar in id.unicodeScalars {
            let keep =
                (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "-" || scalar == "_" || scalar == "."
            result.unicodeScalars.append(keep ? scalar : "_")
        }
        while result.hasPrefix(".") { result = "_" + result.dropFirst() }
        if result.isEmpty { result = "account" }
        return String(result.prefix(100))
    }
}
