import AssayTestSupport
import COpenBLAS
import Foundation
import LinearAlgebra
import NeighbourGraphs
import Testing

/// Speed measurement, not a test: runs only with `ASSAY_GRAPHS_BENCH=1`, best in release mode:
///
///     ASSAY_GRAPHS_BENCH=1 swift test -c release --filter NeighbourSweepBenchmark
///
/// Prints seconds and GFLOP/s of one plain `cblas_sgemm` of the N×d · d×N shape, of the sweep of a set
/// against itself (which multiplies each pair once: N²·d flops) and of the sweep of two sets of N rows
/// (2·N²·d flops), on `ASSAY_GRAPHS_BENCH_THREADS` threads (default 2), d = 384, best of
/// `ASSAY_GRAPHS_BENCH_ROUNDS` (default 3).
@Suite("Neighbour sweep benchmark", .serialized)
struct NeighbourSweepBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["ASSAY_GRAPHS_BENCH"] == "1"

    @Test(.enabled(if: enabled), arguments: [10_000, 20_000])
    func sweepsVersusPlainGEMM(rows: Int) throws {
        let environment = ProcessInfo.processInfo.environment
        let threads = Int(environment["ASSAY_GRAPHS_BENCH_THREADS"] ?? "") ?? 2
        let rounds = Int(environment["ASSAY_GRAPHS_BENCH_ROUNDS"] ?? "") ?? 3
        let d = 384
        let x = RandomMatrices.uniform(rows: rows, columns: d, seed: 2026)
        let y = RandomMatrices.uniform(rows: rows, columns: d, seed: 2027)
        let full = 2 * Double(rows) * Double(rows) * Double(d)
        let saved = BLAS.threadCount
        BLAS.setThreadCount(threads)
        defer { BLAS.setThreadCount(saved) }
        let labels = (0..<rows).map { Int32($0 % 3) }
        let radii = [Double](repeating: 0.8, count: rows)
        let variants: [(String, Double, () -> Void)] = [
            ("plain sgemm N×N", full, { plainGEMM(x) }),
            ("within, k=10", full / 2, { _ = try? NeighbourSweep.within(MatrixRows(x), SweepRequest(k: 10)) }),
            (
                "within, k=10 + per-label k=1", full / 2,
                {
                    _ = try? NeighbourSweep.within(
                        MatrixRows(x), SweepRequest(k: 10, grouped: [GroupedNeighbours(k: 1, groups: labels)]))
                }
            ),
            (
                "between, k=10 both ways + balls", full,
                {
                    _ = try? NeighbourSweep.between(
                        MatrixRows(x), MatrixRows(y), SweepRequest(k: 10, ballRadii2: radii),
                        SweepRequest(k: 10, ballRadii2: radii))
                }
            ),
        ]
        var best = [Double](repeating: .infinity, count: variants.count)
        for _ in 0..<rounds {
            for (i, variant) in variants.enumerated() {
                let elapsed = ContinuousClock().measure(variant.2)
                best[i] = min(
                    best[i], Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
        }
        for (i, variant) in variants.enumerated() {
            let gflops = variant.1 / best[i] / 1e9
            print(
                "N=\(rows) d=\(d) threads=\(threads) \(variant.0): \(String(format: "%.3f", best[i])) s, "
                    + "\(String(format: "%.1f", gflops)) GFLOP/s")
        }
    }
}

private func plainGEMM(_ x: Matrix) {
    let n = x.rows
    let d = Int32(x.columns)
    let c = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
    defer { c.deallocate() }
    x.storage.withUnsafeBufferPointer { a in
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), d, 1, a.baseAddress, d, a.baseAddress, d,
            0, c, Int32(n))
    }
}
