/// `exact_duplicate_rate`: the share of rows whose normalised text (``TextNormalization/duplicateKey(_:)``)
/// equals that of an earlier row. The first occurrence is not counted, so k copies of a text add k − 1.
///
/// - Complexity: O(total characters).
struct ExactDuplicateRateMetric: MetricFamily {
    let ids: [MetricID] = [.exactDuplicateRate]

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        guard context.rowCount > 0 else { return [.exactDuplicateRate: .unavailable(reason: "no rows")] }
        guard let keys = context.rows.textKeys else {
            return [.exactDuplicateRate: .unavailable(reason: "normalised texts were not computed")]
        }
        var seen = [Bool](repeating: false, count: Int(keys.max() ?? 0) + 1)
        var duplicates = 0
        for key in keys {
            if seen[Int(key)] { duplicates += 1 } else { seen[Int(key)] = true }
        }
        return [.exactDuplicateRate: .number(Double(duplicates) / Double(context.rowCount))]
    }
}
