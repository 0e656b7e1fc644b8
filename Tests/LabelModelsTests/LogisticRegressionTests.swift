import AssayTestSupport
import AssayUtilities
import LinearAlgebra
import Testing

@testable import LabelModels

/// N rows in d dimensions: class c's rows are Gaussian around a mean drawn with standard deviation `separation`.
func gaussianClasses(rows: Int, dimension: Int, classes: Int, separation: Float, seed: UInt64) -> (Matrix, [Int]) {
    var generator = SplitMix64(seed: seed)
    let means = (0..<(classes * dimension)).map { _ in separation * generator.nextGaussian() }
    var matrix = Matrix(rows: rows, columns: dimension)
    var labels = [Int]()
    for r in 0..<rows {
        let label = Int(generator.next() % UInt64(classes))
        labels.append(label)
        for c in 0..<dimension { matrix[r, c] = means[label * dimension + c] + generator.nextGaussian() }
    }
    return (matrix, labels)
}

@Suite("Logistic regression edges and errors")
struct LogisticRegressionTests {
    @Test func singleRowPredictsItsClass() throws {
        let x = try Matrix(rows: 1, columns: 3, storage: [0.5, -1, 2])
        let model = try LogisticRegression.fit(features: x, labels: [2], classCount: 3)
        #expect(model.observedClasses == [2])
        #expect(model.iterations == 0)
        #expect(model.converged)
        #expect(try model.probabilities(x) == [0, 0, 1])
        #expect(try model.predict(x) == [2])
        let other = try Matrix(rows: 2, columns: 3, storage: [9, 9, 9, -3, 0, 1])
        #expect(try model.probabilities(other) == [0, 0, 1, 0, 0, 1])
    }

    @Test func allOneClass() throws {
        let (x, _) = gaussianClasses(rows: 20, dimension: 4, classes: 2, separation: 1, seed: 1)
        let model = try LogisticRegression.fit(features: x, labels: Array(repeating: 1, count: 20), classCount: 2)
        #expect(model.converged)
        #expect(try model.predict(x) == Array(repeating: 1, count: 20))
        #expect(try model.probabilities(x).enumerated().allSatisfy { $0.element == ($0.offset % 2 == 1 ? 1 : 0) })
    }

    @Test func oneClassClassCount() throws {
        let x = try Matrix(rows: 2, columns: 1, storage: [1, 2])
        let model = try LogisticRegression.fit(features: x, labels: [0, 0], classCount: 1)
        #expect(try model.probabilities(x) == [1, 1])
        #expect(try model.predict(x) == [0, 0])
    }

    @Test func probabilitiesAreDistributionsAndFitIsDeterministic() throws {
        let (x, labels) = gaussianClasses(rows: 300, dimension: 12, classes: 4, separation: 0.7, seed: 2)
        let first = try LogisticRegression.fit(features: x, labels: labels, classCount: 5)
        let second = try LogisticRegression.fit(features: x, labels: labels, classCount: 5)
        #expect(first.converged)
        #expect(first.iterations > 0)
        #expect(first.gradientNorm <= 1e-6)
        #expect(first.weights == second.weights)
        #expect(first.intercepts == second.intercepts)
        let p = try first.probabilities(x)
        #expect(p == (try second.probabilities(x)))
        for row in 0..<x.rows {
            let sum = p[(row * 5)..<(row * 5 + 5)].reduce(0, +)
            #expect(abs(sum - 1) <= 1e-12)
            #expect(p[row * 5 + 4] == 0)  // class 4 never occurs in training
        }
        #expect(!(try first.predict(x)).contains(4))
    }

