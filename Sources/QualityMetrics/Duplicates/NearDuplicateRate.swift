import AuditModel
import AuditPlan

extension MetricID {
    /// Share of rows whose nearest other row is at least the near-duplicate threshold similar.
    public static let nearDuplicateRate = MetricID("near_duplicate_rate")
}

/// `near_duplicate_rate`: the share of rows (with a vector) whose nearest other row of the scope has
/// cosine similarity at or above the threshold (``AuditConfiguration/nearDuplicateThreshold``).
///
/// - Complexity: O(N) over the plan's graph.
struct NearDuplicateRate: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .nearDuplicateRate, title: "Near-duplicate rate",
            summary: "share of rows whose nearest other row has cosine similarity at or above the threshold",
            direction: .lowerIsBetter, dimension: .diversity, card: "Metrics/near-duplicates.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        let embedding = scope.vectors
        if let missing = embedding.tooFew(2) { return missing }
        guard let nearest = scope.nearestSimilarities else { return .skipped(.noVectors) }
        let threshold = scope.context.configuration.nearDuplicateThreshold
        return .number(Double(nearest.lazy.filter { isNear($0, threshold) }.count) / Double(embedding.count))
    }

    /// Wilson's interval of the share of rows with a vector.
    func interval(of value: Double, in scope: MetricScope) -> ConfidenceInterval? {
        shareInterval(value, of: scope.vectors.count)
    }
}
