/// One dataset, read completely into memory, row by row.
///
/// Columns are stored as parallel arrays: row `i` has `texts[i]`, `labels[i]`, `annotations[i]`
/// and starts on physical line `lineNumbers[i]` of its file (1-based), so later stages can point
/// users at the exact line of a finding.
public struct Dataset: Sendable, Equatable {
    /// Display name (from `NAME=PATH`, else the file's stem).
    public var name: String
    /// Real reference or synthetic candidate.
    public var role: DatasetRole
    /// The path as the user gave it (`-` for standard input).
    public var path: String
    /// The text of each row.
    public var texts: [String]
    /// The label of each row, `nil` where the row has none. Numbers are kept in their JSON spelling.
    public var labels: [String?]
    /// One label per rater for each row, `nil` where the row has no annotations field.
    public var annotations: [[String]?]
    /// The 1-based line on which each row starts in its file.
    public var lineNumbers: [Int]
    /// One embedding vector per row (`vectors.rows == count`), read from the field named by
    /// `FieldMapping.vectors`; `nil` when no vectors were asked for.
    public var vectors: DatasetVectors?
    /// SHA-256 of the bytes the dataset was read from (file or standard input), 64 lowercase hex digits,
    /// so a report names exactly which data it describes (compare with `sha256sum FILE`); `nil` for a
    /// dataset built in memory.
    public var sha256: String?
    /// One column per field of ``FieldMapping/comparedLabels``: each row's label from that source
    /// (`nil` where the row has none).
    public var comparedLabels: [[String?]] = []
    /// Each row's split (``FieldMapping/split``), `nil` where the row has none; empty for a dataset built
    /// in memory.
    public var splits: [String?] = []

    /// Creates a dataset from parallel columns; all columns, and the vectors' rows, must have the same length.
    public init(
        name: String, role: DatasetRole, path: String, texts: [String], labels: [String?]? = nil,
        annotations: [[String]?]? = nil, lineNumbers: [Int]? = nil, vectors: DatasetVectors? = nil
    ) {
        precondition(labels == nil || labels?.count == texts.count, "labels must align with texts")
        precondition(annotations == nil || annotations?.count == texts.count, "annotations must align with texts")
        precondition(lineNumbers == nil || lineNumbers?.count == texts.count, "line numbers must align with texts")
        precondition(vectors == nil || vectors?.rows == texts.count, "vectors must align with texts")
        self.name = name
        self.role = role
        self.path = path
        self.texts = texts
        self.labels = labels ?? Array(repeating: nil, count: texts.count)
        self.annotations = annotations ?? Array(repeating: nil, count: texts.count)
        self.lineNumbers = lineNumbers ?? Array(1..<(texts.count + 1))
        self.vectors = vectors
    }

    /// Number of rows.
    public var count: Int { texts.count }

    /// Whether any row carries a label.
    public var hasLabels: Bool { labels.contains { $0 != nil } }
}