    @Test func moreRowsThanOneBlock() throws {
        // 600 rows span three 256-row blocks; the result must not depend on where blocks end.
        let (x, labels) = gaussianClasses(rows: 600, dimension: 5, classes: 3, separation: 1, seed: 3)
        let model = try LogisticRegression.fit(features: x, labels: labels, classCount: 3)
        #expect(model.converged)
        let all = try model.probabilities(x)
        let firstRows = try Matrix(rows: 1, columns: 5, storage: Array(x.storage[(599 * 5)...]))
        let single = try model.probabilities(firstRows)
        for c in 0..<3 { #expect(abs(single[c] - all[599 * 3 + c]) <= 1e-15) }
    }

    @Test func noFeaturesFitsClassFrequencies() throws {
        // With d = 0 only the intercepts remain: softmax(b) = the class frequencies.
        let x = Matrix(rows: 8, columns: 0)
        let model = try LogisticRegression.fit(
            features: x, labels: [0, 0, 0, 0, 0, 1, 1, 2], classCount: 3,
            options: .init(gradientTolerance: 1e-12))
        #expect(model.converged)
        let p = try model.probabilities(Matrix(rows: 1, columns: 0))
        #expect(abs(p[0] - 5.0 / 8) <= 1e-9)
        #expect(abs(p[1] - 2.0 / 8) <= 1e-9)
        #expect(abs(p[2] - 1.0 / 8) <= 1e-9)
        // Binary: the same (the intercept is not penalised).
        let binary = try LogisticRegression.fit(
            features: Matrix(rows: 4, columns: 0), labels: [1, 1, 1, 0], classCount: 2,
            options: .init(gradientTolerance: 1e-12))
        let q = try binary.probabilities(Matrix(rows: 1, columns: 0))
        #expect(abs(q[0] - 0.25) <= 1e-9)
        #expect(abs(q[1] - 0.75) <= 1e-9)
    }

    @Test func tiesGoToTheSmallestClass() throws {
        let x = Matrix(rows: 2, columns: 0)
        let model = try LogisticRegression.fit(features: x, labels: [1, 2], classCount: 3)
        #expect(try model.probabilities(Matrix(rows: 1, columns: 0)) == [0, 0.5, 0.5])
        #expect(try model.predict(Matrix(rows: 1, columns: 0)) == [1])
        let pair = try LogisticRegression.fit(features: Matrix(rows: 2, columns: 0), labels: [1, 0], classCount: 2)
        #expect(try pair.predict(Matrix(rows: 3, columns: 0)) == [0, 0, 0])
    }

    @Test func zeroIterationsReturnsTheStart() throws {
        let (x, labels) = gaussianClasses(rows: 30, dimension: 3, classes: 3, separation: 2, seed: 4)
        let model = try LogisticRegression.fit(
            features: x, labels: labels, classCount: 3, options: .init(maxIterations: 0))
        #expect(model.iterations == 0)
        #expect(!model.converged)
        #expect(try model.probabilities(x).allSatisfy { abs($0 - 1.0 / 3) <= 1e-15 })
    }

    @Test func iterationLimitIsReported() throws {
        let (x, labels) = gaussianClasses(rows: 200, dimension: 10, classes: 3, separation: 0.5, seed: 5)
        let model = try LogisticRegression.fit(
            features: x, labels: labels, classCount: 3, options: .init(maxIterations: 3))
        #expect(model.iterations == 3)
        #expect(!model.converged)
        #expect(model.gradientNorm > 1e-6)
    }

    @Test func separableDataStillConverges() throws {
        // Perfectly separable: only the penalty keeps the weights finite.
        let x = try Matrix(rows: 4, columns: 1, storage: [-2, -1, 1, 2])
        for c in [1.0, 1e4] {
            let model = try LogisticRegression.fit(
                features: x, labels: [0, 0, 1, 1], classCount: 2, options: .init(inverseRegularization: c))
            #expect(model.converged)
            #expect(try model.predict(x) == [0, 0, 1, 1])
        }
    }

    @Test func hugeFeaturesDoNotTrap() throws {
        let x = try Matrix(rows: 4, columns: 2, storage: [3e38, -3e38, 1e30, 2, -1e35, 0, 5, 5])
        let model = try LogisticRegression.fit(features: x, labels: [0, 1, 2, 1], classCount: 3)
        let p = try model.probabilities(x)
        #expect(p.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
        #expect(try model.predict(x).count == 4)
    }

    @Test func emptyPredictionInput() throws {
        let model = try LogisticRegression.fit(
            features: try Matrix(rows: 2, columns: 2, storage: [1, 0, 0, 1]), labels: [0, 1], classCount: 2)
        #expect(try model.probabilities(Matrix(rows: 0, columns: 2)) == [])
        #expect(try model.predict(Matrix(rows: 0, columns: 2)) == [])
    }

    // MARK: errors

    @Test func rejectsEmptyTrainingSet() {
        #expect(throws: LabelModelError.emptyTrainingSet) {
            try LogisticRegression.fit(features: Matrix(rows: 0, columns: 4), labels: [], classCount: 2)
        }
    }

