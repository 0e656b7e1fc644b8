import COpenBLAS

/// How a ``BLAS/dgemm(_:_:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` operand is read.
public enum Transposition: Sendable, Equatable {
    /// The operand as stored.
    case none
    /// The operand's transpose.
    case transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension BLAS {
    /// C ← α·op(A)·op(B) + β·C in double precision (`cblas_dgemm`), every operand row-major.
    ///
    /// op(A) is m×k and op(B) is k×n; C is m×n. A is stored as m×k (`.none`) or k×m (`.transposed`) with row
    /// stride `lda`, likewise B as k×n or n×k with stride `ldb`, and C with stride `ldc`. For one thread count
    /// the result is deterministic; between thread counts the last bits can differ.
    ///
    /// With m = 0 or n = 0 nothing happens; with k = 0, C becomes β·C (0 when β = 0).
    ///
    /// - Precondition: the strides are at least the stored row lengths and every buffer holds its operand
    ///   (programmer errors, checked before OpenBLAS reads memory).
    /// - Complexity: O(m·n·k) time, no allocation.
    public static func dgemm(
        _ transposeA: Transposition, _ transposeB: Transposition, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafeBufferPointer<Double>, lda: Int, b: UnsafeBufferPointer<Double>, ldb: Int, beta: Double,
        c: UnsafeMutableBufferPointer<Double>, ldc: Int
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "dgemm dimensions must be non-negative")
        precondition(
            [m, n, k, lda, ldb, ldc].allSatisfy { $0 <= Int(Int32.max) }, "dgemm: dimensions must fit in 32 bits")
        guard m > 0, n > 0 else { return }
        precondition(ldc >= n && c.count >= (m - 1) * ldc + n, "dgemm: C is too small")
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
        precondition(lda >= aColumns && a.count >= (aRows - 1) * lda + aColumns, "dgemm: A is too small")
        precondition(ldb >= bColumns && b.count >= (bRows - 1) * ldb + bColumns, "dgemm: B is too small")
        cblas_dgemm(
            CblasRowMajor, transposeA.cblas, transposeB.cblas, Int32(m), Int32(n), Int32(k), alpha, a.baseAddress,
            Int32(lda), b.baseAddress, Int32(ldb), beta, c.baseAddress, Int32(ldc))
    }
}

extension Matrix {
    /// Writes rows `rows` of this matrix, converted to `Double`, into `destination` (row-major, `columns` values
    /// per row, starting at index 0).
    ///
    /// - Precondition: `rows` lies inside the matrix and `destination` holds `rows.count · columns` values.
    /// - Complexity: O(rows.count · columns).
    public func copyRows(_ rows: Range<Int>, into destination: UnsafeMutableBufferPointer<Double>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= self.rows, "copyRows: rows out of range")
        let count = rows.count * columns
        precondition(destination.count >= count, "copyRows: destination is too small")
        storage.withUnsafeBufferPointer { source in
            let start = rows.lowerBound * columns
            for i in 0..<count { destination[i] = Double(source[start + i]) }
        }
    }
}
