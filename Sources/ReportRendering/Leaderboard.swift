import AuditModel

/// How the synthetic datasets of one audit compare, metric by metric and overall; what the reports'
/// leaderboards show.
///
/// Two datasets are ordered on a metric only when their 95 % intervals separate; otherwise they tie. Each
/// dataset's *badness* on a metric is its value turned so that lower is better: −value for higher-is-better
/// metrics, the value for lower-is-better ones, and for `closer_to_real` metrics the distance to the real
/// dataset's value (no ranking without a real dataset). A metric is ranked only when every dataset with a value
/// has an interval: a metric without one cannot tell a difference from noise, so it is listed but not ranked.
/// On a ranked metric a dataset's rank is 1 + the datasets clearly better + half the datasets it ties with;
/// the best is marked only when it is clearly better than every other dataset, the worst only when clearly
/// worse. Overall, each dataset's mean rank over the ranked metrics it has a value for, best first.
public struct Leaderboard: Sendable, Equatable {
    /// One metric's standing.
    public struct Row: Sendable, Equatable {
        /// The metric.
        public let metric: MetricID
        /// The real dataset's value, when there is one.
        public let real: Double?
        /// Each synthetic dataset's value (nil when unavailable), in dataset order.
        public let values: [Double?]
        /// Whether the metric is ranked: every value has an interval and there is something to rank by.
        public let ranked: Bool
        /// Index into ``Leaderboard/datasets`` of the dataset clearly better than every other, when there is one.
        public let best: Int?
        /// Index of the dataset clearly worse than every other, when there is one.
        public let worst: Int?
    }

    /// One synthetic dataset's overall standing.
    public struct Standing: Sendable, Equatable {
        /// Index into ``Leaderboard/datasets``.
        public let dataset: Int
        /// Mean rank over the metrics ranked (1 = best; ties share).
        public let meanRank: Double
        /// How many metrics it is clearly best at.
        public let wins: Int
        /// How many metrics were ranked for it.
        public let rankedMetrics: Int
    }

    /// The synthetic datasets' names, in audit order.
    public let datasets: [String]
    /// One row per metric of the audit, in catalogue order.
    public let rows: [Row]
    /// Every synthetic dataset, best mean rank first (equal mean ranks: audit order).
    public let standings: [Standing]

    /// Builds the leaderboard of `result`'s synthetic datasets.
    ///
    /// - Complexity: O(M · S²) for M metrics and S synthetic datasets.
    public init(_ result: AuditResult) {
        let synthetic = result.datasets.filter { $0.role == .synthetic }
        let real = result.real
        datasets = synthetic.map(\.name)
        var rankSums = [Double](repeating: 0, count: synthetic.count)
        var rankCounts = [Int](repeating: 0, count: synthetic.count)
        var wins = [Int](repeating: 0, count: synthetic.count)
        var rows: [Row] = []
        for metric in result.configuration.metrics {
            let realValue = real?.metrics[metric]?.number
            let values = synthetic.map { $0.metrics[metric]?.number }
            let direction = result.descriptor(metric).direction
            // Per dataset: no value, a value without an interval, or its badness interval.
            let spans = synthetic.map { dataset -> Span in
                guard let value = dataset.metrics[metric]?.number else { return .absent }
                guard let interval = dataset.intervals[metric],
                    let badness = Self.badness(value, interval, direction, real: realValue)
                else { return .withoutInterval }
                return .badness(badness)
            }
            let present = spans.indices.filter { spans[$0] != .absent }
            let ranges = present.compactMap { index -> ClosedRange<Double>? in
                if case .badness(let range) = spans[index] { return range }
                return nil
            }
            let ranked = present.count >= 2 && ranges.count == present.count
            var best: Int?
            var worst: Int?
            if ranked {
                for (position, index) in present.enumerated() {
                    let others = ranges.indices.filter { $0 != position }
                    let better = others.filter { ranges[$0].upperBound < ranges[position].lowerBound }.count
                    let worse = others.filter { ranges[$0].lowerBound > ranges[position].upperBound }.count
                    let tied = others.count - better - worse
                    rankSums[index] += 1 + Double(better) + Double(tied) / 2
                    rankCounts[index] += 1
                    if worse == others.count {
                        best = index
                        wins[index] += 1
                    }
                    if better == others.count { worst = index }
                }
            }
            rows.append(
                Row(metric: metric, real: realValue, values: values, ranked: ranked, best: best, worst: worst))
        }
        self.rows = rows
        standings = synthetic.indices.map { index in
            Standing(
                dataset: index,
                meanRank: rankCounts[index] == 0 ? .infinity : rankSums[index] / Double(rankCounts[index]),
                wins: wins[index], rankedMetrics: rankCounts[index])
        }.sorted { $0.meanRank != $1.meanRank ? $0.meanRank < $1.meanRank : $0.dataset < $1.dataset }
    }

    /// The best and worst cells of `row` in words: a dataset's name (through `escape`) and value, `tie` when
    /// the intervals do not separate one, `not ranked (no interval)` or `–` without values to rank.
    static func words(_ row: Row, _ board: Leaderboard, escape: (String) -> String) -> (best: String, worst: String) {
        func named(_ index: Int) -> String {
            escape(board.datasets[index])
                + (row.values[index].map { " (\(SummaryTable.fixed($0, decimals: 4)))" } ?? "")
        }
        guard row.ranked else {
            let text = row.values.compactMap { $0 }.count >= 2 ? "not ranked (no interval)" : "–"
            return (text, text)
        }
        return (row.best.map(named) ?? "tie", row.worst.map(named) ?? "tie")
    }

    /// Where a dataset stands on one metric.
    private enum Span: Equatable {
        /// No value.
        case absent
        /// A value, but no interval (or a `closer_to_real` metric without a real value): not rankable.
        case withoutInterval
        /// The interval of its badness.
        case badness(ClosedRange<Double>)
    }

    /// The metrics ranked (each dataset's value with an interval).
    public var rankedMetrics: Int { rows.filter(\.ranked).count }

    /// The interval of a dataset's badness on a metric (lower is better): the value's 95 % interval turned by
    /// the direction; for a `closer_to_real` metric the distances from the real value of the interval's
    /// points (0 at the nearest when the interval holds the real value).
    static func badness(
        _ value: Double, _ interval: ConfidenceInterval, _ direction: MetricDescriptor.Direction, real: Double?
    ) -> ClosedRange<Double>? {
        let lower = min(interval.lower, value)
        let upper = max(interval.upper, value)
        switch direction {
        case .higherIsBetter: return -upper ... -lower
        case .lowerIsBetter: return lower...upper
        case .closerToRealIsBetter:
            guard let real else { return nil }
            let far = max(abs(lower - real), abs(upper - real))
            let near = (lower...upper).contains(real) ? 0 : min(abs(lower - real), abs(upper - real))
            return near...far
        }
    }
}
