import AuditModel
import DatasetIO
import LinearAlgebra
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// How the real rows are split for the classifiers, and what the metrics say without a usable real set.
@Suite("label classifiers: split and edges")
struct RealClassifierTests {
    static func real(_ count: Int, splits: [String?] = []) -> (Dataset, EmbeddingRows) {
        var dataset = Dataset(
            name: "real", role: .real, path: "real", texts: (0..<count).map { "t\($0)" },
            labels: (0..<count).map { $0 % 2 == 0 ? "a" : "b" })
        dataset.splits = splits
        let vectors = (0..<count).flatMap { row -> [Float] in
            row % 2 == 0 ? [1, Float(row) / 100] : [Float(row) / 100, 1]
        }
        let matrix = Matrix(uncheckedRows: count, columns: 2, storage: vectors)
        return (dataset, EmbeddingRows(unitRows: MatrixRows(matrix), positions: Array(0..<count), zeroRows: 0))
    }

    @Test func theSplitFieldWinsOverTheSeededHoldout() {
        let (dataset, rows) = Self.real(6, splits: ["train", "test", "train", "validation", "train", nil])
        let split = RealClassifier.split(Array(0..<6), rows: rows, real: dataset, seed: 1)
        #expect(split.test == [1, 3])
        #expect(split.train == [0, 2, 4, 5])
        #expect(split.method == "split field: test and validation rows held out")
    }

    @Test func withoutASplitFieldTwentyPercentAreHeldOutBySeed() {
        let (dataset, rows) = Self.real(50)
        let first = RealClassifier.split(Array(0..<50), rows: rows, real: dataset, seed: 7)
        #expect(first.test.count == 10 && first.train.count == 40)
        #expect(Set(first.test).isDisjoint(with: first.train))
        #expect(RealClassifier.split(Array(0..<50), rows: rows, real: dataset, seed: 7).test == first.test)
        #expect(RealClassifier.split(Array(0..<50), rows: rows, real: dataset, seed: 8).test != first.test)
        #expect(first.method == "seeded 20 % holdout (seed 7)")
        // Every row held out is no split at all: fall back to the seeded holdout.
        let (allTest, allRows) = Self.real(10, splits: Array(repeating: "test", count: 10))
        #expect(RealClassifier.split(Array(0..<10), rows: allRows, real: allTest, seed: 1).test.count == 2)
    }

    @Test func aRealDatasetWithOneLabelGivesReasons() throws {
        var real = Dataset(name: "real", role: .real, path: "real", texts: ["a", "b", "c"], labels: ["x", "x", "x"])
        real.vectors = DatasetVectors(dimension: 2, values: [1, 0, 0, 1, 1, 1])
        var synthetic = Dataset(name: "gen", role: .synthetic, path: "gen", texts: ["d"], labels: ["y"])
        synthetic.vectors = DatasetVectors(dimension: 2, values: [1, 0])
        let configuration = AuditConfiguration(metrics: [.labelFidelity, .invalidLabelRate, .tstrRatio])
        let result = try AuditEngine(configuration: configuration).run([real, synthetic])
        let metrics = try #require(result.datasets.last).metrics
        #expect(metrics[.labelFidelity]?.skipReason == .tooFewRealLabels)
        #expect(metrics[.tstrRatio]?.skipReason == .tooFewRealLabels)
        #expect(result.datasets.last?.labelModel == nil)
    }
}
