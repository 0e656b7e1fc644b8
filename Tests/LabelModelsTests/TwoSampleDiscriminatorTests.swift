import AssayUtilities
import Foundation
import LinearAlgebra
import Testing

@testable import LabelModels

@Suite("ROC AUC")
struct ROCAUCTests {
    @Test func handCheckedValues() throws {
        // Every positive above every negative; reversed; one tie between a positive and a negative.
        #expect(ROCAUC.score(scores: [0.1, 0.2, 0.8, 0.9], truth: [false, false, true, true]) == 1)
        #expect(ROCAUC.score(scores: [0.9, 0.8, 0.2, 0.1], truth: [false, false, true, true]) == 0)
        // Pairs (p, n): (0.5, 0.5) tie, (0.5, 0.1) win, (0.9, 0.5) win, (0.9, 0.1) win → 3.5 / 4.
        #expect(ROCAUC.score(scores: [0.5, 0.1, 0.5, 0.9], truth: [false, false, true, true]) == 0.875)
        #expect(ROCAUC.score(scores: [1, 1, 1], truth: [true, false, false]) == 0.5)
    }

    @Test func undefinedCasesAreNil() {
        #expect(ROCAUC.score(scores: [], truth: []) == nil)
        #expect(ROCAUC.score(scores: [0.1, 0.2], truth: [true]) == nil)
        #expect(ROCAUC.score(scores: [0.1, 0.2], truth: [true, true]) == nil)
        #expect(ROCAUC.score(scores: [0.1, 0.2], truth: [false, false]) == nil)
        #expect(ROCAUC.score(scores: [0.1, .nan], truth: [false, true]) == nil)
        #expect(ROCAUC.score(scores: [0.1, .infinity], truth: [false, true]) == nil)
    }

    @Test func independentOfRowOrderAndMonotoneTransforms() throws {
        var generator = SplitMix64(seed: 3)
        let scores = (0..<500).map { _ in Double(generator.index(below: 20)) / 19 }
        let truth = (0..<500).map { _ in generator.index(below: 3) == 0 }
        let auc = try #require(ROCAUC.score(scores: scores, truth: truth))
        let reversed = try #require(ROCAUC.score(scores: scores.reversed(), truth: truth.reversed()))
        let squared = try #require(ROCAUC.score(scores: scores.map { $0 * $0 * 7 - 1 }, truth: truth))
        let flipped = try #require(ROCAUC.score(scores: scores, truth: truth.map { !$0 }))
        #expect(auc == reversed)
        #expect(auc == squared)
        #expect(abs(auc + flipped - 1) <= 1e-15)
    }
}

