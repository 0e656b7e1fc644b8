import LinearAlgebra

/// Precision, recall, density and coverage of a synthetic set against a real one, with per-row detail.
public struct PrecisionRecallResult: Sendable, Equatable {
    /// The neighbourhood size k.
    public let k: Int
    /// Share of synthetic rows inside at least one real k-NN ball (Kynkäänniemi et al. 2019); higher is better.
    public let precision: Double
    /// Share of real rows inside at least one synthetic k-NN ball; higher is better.
    public let recall: Double
    /// Σ over synthetic rows of the number of real k-NN balls containing it, / (k·N) (Naeem et al. 2020);
    /// 1 is what a sample of the real distribution gets on average, above 1 means crowding in dense regions.
    public let density: Double
    /// Share of real rows whose k-NN ball contains at least one synthetic row (Naeem et al. 2020).
    public let coverage: Double
    /// Per synthetic row: whether it lies inside some real k-NN ball (its precision membership).
    public let syntheticInsideReal: [Bool]
    /// Per synthetic row: how many real k-NN balls contain it (its density contribution is this / (k·N)).
    public let syntheticBallCounts: [Int]
    /// Per real row: whether its k-NN ball contains a synthetic row (its coverage membership).
    public let realCovered: [Bool]
    /// Per real row: whether it lies inside some synthetic k-NN ball (its recall membership).
    public let realInsideSynthetic: [Bool]
    /// Euclidean distance from each real row to its k-th nearest other real row.
    public let realRadii: [Double]
    /// Euclidean distance from each synthetic row to its k-th nearest other synthetic row.
    public let syntheticRadii: [Double]
}

/// Precision, recall, density and coverage in embedding space, matching the PyPI package `prdc` 0.2
/// (`compute_prdc(real_features, fake_features, nearest_k)`).
///
/// With Euclidean distances δ, real rows Yᵢ (M of them) with k-NN radii rᵢ (the k-th smallest δ(Yᵢ, Yₗ),
/// l ≠ i) and synthetic rows Xⱼ (N) with radii ρⱼ:
///
///     precision = (1/N) Σⱼ 1[∃i δ(Yᵢ, Xⱼ) < rᵢ]       recall   = (1/M) Σᵢ 1[∃j δ(Yᵢ, Xⱼ) < ρⱼ]
///     density   = (1/(kN)) Σⱼ Σᵢ 1[δ(Yᵢ, Xⱼ) < rᵢ]     coverage = (1/M) Σᵢ 1[minⱼ δ(Yᵢ, Xⱼ) < rᵢ]
///
/// Any rows work (prdc uses plain Euclidean distance on the features given); for unit rows δ² = 2 − 2 cos.
///
/// **Exactness.** Every distance is first computed in single precision through GEMM tiles; a comparison
/// whose single-precision value is within a rigorous rounding-error bound of the radius is recomputed
/// from the rows in double precision (Σ (aₗ − bₗ)²), and a radius whose k-th neighbour cannot be proved
/// from the single-precision candidates is recomputed over all rows in double precision. The results
/// are therefore those of exact (double) arithmetic on the Float32 inputs; prdc rounds its distances to
/// float32, so the two can differ only where a distance and a radius agree to about 1e-7.
public enum PrecisionRecall {
    /// Precision, recall, density and coverage of `synthetic` (N×d) against `real` (M×d).
    ///
    /// - Parameters:
    ///   - synthetic: N×d synthetic rows, N ≥ k + 1.
    ///   - real: M×d real rows, M ≥ k + 1 (prdc itself needs k + 2).
    ///   - k: the neighbourhood size, at least 1 (default 5).
    /// - Returns: precision, recall, density and coverage, with `k`, the per-row memberships and ball counts,
    ///   and the k-NN radii of both sets.
    /// - Throws: ``EmbeddingDistanceError`` for `k < 1`, a dimension mismatch, too few rows, NaN or infinity.
    /// - Complexity: O((N² + M² + N·M)·d) time in `sgemm` tiles (two exact k-NN self-searches through
    ///   ``LinearAlgebra/NearestNeighbors`` and one real×synthetic pass), plus O(d) per comparison that falls
    ///   within the rounding bound; memory O((N + M)·(d + k)) plus one tile of at most 512×4096 floats —
    ///   never an N×M matrix.
    public static func compute(synthetic: Matrix, real: Matrix, k: Int = 5) throws(EmbeddingDistanceError)
        -> PrecisionRecallResult
    {
        guard k >= 1 else { throw .invalidParameter(name: "k", reason: "must be at least 1, got \(k)") }
        guard synthetic.columns == real.columns else {
            throw .dimensionMismatch(synthetic: synthetic.columns, real: real.columns)
        }
        guard synthetic.rows >= k + 1 else { throw .tooFewRows(.synthetic, rows: synthetic.rows, required: k + 1) }
        guard real.rows >= k + 1 else { throw .tooFewRows(.real, rows: real.rows, required: k + 1) }
        try checkFinite(synthetic.storage, columns: synthetic.columns, set: .synthetic)
        try checkFinite(real.storage, columns: real.columns, set: .real)

        let realRows = Rows(real)
        let syntheticRows = Rows(synthetic)
        let realRadii2 = try radiiSquared(realRows, k: k)
        let syntheticRadii2 = try radiiSquared(syntheticRows, k: k)
        let cross = crossPass(
            real: realRows, synthetic: syntheticRows, realRadii2: realRadii2,
            syntheticRadii2: syntheticRadii2)

        let n = Double(synthetic.rows)
        let m = Double(real.rows)
        let inside = cross.ballCounts.map { $0 > 0 }
        return PrecisionRecallResult(
            k: k,
            precision: Double(inside.filter { $0 }.count) / n,
            recall: Double(cross.realInsideSynthetic.filter { $0 }.count) / m,
            density: Double(cross.ballCounts.reduce(0, +)) / (Double(k) * n),
            coverage: Double(cross.realCovered.filter { $0 }.count) / m,
            syntheticInsideReal: inside, syntheticBallCounts: cross.ballCounts, realCovered: cross.realCovered,
            realInsideSynthetic: cross.realInsideSynthetic, realRadii: realRadii2.map { $0.squareRoot() },
            syntheticRadii: syntheticRadii2.map { $0.squareRoot() })
    }

