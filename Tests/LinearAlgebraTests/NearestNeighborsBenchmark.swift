import COpenBLAS
import Foundation
import Testing

@testable import LinearAlgebra

/// Speed measurement, not a test: runs only with `ASSAY_LINALG_BENCH=1`, best in release mode:
///
///     ASSAY_LINALG_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter NearestNeighborsBenchmark
///
/// Prints seconds and GFLOP/s (2·N·M·d / seconds) of the whole search for each strategy and of one plain
/// `cblas_sgemm` of the same N×d · d×N shape, on `ASSAY_LINALG_BENCH_THREADS` threads (default 2).
@Suite("NearestNeighbors benchmark", .serialized)
struct NearestNeighborsBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["ASSAY_LINALG_BENCH"] == "1"

    @Test(.enabled(if: enabled), arguments: [10_000, 20_000])
    func searchVersusPlainGEMM(rows: Int) throws {
        let only = Int(ProcessInfo.processInfo.environment["ASSAY_LINALG_BENCH_ROWS"] ?? "")
        guard only == nil || only == rows else { return }
        let threads = Int(ProcessInfo.processInfo.environment["ASSAY_LINALG_BENCH_THREADS"] ?? "") ?? 2
        let d = 384
        let x = randomMatrix(rows: rows, columns: d, seed: 2026)
        let flops = 2 * Double(rows) * Double(rows) * Double(d)
        let saved = BLAS.threadCount
        BLAS.setThreadCount(threads)
        defer { BLAS.setThreadCount(saved) }

        func report(_ label: String, _ seconds: Double) {
            let gflops = flops / seconds / 1e9
            print("N=\(rows) d=\(d) threads=\(threads) \(label): \(format(seconds)) s, \(format(gflops)) GFLOP/s")
        }

        // Rounds alternate the variants so that load from other processes hits them alike; best of the rounds.
        let variants: [(String, () -> Void)] = [
            ("plain sgemm N×N", { plainGEMM(x) }),
            ("search k=1 threadedTiles 512x4096", { search(x, 1, 512, 4096, .threadedTiles) }),
            ("search k=1 threadedTiles 1024x8192", { search(x, 1, 1024, 8192, .threadedTiles) }),
            ("search k=1 queryBlockWorkers 256x2048", { search(x, 1, 256, 2048, .queryBlockWorkers) }),
            ("search k=1 queryBlockWorkers 512x4096", { search(x, 1, 512, 4096, .queryBlockWorkers) }),
            ("search k=10 threadedTiles 512x4096", { search(x, 10, 512, 4096, .threadedTiles) }),
            ("search k=10 queryBlockWorkers 256x2048", { search(x, 10, 256, 2048, .queryBlockWorkers) }),
            ("public search k=1", { _ = try? NearestNeighbors.search(queries: x, references: x) }),
        ]
        let rounds = Int(ProcessInfo.processInfo.environment["ASSAY_LINALG_BENCH_ROUNDS"] ?? "") ?? 3
        var best = [Double](repeating: .infinity, count: variants.count)
        for _ in 0..<rounds {
            for (i, variant) in variants.enumerated() { best[i] = min(best[i], bestOf(1, variant.1)) }
        }
        for (i, variant) in variants.enumerated() { report(variant.0, best[i]) }
    }
}

private func search(
    _ x: Matrix, _ k: Int, _ queryBlock: Int, _ referenceBlock: Int, _ strategy: NearestNeighbors.Strategy
) {
    let configuration = NearestNeighbors.Configuration(
        queryBlock: queryBlock, referenceBlock: referenceBlock, strategy: strategy)
    _ = try? NearestNeighbors.search(
        queries: x, references: x, k: k, excludingSameIndex: true, configuration: configuration)
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

private func bestOf(_ repeats: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let elapsed = ContinuousClock().measure(body)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, seconds)
    }
    return best
}

private func format(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return "\(scaled)"
}
