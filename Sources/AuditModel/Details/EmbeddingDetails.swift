/// What the embedding metrics found in one dataset, beyond their numbers: the near-duplicate clusters,
/// the rows copied from the real data, and the 2-D projection for the report's scatter plot.
///
/// Lists are capped (``AuditSettings/listLimit``); the totals say how many there were.
public struct EmbeddingDetails: Sendable, Equatable, Codable {
    /// Rows whose vector is zero, left out of every embedding metric.
    public var zeroVectorRows: Int
    /// Near-duplicate clusters, largest first (ties: smallest row first).
    public var nearDuplicateClusters: [NearDuplicateCluster]
    /// How many clusters there are in all.
    public var nearDuplicateClusterCount: Int
    /// Rows whose nearest real row is at or above the threshold, most similar first; empty for the real
    /// dataset or without one.
    public var realCopies: [RealCopy]
    /// How many such rows there are in all.
    public var realCopyCount: Int
    /// Projected rows (an evenly spaced sample when the dataset is larger than the limit).
    public var projection: [ProjectedRow]

    /// Creates details.
    public init(
        zeroVectorRows: Int = 0, nearDuplicateClusters: [NearDuplicateCluster] = [], nearDuplicateClusterCount: Int = 0,
        realCopies: [RealCopy] = [], realCopyCount: Int = 0, projection: [ProjectedRow] = []
    ) {
        self.zeroVectorRows = zeroVectorRows
        self.nearDuplicateClusters = nearDuplicateClusters
        self.nearDuplicateClusterCount = nearDuplicateClusterCount
        self.realCopies = realCopies
        self.realCopyCount = realCopyCount
        self.projection = projection
    }

    private enum CodingKeys: String, CodingKey {
        case zeroVectorRows = "zero_vector_rows"
        case nearDuplicateClusters = "near_duplicate_clusters"
        case nearDuplicateClusterCount = "near_duplicate_cluster_count"
        case realCopies = "real_copies"
        case realCopyCount = "real_copy_count"
        case projection
    }
}

/// Rows linked by nearest-neighbour similarity at or above the threshold (a connected component).
public struct NearDuplicateCluster: Sendable, Equatable, Codable {
    /// Number of rows in the cluster.
    public var size: Int
    /// The rows (0-based, in file order), smallest first; capped, see ``size``.
    public var rows: [Int]
    /// The text of the cluster's first row.
    public var example: String

    /// Creates a cluster entry.
    public init(size: Int, rows: [Int], example: String) {
        self.size = size
        self.rows = rows
        self.example = example
    }
}

/// A synthetic row and the real row it is nearly a copy of.
public struct RealCopy: Sendable, Equatable, Codable {
    /// The synthetic row (0-based).
    public var row: Int
    /// Its nearest real row (0-based).
    public var realRow: Int
    /// Their cosine similarity, rounded to 6 decimals.
    public var similarity: Double
    /// The synthetic row's text.
    public var text: String
    /// The real row's text.
    public var realText: String

    /// Creates a copy entry.
    public init(row: Int, realRow: Int, similarity: Double, text: String, realText: String) {
        self.row = row
        self.realRow = realRow
        self.similarity = similarity
        self.text = text
        self.realText = realText
    }

    private enum CodingKeys: String, CodingKey {
        case row, similarity, text
        case realRow = "real_row"
        case realText = "real_text"
    }
}

/// A row's position on the first two principal components of all datasets' embeddings.
public struct ProjectedRow: Sendable, Equatable, Codable {
    /// The row (0-based).
    public var row: Int
    /// Coordinate on the first component, rounded to 4 decimals.
    public var x: Double
    /// Coordinate on the second component, rounded to 4 decimals.
    public var y: Double

    /// Creates a projected row.
    public init(row: Int, x: Double, y: Double) {
        self.row = row
        self.x = x
        self.y = y
    }
}

extension EmbeddingDetails {
    /// These details with the parts `other` fills: its clusters, copies and projection where it has them,
    /// and the larger count of zero-vector rows.
    public func merging(_ other: EmbeddingDetails) -> EmbeddingDetails {
        var merged = self
        merged.zeroVectorRows = max(zeroVectorRows, other.zeroVectorRows)
        if !other.nearDuplicateClusters.isEmpty || other.nearDuplicateClusterCount > 0 {
            merged.nearDuplicateClusters = other.nearDuplicateClusters
            merged.nearDuplicateClusterCount = other.nearDuplicateClusterCount
        }
        if !other.realCopies.isEmpty || other.realCopyCount > 0 {
            merged.realCopies = other.realCopies
            merged.realCopyCount = other.realCopyCount
        }
        if !other.projection.isEmpty { merged.projection = other.projection }
        return merged
    }
}
