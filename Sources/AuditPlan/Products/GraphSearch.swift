import AuditModel
import LinearAlgebra
import NeighbourGraphs

/// How an audit searches its neighbour graphs: exactly, or, above a size, approximately with recall measured.
public struct NeighbourSearchSettings: Sendable, Equatable {
    /// Search exactly whatever the sizes (`assay audit --exact`).
    public var forceExact: Bool
    /// Search approximately when some dataset has more rows with a vector than this.
    public var approximateAbove: Int
    /// A graph whose measured recall is below this is a warning.
    public var recallFloor: Double
    /// Seeded queries per graph whose exact neighbours measure its recall.
    public var recallQueries: Int
    /// The approximate search (partition, pilot); its seed is the audit's (``AuditConfiguration/seed``).
    public var search: ApproximateSearch

    /// The default size above which the search is approximate.
    public static let defaultApproximateAbove = 50_000
    /// The default recall floor.
    public static let defaultRecallFloor = 0.95

    /// Settings; by default approximate above 50,000 rows, floor 0.95, 1,000 recall queries.
    public init(
        forceExact: Bool = false, approximateAbove: Int = NeighbourSearchSettings.defaultApproximateAbove,
        recallFloor: Double = NeighbourSearchSettings.defaultRecallFloor, recallQueries: Int = 1000,
        search: ApproximateSearch = ApproximateSearch()
    ) {
        self.forceExact = forceExact
        self.approximateAbove = approximateAbove
        self.recallFloor = recallFloor
        self.recallQueries = recallQueries
        self.search = search
    }
}

/// The sweeps of one audit, exact or pruned by one shared partition, with the recall of every approximate
/// graph measured as it is made.
final class GraphSearch {
    let settings: NeighbourSearchSettings
    /// The shared partition when the search is approximate.
    let partition: ClusterPartition?
    /// Why the search is exact or approximate.
    let reason: String
    private(set) var recalls: [GraphRecall] = []

    /// Decides exact or approximate for sets of `sizes` rows (`rows`: every set's unit rows, for the partition).
    init(_ settings: NeighbourSearchSettings, rows: [MatrixRows]) throws(AuditError) {
        self.settings = settings
        let largest = rows.map(\.count).max() ?? 0
        let limit = Self.grouped(settings.approximateAbove)
        if settings.forceExact {
            partition = nil
            reason = "exact search asked for (--exact)"
        } else if largest <= settings.approximateAbove {
            partition = nil
            reason = "no dataset has more than \(limit) rows with a vector"
        } else {
            let total = rows.reduce(0) { $0 + $1.count }
            do {
                partition = try ClusterPartition.fit(
                    rows.filter { $0.count > 0 }, clusters: settings.search.clusterCount(rows: total),
                    seed: settings.search.seed)
            } catch {
                throw .embeddingFailed("nearest-neighbour search: \(error)")
            }
            reason = "a dataset has more than \(limit) rows with a vector (--exact searches exactly)"
        }
    }

    /// The summary for the result; `usedBy` names the metrics computed from each graph.
    func summary(usedBy: (String) -> [MetricID]) -> NeighbourSearchSummary {
        let graphs = recalls.map { recall in
            var recall = recall
            recall.usedBy = usedBy(recall.graph)
            return recall
        }
        let floor = settings.recallFloor
        let warnings = graphs.filter { $0.recall < floor }.map { graph in
            "approximate neighbours: \(graph.dataset) \(graph.graph) recall@\(graph.k) "
                + "\(Self.fixed(graph.recall, decimals: 3)) is below the floor \(floor) (\(graph.sampledQueries) "
                + "queries); rerun with --exact for exact graphs"
        }
        // Approximate only when some sweep was pruned; a sweep pruning would not save enough on ran exactly.
        guard partition != nil, !graphs.isEmpty else {
            let fellBack =
                partition == nil
                ? reason
                : reason + "; but on these vectors the clusters would not have saved enough comparisons (the pilot "
                    + "needed more than \(Int(settings.search.largestShare * 100)) % of the pairs), so every graph is exact"
            return NeighbourSearchSummary(
                method: .exact, reason: fellBack, approximateAbove: settings.approximateAbove, recallFloor: floor)
        }
        return NeighbourSearchSummary(
            method: .approximate, reason: reason, approximateAbove: settings.approximateAbove, recallFloor: floor,
            clusters: partition?.count, targetRecall: settings.search.targetRecall, seed: settings.search.seed,
            graphs: graphs, warnings: warnings)
    }

    /// A set against itself; `names` name the main list and each grouped list for the recall records (the
    /// main list's name is ignored when the request keeps none). `pruned`: whether the lists are approximate.
    func within(_ rows: MatrixRows, _ request: SweepRequest, dataset: String, names: [String]) throws(AuditError)
        -> (side: SweepSide, pruned: Bool)
    {
        do {
            guard let partition else { return (try NeighbourSweep.within(rows, request), false) }
            let (side, sweep) = try NeighbourSweep.within(
                rows, request, partition: partition, search: settings.search)
            try measure(
                side, rows, references: rows, request: request, sameSet: true, dataset: dataset, names: names,
                sweep: sweep, seed: settings.search.seed &+ 100)
            return (side, !sweep.ranExactly)
        } catch {
            throw .embeddingFailed("nearest-neighbour search: \(error)")
        }
    }

