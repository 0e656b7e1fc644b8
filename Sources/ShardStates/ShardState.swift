/// What one shard of a dataset contributes to an audit: the exact statistics of its rows and a seeded
/// sample of them. Written by `assay profile`, read by `assay merge`; the layout is versioned
/// (``currentVersion``) and documented in `Metrics/shard-states.md`.
public struct ShardState: Sendable, Equatable, Codable {
    /// Always `assay-shard-state`.
    public var format: String
    /// The layout's version.
    public var version: Int
    /// The dataset's display name; states of one dataset share it.
    public var dataset: String
    /// The file the shard was read from.
    public var path: String
    /// SHA-256 of that file's bytes.
    public var sha256: String?
    /// Which rows of the dataset the shard holds.
    public var part: ShardPart
    /// What decides the numbers; equal in every state of a merge.
    public var settings: ShardSettings
    /// The exact statistics of the shard's rows.
    public var statistics: DatasetStatistics
    /// The shard's rows with the smallest sampling keys.
    public var sample: SampledRows

    /// The string in ``format``.
    public static let formatName = "assay-shard-state"
    /// The version this build writes and reads.
    public static let currentVersion = 1
}

/// Which rows of a dataset one shard holds, and how they are numbered in the whole dataset.
public enum ShardPart: Sendable, Equatable, Codable {
    /// The rows `r` of a file of `fileRows` rows with `r % count == index` (`assay profile --shard I/N`).
    case everyNth(index: Int, count: Int, fileRows: Int)
    /// All rows of a file that holds the dataset's rows `first ..< first + rows` (a Spark partition,
    /// `assay profile --first-row K`).
    case range(first: Int, rows: Int)
}

extension ShardPart {
    /// Whether the part is well formed (an index below its count of at most 10⁶ shards, no negative or
    /// overflowing row numbers), holds `rows` rows, and holds the row numbers `sampled`.
    func holds(_ sampled: [Int], rows: Int) -> Bool {
        let limit = ScopeStatistics.largestCount
        switch self {
        case .everyNth(let index, let count, let fileRows):
            guard (1...1_000_000).contains(count), (0..<count).contains(index), (0...limit).contains(fileRows) else {
                return false
            }
            return sampled.allSatisfy { $0 < fileRows && $0 % count == index }
        case .range(let first, let partRows):
            guard (0...limit).contains(first), (0...limit).contains(partRows), partRows == rows else { return false }
            return sampled.allSatisfy { $0 >= first && $0 < first + partRows }
        }
    }
}

/// The settings a shard was profiled with; a merge needs them equal across its states.
public struct ShardSettings: Sendable, Equatable, Codable {
    /// The tokenizer (`default` or `whitespace`).
    public var tokenizer: String
    /// Field names read: text, label, annotators, split, vectors and the compared labels.
    public var textField: String
    /// See ``textField``.
    public var labelField: String
    /// See ``textField``.
    public var annotatorsField: String
    /// See ``textField``.
    public var splitField: String?
    /// See ``textField``.
    public var vectorField: String?
    /// See ``textField``.
    public var comparedLabels: [String]
    /// Seed of the row sample (and of the audit).
    public var seed: UInt64
    /// The most rows the merged sample of a dataset holds.
    public var sampleRows: Int
    /// The identity of the embedder that embedded the sample, `nil` when the data brought vectors.
    public var embedder: String?
}
