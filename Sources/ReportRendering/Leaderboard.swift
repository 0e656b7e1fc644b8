import AuditModel

/// How the synthetic datasets of one audit compare, metric by metric and overall; what the reports'
/// leaderboards show.
///
/// For each metric, the best and worst synthetic dataset by the metric's direction: higher or lower
/// value, or for `closer_to_real` metrics the smaller or larger distance to the real dataset's value
/// (no best or worst without a real dataset). Ties go to the dataset given first. Overall, each
/// synthetic dataset's mean rank over the metrics it has a value for (rank 1 = best; tied values share
/// the mean of their ranks), best first.
public struct Leaderboard: Sendable, Equatable {
    /// One metric's standing.
    public struct Row: Sendable, Equatable {
        /// The metric.
        public let metric: MetricID
        /// The real dataset's value, when there is one.
        public let real: Double?
        /// Each synthetic dataset's value (nil when unavailable), in dataset order.
        public let values: [Double?]
        /// Index into ``Leaderboard/datasets`` of the best dataset, when at least one has a value.
        public let best: Int?
        /// Index of the worst dataset, when at least two values differ.
        public let worst: Int?
    }

    /// One synthetic dataset's overall standing.
    public struct Standing: Sendable, Equatable {
        /// Index into ``Leaderboard/datasets``.
        public let dataset: Int
        /// Mean rank over the metrics ranked (1 = best).
        public let meanRank: Double
        /// How many metrics it is best at.
        public let wins: Int
        /// How many metrics were ranked for it.
        public let rankedMetrics: Int
    }

    /// The synthetic datasets' names, in audit order.
    public let datasets: [String]
    /// One row per metric of the audit, in catalogue order.
    public let rows: [Row]
    /// Every synthetic dataset, best mean rank first (ties: audit order).
    public let standings: [Standing]

    /// Builds the leaderboard of `result`'s synthetic datasets.
    ///
    /// - Complexity: O(M · S log S) for M metrics and S synthetic datasets.
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
            let scores = values.map { value in value.flatMap { Self.badness($0, direction, real: realValue) } }
            let ranked = scores.indices.filter { scores[$0] != nil }.sorted { a, b in
                let (x, y) = (scores[a] ?? 0, scores[b] ?? 0)
                return x != y ? x < y : a < b
            }
            var best: Int?
            var worst: Int?
            if let first = ranked.first {
                best = first
                wins[first] += 1
                if let last = ranked.last, scores[last] != scores[first] { worst = last }
                for (position, ranks) in Self.sharedRanks(ranked.map { scores[$0] ?? 0 }).enumerated() {
                    rankSums[ranked[position]] += ranks
                    rankCounts[ranked[position]] += 1
                }
            }
            rows.append(Row(metric: metric, real: realValue, values: values, best: best, worst: worst))
        }
        self.rows = rows
        standings = synthetic.indices.map { index in
            Standing(
                dataset: index,
                meanRank: rankCounts[index] == 0 ? .infinity : rankSums[index] / Double(rankCounts[index]),
                wins: wins[index], rankedMetrics: rankCounts[index])
        }.sorted { $0.meanRank != $1.meanRank ? $0.meanRank < $1.meanRank : $0.dataset < $1.dataset }
    }

    /// Smaller is better: the value turned so that lower always wins, or nil when the metric cannot be
    /// ranked (a `closer_to_real` metric without a real value).
    static func badness(_ value: Double, _ direction: MetricDescriptor.Direction, real: Double?) -> Double? {
        switch direction {
        case .higherIsBetter: -value
        case .lowerIsBetter: value
        case .closerToRealIsBetter: real.map { abs(value - $0) }
        }
    }

    /// Ranks 1, 2, … of sorted scores, equal scores sharing the mean of their ranks.
    static func sharedRanks(_ sortedScores: [Double]) -> [Double] {
        var ranks = [Double](repeating: 0, count: sortedScores.count)
        var start = 0
        while start < sortedScores.count {
            var end = start
            while end + 1 < sortedScores.count && sortedScores[end + 1] == sortedScores[start] { end += 1 }
            let shared = Double(start + end) / 2 + 1
            for index in start...end { ranks[index] = shared }
            start = end + 1
        }
        return ranks
    }
}
