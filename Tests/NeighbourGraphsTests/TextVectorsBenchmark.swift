import AssayTestSupport
import Foundation
import LinearAlgebra
import NeighbourGraphs
import SentenceEmbeddings
import Testing

/// Speed and recall on real text vectors, not a test: runs only with `ASSAY_GRAPHS_BENCH=1` and
/// `ASSAY_GRAPHS_BENCH_CORPUS=FILE.jsonl` (rows with a `text` field; the audit benchmark's corpora), in
/// release mode:
///
///     ASSAY_GRAPHS_BENCH=1 ASSAY_GRAPHS_BENCH_CORPUS=Benchmarks/.work/audit_synthetic_100000_seed0.jsonl \
///         swift test -c release --filter TextVectorsBenchmark
///
/// The first N rows (`ASSAY_GRAPHS_BENCH_ROWS`, default 20000) embedded with the built-in hashing embedder
/// (d = 512), unit rows; the all-points 10-nearest-neighbour graph: exact sweep, the cluster-pruned sweep
/// (never falling back to exact) at several pilot targets, and the HNSW index; recall counted on every query.
@Suite("Text vectors benchmark", .serialized)
struct TextVectorsBenchmark {
    static let environment = ProcessInfo.processInfo.environment
    static let corpus = environment["ASSAY_GRAPHS_BENCH_CORPUS"]
    static let enabled = environment["ASSAY_GRAPHS_BENCH"] == "1" && corpus != nil
    static let sizes = (environment["ASSAY_GRAPHS_BENCH_ROWS"] ?? "20000").split(separator: ",").compactMap { Int($0) }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    @Test(.enabled(if: enabled), arguments: sizes)
    func exactPrunedAndHNSW(rows: Int) throws {
        let data = try String(contentsOfFile: try #require(Self.corpus), encoding: .utf8)
        var texts: [String] = []
        for line in data.split(separator: "\n") where texts.count < rows {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            texts.append(object?["text"] as? String ?? "")
        }
        // `ASSAY_GRAPHS_BENCH_EMBEDDER=static` embeds with the default static model (`.models/static-minilm-256`).
        var matrix =
            Self.environment["ASSAY_GRAPHS_BENCH_EMBEDDER"] == "static"
            ? try StaticEmbedder(directory: ".models/static-minilm-256").embed(texts)
            : try HashingEmbedder().embed(texts)
        let d = matrix.columns
        var storage = matrix.storage
        for row in 0..<matrix.rows {
            var norm: Float = 0
            for column in 0..<d { norm += storage[row * d + column] * storage[row * d + column] }
            let scale = norm > 0 ? 1 / norm.squareRoot() : 0
            for column in 0..<d { storage[row * d + column] *= scale }
        }
        matrix = try Matrix(rows: matrix.rows, columns: d, storage: storage)
        let all = MatrixRows(matrix)
        var exact: NeighbourList?
        let exactSeconds = try Self.seconds { exact = try NeighbourSweep.within(all, SweepRequest(k: 10)).neighbours }
        let truth = try #require(exact)
        print("N=\(texts.count) d=\(d) exact \(String(format: "%.2f", exactSeconds)) s")
        // `ASSAY_GRAPHS_BENCH_TARGETS` and `ASSAY_GRAPHS_BENCH_CLUSTERS` (0: automatic) change the pruned runs.
        let targets = (Self.environment["ASSAY_GRAPHS_BENCH_TARGETS"] ?? "0.9,0.95,0.99").split(separator: ",")
            .compactMap { Double($0) }
        let clusterCounts = (Self.environment["ASSAY_GRAPHS_BENCH_CLUSTERS"] ?? "0").split(separator: ",")
            .compactMap { Int($0) }
        for clusters in clusterCounts {
            for target in targets {
                try pruned(all, truth: truth, target: target, clusters: clusters == 0 ? nil : clusters)
            }
        }
        guard Self.environment["ASSAY_GRAPHS_BENCH_SKIP_HNSW"] != "1" else { return }
        var index: HNSWIndex?
        let build = try Self.seconds { index = try HNSWIndex(all) }
        var approximate: NeighbourList?
        let search = try Self.seconds {
            approximate = try #require(index).search(all, k: 10, excludingSameIndex: true)
        }
        let recall = HNSWIndexTests.recall(try #require(approximate), exact: truth, k: 10)
        print(
            "  HNSW build \(String(format: "%.2f", build)) s + search \(String(format: "%.2f", search)) s, recall@10 "
                + String(format: "%.4f", recall))
    }

    func pruned(_ all: MatrixRows, truth: NeighbourList, target: Double, clusters: Int?) throws {
        var result: (SweepSide, PrunedSweep)?
        let prunedSeconds = try Self.seconds {
            let search = ApproximateSearch(clusters: clusters, targetRecall: target, largestShare: 1)
            let partition = try ClusterPartition.fit([all], clusters: search.clusterCount(rows: all.count), seed: 1)
            result = try NeighbourSweep.within(all, SweepRequest(k: 10), partition: partition, search: search)
        }
        let (side, sweep) = try #require(result)
        let recall = HNSWIndexTests.recall(try #require(side.neighbours), exact: truth, k: 10)
        print(
            "  pruned target \(target): \(String(format: "%.2f", prunedSeconds)) s, probes \(sweep.probes) of "
                + "\(sweep.clusters), share \(String(format: "%.3f", sweep.share)), recall@10 "
                + String(format: "%.4f", recall))
    }
}