    @Test func rejectsBadClassCount() {
        #expect(throws: LabelModelError.invalidClassCount(0)) {
            try LogisticRegression.fit(features: Matrix(rows: 1, columns: 1), labels: [0], classCount: 0)
        }
    }

    @Test func rejectsLabelCountMismatch() {
        #expect(throws: LabelModelError.labelCountMismatch(rows: 3, labels: 2)) {
            try LogisticRegression.fit(features: Matrix(rows: 3, columns: 1), labels: [0, 1], classCount: 2)
        }
    }

    @Test(arguments: [-1, 3, Int.max, Int.min])
    func rejectsLabelOutOfRange(label: Int) {
        #expect(throws: LabelModelError.labelOutOfRange(row: 1, label: label, classCount: 3)) {
            try LogisticRegression.fit(features: Matrix(rows: 2, columns: 1), labels: [0, label], classCount: 3)
        }
    }

    @Test(arguments: [Float.nan, .infinity, -.infinity])
    func rejectsNonFiniteFeatures(value: Float) throws {
        var x = Matrix(rows: 3, columns: 4)
        x[2, 1] = value
        #expect(throws: LabelModelError.nonFiniteFeature(row: 2, column: 1)) {
            try LogisticRegression.fit(features: x, labels: [0, 1, 0], classCount: 2)
        }
        let model = try LogisticRegression.fit(features: Matrix(rows: 3, columns: 4), labels: [0, 1, 0], classCount: 2)
        #expect(throws: LabelModelError.nonFiniteFeature(row: 2, column: 1)) { try model.probabilities(x) }
        #expect(throws: LabelModelError.nonFiniteFeature(row: 2, column: 1)) { try model.predict(x) }
    }

    @Test func rejectsDimensionMismatch() throws {
        let model = try LogisticRegression.fit(features: Matrix(rows: 2, columns: 3), labels: [0, 1], classCount: 2)
        #expect(throws: LabelModelError.dimensionMismatch(expected: 3, actual: 4)) {
            try model.probabilities(Matrix(rows: 2, columns: 4))
        }
        #expect(throws: LabelModelError.dimensionMismatch(expected: 3, actual: 2)) {
            try model.predict(Matrix(rows: 1, columns: 2))
        }
    }

    @Test(arguments: [0.0, -1, .nan, .infinity])
    func rejectsBadInverseRegularization(c: Double) {
        #expect {
            try LogisticRegression.fit(
                features: Matrix(rows: 1, columns: 1), labels: [0], classCount: 1,
                options: .init(inverseRegularization: c))
        } throws: { error in
            guard case LabelModelError.invalidOption(let name, _) = error else { return false }
            return name == "inverseRegularization"
        }
    }

    @Test func rejectsBadIterationsAndTolerance() {
        #expect(
            throws: LabelModelError.invalidOption(name: "maxIterations", reason: "must be at least 0, got -1")
        ) {
            try LogisticRegression.fit(
                features: Matrix(rows: 1, columns: 1), labels: [0], classCount: 1, options: .init(maxIterations: -1))
        }
        for tolerance in [-1e-6, .nan, .infinity] {
            #expect {
                try LogisticRegression.fit(
                    features: Matrix(rows: 1, columns: 1), labels: [0], classCount: 1,
                    options: .init(gradientTolerance: tolerance))
            } throws: { error in
                guard case LabelModelError.invalidOption(let name, _) = error else { return false }
                return name == "gradientTolerance"
            }
        }
    }

    @Test func defaultOptions() {
        let options = LogisticRegression.Options()
        #expect(options.inverseRegularization == 1)
        #expect(options.maxIterations == 200)
        #expect(options.gradientTolerance == 1e-6)
    }

    @Test func errorDescriptionsAreReadable() {
        let errors: [LabelModelError] = [
            .emptyTrainingSet, .invalidClassCount(0), .labelCountMismatch(rows: 3, labels: 2),
            .labelOutOfRange(row: 1, label: 7, classCount: 3), .nonFiniteFeature(row: 2, column: 1),
            .dimensionMismatch(expected: 3, actual: 4),
            .invalidOption(name: "maxIterations", reason: "must be at least 0, got -1"),
        ]
        for error in errors {
            let text = error.description
            #expect(!text.isEmpty)
            #expect(!text.hasSuffix("."))
            #expect(text.first.map { !$0.isUppercase } ?? false)
        }
        #expect(
            LabelModelError.labelOutOfRange(row: 1, label: 7, classCount: 3).description
                == "label 7 in row 1 is outside 0..<3")
        #expect(
            LabelModelError.nonFiniteFeature(row: 2, column: 1).description
                == "feature in row 2, column 1 is not a finite number")
    }
}
