/// How a dataset put back together from shard states (`assay merge`) was measured: which metrics cover
/// every row, and how large the seeded sample behind the others is.
public struct ShardMergeSummary: Sendable, Equatable, Codable {
    /// Number of shard states merged.
    public var states: Int
    /// Rows of the whole dataset.
    public var rows: Int
    /// Rows in the seeded sample the other metrics were computed on (equal to ``rows`` when the whole
    /// dataset fits in the sample).
    public var sampleRows: Int
    /// Seed of the sample.
    public var seed: UInt64
    /// The metrics computed exactly over every row (from the shards' merged counts), in report order.
    public var exactMetrics: [MetricID]
    /// The metrics computed on the sample that are means over rows, each with a 95 % interval (Wilson for a
    /// share, bootstrap for a mean; in ``DatasetResult/intervals``) for its value over every row; empty when the
    /// sample holds every row.
    public var estimatedMetrics: [MetricID]
    /// The metrics that cover every row but count distinct n-grams with a HyperLogLog sketch (more distinct
    /// n-grams in a shard than the profile's exact limit), each with the sketch's 95 % interval.
    public var sketchedMetrics: [MetricID]

    /// A summary.
    public init(
        states: Int, rows: Int, sampleRows: Int, seed: UInt64, exactMetrics: [MetricID],
        estimatedMetrics: [MetricID] = [], sketchedMetrics: [MetricID] = []
    ) {
        self.sketchedMetrics = sketchedMetrics
        self.states = states
        self.rows = rows
        self.sampleRows = sampleRows
        self.seed = seed
        self.exactMetrics = exactMetrics
        self.estimatedMetrics = estimatedMetrics
    }

    /// Whether every metric covers every row (the sample holds the whole dataset).
    public var isComplete: Bool { sampleRows == rows }

    /// Whether `id` was computed on the sample rather than on every row.
    public func isSampled(_ id: MetricID) -> Bool {
        !isComplete && !exactMetrics.contains(id) && !sketchedMetrics.contains(id)
    }

    private enum CodingKeys: String, CodingKey {
        case states, rows, seed
        case sampleRows = "sample_rows"
        case exactMetrics = "exact_metrics"
        case estimatedMetrics = "estimated_metrics"
        case sketchedMetrics = "sketched_metrics"
    }
}
