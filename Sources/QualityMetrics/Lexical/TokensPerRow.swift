import AuditModel
import AuditPlan

extension MetricID {
    /// Mean number of tokens per row.
    public static let meanTokens = MetricID("mean_tokens")
    /// Median number of tokens per row.
    public static let medianTokens = MetricID("median_tokens")
}

/// `mean_tokens` and `median_tokens`: the mean and median number of tokens per row (the median of an
/// even count is the mean of the two middle values, as Python's `statistics.median`).
///
/// - Complexity: O(N) for the mean, O(N log N) for the median (it sorts the lengths).
struct TokensPerRow: ScopeMetric {
    /// Which statistic.
    enum Statistic { case mean, median }

    let statistic: Statistic

    init(_ statistic: Statistic) {
        self.statistic = statistic
    }

    /// The plan's shared tokens.
    var requirements: Requirements { Requirements(tokens: true) }

    var descriptor: MetricDescriptor {
        switch statistic {
        case .mean:
            MetricDescriptor(
                .meanTokens, title: "Mean tokens", summary: "mean number of tokens per row",
                direction: .closerToRealIsBetter, dimension: .statistics, card: "Metrics/token-statistics.md")
        case .median:
            MetricDescriptor(
                .medianTokens, title: "Median tokens", summary: "median number of tokens per row",
                direction: .closerToRealIsBetter, dimension: .statistics, card: "Metrics/token-statistics.md")
        }
    }

    func value(in scope: MetricScope) -> MetricValue {
        let corpus = scope.corpus
        return value(
            rows: corpus.rowCount, tokens: corpus.tokenIDs.count,
            sortedLengths: statistic == .median ? corpus.lengths.sorted() : [])
    }

    /// The value for `rows` rows holding `tokens` tokens, of `sortedLengths` tokens each (ascending; read only
    /// by the median); also from merged shard counts.
    func value(rows: Int, tokens: Int, sortedLengths lengths: [Int]) -> MetricValue {
        guard rows > 0 else { return .skipped(.noRows) }
        switch statistic {
        case .mean:
            return .number(Double(tokens) / Double(rows))
        case .median:
            let middle = lengths.count / 2
            return .number(
                lengths.count % 2 == 1 ? Double(lengths[middle]) : Double(lengths[middle - 1] + lengths[middle]) / 2)
        }
    }
}
