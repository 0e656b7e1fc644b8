import AssayTestSupport
import AuditModel
import DatasetIO
import Foundation
import LinearAlgebra
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// An audit whose neighbour graphs are approximate against the same audit searched exactly: the metrics
/// that read the graphs stay close, every approximate graph's recall is measured and reported, and a
/// recall under the floor is a warning.
@Suite("audit with approximate neighbours")
struct ApproximateNeighbourAuditTests {
    /// 3,000 real and 2,000 synthetic rows with given vectors from the same 30 seeded clusters (d = 32),
    /// labelled by cluster (three labels), distinct texts.
    static let datasets = make(RandomMatrices.clustered(rows: 5000, columns: 32, clusters: 30, spread: 0.7, seed: 11))

    static func make(_ matrix: Matrix) -> [Dataset] {
        func dataset(_ name: String, _ role: DatasetRole, _ rows: Range<Int>) -> Dataset {
            Dataset(
                name: name, role: role, path: name, texts: rows.map { "row \($0) of \(name)" },
                labels: rows.map { ["a", "b", "c"][($0 % 30) % 3] },
                vectors: DatasetVectors(
                    dimension: 32, values: Array(matrix.storage[(rows.lowerBound * 32)..<(rows.upperBound * 32)])))
        }
        return [dataset("real", .real, 0..<3000), dataset("generated", .synthetic, 3000..<5000)]
    }

    static func audit(_ search: NeighbourSearchSettings, _ datasets: [Dataset] = datasets) throws -> (
        AuditResult, [String]
    ) {
        let configuration = AuditConfiguration(bootstrapResamples: 0, neighbourSearch: search)
        var warnings: [String] = []
        let result = try AuditEngine(configuration: configuration).run(datasets) { warnings.append($0) }
        return (result, warnings)
    }

    @Test func approximateGraphsKeepTheMetricsAndReportRecall() throws {
        let (exact, _) = try Self.audit(NeighbourSearchSettings())
        let (approximate, warnings) = try Self.audit(NeighbourSearchSettings(approximateAbove: 1000))
        #expect(exact.neighbourSearch?.method == .exact)
        #expect(exact.neighbourSearch?.reason == "no dataset has more than 50,000 rows with a vector")
        #expect(exact.neighbourSearch?.graphs.isEmpty == true)
        let search = try #require(approximate.neighbourSearch)
        #expect(search.method == .approximate)
        #expect(search.clusters == 71)  // ⌈√5000⌉
        #expect(warnings.isEmpty)
        #expect(search.warnings.isEmpty)
        let graphs = Set(search.graphs.map { "\($0.dataset) \($0.graph)" })
        for expected in [
            "real within_dataset", "real within_label", "generated within_dataset", "generated to_real",
            "generated ball_counts", "generated real_in_balls",
        ] {
            #expect(graphs.contains(expected), "no recall for \(expected)")
        }
        for graph in search.graphs {
            #expect(graph.recall >= 0.95, "\(graph.dataset) \(graph.graph): recall \(graph.recall)")
            #expect(graph.recall <= 1)
            #expect(graph.share < 0.5)
            #expect(graph.sampledQueries > 0 && graph.sampledQueries <= 1000)
            #expect(!graph.usedBy.isEmpty, "\(graph.graph) is read by no metric")
        }
        // Every metric that reads a graph: within 3 % (or 0.02 absolute) of the exact audit.
        let approximated = Set(search.graphs.flatMap(\.usedBy))
        #expect(approximated.contains(MetricID("embedding_precision")))
        for (exactDataset, approximateDataset) in zip(exact.datasets, approximate.datasets) {
            for id in approximated {
                guard let reference = exactDataset.metrics[id]?.number else { continue }
                let value = try #require(approximateDataset.metrics[id]?.number, "\(id.rawValue)")
                #expect(
                    abs(value - reference) <= max(0.02, 0.03 * abs(reference)),
                    "\(exactDataset.name) \(id.rawValue): approximate \(value), exact \(reference)")
            }
        }
        // The JSON carries it and reads back.
        let json = try JSONEncoder().encode(approximate)
        let decoded = try JSONDecoder().decode(AuditResult.self, from: json)
        #expect(decoded.neighbourSearch == search)
    }

    @Test func recallBelowTheFloorIsAWarning() throws {
        var settings = NeighbourSearchSettings(approximateAbove: 1000, recallFloor: 0.999)
        settings.search.targetRecall = 0.5
        let (result, warnings) = try Self.audit(settings)
        let search = try #require(result.neighbourSearch)
        let low = search.graphs.filter { $0.recall < 0.999 }
        #expect(!low.isEmpty, "a target of 0.5 should miss neighbours")
        #expect(search.warnings.count == low.count)
        #expect(warnings == search.warnings)
        #expect(search.warnings.allSatisfy { $0.contains("below the floor 0.999") && $0.contains("--exact") })
    }

    @Test func vectorsWithoutClustersAreSearchedExactly() throws {
        // Uniform random directions have no clusters: pruning would compare most pairs, so every sweep runs
        // exactly and the result says why.
        let uniform = Self.make(RandomMatrices.uniform(rows: 5000, columns: 32, seed: 3))
        let (result, warnings) = try Self.audit(NeighbourSearchSettings(approximateAbove: 1000), uniform)
        let search = try #require(result.neighbourSearch)
        #expect(search.method == .exact)
        #expect(search.graphs.isEmpty && warnings.isEmpty)
        #expect(search.reason.contains("would not have saved enough comparisons"))
    }

    @Test func wordsDoNotDependOnTheLocale() {
        #expect(GraphSearch.grouped(50_000) == "50,000")
        #expect(GraphSearch.grouped(999) == "999")
        #expect(GraphSearch.grouped(1_234_567) == "1,234,567")
        #expect(GraphSearch.fixed(0.9657, decimals: 3) == "0.966")
        #expect(GraphSearch.fixed(1, decimals: 3) == "1.000")
        #expect(GraphSearch.fixed(0.05, decimals: 3) == "0.050")
    }

    @Test func exactCanBeForced() throws {
        let (forced, _) = try Self.audit(NeighbourSearchSettings(forceExact: true, approximateAbove: 10))
        #expect(forced.neighbourSearch?.method == .exact)
        #expect(forced.neighbourSearch?.reason == "exact search asked for (--exact)")
    }
}
