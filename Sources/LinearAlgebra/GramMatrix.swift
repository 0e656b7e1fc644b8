import COpenBLAS

extension Matrix {
    /// Rows converted to `Double` per `cblas_dsyrk` call in ``gramMatrixDouble()``.
    static let gramBlockRows = 512

    /// Returns the d×d Gram matrix XᵀX of this N×d matrix, accumulated in double precision.
    ///
    /// Blocks of rows are converted to `Double` and added with `cblas_dsyrk`, so the sums carry no Float32
    /// rounding; use it where results must match a float64 reference (for example the eigenvalues of XᵀX/N in
    /// the Vendi score). An empty matrix gives zeros.
    ///
    /// - Returns: d·d values, row-major and symmetric (both triangles filled).
    /// - Complexity: O(N·d²) time; O(block·d + d²) memory, with blocks of 512 rows.
    public func gramMatrixDouble() -> [Double] {
        gramMatrixDouble(centeredAt: nil, blockRows: Self.gramBlockRows)
    }

    /// (X − 1μᵀ)ᵀ(X − 1μᵀ) when `center` is given (subtracted in double before the product), else XᵀX.
    func gramMatrixDouble(centeredAt center: [Double]?, blockRows: Int) -> [Double] {
        MatrixRows(self).gramMatrixDouble(centeredAt: center, blockRows: blockRows)
    }
}

extension MatrixRows {
    /// The d×d Gram matrix XᵀX of these rows, accumulated in double precision, as
    /// ``Matrix/gramMatrixDouble()`` (blocks of 512 rows from the first row of the view).
    ///
    /// - Returns: d·d values, row-major and symmetric.
    /// - Complexity: O(N·d²) time; O(block·d + d²) memory.
    public func gramMatrixDouble() -> [Double] {
        gramMatrixDouble(centeredAt: nil, blockRows: Matrix.gramBlockRows)
    }

    func gramMatrixDouble(centeredAt center: [Double]?, blockRows: Int) -> [Double] {
        precondition(blockRows >= 1, "blockRows must be at least 1")
        precondition(center == nil || center?.count == columns, "center must have one value per column")
        let d = columns
        let rows = count
        var gram = [Double](repeating: 0, count: d * d)
        guard d > 0, rows > 0 else { return gram }
        let blockCapacity = min(blockRows, rows)
        var block = [Double](repeating: 0, count: blockCapacity * d)
        let center = center ?? [Double](repeating: 0, count: d)
        block.withUnsafeMutableBufferPointer { b in
            gram.withUnsafeMutableBufferPointer { g in
                forEachBlock(blockRows: blockCapacity) { rows, x in
                    for r in 0..<rows.count {
                        for c in 0..<d { b[r * d + c] = Double(x[r * d + c]) - center[c] }
                    }
                    // Row-major C (d×d, upper) += Bᵀ B with B the count×d block.
                    cblas_dsyrk(
                        CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(rows.count), 1, b.baseAddress,
                        Int32(d), 1, g.baseAddress, Int32(d))
                }
                for i in 0..<d {
                    for j in 0..<i { g[i * d + j] = g[j * d + i] }
                }
            }
        }
        return gram
    }
}
