/// The file formats Assay reads.
public enum DatasetFormat: String, Sendable, CaseIterable, Codable {
    /// JSON Lines: one JSON object per line.
    case jsonLines = "jsonl"
    /// Comma-separated values with a header row (RFC 4180 quoting).
    case csv
    /// Tab-separated values with a header row (RFC 4180 quoting).
    case tsv

    /// The format implied by a file name's extension (`.jsonl`, `.ndjson`, `.json`, `.csv`, `.tsv`, `.tab`),
    /// or `nil` when the extension says nothing (including standard input).
    public static func inferred(fromPath path: String) -> DatasetFormat? {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".json") {
            return .jsonLines
        }
        if lowered.hasSuffix(".csv") { return .csv }
        if lowered.hasSuffix(".tsv") || lowered.hasSuffix(".tab") { return .tsv }
        return nil
    }
}
