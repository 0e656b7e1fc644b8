import AssayTestSupport
import AssayUtilities
import Testing

@testable import LinearAlgebra

@Suite("Single-precision GEMM")
struct SingleGEMMTests {
    @Test(arguments: [Transposition.none, .transposed], [Transposition.none, .transposed])
    func matchesNaiveProduct(transposeA: Transposition, transposeB: Transposition) {
        let (m, n, k) = (5, 3, 7)
        // Strides larger than the rows, to check that lda/ldb/ldc are honoured.
        let (aRows, aColumns) = transposeA == .none ? (m, k) : (k, m)
        let (bRows, bColumns) = transposeB == .none ? (k, n) : (n, k)
        let (lda, ldb, ldc) = (aColumns + 2, bColumns + 1, n + 3)
        var generator = SplitMix64(seed: 11)
        let a = (0..<(aRows * lda)).map { _ in Double(generator.nextSigned()) }
        let b = (0..<(bRows * ldb)).map { _ in Double(generator.nextSigned()) }
        let c0 = (0..<(m * ldc)).map { _ in Double(generator.nextSigned()) }
        let expected = DoubleGEMMTests.naive(
            transposeA, transposeB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda, b: b, ldb: ldb, beta: 2, c: c0,
            ldc: ldc)
        var c = c0.map(Float.init)
        a.map(Float.init).withUnsafeBufferPointer { a in
            b.map(Float.init).withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    BLAS.sgemm(
                        transposeA, transposeB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda, b: b, ldb: ldb,
                        beta: 2, c: c, ldc: ldc)
                }
            }
        }
        for (x, y) in zip(c, expected) { #expect(abs(Double(x) - y) <= 1e-5) }
        for row in 0..<m {
            for column in n..<ldc { #expect(c[row * ldc + column] == Float(c0[row * ldc + column])) }
        }
    }

    @Test func emptyInnerDimensionScalesC() {
        var c: [Float] = [1, 2, 3, 4]
        let empty: [Float] = []
        empty.withUnsafeBufferPointer { e in
            c.withUnsafeMutableBufferPointer { c in
                BLAS.sgemm(.none, .none, m: 2, n: 2, k: 0, alpha: 1, a: e, lda: 1, b: e, ldb: 2, beta: 3, c: c, ldc: 2)
            }
        }
        #expect(c == [3, 6, 9, 12])
    }
}
