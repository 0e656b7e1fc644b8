import AssayUtilities
import EmbeddingDistances
import Foundation
import LinearAlgebra
import Testing

/// Seeded unit rows: `centres` directions (or all random when nil) with Gaussian-like noise of `spread`.
func unitRows(_ count: Int, dimension: Int, seed: UInt64, centres: [[Float]]? = nil, spread: Float = 1) -> Matrix {
    var generator = SplitMix64(seed: seed)
    func uniform() -> Float { Float(Double(generator.next() >> 11) * 0x1p-53) * 2 - 1 }
    var storage: [Float] = []
    for row in 0..<count {
        var values = (0..<dimension).map { _ in uniform() * spread }
        if let centres { values = zip(values, centres[row % centres.count]).map { $0 + $1 } }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        storage += values.map { $0 / max(norm, 1e-30) }
    }
    return (try? Matrix(rows: count, columns: dimension, storage: storage)) ?? Matrix(rows: 0, columns: dimension)
}

@Suite("MAUVE and PRDC properties")
struct EmbeddingDistancesPropertyTests {
    static let centres: [[Float]] = (0..<4).map { c in (0..<12).map { $0 == 3 * c ? 1 : 0 } }

    @Test func identicalSetsGiveMauveOneAndFullPrecisionRecall() throws {
        let x = unitRows(200, dimension: 16, seed: 1)
        let mauve = try MAUVE.compute(synthetic: x, real: x, configuration: MAUVEConfiguration(clusters: .fixed(10)))
        #expect(mauve.syntheticHistogram == mauve.realHistogram)
        #expect(abs(mauve.mauve - 1) <= 1e-9)
        let prdc = try PrecisionRecall.compute(synthetic: x, real: x)
        #expect(prdc.precision == 1 && prdc.recall == 1 && prdc.coverage == 1)
        #expect(abs(prdc.density - 1) < 0.5)
    }

    @Test func identicalHistogramsGiveExactlyOne() throws {
        let (mauve, frontier) = try MAUVE.score(
            syntheticHistogram: [0.25, 0.5, 0.25], realHistogram: [0.25, 0.5, 0.25])
        #expect(abs(mauve - 1) <= 1e-12)
        #expect(frontier.count == 27)
        #expect(frontier.first == FrontierPoint(x: 1, y: 0) && frontier.last == FrontierPoint(x: 0, y: 1))
    }

    @Test func disjointSetsGiveMauveNearZeroAndNoPrecision() throws {
        let a = unitRows(100, dimension: 12, seed: 2, centres: Array(Self.centres[0..<2]), spread: 0.05)
        let b = unitRows(100, dimension: 12, seed: 3, centres: Array(Self.centres[2..<4]), spread: 0.05)
        let mauve = try MAUVE.compute(synthetic: a, real: b, configuration: MAUVEConfiguration(clusters: .fixed(4)))
        #expect(mauve.mauve < 0.01)
        let prdc = try PrecisionRecall.compute(synthetic: a, real: b)
        #expect(prdc.precision == 0 && prdc.recall == 0 && prdc.density == 0 && prdc.coverage == 0)
        #expect(prdc.syntheticInsideReal.allSatisfy { !$0 } && prdc.syntheticBallCounts.allSatisfy { $0 == 0 })
    }

    @Test(arguments: [UInt64(7), 8])
    func deterministicForASeed(seed: UInt64) throws {
        let a = unitRows(300, dimension: 20, seed: 4)
        let b = unitRows(250, dimension: 20, seed: 5)
        let configuration = MAUVEConfiguration(seed: seed)
        let first = try MAUVE.compute(synthetic: a, real: b, configuration: configuration)
        let second = try MAUVE.compute(synthetic: a, real: b, configuration: configuration)
        #expect(first == second)
        #expect(first.clusterCount == 25)  // round(250 / 10)
        #expect(try PrecisionRecall.compute(synthetic: a, real: b) == PrecisionRecall.compute(synthetic: a, real: b))
    }

