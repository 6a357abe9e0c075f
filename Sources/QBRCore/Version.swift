/// The release of qbr, printed by `--version` and written into each document's generator line.
public enum QBRVersion {
    /// Semantic version.
    public static let current = "0.3.0"
}
