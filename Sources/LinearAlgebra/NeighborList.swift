/// The result of a k-nearest-neighbour search: for each query row, `k` reference rows, best first.
///
/// Entry `q * k + j` holds the `j`-th best neighbour of query row `q`. Where a query has fewer than `k`
/// candidates, the missing entries have index `-1` and similarity `-.infinity`.
public struct NeighborList: Sendable, Equatable {
    /// Neighbours per query row.
    public let k: Int
    /// Reference row indices, `queryCount * k` of them, row-major; `-1` where fewer than `k` candidates.
    public let indices: [Int32]
    /// Similarities in the same layout as ``indices``; `-.infinity` where the index is `-1`.
    public let similarities: [Float]

    /// Creates a list from flat, row-major arrays.
    ///
    /// - Precondition: `k >= 1`, `indices.count == similarities.count`, and both are a multiple of `k`.
    public init(k: Int, indices: [Int32], similarities: [Float]) {
        precondition(k >= 1, "k must be at least 1")
        precondition(indices.count == similarities.count, "indices and similarities must have the same length")
        precondition(indices.count % k == 0, "the number of entries must be a multiple of k")
        self.k = k
        self.indices = indices
        self.similarities = similarities
    }

    /// Number of query rows.
    public var queryCount: Int { indices.count / k }
}
