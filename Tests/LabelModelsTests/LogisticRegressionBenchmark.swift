import Foundation
import LinearAlgebra
import Testing

@testable import LabelModels

/// Speed measurement, not a test: runs only with `ASSAY_LABELMODELS_BENCH=1`, best in release mode:
///
///     ASSAY_LABELMODELS_BENCH=1 OPENBLAS_NUM_THREADS=1 \
///         swift test -c release -Xswiftc -enable-testing --filter LogisticRegressionBenchmark
///
/// Fits N = 20,000 rows, d = 384, K = 4 seeded Gaussian classes (class means drawn with standard deviation
/// 0.1 per coordinate, unit noise: training accuracy about 82 %), with the default options, once on the raw
/// rows and once on the rows scaled to unit length (as Assay's embeddings). Prints the best wall-clock time of
/// `ASSAY_LABELMODELS_BENCH_ROUNDS` fits (default 3), the iterations and the time of one objective
/// evaluation (both BLAS products over all rows).
@Suite("LogisticRegression benchmark", .serialized)
struct LogisticRegressionBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["ASSAY_LABELMODELS_BENCH"] == "1"

    @Test(.enabled(if: enabled), arguments: [false, true])
    func fitTime(unitRows: Bool) throws {
        let (rows, d, k) = (20_000, 384, 4)
        var (x, labels) = gaussianClasses(rows: rows, dimension: d, classes: k, separation: 0.1, seed: 2026)
        if unitRows {
            for r in 0..<rows {
                var norm: Float = 0
                for c in 0..<d { norm += x[r, c] * x[r, c] }
                let scale = 1 / norm.squareRoot()
                for c in 0..<d { x[r, c] *= scale }
            }
        }
        let rounds = Int(ProcessInfo.processInfo.environment["ASSAY_LABELMODELS_BENCH_ROUNDS"] ?? "") ?? 3
        var best = Double.infinity
        var model: LogisticRegression?
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            model = try LogisticRegression.fit(features: x, labels: labels, classCount: k)
            best = min(best, seconds(ContinuousClock.now - start))
        }
        let fitted = try #require(model)

        let objective = SoftmaxObjective(features: x, targets: labels, classes: k, penalty: 1 / Double(rows))
        let theta = fitted.weights + fitted.intercepts
        var gradient: [Double] = []
        var evaluation = Double.infinity
        for _ in 0..<5 {
            let start = ContinuousClock.now
            _ = objective.evaluate(theta, gradient: &gradient)
            evaluation = min(evaluation, seconds(ContinuousClock.now - start))
        }
        let accuracy = ClassificationScores.accuracy(truth: labels, predicted: try fitted.predict(x)) ?? .nan
        print(
            "N=\(rows) d=\(d) K=\(k) \(unitRows ? "unit rows" : "raw rows") threads=\(BLAS.threadCount): fit "
                + "\(format(best)) s (best of \(rounds)), \(fitted.iterations) iterations, converged "
                + "\(fitted.converged), gradient \(fitted.gradientNorm), one evaluation \(format(evaluation * 1000)) ms, "
                + "training accuracy \(format(accuracy))")
    }
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

private func format(_ value: Double) -> String { "\((value * 1000).rounded() / 1000)" }
