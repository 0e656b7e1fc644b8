import AssayTestSupport
import Foundation
import LinearAlgebra
import Testing

@testable import LabelModels

/// Compares ``LogisticRegression`` and ``ClassificationScores`` with scikit-learn on the cases in
/// `Fixtures/golden/classifier_sklearn.json`, written by `References/golden_classifier.py` (scikit-learn 1.9.1,
/// `tol=1e-10`, cross-checked there by a numpy Newton solver to 1e-6).
@Suite("Golden values from scikit-learn")
struct GoldenClassifierTests {
    /// Probabilities agree to 1e-4 absolute with the default options.
    static let probabilityTolerance = 1e-4
    /// Rows whose top two scikit-learn probabilities are closer than this may be predicted either way.
    static let nearTie = 1e-6

    struct Split: Decodable {
        let features: [[Double]]
        let labels: [Int]

        var matrix: Matrix {
            get throws {
                try Matrix(
                    rows: features.count, columns: features.first?.count ?? 0,
                    storage: features.flatMap { $0.map(Float.init) })
            }
        }
    }

    struct ModelCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let classCount: Int
        let inverseRegularization: Double
        let dimension: Int
        let train: Split
        let test: Split
        let observedClasses: [Int]
        let trainProbabilities: [[Double]]
        let testProbabilities: [[Double]]
        let trainPredictions: [Int]
        let testPredictions: [Int]
        let testAccuracy: Double
        let testMacroF1: Double

        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case name, dimension, train, test
            case inverseRegularization = "C"
            case classCount = "class_count"
            case observedClasses = "observed_classes"
            case trainProbabilities = "train_probabilities"
            case testProbabilities = "test_probabilities"
            case trainPredictions = "train_predictions"
            case testPredictions = "test_predictions"
            case testAccuracy = "test_accuracy"
            case testMacroF1 = "test_macro_f1"
        }
    }

    struct ScoreCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let truth: [Int]
        let predicted: [Int]
        let accuracy: Double
        let macroF1: Double
        let balancedAccuracy: Double

        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case name, truth, predicted, accuracy
            case macroF1 = "macro_f1"
            case balancedAccuracy = "balanced_accuracy"
        }
    }

    struct Golden: Decodable {
        let models: [ModelCase]
        let scores: [ScoreCase]
    }

    static let golden: Golden? = {
        let url = RepositoryPaths.root.appendingPathComponent("Fixtures/golden/classifier_sklearn.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Golden.self, from: data)
    }()

    @Test func goldenFileLoads() {
        #expect(Self.golden?.models.count == 8)
        #expect(Self.golden?.scores.count == 7)
    }

    /// Indices of rows whose two largest reference probabilities differ by less than ``nearTie``.
    static func nearTies(_ probabilities: [[Double]]) -> Set<Int> {
        var rows = Set<Int>()
        for (i, row) in probabilities.enumerated() {
            let sorted = row.sorted(by: >)
            if sorted.count >= 2 && sorted[0] - sorted[1] < nearTie { rows.insert(i) }
        }
        return rows
    }

    /// Largest |Δ| between Assay's N×K row-major probabilities and the reference rows.
    static func maxDifference(_ actual: [Double], _ expected: [[Double]], classCount: Int) -> Double {
        var largest = 0.0
        for (i, row) in expected.enumerated() {
            for (c, value) in row.enumerated() { largest = max(largest, abs(actual[i * classCount + c] - value)) }
        }
        return largest
    }

    @Test(arguments: golden?.models ?? [])
    func matchesScikitLearn(_ golden: ModelCase) throws {
        let train = try golden.train.matrix
        let test = try golden.test.matrix
        let options = LogisticRegression.Options(inverseRegularization: golden.inverseRegularization)
        let model = try LogisticRegression.fit(
            features: train, labels: golden.train.labels, classCount: golden.classCount, options: options)
        #expect(model.converged)
        #expect(model.observedClasses == golden.observedClasses)
        #expect(model.dimension == golden.dimension)

        let trainProbabilities = try model.probabilities(train)
        let testProbabilities = try model.probabilities(test)
        #expect(trainProbabilities.count == train.rows * golden.classCount)
        #expect(testProbabilities.count == test.rows * golden.classCount)
        let trainDelta = Self.maxDifference(
            trainProbabilities, golden.trainProbabilities, classCount: golden.classCount)
        let testDelta = Self.maxDifference(testProbabilities, golden.testProbabilities, classCount: golden.classCount)
        print("\(golden.name): max |Δp| train \(trainDelta), test \(testDelta), iterations \(model.iterations)")
        #expect(trainDelta <= Self.probabilityTolerance)
        #expect(testDelta <= Self.probabilityTolerance)

        // Classes absent from training get exactly 0.
        for c in 0..<golden.classCount where !golden.observedClasses.contains(c) {
            for row in 0..<test.rows { #expect(testProbabilities[row * golden.classCount + c] == 0) }
        }

        for (split, actual, expected, reference) in [
            (train, try model.predict(train), golden.trainPredictions, golden.trainProbabilities),
            (test, try model.predict(test), golden.testPredictions, golden.testProbabilities),
        ] {
            #expect(actual.count == split.rows)
            let ties = Self.nearTies(reference)
            for i in 0..<min(actual.count, expected.count) where !ties.contains(i) {
                #expect(actual[i] == expected[i], "row \(i)")
            }
        }

        let predictions = try model.predict(test)
        if Self.nearTies(golden.testProbabilities).isEmpty {
            let accuracy = try #require(
                ClassificationScores.accuracy(truth: golden.test.labels, predicted: predictions))
            let f1 = try #require(ClassificationScores.macroF1(truth: golden.test.labels, predicted: predictions))
            #expect(abs(accuracy - golden.testAccuracy) <= 1e-12)
            #expect(abs(f1 - golden.testMacroF1) <= 1e-12)
        }
        // The scores on scikit-learn's own predictions, independent of the model.
        let accuracy = try #require(
            ClassificationScores.accuracy(truth: golden.test.labels, predicted: golden.testPredictions))
        let f1 = try #require(
            ClassificationScores.macroF1(truth: golden.test.labels, predicted: golden.testPredictions))
        #expect(abs(accuracy - golden.testAccuracy) <= 1e-12)
        #expect(abs(f1 - golden.testMacroF1) <= 1e-12)
    }

    /// With a tight tolerance the fit reaches the exact optimum: the script checks that scikit-learn's probabilities
    /// are within 1e-6 of a Newton solver's, and Assay's then agree with scikit-learn to about that.
    @Test(arguments: golden?.models ?? [])
    func tightToleranceReachesTheOptimum(_ golden: ModelCase) throws {
        let train = try golden.train.matrix
        let test = try golden.test.matrix
        let options = LogisticRegression.Options(
            inverseRegularization: golden.inverseRegularization, gradientTolerance: 1e-10)
        let model = try LogisticRegression.fit(
            features: train, labels: golden.train.labels, classCount: golden.classCount, options: options)
        #expect(model.converged)
        #expect(model.gradientNorm <= 1e-10)
        let trainDelta = Self.maxDifference(
            try model.probabilities(train), golden.trainProbabilities, classCount: golden.classCount)
        let testDelta = Self.maxDifference(
            try model.probabilities(test), golden.testProbabilities, classCount: golden.classCount)
        print(
            "\(golden.name) (tolerance 1e-10): max |Δp| train \(trainDelta), test \(testDelta), iterations \(model.iterations)"
        )
        #expect(trainDelta <= 2e-6)
        #expect(testDelta <= 2e-6)
    }

    @Test(arguments: golden?.scores ?? [])
    func scoresMatchScikitLearn(_ golden: ScoreCase) throws {
        let accuracy = try #require(ClassificationScores.accuracy(truth: golden.truth, predicted: golden.predicted))
        let f1 = try #require(ClassificationScores.macroF1(truth: golden.truth, predicted: golden.predicted))
        let balanced = try #require(
            ClassificationScores.balancedAccuracy(truth: golden.truth, predicted: golden.predicted))
        #expect(abs(accuracy - golden.accuracy) <= 1e-12)
        #expect(abs(f1 - golden.macroF1) <= 1e-12)
        #expect(abs(balanced - golden.balancedAccuracy) <= 1e-12)
        // The same from counts over every position (classes shifted to 0…, as the audit numbers them).
        let classes = Array(Set(golden.truth + golden.predicted)).sorted()
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let counts = ClassificationScores.Counts(
            truth: golden.truth.map { index[$0] ?? 0 }, predicted: golden.predicted.map { index[$0] ?? 0 },
            rows: Array(golden.truth.indices), classCount: classes.count)
        #expect(abs((counts.accuracy ?? -1) - golden.accuracy) <= 1e-12)
        #expect(abs((counts.macroF1 ?? -1) - golden.macroF1) <= 1e-12)
        #expect(abs((counts.balancedAccuracy ?? -1) - golden.balancedAccuracy) <= 1e-12)
    }
}
