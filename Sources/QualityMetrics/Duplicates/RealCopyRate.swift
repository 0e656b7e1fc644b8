import AuditModel
import AuditPlan

extension MetricID {
    /// Share of synthetic rows whose nearest real row is at least the near-duplicate threshold similar.
    public static let realCopyRate = MetricID("real_copy_rate")
}

/// `real_copy_rate`: the share of the rows with a nonzero vector whose nearest real row (by cosine
/// similarity of the embeddings) is at or above the near-duplicate threshold.
///
/// - Complexity: O(N) over the plan's graph of each synthetic dataset against the real one.
struct RealCopyRate: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .realCopyRate, title: "Real copy rate",
            summary: "share of synthetic rows whose nearest real row has cosine similarity at or above the threshold",
            direction: .lowerIsBetter, dimension: .memorisation, card: "Metrics/real-copies.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        if let skipped = comparesWithReal(scope) { return skipped }
        guard let list = scope.context.graphs.toReal[scope.dataset] else {
            return .skipped(.noRealDataset(.comparison))
        }
        let rows = scope.datasetUnitRows
        guard !rows.isEmpty else { return .skipped(.noVectors) }
        let threshold = scope.context.configuration.nearDuplicateThreshold
        let copies = rows.lazy.filter { isNear(list.similarities[$0 * list.k], threshold) }.count
        return .number(Double(copies) / Double(rows.count))
    }
}

/// Why a metric that compares a synthetic dataset with the real one has no value here: this is the real
/// dataset, or there is none; `nil` when it can be computed.
func comparesWithReal(_ scope: MetricScope) -> MetricValue? {
    if scope.isReal { return .skipped(.isRealDataset) }
    if scope.context.inputs.realIndex == nil { return .skipped(.noRealDataset(.comparison)) }
    return nil
}
