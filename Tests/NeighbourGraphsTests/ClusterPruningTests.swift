import AssayTestSupport
import Foundation
import LinearAlgebra
import Testing

@testable import NeighbourGraphs

/// The pruned (approximate) sweeps against the exact ones (`NeighbourSweep`), and their parts against
/// values worked out by hand.
@Suite("Cluster-pruned sweeps")
struct ClusterPruningTests {
    /// 5,000 unit rows in 30 seeded clusters (d = 32): a set of 3,000 and one of 2,000 from the same clusters,
    /// both views into one matrix (the second starts at row 3,000).
    static let matrix = RandomMatrices.clustered(rows: 5000, columns: 32, clusters: 30, spread: 0.7, seed: 5)
    static let rows = MatrixRows(matrix, rows: 0..<3000)
    static let others = MatrixRows(matrix, rows: 3000..<5000)

    /// Every pair allowed to be pruned (no exact fallback); default pilot and target otherwise.
    static let pruneAlways = ApproximateSearch(largestShare: 1)

    @Test func oneClusterIsTheExactSweep() throws {
        let rows = Self.rows
        let labels = (0..<rows.count).map { Int32($0 % 3) }
        let request = SweepRequest(k: 7, grouped: [GroupedNeighbours(k: 3, groups: labels)])
        let partition = try ClusterPartition.fit([rows], clusters: 1, seed: 1)
        let (pruned, sweep) = try NeighbourSweep.within(rows, request, partition: partition, search: Self.pruneAlways)
        let exact = try NeighbourSweep.within(rows, request)
        #expect(sweep.probes == 1)
        #expect(pruned == exact)
    }

    @Test func oneClusterBetweenSetsKeepsBallCounts() throws {
        let a = Self.rows
        let b = Self.others
        let radiiA = [Double](repeating: 0.3, count: a.count)
        let radiiB = (0..<b.count).map { 0.1 + Double($0 % 7) * 0.05 }
        let forA = SweepRequest(k: 4, ballRadii2: radiiA)
        let forB = SweepRequest(k: 2, ballRadii2: radiiB)
        let partition = try ClusterPartition.fit([a, b], clusters: 1, seed: 1)
        let (prunedA, prunedB, _) = try NeighbourSweep.between(
            a, b, forA, forB, partition: partition, search: Self.pruneAlways)
        let (exactA, exactB) = try NeighbourSweep.between(a, b, forA, forB)
        #expect(prunedA == exactA)
        #expect(prunedB == exactB)
    }