    /// Unit roundoff of Float32.
    static let unitRoundoff = 0x1p-24

    /// Rows with their squared norms (double) and the Euclidean-search augmentation [x, 1] / [y, −‖y‖²/2].
    struct Rows {
        let matrix: Matrix
        let norms2: [Double]

        init(_ matrix: Matrix) {
            self.matrix = matrix
            let d = matrix.columns
            norms2 = (0..<matrix.rows).map { r in
                var sum = 0.0
                for j in 0..<d {
                    let value = Double(matrix.storage[r * d + j])
                    sum += value * value
                }
                return sum
            }
        }

        var count: Int { matrix.rows }
        var dimension: Int { matrix.columns }

        /// Exact squared distance between row `a` of `self` and row `b` of `other`, in double precision.
        func distance2(_ a: Int, _ other: Rows, _ b: Int) -> Double {
            let d = dimension
            var sum = 0.0
            for j in 0..<d {
                let difference = Double(matrix.storage[a * d + j]) - Double(other.matrix.storage[b * d + j])
                sum += difference * difference
            }
            return sum
        }
    }

    /// Squared k-th nearest-neighbour distance of every row among the other rows, exact.
    ///
    /// x·y − ‖y‖²/2 = (‖x‖² − δ²)/2 orders the references by Euclidean distance, so the dot-product search of
    /// ``NearestNeighbors`` on [x, 1] and [y, −‖y‖²/2] finds Euclidean neighbours. The k + 3 best candidates are
    /// re-measured in double precision; when the bound on the single-precision error cannot rule out a closer
    /// non-candidate, the row is measured against every other row in double precision.
    static func radiiSquared(_ rows: Rows, k: Int) throws(EmbeddingDistanceError) -> [Double] {
        let n = rows.count
        let d = rows.dimension
        var queries = [Float](repeating: 1, count: n * (d + 1))
        var references = [Float](repeating: 0, count: n * (d + 1))
        var maxQueryNorm = 0.0
        var maxReferenceNorm = 0.0
        for r in 0..<n {
            for j in 0..<d {
                let value = rows.matrix.storage[r * d + j]
                queries[r * (d + 1) + j] = value
                references[r * (d + 1) + j] = value
            }
            let shift = Float(-rows.norms2[r] / 2)
            references[r * (d + 1) + d] = shift
            maxQueryNorm = max(maxQueryNorm, (rows.norms2[r] + 1).squareRoot())
            maxReferenceNorm = max(maxReferenceNorm, (rows.norms2[r] + Double(shift) * Double(shift)).squareRoot())
        }
        let candidates = min(k + 3, n - 1)
        let list: NeighborList
        do {
            list = try NearestNeighbors.search(
                queries: makeMatrix(rows: n, columns: d + 1, storage: queries),
                references: makeMatrix(rows: n, columns: d + 1, storage: references), k: candidates,
                excludingSameIndex: true)
        } catch {
            throw .linearAlgebraFailure(error.description)
        }
        let maxNorm2 = rows.norms2.max() ?? 0
        // |fl(x'·y') − x'·y'| ≤ γ_{d+1} ‖x'‖‖y'‖, plus the rounding of −‖y‖²/2 to Float32
        let epsilon =
            1.01 * Double(d + 2) * unitRoundoff * maxQueryNorm * maxReferenceNorm + unitRoundoff * maxNorm2 + 1e-300
        var radii = [Double](repeating: 0, count: n)
        for row in 0..<n {
            var exact: [Double] = []
            var lastScore = Double.infinity
            for slot in 0..<candidates {
                let index = Int(list.indices[row * candidates + slot])
                guard index >= 0, index < n else { continue }
                exact.append(rows.distance2(row, rows, index))
                lastScore = Double(list.similarities[row * candidates + slot])
            }
            exact.sort()
            var proven = exact.count == candidates && candidates == n - 1
            if !proven, exact.count >= k, candidates < n - 1, lastScore.isFinite {
                // every non-candidate y has δ² = ‖x‖² − 2·score ≥ ‖x‖² − 2·(lastScore + ε)
                proven = rows.norms2[row] - 2 * (lastScore + epsilon) >= exact[k - 1]
            }
            if proven, exact.count >= k {
                radii[row] = exact[k - 1]
            } else {
                var all: [Double] = []
                all.reserveCapacity(n - 1)
                for other in 0..<n where other != row { all.append(rows.distance2(row, rows, other)) }
                all.sort()
                radii[row] = all[min(k, all.count) - 1]
            }
        }
        return radii
    }

