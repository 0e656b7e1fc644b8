import AssayTestSupport
import Foundation
import LinearAlgebra
import NeighbourGraphs
import Testing

/// Speed and recall measurement, not a test: runs only with `ASSAY_GRAPHS_BENCH=1`, in release mode:
///
///     ASSAY_GRAPHS_BENCH=1 swift test -c release --filter HNSWBenchmark
///
/// For N unit vectors in 200 seeded clusters (d = 256), the all-points 10-nearest-neighbour graph: the
/// exact sweep (`NeighbourSweep.within`) against the HNSW index (build on one thread, search on every
/// core, default parameters), with the recall@10 of the HNSW graph measured on 1,000 seeded queries and
/// counted on every query against the exact graph. `ASSAY_GRAPHS_BENCH_ROWS` (default `20000,100000`).
@Suite("HNSW benchmark", .serialized)
struct HNSWBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["ASSAY_GRAPHS_BENCH"] == "1"
    static let sizes = (ProcessInfo.processInfo.environment["ASSAY_GRAPHS_BENCH_ROWS"] ?? "20000,100000")
        .split(separator: ",").compactMap { Int($0) }

    @Test(.enabled(if: enabled), arguments: sizes)
    func exactVersusApproximate(rows: Int) throws {
        let matrix = RandomMatrices.clustered(rows: rows, columns: 256, clusters: 200, spread: 1, seed: 2026)
        let all = MatrixRows(matrix)
        func seconds(_ body: () throws -> Void) rethrows -> Double {
            let start = ContinuousClock.now
            try body()
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        var exact: NeighbourList?
        let exactSeconds = try seconds { exact = try NeighbourSweep.within(all, SweepRequest(k: 10)).neighbours }
        var index: HNSWIndex?
        let buildSeconds = try seconds { index = try HNSWIndex(all) }
        var approximate: NeighbourList?
        let searchSeconds = try seconds {
            approximate = try #require(index).search(all, k: 10, excludingSameIndex: true)
        }
        var measured: NeighbourRecall?
        let recallSeconds = try seconds {
            measured = try NeighbourRecall.measure(
                try #require(approximate), queries: all, references: all, k: 10, excludingSameIndex: true)
        }
        var pruned: (SweepSide, PrunedSweep)?
        let prunedSeconds = try seconds {
            let partition = try ClusterPartition.fit(
                [all], clusters: ApproximateSearch().clusterCount(rows: rows), seed: 1)
            pruned = try NeighbourSweep.within(
                all, SweepRequest(k: 10), partition: partition, search: ApproximateSearch())
        }
        let prunedList = try #require(pruned?.0.neighbours)
        print(
            "N=\(rows) pruned sweep \(String(format: "%.2f", prunedSeconds)) s, \(pruned!.1), recall@10 on every query "
                + String(format: "%.4f", HNSWIndexTests.recall(prunedList, exact: try #require(exact), k: 10)))
        let exactList = try #require(exact)
        let approximateList = try #require(approximate)
        let everyQuery = HNSWIndexTests.recall(approximateList, exact: exactList, k: 10)
        let recall = try #require(measured)
        print(
            "N=\(rows) d=256 exact sweep \(String(format: "%.2f", exactSeconds)) s; HNSW build "
                + "\(String(format: "%.2f", buildSeconds)) s + search \(String(format: "%.2f", searchSeconds)) s; "
                + "recall@10 measured on \(recall.sampledQueries) queries \(String(format: "%.4f", recall.recall)) "
                + "± \(String(format: "%.4f", recall.standardError)) in \(String(format: "%.2f", recallSeconds)) s; "
                + "on every query \(String(format: "%.4f", everyQuery))")
    }
}
