import AssayTestSupport
import Foundation
import LinearAlgebra
import Testing

@testable import LabelModels

/// Compares ``ROCAUC`` and ``TwoSampleDiscriminator`` with scikit-learn on the cases in
/// `Fixtures/golden/discriminator.json`, written by `References/golden_discriminator.py` (scikit-learn 1.9.1,
/// `roc_auc_score` and `LogisticRegression(solver="lbfgs", tol=1e-10)` per fold on the same explicit folds).
@Suite("Golden discriminator values from scikit-learn")
struct GoldenDiscriminatorTests {
    struct AUCCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let scores: [Double]
        let truth: [Int]
        let auc: Double
        var testDescription: String { name }
    }

    struct DiscriminatorCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let inverseRegularization: Double
        let folds: Int
        let dimension: Int
        let real: [[Double]]
        let synthetic: [[Double]]
        let realFolds: [Int]
        let syntheticFolds: [Int]
        let realScores: [Double]
        let syntheticScores: [Double]
        let foldAUCs: [Double]
        let meanFoldAUC: Double
        let cvAUC: Double
        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case name, folds, dimension, real, synthetic
            case inverseRegularization = "C"
            case realFolds = "real_folds"
            case syntheticFolds = "synthetic_folds"
            case realScores = "real_scores"
            case syntheticScores = "synthetic_scores"
            case foldAUCs = "fold_aucs"
            case meanFoldAUC = "mean_fold_auc"
            case cvAUC = "cv_auc"
        }

        static func matrix(_ rows: [[Double]], columns: Int) throws -> Matrix {
            try Matrix(rows: rows.count, columns: columns, storage: rows.flatMap { $0.map(Float.init) })
        }
    }

    struct Golden: Decodable {
        let auc: [AUCCase]
        let discriminator: [DiscriminatorCase]
    }

    static let golden: Golden? = {
        let url = RepositoryPaths.root.appendingPathComponent("Fixtures/golden/discriminator.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Golden.self, from: data)
    }()

    @Test func goldenFileLoads() {
        #expect(Self.golden?.auc.count == 8)
        #expect(Self.golden?.discriminator.count == 5)
    }

    @Test(arguments: golden?.auc ?? [])
    func aucMatchesScikitLearn(_ golden: AUCCase) throws {
        let auc = try #require(ROCAUC.score(scores: golden.scores, truth: golden.truth.map { $0 == 1 }))
        #expect(abs(auc - golden.auc) <= 1e-12, "\(auc) vs \(golden.auc)")
    }

    /// The AUC can move by at most (pairs whose reference scores are within `slack`) / (P·N) when every score
    /// moves by at most `slack / 2`: only those pairs can change order or tie.
    static func aucTolerance(real: [Double], synthetic: [Double], slack: Double) -> Double {
        var close = 0
        for s in synthetic { for r in real where abs(s - r) <= slack { close += 1 } }
        return Double(close) / (Double(real.count) * Double(synthetic.count)) + 1e-12
    }

    static func check(_ golden: DiscriminatorCase, gradientTolerance: Double, probabilityTolerance: Double) throws {
        let real = try DiscriminatorCase.matrix(golden.real, columns: golden.dimension)
        let synthetic = try DiscriminatorCase.matrix(golden.synthetic, columns: golden.dimension)
        let options = LogisticRegression.Options(
            inverseRegularization: golden.inverseRegularization, gradientTolerance: gradientTolerance)
        let result = try TwoSampleDiscriminator.evaluate(
            real: real, synthetic: synthetic, realFolds: golden.realFolds, syntheticFolds: golden.syntheticFolds,
            folds: golden.folds, classifier: options)
        #expect(result.converged)
        #expect(result.realFolds == golden.realFolds)
        #expect(result.syntheticFolds == golden.syntheticFolds)
        var delta = 0.0
        for (a, b) in zip(result.realScores, golden.realScores) { delta = max(delta, abs(a - b)) }
        for (a, b) in zip(result.syntheticScores, golden.syntheticScores) { delta = max(delta, abs(a - b)) }
        let aucTolerance = aucTolerance(
            real: golden.realScores, synthetic: golden.syntheticScores, slack: 2 * probabilityTolerance)
        print(
            "\(golden.name) (gradient tolerance \(gradientTolerance)): max |Δp| \(delta), AUC \(result.auc) vs "
                + "\(golden.cvAUC) (allowed \(aucTolerance)), iterations \(result.iterations)")
        #expect(result.realScores.count == golden.realScores.count)
        #expect(result.syntheticScores.count == golden.syntheticScores.count)
        #expect(delta <= probabilityTolerance)
        #expect(abs(result.auc - golden.cvAUC) <= aucTolerance)
        #expect(result.foldAUCs.count == golden.foldAUCs.count)
        var largestAllowed = 0.0
        for fold in 0..<min(result.foldAUCs.count, golden.foldAUCs.count) {
            let r = golden.realFolds.indices.filter { golden.realFolds[$0] == fold }.map { golden.realScores[$0] }
            let s = golden.syntheticFolds.indices.filter { golden.syntheticFolds[$0] == fold }.map {
                golden.syntheticScores[$0]
            }
            let allowed = Self.aucTolerance(real: r, synthetic: s, slack: 2 * probabilityTolerance)
            largestAllowed = max(largestAllowed, allowed)
            #expect(abs(result.foldAUCs[fold] - golden.foldAUCs[fold]) <= allowed, "fold \(fold)")
        }
        // The mean of the fold AUCs moves by at most the largest fold's allowance.
        #expect(abs(result.meanFoldAUC - golden.meanFoldAUC) <= largestAllowed)
    }

    /// Default options (gradient tolerance 1e-6): probabilities within 1e-4, as the classifier's golden tests.
    @Test(arguments: golden?.discriminator ?? [])
    func discriminatorMatchesScikitLearn(_ golden: DiscriminatorCase) throws {
        try Self.check(golden, gradientTolerance: 1e-6, probabilityTolerance: 1e-4)
    }

    /// A tight tolerance reaches scikit-learn's optimum: probabilities within 2e-6.
    @Test(arguments: golden?.discriminator ?? [])
    func tightToleranceMatchesScikitLearn(_ golden: DiscriminatorCase) throws {
        try Self.check(golden, gradientTolerance: 1e-10, probabilityTolerance: 2e-6)
    }
}