    @Test func everyPilotPairCoveredGivesTheExactGraph() throws {
        // With every row in the pilot and a target of 1, every true neighbour pair's clusters are
        // neighbours, so the pruned lists equal the exact ones, ties and all, although rows are reordered.
        let rows = Self.rows
        let partition = try ClusterPartition.fit([rows], clusters: 40, seed: 3)
        let search = ApproximateSearch(targetRecall: 1, pilotQueries: rows.count, largestShare: 1)
        let request = SweepRequest(k: 10)
        let (pruned, sweep) = try NeighbourSweep.within(rows, request, partition: partition, search: search)
        #expect(sweep.probes < 40, "the test should prune something")
        let exact = try #require(NeighbourSweep.within(rows, request).neighbours)
        let found = try #require(pruned.neighbours)
        // The same neighbours; the similarities of differently shaped tiles may differ in the last bits.
        var differing = 0
        for row in 0..<rows.count where found.neighbours(of: row).map(\.index) != exact.neighbours(of: row).map(\.index)
        {
            differing += 1
            if differing < 3 { print(row, found.neighbours(of: row), exact.neighbours(of: row)) }
        }
        #expect(differing == 0)
        for (a, b) in zip(found.similarities, exact.similarities) { #expect(abs(a - b) <= 1e-6) }
    }

    @Test func defaultSearchIsCheapAndAccurateOnClusteredRows() throws {
        let rows = Self.rows
        let partition = try ClusterPartition.fit([rows], clusters: 55, seed: 3)
        let (pruned, sweep) = try NeighbourSweep.within(
            rows, SweepRequest(k: 10), partition: partition, search: Self.pruneAlways)
        let exact = try NeighbourSweep.within(rows, SweepRequest(k: 10))
        let recall = HNSWIndexTests.recall(
            try #require(pruned.neighbours), exact: try #require(exact.neighbours), k: 10)
        #expect(sweep.share < 0.35)
        #expect(recall >= 0.97)
        // The same inputs give the same graph.
        let again = try NeighbourSweep.within(rows, SweepRequest(k: 10), partition: partition, search: Self.pruneAlways)
        #expect(again.0 == pruned)
    }

    @Test func prunedBetweenSetsFindsMostNeighboursAndBalls() throws {
        let a = Self.rows
        let b = Self.others
        let radiiB = BallRadii.exact(
            b, candidates: try #require(NeighbourSweep.within(b, SweepRequest(k: 8)).neighbours), k: 5)
        let partition = try ClusterPartition.fit([a, b], clusters: 50, seed: 3)
        let forA = SweepRequest(k: 5)
        let forB = SweepRequest(k: 3, ballRadii2: radiiB)
        let (prunedA, prunedB, sweep) = try NeighbourSweep.between(
            a, b, forA, forB, partition: partition, search: Self.pruneAlways)
        let (exactA, exactB) = try NeighbourSweep.between(a, b, forA, forB)
        #expect(sweep.share < 0.5)
        #expect(
            HNSWIndexTests.recall(try #require(prunedA.neighbours), exact: try #require(exactA.neighbours), k: 5)
                >= 0.97)
        #expect(
            HNSWIndexTests.recall(try #require(prunedB.neighbours), exact: try #require(exactB.neighbours), k: 3)
                >= 0.97)
        // Pruning only leaves pairs out: no count above the exact one, and most memberships found.
        let found = try #require(prunedA.ballCounts)
        let truth = try #require(exactA.ballCounts)
        #expect(zip(found, truth).allSatisfy { $0 <= $1 })
        #expect(Double(found.reduce(0, +)) >= 0.95 * Double(truth.reduce(0, +)))
        let all = Array(0..<a.count)
        let measured = NeighbourRecall.compareBalls(found, exact: truth, sampled: all, k: 5, everyQuery: true)
        #expect(measured.recall >= 0.95 && measured.recall <= 1)
    }

    @Test func fallsBackToExactWhenPruningSavesTooLittle() throws {
        let rows = Self.rows
        let partition = try ClusterPartition.fit([rows], clusters: 4, seed: 3)
        let search = ApproximateSearch(targetRecall: 1, largestShare: 0.01)
        let (side, sweep) = try NeighbourSweep.within(rows, SweepRequest(k: 5), partition: partition, search: search)
        #expect(sweep.ranExactly)
        #expect(sweep.probes == 4)
        #expect(side == (try NeighbourSweep.within(rows, SweepRequest(k: 5))))
    }

    @Test func partitionDistancesAreSymmetricRanks() throws {
        // Four centroids on a circle at 0°, 10°, 90°, 180°: from 0°, the order is 0°, 10°, 90°, 180°; from
        // 180°, it is 180°, 90°, 10°, 0°.
        func unit(_ degrees: Double) -> [Float] {
            [Float(cos(degrees * .pi / 180)), Float(sin(degrees * .pi / 180))]
        }
        let centroids = try Matrix(rows: 4, columns: 2, storage: unit(0) + unit(10) + unit(90) + unit(180))
        let partition = ClusterPartition(centroids: centroids)
        #expect(partition.distance(0, 0) == 0)
        #expect(partition.distance(0, 1) == 1)
        // 0° → 180° is rank 3 from 0° and rank 3 from 180°.
        #expect(partition.distance(0, 3) == 3)
        #expect(partition.distance(3, 0) == 3)
        // 10° → 90°: rank 2 from 10° (after 0°), rank 1 from 90° (10° is nearer than 0° and 180°): 1.
        #expect(partition.distance(1, 2) == 1)
        #expect(partition.distance(2, 1) == 1)
        #expect(
            try partition.assign(MatrixRows(try Matrix(rows: 2, columns: 2, storage: unit(80) + unit(170)))) == [2, 3])
    }

    @Test func probesCoverTheTargetShareOfPilotPairs() {
        // Sorted distances 0 0 1 3: three quarters need distance ≤ 1, so 2 probes; all of them need 4.
        #expect(NeighbourSweep.probesNeeded([3, 0, 1, 0], target: 0.75, clusters: 10) == 2)
        #expect(NeighbourSweep.probesNeeded([3, 0, 1, 0], target: 1, clusters: 10) == 4)
        #expect(NeighbourSweep.probesNeeded([3, 0, 1, 0], target: 1, clusters: 3) == 3)
        #expect(NeighbourSweep.probesNeeded([], target: 0.99, clusters: 3) == 1)
    }

    @Test func clusterCountDefaultsToTheSquareRootWithinBounds() {
        #expect(ApproximateSearch().clusterCount(rows: 200_000) == 448)
        #expect(ApproximateSearch().clusterCount(rows: 10) == 8)
        #expect(ApproximateSearch().clusterCount(rows: 5) == 5)
        #expect(ApproximateSearch().clusterCount(rows: 100_000_000) == 2048)
        #expect(ApproximateSearch(clusters: 12).clusterCount(rows: 100) == 12)
    }

    @Test func sampleOfExactNeighboursLeavesEachRowOut() throws {
        let rows = Self.rows
        let sampled = [0, 17, 2999]
        let sample = try NeighbourSweep.exactSample(
            rows, sampled: sampled, references: rows, request: SweepRequest(k: 4), sameSet: true)
        let exact = try #require(NeighbourSweep.within(rows, SweepRequest(k: 4)).neighbours)
        let list = try #require(sample.neighbours)
        for (position, row) in sampled.enumerated() {
            #expect(list.neighbours(of: position).map(\.index) == exact.neighbours(of: row).map(\.index))
        }
    }
}
