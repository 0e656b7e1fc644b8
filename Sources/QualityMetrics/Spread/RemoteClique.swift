import AssayUtilities
import AuditModel
import AuditPlan

extension MetricID {
    /// Mean cosine distance over all pairs of distinct rows' embeddings.
    public static let remoteClique = MetricID("remote_clique")
}

/// `remote_clique` = mean cosine distance over ordered pairs i ≠ j = 1 − (‖Σuᵢ‖² − Σ‖uᵢ‖²) / (N(N − 1)), from
/// one sum of the unit vectors.
///
/// - Complexity: O(N·d).
struct RemoteClique: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .remoteClique, title: "Remote-Clique",
            summary: "mean cosine distance between the embeddings of all pairs of distinct rows",
            direction: .higherIsBetter, dimension: .diversity, card: "Metrics/remote-clique.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        let embedding = scope.vectors
        if let missing = embedding.tooFew(2) { return missing }
        let n = embedding.count
        let d = embedding.dimension
        var sum = [Double](repeating: 0, count: d)
        var squaredNorms = 0.0
        embedding.unitRows.forEachBlock(blockRows: 4_096) { rows, values in
            for row in 0..<rows.count {
                let start = row * d
                for column in 0..<d {
                    let value = Double(values[start + column])
                    sum[column] += value
                    squaredNorms += value * value
                }
            }
        }
        let pairSum = ExactSum.fsum(sum.map { $0 * $0 }) - squaredNorms
        return .finite(1 - pairSum / (Double(n) * Double(n - 1)))
    }
}
