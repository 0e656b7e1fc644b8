/// `mean_tokens` and `median_tokens`: the mean and median number of tokens per row (the median of an
/// even count is the mean of the two middle values, as Python's `statistics.median`).
///
/// - Complexity: O(N log N) for N rows (the median sorts the lengths).
struct TokenStatisticsMetric: MetricFamily {
    let ids: [MetricID] = [.meanTokens, .medianTokens]

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        let corpus = context.rows.corpus
        let lengths = (0..<corpus.rowCount).map(corpus.length(ofRow:)).sorted()
        guard !lengths.isEmpty else {
            return Dictionary(uniqueKeysWithValues: requested.map { ($0, .unavailable(reason: "no rows")) })
        }
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            switch id {
            case .meanTokens:
                values[id] = .number(Double(corpus.tokenIDs.count) / Double(lengths.count))
            default:
                let middle = lengths.count / 2
                let median =
                    lengths.count % 2 == 1
                    ? Double(lengths[middle]) : Double(lengths[middle - 1] + lengths[middle]) / 2
                values[id] = .number(median)
            }
        }
        return values
    }
}
