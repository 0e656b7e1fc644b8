/// `distinct_1` … `distinct_4`: distinct n-grams / all n-grams over the rows (corpus-level distinct-n).
///
/// N-grams never cross a row boundary. This is the corpus-level ratio; it falls as a dataset grows,
/// so compare datasets of similar size (the card explains this).
///
/// - Complexity: O(T · n) for T tokens (one shared n-gram index).
struct DistinctNGramsMetric: MetricFamily {
    let ids: [MetricID] = [.distinct1, .distinct2, .distinct3, .distinct4]

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        let index = context.ngramIndex
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            let n = MetricCatalog.distinctOrder(id)
            let total = index.totalCount(order: n)
            values[id] =
                total == 0
                ? .unavailable(
                    reason: n == 1
                        ? "no tokens: every row is empty" : "no \(n)-grams: every row has fewer than \(n) tokens")
                : .number(Double(index.distinctCounts[n - 1]) / Double(total))
        }
        return values
    }
}
