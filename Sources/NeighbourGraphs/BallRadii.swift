import LinearAlgebra

/// Exact k-nearest-neighbour ball radii (Euclidean) from a dot-product neighbour list.
///
/// The radius of row x is the k-th smallest squared Euclidean distance from x to the other rows,
/// Σ (xᵢ − yᵢ)² in double precision over the Float32 values, summed in column order. The candidates of
/// a ``NeighbourList`` (the rows with the largest dot products, found in single precision) are measured
/// exactly; a rigorous bound on the single-precision error then proves that no other row is closer, or,
/// where it cannot, the row is measured against every other row, exactly where the bound leaves doubt.
/// The result is that of exact arithmetic, whatever the order of the candidates.
public enum BallRadii {
    /// The squared radius of each row's `k`-nearest-neighbour ball among the other rows of `rows`.
    ///
    /// - Parameters:
    ///   - rows: N rows, N ≥ k + 1.
    ///   - candidates: each row's best neighbours by dot product among the other rows (from
    ///     ``NeighbourSweep/within(_:_:)``), at least `k` per row; more candidates (k + 3 is plenty for
    ///     unit rows) make the proof succeed more often.
    ///   - k: the neighbourhood size, at least 1.
    /// - Returns: N squared distances.
    /// - Complexity: O(N·c·d) for c candidates per row, plus O(N·d) for each row whose proof fails.
    public static func exact(_ rows: MatrixRows, candidates: NeighbourList, k: Int) -> [Double] {
        let n = rows.count
        let d = rows.columns
        precondition(k >= 1 && candidates.k >= k, "need at least k candidates per row")
        precondition(candidates.queryCount == n, "one candidate list per row")
        precondition(n >= k + 1, "need more than k rows")
        return rows.withUnsafeBufferPointer { values -> [Double] in
            let norms = (0..<n).map { row in
                var sum = 0.0
                for column in (row * d)..<((row + 1) * d) { sum += Double(values[column]) * Double(values[column]) }
                return sum
            }
            let minimumNorm = norms.min() ?? 0
            let maximumNorm = norms.max() ?? 0
            let gamma = 2.02 * Double(d + 2) * 0x1p-24
            var radii = [Double](repeating: 0, count: n)
            for row in 0..<n {
                var exact: [Double] = []
                var lastDot = Double.infinity
                var measured = Set<Int>()
                for (index, similarity) in candidates.neighbours(of: row) {
                    exact.append(distance2(values, row, index, d))
                    measured.insert(index)
                    lastDot = Double(similarity)
                }
                exact.sort()
                // A k-th distance of 0 cannot be beaten (duplicated rows).
                var proven = exact.count >= k && (measured.count == n - 1 || exact[k - 1] <= 0)
                if !proven, exact.count >= k, lastDot.isFinite {
                    // Every other row y has fl(x·y) ≤ lastDot, so x·y ≤ lastDot + γ‖x‖‖y‖ and
                    // ‖x − y‖² ≥ ‖x‖² + min‖y‖² − 2(lastDot + γ‖x‖ max‖y‖).
                    let slack = gamma * (norms[row].squareRoot() * maximumNorm.squareRoot())
                    proven = norms[row] + minimumNorm - 2 * (lastDot + slack) >= exact[k - 1]
                }
                if proven {
                    radii[row] = exact[k - 1]
                    continue
                }
                // Measure every row that could be closer than the k-th candidate.
                let limit = exact.count >= k ? exact[k - 1] : .infinity
                for other in 0..<n where other != row && !measured.contains(other) {
                    let dot = Double(dotProduct(values, row, other, d))
                    let slack = gamma * (norms[row] + norms[other])
                    guard norms[row] + norms[other] - 2 * dot - slack < limit else { continue }
                    exact.append(distance2(values, row, other, d))
                }
                exact.sort()
                radii[row] = exact[min(k, exact.count) - 1]
            }
            return radii
        }
    }

    /// The squared radius of each row's ball from its candidates alone: the `k`-th smallest exact squared
    /// distance to the rows of `candidates` (an approximate list, so no proof that no other row is closer;
    /// the radius is at least the exact one). A row with fewer than `k` candidates takes the farthest it has
    /// (0 without any).
    ///
    /// - Complexity: O(N·c·d) for c candidates per row.
    public static func fromCandidates(_ rows: MatrixRows, candidates: NeighbourList, k: Int) -> [Double] {
        let d = rows.columns
        precondition(k >= 1 && candidates.k >= k, "need at least k candidates per row")
        precondition(candidates.queryCount == rows.count, "one candidate list per row")
        return rows.withUnsafeBufferPointer { values in
            (0..<rows.count).map { row in
                let distances = candidates.neighbours(of: row).map { distance2(values, row, $0.index, d) }.sorted()
                return distances.count >= k ? distances[k - 1] : (distances.last ?? 0)
            }
        }
    }

    /// Σ (a − b)² over the columns, in double precision, in column order.
    static func distance2(_ values: UnsafeBufferPointer<Float>, _ a: Int, _ b: Int, _ d: Int) -> Double {
        var sum = 0.0
        for column in 0..<d {
            let difference = Double(values[a * d + column]) - Double(values[b * d + column])
            sum += difference * difference
        }
        return sum
    }

    /// The single-precision dot product of rows `a` and `b` (any summation order is within the bound).
    private static func dotProduct(_ values: UnsafeBufferPointer<Float>, _ a: Int, _ b: Int, _ d: Int) -> Float {
        guard let base = values.baseAddress else { return 0 }
        let x = base + a * d
        let y = base + b * d
        var sums = SIMD8<Float>()
        var column = 0
        while column + 8 <= d {
            let u = UnsafeRawPointer(x + column).loadUnaligned(as: SIMD8<Float>.self)
            let v = UnsafeRawPointer(y + column).loadUnaligned(as: SIMD8<Float>.self)
            sums += u * v  // not addProduct: without FMA in the target it calls fmaf per lane
            column += 8
        }
        var sum = sums.sum()
        while column < d {
            sum += x[column] * y[column]
            column += 1
        }
        return sum
    }
}
