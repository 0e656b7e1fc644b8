import LinearAlgebra

/// What a metric family reads: the rows, the audit's settings, and structures derived from the rows on
/// first use.
///
/// Derived structures (the n-gram index, the nearest-neighbour list) are shared by the families that
/// need them, so distinct-n and self-BLEU index the same rows once, and Chamfer and the near-duplicate
/// rate share one neighbour search. A context belongs to one worker and is never shared.
final class MetricContext {
    /// The rows under evaluation.
    let rows: RowSubset
    /// Cosine similarity at or above which two rows are near duplicates.
    let nearDuplicateThreshold: Double
    private var cachedIndex: NGramIndex?
    private var cachedNeighbors: Result<NeighborList, LinearAlgebraError>?

    init(rows: RowSubset, nearDuplicateThreshold: Double, neighbors: NeighborList? = nil) {
        self.rows = rows
        self.nearDuplicateThreshold = nearDuplicateThreshold
        cachedNeighbors = neighbors.map { .success($0) }
    }

    /// Number of rows.
    var rowCount: Int { rows.rowCount }

    /// The n-gram index up to order 4, built once.
    var ngramIndex: NGramIndex {
        if let cachedIndex { return cachedIndex }
        let index = NGramIndex(rows.corpus, maxOrder: 4)
        cachedIndex = index
        return index
    }

    /// Each embedded row's nearest other embedded row (k = 1), searched once; `nil` without embeddings.
    var nearestNeighbors: Result<NeighborList, LinearAlgebraError>? {
        if let cachedNeighbors { return cachedNeighbors }
        guard let embedding = rows.embedding else { return nil }
        let result = Result { () throws(LinearAlgebraError) -> NeighborList in
            try NearestNeighbors.search(
                queries: embedding.unitRows, references: embedding.unitRows, k: 1, excludingSameIndex: true)
        }
        cachedNeighbors = result
        return result
    }
}