    struct CrossCounts {
        var ballCounts: [Int]
        var realCovered: [Bool]
        var realInsideSynthetic: [Bool]
    }

    /// One pass over real×synthetic distance tiles (real blocks of 512 rows × synthetic blocks of 4096).
    static func crossPass(real: Rows, synthetic: Rows, realRadii2: [Double], syntheticRadii2: [Double])
        -> CrossCounts
    {
        let d = real.dimension
        let n = synthetic.count
        let m = real.count
        var result = CrossCounts(
            ballCounts: [Int](repeating: 0, count: n), realCovered: [Bool](repeating: false, count: m),
            realInsideSynthetic: [Bool](repeating: false, count: m))
        let realBlock = 512
        let syntheticBlock = 4096
        // transposed synthetic blocks, d × (block size), built once
        var transposedBlocks: [(start: Int, matrix: Matrix)] = []
        var start = 0
        while start < n {
            let count = min(syntheticBlock, n - start)
            var storage = [Float](repeating: 0, count: d * count)
            for c in 0..<count {
                for j in 0..<d { storage[j * count + c] = synthetic.matrix.storage[(start + c) * d + j] }
            }
            transposedBlocks.append((start, makeMatrix(rows: d, columns: count, storage: storage)))
            start += count
        }
        let bound = 2.02 * Double(d + 2) * unitRoundoff
        var realStart = 0
        while realStart < m {
            let realCount = min(realBlock, m - realStart)
            let block = makeMatrix(
                rows: realCount, columns: d,
                storage: Array(real.matrix.storage[(realStart * d)..<((realStart + realCount) * d)]))
            for (syntheticStart, transposed) in transposedBlocks {
                let count = transposed.columns
                guard let tile = try? block.multiplied(by: transposed), tile.storage.count == realCount * count
                else { continue }
                for r in 0..<realCount {
                    let i = realStart + r
                    let realNorm = real.norms2[i]
                    let radius = realRadii2[i]
                    for c in 0..<count {
                        let j = syntheticStart + c
                        let syntheticNorm = synthetic.norms2[j]
                        let approximate = realNorm + syntheticNorm - 2 * Double(tile.storage[r * count + c])
                        let slack = bound * (realNorm + syntheticNorm)
                        var exact: Double?
                        // inside the real ball of row i?
                        var insideReal = approximate < radius
                        if abs(approximate - radius) <= slack {
                            let value = real.distance2(i, synthetic, j)
                            exact = value
                            insideReal = value < radius
                        }
                        if insideReal {
                            result.ballCounts[j] += 1
                            result.realCovered[i] = true
                        }
                        // inside the synthetic ball of row j?
                        if !result.realInsideSynthetic[i] {
                            let syntheticRadius = syntheticRadii2[j]
                            var insideSynthetic = approximate < syntheticRadius
                            if abs(approximate - syntheticRadius) <= slack {
                                let value = exact ?? real.distance2(i, synthetic, j)
                                insideSynthetic = value < syntheticRadius
                            }
                            if insideSynthetic { result.realInsideSynthetic[i] = true }
                        }
                    }
                }
            }
            realStart += realCount
        }
        return result
    }
}
