/// The result of a k-nearest-neighbour search: for each query row, `k` reference rows, best first.
///
/// Entry `q * k + j` holds the `j`-th best neighbour of query row `q`. Where a query has fewer than `k`
/// candidates, the missing entries have index `-1` and similarity `-.infinity`.
public struct NeighbourList: Sendable, Equatable {
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

    /// The neighbours of query `row`, best first, without the missing entries: (reference row, similarity).
    ///
    /// - Complexity: O(k).
    public func neighbours(of row: Int) -> [(index: Int, similarity: Float)] {
        (0..<k).compactMap { slot in
            let index = indices[row * k + slot]
            return index >= 0 ? (Int(index), similarities[row * k + slot]) : nil
        }
    }

    /// The best neighbour of query `row`, if it has one.
    public func nearest(of row: Int) -> (index: Int, similarity: Float)? {
        let index = indices[row * k]
        return index >= 0 ? (Int(index), similarities[row * k]) : nil
    }

    /// The same lists cut to their first `count` neighbours (`count <= k`).
    ///
    /// - Complexity: O(queryCount · count).
    public func prefix(_ count: Int) -> NeighbourList {
        precondition(count >= 1 && count <= k, "count must be in 1...k")
        if count == k { return self }
        var keptIndices: [Int32] = []
        var keptSimilarities: [Float] = []
        keptIndices.reserveCapacity(queryCount * count)
        keptSimilarities.reserveCapacity(queryCount * count)
        for row in 0..<queryCount {
            keptIndices.append(contentsOf: indices[(row * k)..<(row * k + count)])
            keptSimilarities.append(contentsOf: similarities[(row * k)..<(row * k + count)])
        }
        return NeighbourList(k: count, indices: keptIndices, similarities: keptSimilarities)
    }
}
