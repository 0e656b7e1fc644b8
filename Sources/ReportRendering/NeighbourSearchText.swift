import AuditModel

/// The words and tables every report uses for how the neighbour graphs were searched.
enum NeighbourSearchText {
    /// The metrics computed from an approximate graph (none when the search was exact).
    static func approximateMetrics(_ result: AuditResult) -> Set<MetricID> {
        guard let search = result.neighbourSearch, search.method == .approximate else { return [] }
        return Set(search.graphs.flatMap(\.usedBy))
    }

    /// One line: exact or approximate, with the partition and why.
    static func method(_ search: NeighbourSearchSummary) -> String {
        switch search.method {
        case .exact:
            return "exact (\(search.reason))"
        case .approximate:
            let clusters = search.clusters.map { "\($0) k-means clusters" } ?? "k-means clusters"
            let target = search.targetRecall.map { ", probes tuned for recall \(fixed($0, 2))" } ?? ""
            return "approximate: rows compared within neighbouring clusters (\(clusters)\(target)); recall "
                + "measured against exact search on seeded queries; \(search.reason)"
        }
    }

    /// `0.987 ± 0.004`.
    static func recall(_ graph: GraphRecall) -> String {
        fixed(graph.recall, 3) + (graph.standardError > 0 ? " ± " + fixed(graph.standardError, 3) : "")
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String { SummaryTable.fixed(value, decimals: decimals) }

    /// The table's header and rows, unescaped: dataset, graph, k, recall, queries, compared share, used by.
    static let headers = ["dataset", "graph", "k", "recall", "queries", "pairs compared", "used by"]

    static func rows(_ search: NeighbourSearchSummary) -> [[String]] {
        search.graphs.map { graph in
            [
                graph.dataset, graph.graph, String(graph.k), recall(graph), String(graph.sampledQueries),
                graph.share >= 1 ? "all (exact)" : fixed(graph.share * 100, 1) + " %",
                graph.usedBy.map(\.rawValue).joined(separator: ", "),
            ]
        }
    }
}
