/// Principal component analysis in double precision: the top eigenvectors of the sample covariance.
///
/// The covariance is (XᵀX − N·μμᵀ)/(N − 1), computed as the Gram matrix of the centred rows (the same value,
/// without the cancellation of the subtraction) by blocked `cblas_dsyrk`, then decomposed with LAPACK `dsyevd`.
/// Signs are deterministic: each component is flipped so that its entry with the largest absolute value (the
/// first such entry on ties) is positive.
public struct PrincipalComponents: Sendable {
    /// Column means μ of the fitted data, length d (zeros when it had no rows).
    public let mean: [Double]
    /// `count` unit vectors of length d, by decreasing explained variance. All zeros when the fitted data had
    /// fewer than 2 rows, and for the components beyond d when `count > d`.
    public let components: [[Double]]
    /// The covariance eigenvalue of each component (the variance along it), decreasing; 0 for zero components.
    public let explainedVariance: [Double]

    /// Fits the top `count` principal components of the rows of `x`.
    ///
    /// With N = 0 or 1 rows the covariance is undefined: the components and variances are zeros and `mean` is
    /// the single row (or zeros), so ``project(_:)`` maps every row to zeros.
    ///
    /// - Parameters:
    ///   - x: N×d data, one observation per row.
    ///   - count: the number of components, at least 0.
    /// - Returns: the mean, `count` components by decreasing variance, and their variances.
    /// - Throws: ``LinearAlgebraError/lapackFailure(routine:info:)`` when `dsyevd` fails to converge.
    /// - Complexity: O(N·d² + d³) time; O(d² + 512·d) memory besides `x`.
    public static func fit(_ x: Matrix, count: Int = 2) throws(LinearAlgebraError) -> PrincipalComponents {
        try fit(MatrixRows(x), count: count)
    }

    /// Fits the top `count` principal components of the rows of `x` (a view of a matrix or a vector store,
    /// read in blocks of 512 rows), with the same results as for the same rows in a matrix.
    ///
    /// - Complexity: O(N·d² + d³) time; O(d² + 512·d) memory besides `x`.
    public static func fit(_ x: MatrixRows, count: Int = 2) throws(LinearAlgebraError) -> PrincipalComponents {
        precondition(count >= 0, "count must be non-negative")
        let n = x.count
        let d = x.columns
        var mean = [Double](repeating: 0, count: d)
        x.forEachBlock(blockRows: Matrix.gramBlockRows) { rows, values in
            for r in 0..<rows.count {
                for c in 0..<d { mean[c] += Double(values[r * d + c]) }
            }
        }
        if n > 0 {
            let scale = 1 / Double(n)
            for c in 0..<d { mean[c] *= scale }
        }
        var components = [[Double]](repeating: [Double](repeating: 0, count: d), count: count)
        var explainedVariance = [Double](repeating: 0, count: count)
        guard n >= 2, d > 0, count > 0 else {
            return PrincipalComponents(mean: mean, components: components, explainedVariance: explainedVariance)
        }
        let scale = 1 / Double(n - 1)
        let covariance = x.gramMatrixDouble(centeredAt: mean, blockRows: Matrix.gramBlockRows).map { $0 * scale }
        let (values, vectors) = try Matrix.symmetricEigensystem(covariance, dimension: d)
        for i in 0..<min(count, d) {
            let source = d - 1 - i  // eigenvalues ascend
            var vector = Array(vectors[(source * d)..<(source * d + d)])
            var largest = 0
            for j in 1..<d where abs(vector[j]) > abs(vector[largest]) { largest = j }
            if vector[largest] < 0 {
                for j in 0..<d { vector[j] = -vector[j] }
            }
            components[i] = vector
            explainedVariance[i] = max(0, values[source])
        }
        return PrincipalComponents(mean: mean, components: components, explainedVariance: explainedVariance)
    }

    /// The coordinates of each row of `x` along the components: `(row − mean) · component`.
    ///
    /// - Precondition: `x.columns == mean.count` (the dimension the components were fitted on).
    /// - Returns: one array of `components.count` values per row, for example `[c1, c2]`.
    /// - Complexity: O(N·d·count).
    public func project(_ x: Matrix) -> [[Double]] {
        let d = mean.count
        precondition(x.columns == d, "project expects \(d) columns, got \(x.columns)")
        var result: [[Double]] = []
        result.reserveCapacity(x.rows)
        var centered = [Double](repeating: 0, count: d)
        x.storage.withUnsafeBufferPointer { values in
            for r in 0..<x.rows {
                for c in 0..<d { centered[c] = Double(values[r * d + c]) - mean[c] }
                result.append(
                    components.map { component in
                        var dot = 0.0
                        for c in 0..<d { dot += centered[c] * component[c] }
                        return dot
                    })
            }
        }
        return result
    }
}
