import AssayTestSupport
import AssayUtilities
import Testing

@testable import LinearAlgebra

@Suite("Double-precision GEMM")
struct DoubleGEMMTests {
    /// Reference product in plain Swift: C = α·op(A)·op(B) + β·C.
    static func naive(
        _ ta: Transposition, _ tb: Transposition, m: Int, n: Int, k: Int, alpha: Double, a: [Double], lda: Int,
        b: [Double], ldb: Int, beta: Double, c: [Double], ldc: Int
    ) -> [Double] {
        var c = c
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = ta == .none ? a[i * lda + p] : a[p * lda + i]
                    let y = tb == .none ? b[p * ldb + j] : b[j * ldb + p]
                    sum += x * y
                }
                c[i * ldc + j] = alpha * sum + beta * c[i * ldc + j]
            }
        }
        return c
    }

    @Test(arguments: [Transposition.none, .transposed], [Transposition.none, .transposed])
    func matchesNaiveProduct(transposeA: Transposition, transposeB: Transposition) {
        let (m, n, k) = (5, 3, 7)
        // Strides larger than the rows, to check that lda/ldb/ldc are honoured.
        let (aRows, aColumns) = transposeA == .none ? (m, k) : (k, m)
        let (bRows, bColumns) = transposeB == .none ? (k, n) : (n, k)
        let (lda, ldb, ldc) = (aColumns + 2, bColumns + 1, n + 3)
        var generator = SplitMix64(seed: 7)
        let a = (0..<(aRows * lda)).map { _ in Double(generator.nextSigned()) }
        let b = (0..<(bRows * ldb)).map { _ in Double(generator.nextSigned()) }
        let c0 = (0..<(m * ldc)).map { _ in Double(generator.nextSigned()) }
        let expected = Self.naive(
            transposeA, transposeB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda, b: b, ldb: ldb, beta: 2, c: c0,
            ldc: ldc)
        var c = c0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    BLAS.dgemm(
                        transposeA, transposeB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda, b: b, ldb: ldb,
                        beta: 2, c: c, ldc: ldc)
                }
            }
        }
        for (x, y) in zip(c, expected) { #expect(abs(x - y) <= 1e-12) }
        // Padding columns of C are untouched.
        for row in 0..<m {
            for column in n..<ldc { #expect(c[row * ldc + column] == c0[row * ldc + column]) }
        }
    }

    @Test func emptyInnerDimensionScalesC() {
        var c: [Double] = [1, 2, 3, 4]
        let empty: [Double] = []
        empty.withUnsafeBufferPointer { e in
            c.withUnsafeMutableBufferPointer { c in
                BLAS.dgemm(.none, .none, m: 2, n: 2, k: 0, alpha: 1, a: e, lda: 1, b: e, ldb: 2, beta: 3, c: c, ldc: 2)
            }
        }
        #expect(c == [3, 6, 9, 12])
        empty.withUnsafeBufferPointer { e in
            c.withUnsafeMutableBufferPointer { c in
                BLAS.dgemm(.none, .none, m: 2, n: 2, k: 0, alpha: 1, a: e, lda: 1, b: e, ldb: 2, beta: 0, c: c, ldc: 2)
            }
        }
        #expect(c == [0, 0, 0, 0])
    }

    @Test func copiesRowsAsDouble() throws {
        let x = try Matrix(rows: 3, columns: 2, storage: [1, 2, 3.5, -4, 0.1, 6])
        var out = [Double](repeating: .nan, count: 4)
        out.withUnsafeMutableBufferPointer { x.copyRows(1..<3, into: $0) }
        #expect(out == [3.5, -4, Double(Float(0.1)), 6])
    }
}