    @Test(arguments: [1, 3])
    func kMeansRecoversWellSeparatedBlobs(restarts: Int) throws {
        let x = unitRows(400, dimension: 12, seed: 9, centres: Self.centres, spread: 0.05)
        let result = try KMeans.fit(x, clusters: 4, restarts: restarts, maxIterations: 100, seed: 11)
        var clusterOfBlob: [Int: Int] = [:]
        for (row, cluster) in result.assignments.enumerated() {
            let blob = row % 4
            if let known = clusterOfBlob[blob] { #expect(known == cluster) } else { clusterOfBlob[blob] = cluster }
        }
        #expect(Set(clusterOfBlob.values).count == 4)
    }

    @Test func kMeansWithMoreClustersThanDistinctRowsDoesNotTrap() throws {
        let x = try Matrix(rows: 6, columns: 2, storage: [1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1])
        let result = try KMeans.fit(x, clusters: 4, seed: 1)
        #expect(result.assignments.count == 6 && result.inertia == 0)
    }

    @Test func automaticClusterCountRoundsHalfToEven() {
        #expect(MAUVE.clusterCount(.automatic, syntheticRows: 25, realRows: 100) == 2)
        #expect(MAUVE.clusterCount(.automatic, syntheticRows: 35, realRows: 100) == 4)
        #expect(MAUVE.clusterCount(.automatic, syntheticRows: 5000, realRows: 7000) == 500)
        #expect(MAUVE.clusterCount(.automatic, syntheticRows: 3, realRows: 3) == 2)
    }

    @Test func prdcExactOnTiesAndRawRows() throws {
        // raw rows on a grid: many equal distances, radii and comparisons decided exactly
        let real = try Matrix(rows: 6, columns: 1, storage: [0, 1, 2, 3, 4, 5])
        let synthetic = try Matrix(rows: 4, columns: 1, storage: [0.5, 2, 7, 9])
        let result = try PrecisionRecall.compute(synthetic: synthetic, real: real, k: 1)
        // real radii: 1 for every row; synthetic radii: 1.5, 1.5, 2, 2
        #expect(result.realRadii == [1, 1, 1, 1, 1, 1])
        #expect(result.syntheticRadii == [1.5, 1.5, 2, 2])
        // 0.5 is within 1 of 0 and 1 (strictly); 2 is at distance 1 of 1 and 3 (not strictly inside) and 0 of 2
        #expect(result.syntheticBallCounts == [2, 1, 0, 0])
        #expect(result.precision == 0.5)
        #expect(result.realCovered == [true, true, true, false, false, false])
        // recall: real rows strictly within 1.5 of 0.5 (0, 1) or of 2 (1, 2, 3); within 2 of 7 (6 only, absent)
        #expect(result.realInsideSynthetic == [true, true, true, true, false, false])
    }
}

@Suite("EmbeddingDistances errors")
struct EmbeddingDistancesErrorTests {
    @Test func dimensionMismatch() throws {
        let a = Matrix(rows: 10, columns: 3, repeating: 0.5)
        let b = Matrix(rows: 10, columns: 4, repeating: 0.5)
        #expect(throws: EmbeddingDistanceError.dimensionMismatch(synthetic: 3, real: 4)) {
            try PrecisionRecall.compute(synthetic: a, real: b)
        }
        #expect(throws: EmbeddingDistanceError.dimensionMismatch(synthetic: 3, real: 4)) {
            try MAUVE.compute(synthetic: a, real: b)
        }
        #expect(
            EmbeddingDistanceError.dimensionMismatch(synthetic: 3, real: 4).description
                == "dimension mismatch: synthetic rows have 3 columns, real rows have 4")
    }

    @Test(arguments: [(5, 6, EmbeddingSet.synthetic, 5), (8, 3, EmbeddingSet.real, 3), (0, 9, .synthetic, 0)])
    func tooFewRowsForK(syntheticRows: Int, realRows: Int, set: EmbeddingSet, rows: Int) {
        let a = unitRows(syntheticRows, dimension: 4, seed: 1)
        let b = unitRows(realRows, dimension: 4, seed: 2)
        #expect(throws: EmbeddingDistanceError.tooFewRows(set, rows: rows, required: 6)) {
            try PrecisionRecall.compute(synthetic: a, real: b, k: 5)
        }
    }

    @Test func nonFiniteValues() throws {
        var storage = [Float](repeating: 0.5, count: 40)
        storage[13] = .nan
        let a = try Matrix(rows: 10, columns: 4, storage: storage)
        let b = Matrix(rows: 10, columns: 4, repeating: 0.5)
        #expect(throws: EmbeddingDistanceError.nonFiniteValue(.real, row: 3, column: 1)) {
            try PrecisionRecall.compute(synthetic: b, real: a)
        }
        #expect(throws: EmbeddingDistanceError.nonFiniteValue(.synthetic, row: 3, column: 1)) {
            try MAUVE.compute(synthetic: a, real: b)
        }
        #expect(
            EmbeddingDistanceError.nonFiniteValue(.real, row: 3, column: 1).description
                == "real: row 3, column 1: value is nan or infinite")
    }

    @Test func invalidParameters() {
        let a = unitRows(10, dimension: 4, seed: 1)
        #expect(throws: EmbeddingDistanceError.self) { try PrecisionRecall.compute(synthetic: a, real: a, k: 0) }
        #expect(throws: EmbeddingDistanceError.self) {
            try MAUVE.compute(synthetic: a, real: a, configuration: MAUVEConfiguration(clusters: .fixed(21)))
        }
        #expect(throws: EmbeddingDistanceError.self) {
            try MAUVE.compute(synthetic: a, real: a, configuration: MAUVEConfiguration(explainedVariance: 0))
        }
        #expect(throws: EmbeddingDistanceError.self) {
            try MAUVE.compute(synthetic: a, real: a, configuration: MAUVEConfiguration(scalingFactor: -1))
        }
        #expect(throws: EmbeddingDistanceError.self) {
            try MAUVE.score(syntheticAssignments: [0, 3], realAssignments: [1], clusters: 3)
        }
        #expect(throws: EmbeddingDistanceError.self) {
            try MAUVE.score(syntheticHistogram: [0.5, 0.5], realHistogram: [1])
        }
        #expect(throws: EmbeddingDistanceError.self) {
            try MAUVE.score(syntheticHistogram: [.nan, 0.5], realHistogram: [0.5, 0.5])
        }
        #expect(throws: EmbeddingDistanceError.self) { try KMeans.fit(a, clusters: 0, seed: 1) }
    }
}

