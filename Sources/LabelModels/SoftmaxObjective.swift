import Foundation
import LinearAlgebra

/// The objective ``LogisticRegression`` minimises, scaled by 1/(C·N) so that its size does not grow with N:
///
///     F(W, b) = (1/N) Σᵢ −log softmax(W xᵢ + b)[yᵢ] + ‖W‖²_F / (2·C·N)
///
/// over the k classes that occur in the training labels; W is k×d, b has k entries (not penalised). Multiplied
/// by C·N this is the textbook objective C·Σᵢ −log pᵢ[yᵢ] + ½‖W‖²_F, so both have the same minimiser.
///
/// Parameters θ are laid out as W row-major (k·d values, row c belongs to class c) followed by b (k values).
struct SoftmaxObjective {
    /// N×d training features (Float32, converted to Double block by block).
    let features: Matrix
    /// Per row, the index of its class among the k fitted classes.
    let targets: [Int]
    /// k, the number of fitted classes.
    let classes: Int
    /// 1 / (C·N).
    let penalty: Double

    /// Rows converted to Double and pushed through the two products at a time.
    static let blockRows = 256

    var weightCount: Int { classes * features.columns }
    var parameterCount: Int { classes * (features.columns + 1) }

    /// Returns F(θ) and writes ∇F(θ) into `gradient` (resized to ``parameterCount``).
    ///
    /// Rows are processed in blocks of ``blockRows``: the block is converted to Double, its scores
    /// Z = X_block·Wᵀ and the gradient update ∇W += (P − Y)ᵀ·X_block are `dgemm` calls, the softmax and the
    /// log-loss (accumulated in Double, in row order) run in between. The block order is fixed, so the result
    /// only depends on the inputs and OpenBLAS's thread count. A non-finite θ gives a non-finite value.
    ///
    /// - Complexity: O(N·d·k) time; O(blockRows·(d + k)) extra memory.
    /// The scores Z = X_rows·Wᵀ + b of `rows` (row-major, `rows.count × k`) into `z`: the rows are
    /// converted to Double in `block`, then one `dgemm`; `weights` is k×d row-major, `intercepts` k long.
    static func scores(
        _ features: Matrix, rows: Range<Int>, weights: UnsafeBufferPointer<Double>,
        intercepts: UnsafeBufferPointer<Double>,
        block x: UnsafeMutableBufferPointer<Double>, into z: UnsafeMutableBufferPointer<Double>
    ) {
        let d = features.columns
        let k = intercepts.count
        features.copyRows(rows, into: x)
        // Z (count×k) = X_block (count×d) · Wᵀ (d×k)
        BLAS.dgemm(
            .none, .transposed, m: rows.count, n: k, k: d, alpha: 1, a: UnsafeBufferPointer(x), lda: max(d, 1),
            b: weights, ldb: max(d, 1), beta: 0, c: z, ldc: k)
        for r in 0..<rows.count {
            for c in 0..<k { z[r * k + c] += intercepts[c] }
        }
    }

    func evaluate(_ theta: [Double], gradient: inout [Double]) -> Double {
        let n = features.rows
        let d = features.columns
        let k = classes
        let weightCount = self.weightCount
        precondition(theta.count == parameterCount, "parameter vector has the wrong length")
        if gradient.count != parameterCount {
            gradient = [Double](repeating: 0, count: parameterCount)
        } else {
            for i in gradient.indices { gradient[i] = 0 }
        }
        guard n > 0 else { return 0 }
        let capacity = min(Self.blockRows, n)
        var block = [Double](repeating: 0, count: capacity * d)
        var scores = [Double](repeating: 0, count: capacity * k)
        var loss = 0.0
        theta.withUnsafeBufferPointer { t in
            gradient.withUnsafeMutableBufferPointer { g in
                block.withUnsafeMutableBufferPointer { x in
                    scores.withUnsafeMutableBufferPointer { z in
                        let weights = UnsafeBufferPointer(rebasing: t[0..<weightCount])
                        let weightGradient = UnsafeMutableBufferPointer(rebasing: g[0..<weightCount])
                        var start = 0
                        while start < n {
                            let count = min(capacity, n - start)
                            Self.scores(
                                features, rows: start..<(start + count), weights: weights,
                                intercepts: UnsafeBufferPointer(rebasing: t[weightCount...]), block: x, into: z)
                            for r in 0..<count {
                                let o = r * k
                                var largest = -Double.infinity
                                for c in 0..<k { largest = max(largest, z[o + c]) }
                                let target = targets[start + r]
                                let targetScore = z[o + target] - largest
                                var sum = 0.0
                                for c in 0..<k {
                                    let e = exp(z[o + c] - largest)
                                    z[o + c] = e
                                    sum += e
                                }
                                // −log p_target = log Σ exp(z − max) − (z_target − max)
                                loss += log(sum) - targetScore
                                // Residual P − Y, in place; its column sums are the intercepts' gradient.
                                for c in 0..<k {
                                    z[o + c] /= sum
                                }
                                z[o + target] -= 1
                                for c in 0..<k { g[weightCount + c] += z[o + c] }
                            }
                            // ∇W (k×d) += Rᵀ (k×count) · X_block (count×d)
                            BLAS.dgemm(
                                .transposed, .none, m: k, n: d, k: count, alpha: 1, a: UnsafeBufferPointer(z),
                                lda: k, b: UnsafeBufferPointer(x), ldb: max(d, 1), beta: 1, c: weightGradient,
                                ldc: max(d, 1))
                            start += count
                        }
                    }
                }
                let inverseN = 1 / Double(n)
                var squaredNorm = 0.0
                for i in 0..<weightCount {
                    squaredNorm += t[i] * t[i]
                    g[i] = g[i] * inverseN + penalty * t[i]
                }
                for c in 0..<k { g[weightCount + c] *= inverseN }
                loss = loss * inverseN + 0.5 * penalty * squaredNorm
            }
        }
        return loss
    }
}
