import COpenBLAS

extension BLAS {
    /// C ← α·op(A)·op(B) + β·C in single precision (`cblas_sgemm`), every operand row-major.
    ///
    /// The single-precision twin of ``dgemm(_:_:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``: op(A) is m×k and op(B)
    /// is k×n; C is m×n. A is stored as m×k (`.none`) or k×m (`.transposed`) with row stride `lda`, likewise B
    /// as k×n or n×k with stride `ldb`, and C with stride `ldc`. Strides larger than the row length select a
    /// block of columns (for example one attention head inside a wider activation matrix).
    ///
    /// With m = 0 or n = 0 nothing happens; with k = 0, C becomes β·C (0 when β = 0).
    ///
    /// - Precondition: the strides are at least the stored row lengths and every buffer holds its operand
    ///   (programmer errors, checked before OpenBLAS reads memory).
    /// - Complexity: O(m·n·k) time, no allocation.
    public static func sgemm(
        _ transposeA: Transposition, _ transposeB: Transposition, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafeBufferPointer<Float>, lda: Int, b: UnsafeBufferPointer<Float>, ldb: Int, beta: Float,
        c: UnsafeMutableBufferPointer<Float>, ldc: Int
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "sgemm dimensions must be non-negative")
        precondition(
            [m, n, k, lda, ldb, ldc].allSatisfy { $0 <= Int(Int32.max) }, "sgemm: dimensions must fit in 32 bits")
        guard m > 0, n > 0 else { return }
        precondition(ldc >= n && c.count >= (m - 1) * ldc + n, "sgemm: C is too small")
        guard k > 0 else {
            for row in 0..<m {
                for column in 0..<n {
                    c[row * ldc + column] = beta == 0 ? 0 : beta * c[row * ldc + column]
                }
            }
            return
        }
        let (aRows, aColumns) = transposeA == .none ? (m, k) : (k, m)
        let (bRows, bColumns) = transposeB == .none ? (k, n) : (n, k)
        precondition(lda >= aColumns && a.count >= (aRows - 1) * lda + aColumns, "sgemm: A is too small")
        precondition(ldb >= bColumns && b.count >= (bRows - 1) * ldb + bColumns, "sgemm: B is too small")
        cblas_sgemm(
            CblasRowMajor, transposeA.cblas, transposeB.cblas, Int32(m), Int32(n), Int32(k), alpha, a.baseAddress,
            Int32(lda), b.baseAddress, Int32(ldb), beta, c.baseAddress, Int32(ldc))
    }
}
