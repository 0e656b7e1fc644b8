import AssayTestSupport
import AssayUtilities
import AuditModel
import DatasetIO
import Foundation
import LinearAlgebra
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// The classifiers above their row limit (stratified samples, said in the output) and the intervals of the
/// classifier metrics.
@Suite("classifier samples and intervals")
struct ClassifierSamplingTests {
    /// A real set of 600 and a synthetic set of 500 labelled rows in two noisy directions (d = 8).
    static let datasets: [Dataset] = {
        func dataset(_ name: String, _ role: DatasetRole, count: Int, seed: UInt64) -> Dataset {
            var generator = SplitMix64(seed: seed)
            var values: [Float] = []
            var labels: [String?] = []
            for row in 0..<count {
                let label = row % 3 == 0 ? "b" : "a"
                labels.append(label)
                for column in 0..<8 {
                    let centre: Float = (label == "a") == (column < 4) ? 1 : 0
                    values.append(centre + 1.5 * generator.nextGaussian())
                }
            }
            var dataset = Dataset(
                name: name, role: role, path: name, texts: (0..<count).map { "\(name) \($0)" }, labels: labels,
                vectors: DatasetVectors(dimension: 8, values: values))
            if role == .real { dataset.splits = (0..<count).map { $0 % 5 == 0 ? "test" : "train" } }
            return dataset
        }
        return [dataset("real", .real, count: 600, seed: 1), dataset("gen", .synthetic, count: 500, seed: 2)]
    }()

    static func audit(limit: Int) throws -> AuditResult {
        let configuration = AuditConfiguration(
            metrics: [.tstrAccuracy, .tstrMacroF1, .trtrAccuracy, .trtrMacroF1, .tstrRatio, .discriminatorAUC],
            bootstrapResamples: 200, classifierRowLimit: limit)
        return try AuditEngine(configuration: configuration).run(datasets)
    }

    @Test func belowTheLimitEveryRowTrainsAndTheOutputSaysNothingSampled() throws {
        let result = try Self.audit(limit: 20_000)
        let generated = result.datasets[1]
        #expect(generated.labelModel?.trainRows == 480)
        #expect(generated.labelModel?.trainRowsAvailable == nil)
        #expect(generated.labelModel?.syntheticTrainRows == 500)
        #expect(generated.labelModel?.syntheticTrainRowsAvailable == nil)
        #expect(generated.fidelity?.discriminatorRows == nil)
    }

    @Test func aboveTheLimitTheClassifiersTrainOnStratifiedSamples() throws {
        let result = try Self.audit(limit: 100)
        let generated = result.datasets[1]
        let details = try #require(generated.labelModel)
        #expect(details.trainRows == 100)
        #expect(details.trainRowsAvailable == 480)
        #expect(details.syntheticTrainRows == 100)
        #expect(details.syntheticTrainRowsAvailable == 500)
        #expect(generated.fidelity?.discriminatorRows == [50, 50])
        // Only the sampled synthetic rows are scored by the discriminator.
        #expect(generated.rowFindings.filter { $0.syntheticScore != nil }.count == 50)
        #expect(generated.metrics[.tstrAccuracy]?.number != nil)
        #expect(generated.metrics[.discriminatorAUC]?.number != nil)
    }

    @Test func everyClassifierMetricHasAnIntervalAroundItsValue() throws {
        let result = try Self.audit(limit: 20_000)
        for dataset in result.datasets {
            let ids: [MetricID] =
                dataset.role == .real
                ? [.tstrAccuracy, .tstrMacroF1, .trtrAccuracy, .trtrMacroF1, .discriminatorAUC]
                : [.tstrAccuracy, .tstrMacroF1, .trtrAccuracy, .trtrMacroF1, .tstrRatio, .discriminatorAUC]
            for id in ids {
                let value = try #require(dataset.metrics[id]?.number, "\(dataset.name) \(id.rawValue)")
                let interval = try #require(dataset.intervals[id], "\(dataset.name) \(id.rawValue)")
                #expect(interval.lower <= value && value <= interval.upper, "\(dataset.name) \(id.rawValue)")
                #expect(interval.upper - interval.lower > 0, "\(dataset.name) \(id.rawValue)")
                #expect(interval.level == 0.95 && interval.resamples == 200)
            }
            #expect(dataset.role == .synthetic || dataset.intervals[.tstrRatio] == nil)
        }
    }

    @Test func weightedAUCEqualsTheCountOverPairs() {
        // Real scores 0.1, 0.4, 0.4; synthetic 0.4, 0.9, weights 1, 2, 1, 3, 1: pairs (s > r) + ½ (s = r),
        // weighted: synthetic 0.4 (×3) beats 0.1 (×1) and ties 0.4 (×2 + ×1): 3·(1 + 1.5) = 7.5;
        // synthetic 0.9 (×1) beats all 4 real weights: 4. AUC = 11.5 / (4 · 4) = 0.71875.
        let scores = [0.1, 0.4, 0.4, 0.4, 0.9]
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        let auc = EmbeddingFidelity.weightedAUC(scores: scores, realCount: 3, order: order, weights: [1, 2, 1, 3, 1])
        #expect(auc == 0.71875)
        #expect(
            EmbeddingFidelity.weightedAUC(scores: scores, realCount: 3, order: order, weights: [0, 0, 0, 1, 1]) == nil)
        // Random weights against the brute-force count.
        var generator = SplitMix64(seed: 9)
        let many = (0..<60).map { _ in Double(generator.index(below: 12)) }
        let manyOrder = many.indices.sorted { many[$0] < many[$1] }
        for _ in 0..<20 {
            let weights = (0..<60).map { _ in generator.index(below: 3) }
            var pairs = 0.0
            var realWeight = 0.0
            var syntheticWeight = 0.0
            for r in 0..<25 { realWeight += Double(weights[r]) }
            for s in 25..<60 { syntheticWeight += Double(weights[s]) }
            for s in 25..<60 {
                for r in 0..<25 {
                    let win = many[s] > many[r] ? 1.0 : (many[s] == many[r] ? 0.5 : 0)
                    pairs += Double(weights[s] * weights[r]) * win
                }
            }
            let fast = EmbeddingFidelity.weightedAUC(scores: many, realCount: 25, order: manyOrder, weights: weights)
            #expect(abs((fast ?? .nan) - pairs / (realWeight * syntheticWeight)) < 1e-12)
        }
    }
}