@Suite("two-sample discriminator")
struct TwoSampleDiscriminatorTests {
    /// `rows` unit vectors in `d` dimensions: a seeded Gaussian around `center`, normalised.
    static func cloud(rows: Int, d: Int, center: [Double], seed: UInt64) throws -> Matrix {
        var generator = SplitMix64(seed: seed)
        func gaussian() -> Double {
            // Box–Muller from two uniforms in (0, 1].
            let u = (Double(generator.next() >> 11) + 1) / 9_007_199_254_740_992
            let v = Double(generator.next() >> 11) / 9_007_199_254_740_992
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        var storage: [Float] = []
        for _ in 0..<rows {
            let x = (0..<d).map { center[$0] + gaussian() }
            let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
            storage += x.map { Float($0 / norm) }
        }
        return try Matrix(rows: rows, columns: d, storage: storage)
    }

    static func subset(_ m: Matrix, _ rows: [Int]) throws -> Matrix {
        var storage: [Float] = []
        for r in rows { storage += m.storage[(r * m.columns)..<((r + 1) * m.columns)] }
        return try Matrix(rows: rows.count, columns: m.columns, storage: storage)
    }

    @Test func stratifiedFoldsAreBalancedAndSeeded() {
        let (real, synthetic) = TwoSampleDiscriminator.stratifiedFolds(
            realCount: 23, syntheticCount: 101, folds: 5, seed: 9)
        #expect(real.count == 23 && synthetic.count == 101)
        for fold in 0..<5 {
            let r = real.filter { $0 == fold }.count
            let s = synthetic.filter { $0 == fold }.count
            #expect(r == 4 || r == 5)
            #expect(s == 20 || s == 21)
        }
        let again = TwoSampleDiscriminator.stratifiedFolds(realCount: 23, syntheticCount: 101, folds: 5, seed: 9)
        #expect(again.real == real && again.synthetic == synthetic)
        let other = TwoSampleDiscriminator.stratifiedFolds(realCount: 23, syntheticCount: 101, folds: 5, seed: 10)
        #expect(other.real != real || other.synthetic != synthetic)
        #expect(TwoSampleDiscriminator.stratifiedFolds(realCount: -1, syntheticCount: 0, folds: 0, seed: 1) == ([], []))
    }

    @Test func separableSetsGiveAUCNearOne() throws {
        let d = 16
        let real = try Self.cloud(rows: 150, d: d, center: [Double](repeating: 0, count: d), seed: 1)
        let synthetic = try Self.cloud(rows: 120, d: d, center: [4] + [Double](repeating: 0, count: d - 1), seed: 2)
        let result = try TwoSampleDiscriminator.evaluate(real: real, synthetic: synthetic)
        print("separable: AUC \(result.auc), folds \(result.foldAUCs)")
        #expect(result.auc > 0.99)
        #expect(result.converged)
        #expect(result.realScores.count == 150 && result.syntheticScores.count == 120)
        #expect(result.realScores.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(result.foldAUCs.count == 5)
    }

    /// Two seeded halves of one sample: AUC near 0.5. Over seeds 1…20 of this 400-row set the measured AUCs
    /// lie in [0.409, 0.547] (mean 0.488) (a cross-validated AUC of pure noise sits slightly below 0.5 on average);
    /// the test asserts the chosen seed is within 0.12.
    @Test func halvesOfOneSetGiveAUCNearHalf() throws {
        let d = 16
        let all = try Self.cloud(rows: 400, d: d, center: [1] + [Double](repeating: 0, count: d - 1), seed: 5)
        var values: [Double] = []
        for seed in UInt64(1)...20 {
            var generator = SplitMix64(seed: seed)
            var order = Array(0..<400)
            for i in stride(from: 399, to: 0, by: -1) { order.swapAt(i, generator.index(below: i + 1)) }
            let result = try TwoSampleDiscriminator.evaluate(
                real: try Self.subset(all, Array(order[..<200])), synthetic: try Self.subset(all, Array(order[200...])))
            values.append(result.auc)
        }
        print(
            "halves AUC over 20 seeds: min \(values.min() ?? 0), max \(values.max() ?? 0), mean \(values.reduce(0, +) / 20)"
        )
        #expect(values.allSatisfy { abs($0 - 0.5) < 0.12 })
        #expect(abs(values.reduce(0, +) / 20 - 0.5) < 0.05)
    }

    @Test func deterministic() throws {
        let d = 8
        let real = try Self.cloud(rows: 60, d: d, center: [Double](repeating: 0, count: d), seed: 11)
        let synthetic = try Self.cloud(rows: 70, d: d, center: [1] + [Double](repeating: 0, count: d - 1), seed: 12)
        let options = TwoSampleDiscriminator.Options(folds: 4, seed: 99)
        let first = try TwoSampleDiscriminator.evaluate(real: real, synthetic: synthetic, options: options)
        let second = try TwoSampleDiscriminator.evaluate(real: real, synthetic: synthetic, options: options)
        #expect(first == second)
        let folds = TwoSampleDiscriminator.stratifiedFolds(realCount: 60, syntheticCount: 70, folds: 4, seed: 99)
        let explicit = try TwoSampleDiscriminator.evaluate(
            real: real, synthetic: synthetic, realFolds: folds.real, syntheticFolds: folds.synthetic, folds: 4)
        #expect(explicit == first)
        let other = try TwoSampleDiscriminator.evaluate(
            real: real, synthetic: synthetic, options: .init(folds: 4, seed: 100))
        #expect(other.realFolds != first.realFolds)
    }

    @Test func errors() throws {
        let a = try Self.cloud(rows: 10, d: 3, center: [0, 0, 0], seed: 1)
        let b = try Self.cloud(rows: 10, d: 3, center: [1, 0, 0], seed: 2)
        let wide = try Self.cloud(rows: 10, d: 4, center: [0, 0, 0, 0], seed: 3)
        #expect(throws: LabelModelError.invalidOption(name: "folds", reason: "must be at least 2, got 1")) {
            try TwoSampleDiscriminator.evaluate(real: a, synthetic: b, options: .init(folds: 1))
        }
        #expect(throws: LabelModelError.featureDimensionsDiffer(real: 3, synthetic: 4)) {
            try TwoSampleDiscriminator.evaluate(real: a, synthetic: wide)
        }
        // 10 rows in 6 folds: some fold holds a single row.
        #expect(throws: LabelModelError.tooFewRowsInFold(side: .real, fold: 4, rows: 1)) {
            try TwoSampleDiscriminator.evaluate(real: a, synthetic: b, options: .init(folds: 6))
        }
        let empty = Matrix(rows: 0, columns: 3)
        #expect(throws: LabelModelError.tooFewRowsInFold(side: .synthetic, fold: 0, rows: 0)) {
            try TwoSampleDiscriminator.evaluate(real: a, synthetic: empty)
        }
        #expect(throws: LabelModelError.noFeatureColumns) {
            try TwoSampleDiscriminator.evaluate(
                real: Matrix(rows: 10, columns: 0), synthetic: Matrix(rows: 10, columns: 0))
        }
        var bad = b
        bad[3, 2] = .nan
        #expect(throws: LabelModelError.nonFiniteSampleFeature(side: .synthetic, row: 3, column: 2)) {
            try TwoSampleDiscriminator.evaluate(real: a, synthetic: bad)
        }
        let folds = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]
        #expect(throws: LabelModelError.foldCountMismatch(side: .real, rows: 10, folds: 9)) {
            try TwoSampleDiscriminator.evaluate(
                real: a, synthetic: b, realFolds: Array(folds.dropLast()), syntheticFolds: folds, folds: 2)
        }
        #expect(throws: LabelModelError.foldOutOfRange(side: .synthetic, row: 9, fold: 2, folds: 2)) {
            try TwoSampleDiscriminator.evaluate(
                real: a, synthetic: b, realFolds: folds, syntheticFolds: Array(folds.dropLast()) + [2], folds: 2)
        }
        #expect(
            throws: LabelModelError.invalidOption(
                name: "inverseRegularization", reason: "must be positive and finite, got 0.0")
        ) {
            try TwoSampleDiscriminator.evaluate(
                real: a, synthetic: b, options: .init(classifier: .init(inverseRegularization: 0)))
        }
        #expect(
            LabelModelError.tooFewRowsInFold(side: .real, fold: 4, rows: 1).description
                == "fold 4 holds 1 real rows, at least 2 are needed")
        #expect(
            LabelModelError.nonFiniteSampleFeature(side: .synthetic, row: 3, column: 2).description
                == "synthetic feature in row 3, column 2 is not a finite number")
    }
}