    /// Two sets; `namesA`/`namesB` as in ``within(_:_:dataset:names:)``, for each side's lists; `ballK`
    /// is the balls' k when a request gives radii.
    func between(
        _ a: MatrixRows, _ b: MatrixRows, _ forA: SweepRequest, _ forB: SweepRequest, datasetA: String,
        namesA: [String], datasetB: String, namesB: [String], ballK: Int = 0
    ) throws(AuditError) -> (SweepSide, SweepSide) {
        do {
            guard let partition else { return try NeighbourSweep.between(a, b, forA, forB) }
            let (sideA, sideB, sweep) = try NeighbourSweep.between(
                a, b, forA, forB, partition: partition, search: settings.search)
            try measure(
                sideA, a, references: b, request: forA, sameSet: false, dataset: datasetA, names: namesA, sweep: sweep,
                seed: settings.search.seed &+ 101, referenceRadii: forB.ballRadii2, ballK: ballK)
            try measure(
                sideB, b, references: a, request: forB, sameSet: false, dataset: datasetB, names: namesB, sweep: sweep,
                seed: settings.search.seed &+ 102, referenceRadii: forA.ballRadii2, ballK: ballK,
                ballGraph: "real_in_balls")
            return (sideA, sideB)
        } catch {
            throw .embeddingFailed("nearest-neighbour search: \(error)")
        }
    }

    /// Measures, on one seeded sample of `queries`, the recall of each list of `side` (the lists of `queries`
    /// among `references`) that `names` names (non-empty), and of its ball counts when the references gave
    /// radii (`referenceRadii`); records them as `dataset`'s.
    private func measure(
        _ side: SweepSide, _ queries: MatrixRows, references: MatrixRows, request: SweepRequest, sameSet: Bool,
        dataset: String, names: [String], sweep: PrunedSweep, seed: UInt64, referenceRadii: [Double]? = nil,
        ballK: Int = 0, ballGraph: String = "ball_counts"
    ) throws(NeighbourGraphsError) {
        // A sweep that ran exactly has nothing to measure.
        guard !sweep.ranExactly, queries.count > 0, references.count > 0 else { return }
        let sampled = NeighbourRecall.sampledRows(count: queries.count, size: settings.recallQueries, seed: seed)
        let everyQuery = sampled.count == queries.count
        // (approximate list, its exact lists' position, name, k) for every named list.
        var main: [(list: NeighbourList, name: String, k: Int)] = []
        if request.k > 0, let list = side.neighbours { main.append((list, names.first ?? "", request.k)) }
        for (index, list) in side.grouped.enumerated() {
            main.append((list, index + 1 < names.count ? names[index + 1] : "", request.grouped[index].k))
        }
        if main.contains(where: { !$0.name.isEmpty }) {
            var listRequest = request
            listRequest.ballRadii2 = nil
            let exact = try NeighbourSweep.exactSample(
                queries, sampled: sampled, references: references, request: listRequest, sameSet: sameSet)
            let exactLists = [exact.neighbours].compactMap { $0 } + exact.grouped
            for (entry, truth) in zip(main, exactLists) where !entry.name.isEmpty {
                record(
                    NeighbourRecall.compare(
                        entry.list, exact: truth, sampled: sampled, k: entry.k, everyQuery: everyQuery),
                    dataset: dataset, graph: entry.name, sweep: sweep)
            }
        }
        if let counts = side.ballCounts, let referenceRadii {
            let (exact, _) = try NeighbourSweep.between(
                MatrixRows(queries.selecting(sampled)), references, SweepRequest(),
                SweepRequest(ballRadii2: referenceRadii))
            if let exactCounts = exact.ballCounts {
                record(
                    NeighbourRecall.compareBalls(
                        counts, exact: exactCounts, sampled: sampled, k: ballK, everyQuery: everyQuery),
                    dataset: dataset, graph: ballGraph, sweep: sweep)
            }
        }
    }

    /// `50,000`: digits in groups of three, whatever the machine's locale (results must not depend on it).
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }

    /// `value` (in [0, 1]) with `decimals` digits after the point, rounded half away from zero.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let units = Int((value * Double(scale)).rounded())
        let fraction = String(units % scale)
        return "\(units / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private func record(_ recall: NeighbourRecall, dataset: String, graph: String, sweep: PrunedSweep) {
        recalls.append(
            GraphRecall(
                dataset: dataset, graph: graph, k: recall.k, probes: sweep.probes, share: sweep.share,
                sampledQueries: recall.sampledQueries, recall: recall.recall, standardError: recall.standardError))
    }
}
