import AssayTestSupport
import Foundation
import LinearAlgebra
import Testing

@testable import NeighbourGraphs

/// The HNSW index against exact search (`NeighbourSweep`), and the recall measurement against a recall
/// counted here by hand from the full exact graph.
@Suite("HNSW index and recall")
struct HNSWIndexTests {
    static let rows = RandomMatrices.clustered(rows: 3000, columns: 64, clusters: 30, spread: 2, seed: 5)

    /// Recall@k counted directly: per query, the share of its exact k neighbours (ties at the k-th
    /// similarity counted as found) present in the approximate list.
    static func recall(_ approximate: NeighbourList, exact: NeighbourList, k: Int) -> Double {
        var total = 0.0
        for query in 0..<exact.queryCount {
            let truth = exact.neighbours(of: query).prefix(k)
            let kth = truth.last?.similarity ?? -.infinity
            let trueSet = Set(truth.map(\.index))
            let hits = approximate.neighbours(of: query).prefix(k).filter {
                trueSet.contains($0.index) || $0.similarity >= kth - 1e-6
            }
            total += Double(min(hits.count, truth.count)) / Double(truth.count)
        }
        return total / Double(exact.queryCount)
    }

    @Test func withinSetRecallIsHighAndMeasuredCorrectly() throws {
        let rows = MatrixRows(Self.rows)
        let index = try HNSWIndex(rows)
        let approximate = try index.search(rows, k: 10, excludingSameIndex: true)
        let exact = try NeighbourSweep.search(
            queries: Self.rows, references: Self.rows, k: 10, excludingSameIndex: true)
        #expect(approximate.queryCount == 3000)
        for query in 0..<approximate.queryCount {
            #expect(!approximate.neighbours(of: query).contains { $0.index == query })
        }
        let direct = Self.recall(approximate, exact: exact, k: 10)
        #expect(direct >= 0.95)
        #expect(direct < 1, "the data should be hard enough that HNSW misses some neighbours")
        // Every query sampled: the measurement equals the direct count.
        let all = try NeighbourRecall.measure(
            approximate, queries: rows, references: rows, k: 10, excludingSameIndex: true, sampleSize: 5000)
        #expect(all.sampledQueries == 3000)
        #expect(abs(all.recall - direct) < 1e-12)
        #expect(all.standardError == 0)
        // A sample of 500: within four standard errors of the whole.
        let sampled = try NeighbourRecall.measure(
            approximate, queries: rows, references: rows, k: 10, excludingSameIndex: true, sampleSize: 500)
        #expect(sampled.sampledQueries == 500)
        #expect(sampled.standardError > 0)
        #expect(abs(sampled.recall - direct) <= 4 * sampled.standardError + 1e-9)
    }

    @Test func weakSearchHasLowerMeasuredRecall() throws {
        let rows = MatrixRows(Self.rows)
        let weak = try HNSWIndex(
            rows, parameters: HNSWParameters(links: 2, constructionCandidates: 4, searchCandidates: 1))
        let approximate = try weak.search(rows, k: 10, excludingSameIndex: true)
        let exact = try NeighbourSweep.search(
            queries: Self.rows, references: Self.rows, k: 10, excludingSameIndex: true)
        let measured = try NeighbourRecall.measure(
            approximate, queries: rows, references: rows, k: 10, excludingSameIndex: true, sampleSize: 5000)
        #expect(abs(measured.recall - Self.recall(approximate, exact: exact, k: 10)) < 1e-12)
        #expect(measured.recall < 0.95)
    }

    @Test func betweenSetsMatchesExactSearchOnSmallSets() throws {
        // With fewer rows than search candidates the search is exhaustive in practice: equal to exact search.
        let references = RandomMatrices.uniform(rows: 40, columns: 8, seed: 1)
        let queries = RandomMatrices.uniform(rows: 25, columns: 8, seed: 2)
        let index = try HNSWIndex(MatrixRows(references))
        let approximate = try index.search(MatrixRows(queries), k: 5)
        let exact = try NeighbourSweep.search(queries: queries, references: references, k: 5)
        #expect(approximate.indices == exact.indices)
        for (a, b) in zip(approximate.similarities, exact.similarities) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func handWorkedNeighbours() throws {
        // Unit vectors at 0°, 10°, 90°, 180°: the nearest of 0° is 10°, then 90°, then 180°.
        let degrees: [Float] = [0, 10, 90, 180]
        let storage = degrees.flatMap { [cos($0 * .pi / 180), sin($0 * .pi / 180)] }
        let matrix = try Matrix(rows: 4, columns: 2, storage: storage)
        let list = try HNSWIndex(MatrixRows(matrix)).search(MatrixRows(matrix), k: 3, excludingSameIndex: true)
        #expect(list.neighbours(of: 0).map(\.index) == [1, 2, 3])
        #expect(list.neighbours(of: 3).map(\.index) == [2, 1, 0])
        #expect(abs(list.similarities[0] - cos(10 * .pi / 180)) < 1e-6)
        // More neighbours than rows: the missing entries are -1.
        let wide = try HNSWIndex(MatrixRows(matrix)).search(MatrixRows(matrix), k: 5)
        #expect(wide.indices[4] == -1 && wide.similarities[4] == -.infinity)
        #expect(wide.indices[0] == 0)
    }

    @Test func sameInputsGiveTheSameGraph() throws {
        let rows = MatrixRows(Self.rows, rows: 0..<1500)
        let first = try HNSWIndex(rows).search(rows, k: 10, excludingSameIndex: true)
        let second = try HNSWIndex(rows).search(rows, k: 10, excludingSameIndex: true)
        #expect(first == second)
    }

    @Test func badInputsThrow() throws {
        var storage = [Float](repeating: 0.5, count: 12)
        storage[7] = .nan
        let bad = try Matrix(rows: 3, columns: 4, storage: storage)
        #expect(throws: NeighbourGraphsError.nonFinite(row: 1)) { try HNSWIndex(MatrixRows(bad)) }
        let index = try HNSWIndex(MatrixRows(RandomMatrices.uniform(rows: 10, columns: 4, seed: 3)))
        let other = RandomMatrices.uniform(rows: 2, columns: 5, seed: 4)
        #expect(throws: NeighbourGraphsError.dimensionMismatch(first: 5, second: 4)) {
            try index.search(MatrixRows(other), k: 3)
        }
        #expect(throws: NeighbourGraphsError.self) {
            try HNSWIndex(
                MatrixRows(RandomMatrices.uniform(rows: 10, columns: 4, seed: 3)), parameters: HNSWParameters(links: 1))
        }
    }
}
