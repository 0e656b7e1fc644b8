import Foundation
import LinearAlgebra

/// `remote_clique`, `chamfer`, `vendi` and `near_duplicate_rate`: how far apart the rows' embeddings
/// are. Every value is over the rows with a nonzero vector (N of them), as unit vectors u₁…u_N.
///
/// - `remote_clique` = mean cosine distance over ordered pairs i ≠ j = 1 − (‖Σuᵢ‖² − Σ‖uᵢ‖²) / (N(N − 1)),
///   from one sum of the vectors.
/// - `chamfer` = mean over i of 1 − max_{j≠i} uᵢ·uⱼ, from an exact blocked nearest-neighbour search.
/// - `vendi` = exp(−Σ λ ln λ) over the positive eigenvalues λ of UᵀU/N (which are those of the kernel
///   matrix UUᵀ/N), with UᵀU accumulated in double precision.
/// - `near_duplicate_rate` = share of rows whose nearest other row has cosine similarity ≥ the threshold.
///
/// - Complexity: remote_clique O(N·d); vendi O(N·d² + d³); chamfer and near_duplicate_rate O(N²·d)
///   in GEMM tiles, O(N + tile) memory.
struct EmbeddingSpreadMetric: MetricFamily {
    let ids: [MetricID] = [.remoteClique, .chamfer, .vendi, .nearDuplicateRate]

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        guard let embedding = context.rows.embedding else {
            return Self.all(requested, .unavailable(reason: "no embeddings were computed"))
        }
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            switch id {
            case .remoteClique: values[id] = Self.remoteClique(embedding)
            case .vendi: values[id] = Self.vendi(embedding)
            case .chamfer, .nearDuplicateRate: values[id] = Self.neighborMetric(id, context, embedding)
            default: break
            }
        }
        return values
    }

    private static func all(_ ids: [MetricID], _ value: MetricValue) -> [MetricID: MetricValue] {
        Dictionary(uniqueKeysWithValues: ids.map { ($0, value) })
    }

    private static func tooFewRows(_ embedding: EmbeddingRows, needed: Int) -> MetricValue? {
        guard embedding.count < needed else { return nil }
        let zeros = embedding.zeroRows > 0 ? " (\(embedding.zeroRows) with a zero vector left out)" : ""
        let noun = needed == 1 ? "row" : "rows"
        return .unavailable(
            reason: "needs at least \(needed) \(noun) with a nonzero vector, found \(embedding.count)\(zeros)")
    }

    /// 1 − mean cosine similarity over ordered pairs of distinct rows.
    static func remoteClique(_ embedding: EmbeddingRows) -> MetricValue {
        if let missing = tooFewRows(embedding, needed: 2) { return missing }
        let n = embedding.count
        let d = embedding.unitRows.columns
        var sum = [Double](repeating: 0, count: d)
        var squaredNorms = 0.0
        embedding.unitRows.storage.withUnsafeBufferPointer { values in
            for row in 0..<n {
                let start = row * d
                for column in 0..<d {
                    let value = Double(values[start + column])
                    sum[column] += value
                    squaredNorms += value * value
                }
            }
        }
        let pairSum = ExactSum.fsum(sum.map { $0 * $0 }) - squaredNorms
        let meanSimilarity = pairSum / (Double(n) * Double(n - 1))
        return .finite(1 - meanSimilarity, otherwise: "not a finite number")
    }

    /// exp of the Shannon entropy of the eigenvalues of UᵀU/N.
    static func vendi(_ embedding: EmbeddingRows) -> MetricValue {
        if let missing = tooFewRows(embedding, needed: 1) { return missing }
        let n = Double(embedding.count)
        let d = embedding.unitRows.columns
        let gram = embedding.unitRows.gramMatrixDouble().map { $0 / n }
        let eigenvalues: [Double]
        do {
            eigenvalues = try Matrix.symmetricEigenvalues(gram, dimension: d)
        } catch {
            return .unavailable(reason: "eigenvalues failed: \(error)")
        }
        let entropy = -ExactSum.fsum(eigenvalues.filter { $0 > 0 }.map { $0 * log($0) })
        return .finite(exp(entropy), otherwise: "not a finite number")
    }

    /// Whether a float32 similarity reaches `threshold`. Similarities of identical unit vectors can come
    /// out a few ulps below 1 in float32, so the comparison allows 1e-6.
    static func isNear(_ similarity: Float, _ threshold: Double) -> Bool {
        Double(similarity) + 1e-6 >= threshold
    }

    private static func neighborMetric(_ id: MetricID, _ context: MetricContext, _ embedding: EmbeddingRows)
        -> MetricValue
    {
        if let missing = tooFewRows(embedding, needed: 2) { return missing }
        switch context.nearestNeighbors {
        case .success(let neighbors)?:
            if id == .chamfer {
                return .finite(
                    ExactSum.fsum(neighbors.similarities.map { 1 - Double($0) }) / Double(embedding.count),
                    otherwise: "not a finite number")
            }
            let near = neighbors.similarities.lazy.filter { Self.isNear($0, context.nearDuplicateThreshold) }.count
            return .number(Double(near) / Double(embedding.count))
        case .failure(let error)?:
            return .unavailable(reason: "nearest-neighbour search failed: \(error)")
        case nil:
            return .unavailable(reason: "no embeddings were computed")
        }
    }
}