@Suite("PRDC across several GEMM tiles")
struct PrecisionRecallTilingTests {
    /// 600 real rows (two 512-row blocks) × 4,150 synthetic rows (two 4,096-column blocks), checked against a
    /// brute-force double-precision count from the returned radii, and a sample of radii against brute force.
    @Test func matchesBruteForceAcrossTiles() throws {
        let d = 6
        let real = unitRows(600, dimension: d, seed: 31)
        let synthetic = unitRows(4_150, dimension: d, seed: 32)
        let k = 5
        let result = try PrecisionRecall.compute(synthetic: synthetic, real: real, k: k)
        func distance2(_ a: Matrix, _ i: Int, _ b: Matrix, _ j: Int) -> Double {
            var sum = 0.0
            for c in 0..<d {
                let difference = Double(a.storage[i * d + c]) - Double(b.storage[j * d + c])
                sum += difference * difference
            }
            return sum
        }
        for (set, radii) in [(real, result.realRadii), (synthetic, result.syntheticRadii)] {
            for row in stride(from: 0, to: set.rows, by: 97) {
                let sorted = (0..<set.rows).filter { $0 != row }.map { distance2(set, row, set, $0) }.sorted()
                #expect(radii[row] == sorted[k - 1].squareRoot())
            }
        }
        var counts = [Int](repeating: 0, count: synthetic.rows)
        var covered = [Bool](repeating: false, count: real.rows)
        var inside = [Bool](repeating: false, count: real.rows)
        let realRadii2 = result.realRadii.map { $0 * $0 }
        let syntheticRadii2 = result.syntheticRadii.map { $0 * $0 }
        for i in 0..<real.rows {
            for j in 0..<synthetic.rows {
                let value = distance2(real, i, synthetic, j)
                // radii² from the square roots can differ in the last bit: skip comparisons at a tie
                if abs(value - realRadii2[i]) > 1e-12, value < realRadii2[i] {
                    counts[j] += 1
                    covered[i] = true
                }
                if abs(value - syntheticRadii2[j]) > 1e-12, value < syntheticRadii2[j] { inside[i] = true }
            }
        }
        #expect(counts == result.syntheticBallCounts)
        #expect(covered == result.realCovered)
        #expect(inside == result.realInsideSynthetic)
        #expect(result.precision > 0.5 && result.precision < 1)
    }
}
