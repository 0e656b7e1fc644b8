import EmbeddingDistances
import Foundation
import LinearAlgebra
import Testing

/// Speed measurement, not a test: runs only with `ASSAY_EMBDIST_BENCH=1`, best in release mode:
///
///     ASSAY_EMBDIST_BENCH=1 OPENBLAS_NUM_THREADS=1 swift test -c release --filter EmbeddingDistancesBenchmark
///
/// Prints the seconds of MAUVE (default configuration: K = 500, PCA to 90 %, 5 restarts) and of PRDC (k = 5)
/// for N = M = `ASSAY_EMBDIST_BENCH_ROWS` (default 5,000) random unit vectors of d = 384.
@Suite("EmbeddingDistances benchmark", .serialized)
struct EmbeddingDistancesBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["ASSAY_EMBDIST_BENCH"] == "1"
    static let rows = Int(ProcessInfo.processInfo.environment["ASSAY_EMBDIST_BENCH_ROWS"] ?? "") ?? 5_000

    @Test(.enabled(if: enabled)) func prdc() throws {
        let synthetic = unitRows(Self.rows, dimension: 384, seed: 1)
        let real = unitRows(Self.rows, dimension: 384, seed: 2)
        let start = Date()
        let result = try PrecisionRecall.compute(synthetic: synthetic, real: real, k: 5)
        print(
            "PRDC N = M = \(Self.rows), d = 384, k = 5, \(BLAS.threadCount) BLAS thread(s): "
                + "\(Date().timeIntervalSince(start)) s; precision \(result.precision), recall \(result.recall)")
    }

    @Test(.enabled(if: enabled)) func mauve() throws {
        let synthetic = unitRows(Self.rows, dimension: 384, seed: 1)
        let real = unitRows(Self.rows, dimension: 384, seed: 2)
        let start = Date()
        let result = try MAUVE.compute(synthetic: synthetic, real: real)
        print(
            "MAUVE N = M = \(Self.rows), d = 384, K = \(result.clusterCount), \(result.principalComponents ?? 0) "
                + "components, \(result.kMeansIterations) Lloyd iterations (kept restart), \(BLAS.threadCount) BLAS thread(s): "
                + "\(Date().timeIntervalSince(start)) s; "
                + "mauve \(result.mauve)")
    }
}
