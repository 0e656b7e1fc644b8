/// How the neighbour graphs of an audit were found, and how close approximate graphs came to the exact ones
/// (the JSON `neighbour_search`).
public struct NeighbourSearchSummary: Sendable, Equatable, Codable {
    /// How the graphs were searched.
    public enum Method: String, Sendable, Equatable, Codable {
        /// Every pair of rows compared.
        case exact
        /// Rows compared only within neighbouring clusters (an inverted file over k-means clusters), recall
        /// measured against exact search.
        case approximate
    }

    /// Exact or approximate.
    public var method: Method
    /// Why: the size rule or the option that decided.
    public var reason: String
    /// Datasets with more rows with a vector than this are searched approximately (unless forced exact).
    public var approximateAbove: Int
    /// Measured recall below this is a warning.
    public var recallFloor: Double
    /// Clusters of the partition, when approximate.
    public var clusters: Int?
    /// The share of true neighbour pairs the pilot tuned each sweep's probes for, when approximate.
    public var targetRecall: Double?
    /// Seed of the partition, pilots and recall samples, when approximate.
    public var seed: UInt64?
    /// Per graph: recall against exact search on a seeded sample of queries; empty when exact.
    public var graphs: [GraphRecall]
    /// One line per graph whose measured recall is below the floor.
    public var warnings: [String]

    /// A summary.
    public init(
        method: Method, reason: String, approximateAbove: Int, recallFloor: Double, clusters: Int? = nil,
        targetRecall: Double? = nil, seed: UInt64? = nil, graphs: [GraphRecall] = [], warnings: [String] = []
    ) {
        self.method = method
        self.reason = reason
        self.approximateAbove = approximateAbove
        self.recallFloor = recallFloor
        self.clusters = clusters
        self.targetRecall = targetRecall
        self.seed = seed
        self.graphs = graphs
        self.warnings = warnings
    }

    private enum CodingKeys: String, CodingKey {
        case method, reason
        case approximateAbove = "approximate_above"
        case recallFloor = "recall_floor"
        case clusters
        case targetRecall = "target_recall"
        case seed, graphs, warnings
    }
}

/// The measured recall of one approximate graph.
public struct GraphRecall: Sendable, Equatable, Codable {
    /// The dataset whose rows are the queries.
    public var dataset: String
    /// Which graph: `within_dataset`, `within_label`, `to_labelled_real`, `real_halves` (each real row's
    /// nearest in its own seeded half), `to_real`, `from_real` (the real rows' nearest rows of `dataset`),
    /// `ball_counts` (the real balls holding each row of `dataset`) or `real_in_balls` (the balls of
    /// `dataset`'s rows holding each real row); for the real dataset, the two ball graphs are those of its
    /// two halves.
    public var graph: String
    /// Neighbours per query (for `ball_counts`, the balls' k).
    public var k: Int
    /// Neighbouring clusters each cluster was compared with (itself included).
    public var probes: Int
    /// The share of the exact search's row pairs compared.
    public var share: Double
    /// Queries sampled for the measurement.
    public var sampledQueries: Int
    /// Mean share of each sampled query's exact neighbours the graph holds (ties at the k-th similarity
    /// count as found); for `ball_counts`, the share of the sampled rows' ball memberships found.
    public var recall: Double
    /// Standard error of ``recall`` over the sampled queries.
    public var standardError: Double
    /// The metrics computed from this graph.
    public var usedBy: [MetricID]

    /// A record.
    public init(
        dataset: String, graph: String, k: Int, probes: Int, share: Double, sampledQueries: Int, recall: Double,
        standardError: Double, usedBy: [MetricID] = []
    ) {
        self.dataset = dataset
        self.graph = graph
        self.k = k
        self.probes = probes
        self.share = share
        self.sampledQueries = sampledQueries
        self.recall = recall
        self.standardError = standardError
        self.usedBy = usedBy
    }

    private enum CodingKeys: String, CodingKey {
        case dataset, graph, k, probes, share
        case sampledQueries = "sampled_queries"
        case recall
        case standardError = "standard_error"
        case usedBy = "used_by"
    }
}
