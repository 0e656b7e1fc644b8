import LinearAlgebra
import NeighbourGraphs

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
    /// - Complexity: O((N²/2 + M²/2 + N·M)·d) time in `sgemm` tiles (a sweep of each set against itself
    ///   through ``NeighbourGraphs/NeighbourSweep``, each pair once, and one synthetic×real sweep), plus O(d)
    ///   per comparison that falls within the rounding bound; memory O((N + M)·k) plus one tile of at most
    ///   512×4096 floats — never an N×M matrix.
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
        do {
            let syntheticRows = MatrixRows(synthetic)
            let realRows = MatrixRows(real)
            let syntheticRadii2 = try radii2(syntheticRows, k: k)
            let realRadii2 = try radii2(realRows, k: k)
            let (syntheticSide, realSide) = try NeighbourSweep.between(
                syntheticRows, realRows, SweepRequest(ballRadii2: syntheticRadii2), SweepRequest(ballRadii2: realRadii2)
            )
            return result(
                k: k, synthetic: syntheticSide, real: realSide, syntheticRadii2: syntheticRadii2, realRadii2: realRadii2
            )
        } catch {
            throw .linearAlgebraFailure(error.description)
        }
    }

    /// Candidates per row for the radii: k + 3 nearest by dot product (enough for the exactness proof to
    /// succeed on almost every unit row), at most every other row.
    public static func candidateCount(k: Int, rows: Int) -> Int { min(k + 3, rows - 1) }

    /// The squared k-NN radius of every row among the other rows, exact (``NeighbourGraphs/BallRadii``).
    ///
    /// - Complexity: one sweep of the rows against themselves, O(N²·d / 2) in `sgemm` tiles.
    static func radii2(_ rows: MatrixRows, k: Int) throws(NeighbourGraphsError) -> [Double] {
        let count = candidateCount(k: k, rows: rows.count)
        let graph =
            try NeighbourSweep.within(rows, SweepRequest(k: count)).neighbours
            ?? NeighbourList(k: count, indices: [], similarities: [])
        return BallRadii.exact(rows, candidates: graph, k: k)
    }

    /// Precision, recall, density and coverage from a sweep of the synthetic rows against the real ones in
    /// which both sides gave their radii (``NeighbourGraphs/SweepRequest/ballRadii2``): the form in which an
    /// audit computes them, from neighbour graphs it shares with other metrics.
    ///
    /// - Parameters:
    ///   - k: the neighbourhood size the radii were measured at.
    ///   - synthetic: the synthetic side of the sweep (its ball counts and occupancy).
    ///   - real: the real side.
    ///   - syntheticRadii2: the synthetic rows' squared radii.
    ///   - realRadii2: the real rows' squared radii.
    /// - Returns: the four numbers with their per-row detail.
    /// - Complexity: O(N + M).
    public static func result(
        k: Int, synthetic: SweepSide, real: SweepSide, syntheticRadii2: [Double], realRadii2: [Double]
    ) -> PrecisionRecallResult {
        let ballCounts = (synthetic.ballCounts ?? []).map { Int($0) }
        let realCovered = real.ballOccupied ?? []
        let realInsideSynthetic = (real.ballCounts ?? []).map { $0 > 0 }
        let n = Double(ballCounts.count)
        let m = Double(realCovered.count)
        let inside = ballCounts.map { $0 > 0 }
        return PrecisionRecallResult(
            k: k,
            precision: Double(inside.filter { $0 }.count) / n,
            recall: Double(realInsideSynthetic.filter { $0 }.count) / m,
            density: Double(ballCounts.reduce(0, +)) / (Double(k) * n),
            coverage: Double(realCovered.filter { $0 }.count) / m,
            syntheticInsideReal: inside, syntheticBallCounts: ballCounts, realCovered: realCovered,
            realInsideSynthetic: realInsideSynthetic, realRadii: realRadii2.map { $0.squareRoot() },
            syntheticRadii: syntheticRadii2.map { $0.squareRoot() })
    }
}
