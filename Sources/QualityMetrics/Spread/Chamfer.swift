import AssayUtilities
import AuditModel
import AuditPlan

extension MetricID {
    /// Mean cosine distance from each row's embedding to its nearest other row's.
    public static let chamfer = MetricID("chamfer")
}

/// `chamfer` = mean over the rows of 1 − the cosine similarity to the nearest other row of the scope
/// (the plan's exact graph: each dataset against itself, each label's rows among themselves).
///
/// - Complexity: O(N) over the graph.
struct Chamfer: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .chamfer, title: "Chamfer distance",
            summary: "mean cosine distance from each row's embedding to its nearest other row",
            direction: .higherIsBetter, dimension: .diversity, card: "Metrics/chamfer.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        let embedding = scope.vectors
        if let missing = embedding.tooFew(2) { return missing }
        guard let nearest = scope.nearestSimilarities else { return .skipped(.noVectors) }
        return .finite(ExactSum.fsum(nearest.map { 1 - Double($0) }) / Double(embedding.count))
    }

    /// The bootstrap interval of the mean over rows, each row's nearest other row (in the whole scope) held fixed.
    ///
    /// - Complexity: O(B · N) for B resamples.
    func interval(of value: Double, in scope: MetricScope) -> ConfidenceInterval? {
        guard let nearest = scope.nearestSimilarities else { return nil }
        return meanInterval(nearest.map { 1 - Double($0) }, scope.context.inputs.configuration)
    }
}
