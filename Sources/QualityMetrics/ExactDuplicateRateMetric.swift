/// `exact_duplicate_rate`: the share of rows whose normalised text (``TextNormalization/duplicateKey(_:)``)
/// equals that of an earlier row. The first occurrence is not counted, so k copies of a text add k − 1.
///
/// - Complexity: O(total characters).
struct ExactDuplicateRateMetric: MetricFamily {
    let ids: [MetricID] = [.exactDuplicateRate]

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        guard context.rowCount > 0 else { return [.exactDuplicateRate: .unavailable(reason: "no rows")] }
        var seen = Set<String>()
        seen.reserveCapacity(context.rowCount)
        var duplicates = 0
        for key in context.rows.duplicateKeys where !seen.insert(key).inserted {
            duplicates += 1
        }
        return [.exactDuplicateRate: .number(Double(duplicates) / Double(context.rowCount))]
    }
}
