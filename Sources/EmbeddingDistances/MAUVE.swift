import Foundation
import LinearAlgebra

/// One point of the divergence frontier: (exp(−c·KL(q‖r)), exp(−c·KL(p‖r))) for r = λp + (1−λ)q.
public struct FrontierPoint: Sendable, Equatable {
    /// exp(−c·KL(q‖r)): how well the mixture covers the real distribution q.
    public let x: Double
    /// exp(−c·KL(p‖r)): how well the mixture covers the synthetic distribution p.
    public let y: Double

    /// Creates a point from its two coordinates, as given.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// How many clusters quantise the joint embeddings.
public enum ClusterCount: Sendable, Equatable {
    /// mauve-text's `num_buckets='auto'`: max(2, round(min(N, M) / 10)), rounding half to even like Python.
    case automatic
    /// A fixed number of clusters, at least 1 and at most N + M.
    case fixed(Int)
}

/// Parameters of ``MAUVE/compute(synthetic:real:configuration:)``; the defaults are mauve-text 0.4.0's.
public struct MAUVEConfiguration: Sendable, Equatable {
    /// The histogram size K (default mauve-text's `'auto'`).
    public var clusters: ClusterCount
    /// Keep the fewest principal components whose cumulative explained-variance ratio reaches this value
    /// before k-means (mauve-text's `kmeans_explained_var`, default 0.9); `nil` clusters the
    /// L2-normalised rows themselves.
    public var explainedVariance: Double?
    /// k-means restarts, best inertia kept (mauve-text's `kmeans_num_redo`, default 5).
    public var restarts: Int
    /// Lloyd updates per restart at most (mauve-text's `kmeans_max_iter`, default 500).
    public var maxIterations: Int
    /// The constant c of exp(−c·KL) (mauve-text's `mauve_scaling_factor`, default 5).
    public var scalingFactor: Double
    /// Mixture weights on the frontier (mauve-text's `divergence_curve_discretization_size`, default 25).
    public var mixtureWeightCount: Int
    /// Seed of the k-means++ starts (SplitMix64).
    public var seed: UInt64

    /// Creates a configuration; the defaults are the mauve-text values described on the properties, and
    /// seed 25. Nothing is checked here: ``MAUVE/compute(synthetic:real:configuration:)`` rejects values out
    /// of range.
    public init(
        clusters: ClusterCount = .automatic, explainedVariance: Double? = 0.9, restarts: Int = 5,
        maxIterations: Int = 500, scalingFactor: Double = 5, mixtureWeightCount: Int = 25, seed: UInt64 = 25
    ) {
        self.clusters = clusters
        self.explainedVariance = explainedVariance
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.scalingFactor = scalingFactor
        self.mixtureWeightCount = mixtureWeightCount
        self.seed = seed
    }
}

/// MAUVE of a synthetic set against a real one, with everything it was computed from.
public struct MAUVEResult: Sendable, Equatable {
    /// MAUVE, in (0, 1]; higher means the synthetic distribution is closer to the real one.
    public let mauve: Double
    /// MAUVE* (Pillutla et al., JMLR 2023): the same area on Krichevsky–Trofimov smoothed histograms
    /// ((count + 0.5) / (n + K/2)), less sensitive to empty clusters.
    public let mauveStar: Double
    /// The number of clusters K.
    public let clusterCount: Int
    /// Principal components kept before k-means (`nil` when the PCA step is off).
    public let principalComponents: Int?
    /// p: the share of synthetic rows in each cluster (length K).
    public let syntheticHistogram: [Double]
    /// q: the share of real rows in each cluster (length K).
    public let realHistogram: [Double]
    /// The cluster of each synthetic row.
    public let syntheticAssignments: [Int]
    /// The cluster of each real row.
    public let realAssignments: [Int]
    /// The frontier in mauve-text's order: (1, 0), then one point per mixture weight λ ascending, then (0, 1).
    public let frontier: [FrontierPoint]
    /// The k-means inertia of the kept restart (in the PCA space).
    public let inertia: Double
    /// Lloyd iterations of the kept k-means restart.
    public let kMeansIterations: Int
}

/// MAUVE (Pillutla et al., NeurIPS 2021), following the PyPI package `mauve-text` 0.4.0.
///
/// The rows of both sets (real first, then synthetic, as mauve-text stacks them) are L2-normalised, projected
/// on the principal components that explain ``MAUVEConfiguration/explainedVariance`` of the variance, and
/// quantised by ``KMeans`` into K clusters; p and q are the cluster histograms of the synthetic and the real
/// rows, and MAUVE is the area under their divergence frontier (see ``score(syntheticHistogram:realHistogram:scalingFactor:mixtureWeightCount:)``).
public enum MAUVE {
    /// MAUVE between the synthetic rows (N×d) and the real rows (M×d).
    ///
    /// - Throws: ``EmbeddingDistanceError`` for a dimension mismatch, an empty set, a NaN or infinite value,
    ///   or a parameter out of range (K outside `1...N+M`, explained variance outside (0, 1], restarts < 1,
    ///   a negative iteration count, a non-positive or non-finite scaling factor, fewer than 1 mixture weight).
    /// - Complexity: O((N+M)·d² + d³) for the PCA (dsyrk, dsyevd) and O((N+M)·d·m) to project on m components
    ///   (sgemm); k-means O(restarts · (iterations + 1) · (N+M)·K·m) through sgemm; the frontier O(K·L) for
    ///   L mixture weights. Memory O((N+M)·(d + m) + d² + 2048·K).
    public static func compute(
        synthetic: Matrix, real: Matrix, configuration: MAUVEConfiguration = MAUVEConfiguration()
    ) throws(EmbeddingDistanceError) -> MAUVEResult {
        guard synthetic.columns == real.columns else {
            throw .dimensionMismatch(synthetic: synthetic.columns, real: real.columns)
        }
        guard synthetic.rows >= 1 else { throw .tooFewRows(.synthetic, rows: synthetic.rows, required: 1) }
        guard real.rows >= 1 else { throw .tooFewRows(.real, rows: real.rows, required: 1) }
        try checkFinite(synthetic.storage, columns: synthetic.columns, set: .synthetic)
        try checkFinite(real.storage, columns: real.columns, set: .real)
        try validate(scalingFactor: configuration.scalingFactor, mixtureWeightCount: configuration.mixtureWeightCount)
        let total = synthetic.rows + real.rows
        let k = clusterCount(configuration.clusters, syntheticRows: synthetic.rows, realRows: real.rows)
        guard k >= 1, k <= total else {
            throw .invalidParameter(name: "clusters", reason: "must be between 1 and the \(total) rows, got \(k)")
        }
        if let variance = configuration.explainedVariance, !(variance > 0 && variance <= 1) {
            throw .invalidParameter(name: "explained_variance", reason: "must be in (0, 1], got \(variance)")
        }

        let d = real.columns
        var joint = real.storage + synthetic.storage
        normaliseRows(&joint, columns: d)
        var features = makeMatrix(rows: total, columns: d, storage: joint)
        var kept: Int?
        if let variance = configuration.explainedVariance {
            let (projected, count) = try project(features, explainedVariance: variance)
            features = projected
            kept = count
        }
        let clustering = try KMeans.fit(
            features, clusters: k, restarts: configuration.restarts, maxIterations: configuration.maxIterations,
            seed: configuration.seed)
        let realAssignments = Array(clustering.assignments[0..<real.rows])
        let syntheticAssignments = Array(clustering.assignments[real.rows...])
        let p = counts(syntheticAssignments, clusters: k)
        let q = counts(realAssignments, clusters: k)
        let (mauve, frontier) = area(
            p: normalised(p), q: normalised(q), scalingFactor: configuration.scalingFactor,
            mixtureWeightCount: configuration.mixtureWeightCount)
        let (mauveStar, _) = area(
            p: normalised(p.map { $0 + 0.5 }), q: normalised(q.map { $0 + 0.5 }),
            scalingFactor: configuration.scalingFactor, mixtureWeightCount: configuration.mixtureWeightCount)
        return MAUVEResult(
            mauve: mauve, mauveStar: mauveStar, clusterCount: k, principalComponents: kept,
            syntheticHistogram: normalised(p), realHistogram: normalised(q),
            syntheticAssignments: syntheticAssignments, realAssignments: realAssignments, frontier: frontier,
            inertia: clustering.inertia, kMeansIterations: clustering.iterations)
    }

    /// MAUVE from given cluster assignments (each in `0..<clusters`): the histograms, then
    /// ``score(syntheticHistogram:realHistogram:scalingFactor:mixtureWeightCount:)``.
    ///
    /// - Throws: ``EmbeddingDistanceError/tooFewRows(_:rows:required:)`` for an empty set,
    ///   ``EmbeddingDistanceError/invalidParameter(name:reason:)`` for an assignment outside `0..<clusters`.
    /// - Complexity: O(N + M + K·L).
    public static func score(
        syntheticAssignments: [Int], realAssignments: [Int], clusters: Int, scalingFactor: Double = 5,
        mixtureWeightCount: Int = 25
    ) throws(EmbeddingDistanceError) -> (mauve: Double, frontier: [FrontierPoint]) {
        guard clusters >= 1 else { throw .invalidParameter(name: "clusters", reason: "must be at least 1") }
        guard !syntheticAssignments.isEmpty else { throw .tooFewRows(.synthetic, rows: 0, required: 1) }
        guard !realAssignments.isEmpty else { throw .tooFewRows(.real, rows: 0, required: 1) }
        for label in syntheticAssignments + realAssignments where label < 0 || label >= clusters {
            throw .invalidParameter(name: "assignments", reason: "cluster \(label) is outside 0..<\(clusters)")
        }
        return try score(
            syntheticHistogram: normalised(counts(syntheticAssignments, clusters: clusters)),
            realHistogram: normalised(counts(realAssignments, clusters: clusters)), scalingFactor: scalingFactor,
            mixtureWeightCount: mixtureWeightCount)
    }

    /// The divergence frontier of histograms p (synthetic) and q (real) and the area under it, exactly as
    /// mauve-text 0.4.0's `compute_mauve` computes them.
    ///
    /// For each λ of `np.linspace(1e-6, 1 − 1e-6, L)` (λᵢ = 1e-6 + i·(1 − 2e-6)/(L − 1), the last exactly
    /// 1 − 1e-6), r = λp + (1−λ)q and the point (exp(−c·KL(q‖r)), exp(−c·KL(p‖r))), with
    /// KL(a‖b) = Σ_{aᵢ>0, bᵢ>0} aᵢ ln(aᵢ/bᵢ) (+∞ when some aᵢ > 0 has bᵢ = 0). mauve-text's end points
    /// exp(−c·(0, ∞)) = (1, 0) and exp(−c·(∞, 0)) = (0, 1) are added before and after. MAUVE is
    /// ½·(A_x + A_y): A_x the trapezoidal area of y over x with the points sorted by x, A_y that of x over y
    /// with the points sorted by y (sklearn.metrics.auc). Ties in the sort key — only when p = q, where
    /// NumPy's unstable argsort leaves the order unspecified — are ordered by the other coordinate, descending,
    /// which traces the frontier's upper envelope (so p = q gives exactly 1).
    ///
    /// - Throws: ``EmbeddingDistanceError/invalidHistogram(reason:)`` when the lengths differ or are 0, or a
    ///   value is negative, NaN or infinite, or a histogram sums to 0; ``EmbeddingDistanceError/invalidParameter(name:reason:)``
    ///   for a non-positive scaling factor or fewer than 1 mixture weight. Histograms are used as given
    ///   (mauve-text's are normalised to sum 1).
    /// - Complexity: O(K·L + L log L).
    public static func score(
        syntheticHistogram p: [Double], realHistogram q: [Double], scalingFactor: Double = 5,
        mixtureWeightCount: Int = 25
    ) throws(EmbeddingDistanceError) -> (mauve: Double, frontier: [FrontierPoint]) {
        guard p.count == q.count, !p.isEmpty else {
            throw .invalidHistogram(reason: "lengths \(p.count) and \(q.count) must be equal and positive")
        }
        for value in p + q where !(value.isFinite && value >= 0) {
            throw .invalidHistogram(reason: "values must be finite and non-negative, got \(value)")
        }
        guard p.reduce(0, +) > 0, q.reduce(0, +) > 0 else { throw .invalidHistogram(reason: "sums to 0") }
        try validate(scalingFactor: scalingFactor, mixtureWeightCount: mixtureWeightCount)
        return area(p: p, q: q, scalingFactor: scalingFactor, mixtureWeightCount: mixtureWeightCount)
    }

    /// `np.linspace(1e-6, 1 - 1e-6, count)`, computed the way NumPy does: 1e-6 + i·step, the last exactly 1 − 1e-6.
    /// - Complexity: O(count).
    public static func mixtureWeights(count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [1e-6] : [] }
        let start = 1e-6
        let stop = 1 - 1e-6
        let step = (stop - start) / Double(count - 1)
        var weights = (0..<count).map { Double($0) * step + start }
        weights[count - 1] = stop
        return weights
    }

    /// The number of clusters for `count`: mauve-text's `'auto'` rule or the fixed value.
    /// - Complexity: O(1).
    public static func clusterCount(_ count: ClusterCount, syntheticRows: Int, realRows: Int) -> Int {
        switch count {
        case .fixed(let k): return k
        case .automatic:
            let rounded = (Double(min(syntheticRows, realRows)) / 10).rounded(.toNearestOrEven)
            return max(2, Int(rounded))
        }
    }

    // MARK: - internals

    static func validate(scalingFactor: Double, mixtureWeightCount: Int) throws(EmbeddingDistanceError) {
        guard scalingFactor.isFinite, scalingFactor > 0 else {
            throw .invalidParameter(name: "scaling_factor", reason: "must be positive and finite, got \(scalingFactor)")
        }
        guard mixtureWeightCount >= 1 else {
            throw .invalidParameter(name: "mixture_weights", reason: "must be at least 1, got \(mixtureWeightCount)")
        }
    }

    static func area(p: [Double], q: [Double], scalingFactor c: Double, mixtureWeightCount: Int)
        -> (Double, [FrontierPoint])
    {
        var frontier = [FrontierPoint(x: 1, y: 0)]
        for w in mixtureWeights(count: mixtureWeightCount).sorted() {
            let r = zip(p, q).map { w * $0 + (1 - w) * $1 }
            frontier.append(FrontierPoint(x: exp(-c * kl(q, r)), y: exp(-c * kl(p, r))))
        }
        frontier.append(FrontierPoint(x: 0, y: 1))
        let byX = frontier.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y > $1.y }
        let byY = frontier.sorted { $0.y != $1.y ? $0.y < $1.y : $0.x > $1.x }
        let areaX = trapezoid(byX.map(\.x), byX.map(\.y))
        let areaY = trapezoid(byY.map(\.y), byY.map(\.x))
        return (0.5 * (areaX + areaY), frontier)
    }

    /// KL(a‖b) as mauve-text's `kl_multinomial`.
    static func kl(_ a: [Double], _ b: [Double]) -> Double {
        var total = 0.0
        for (ai, bi) in zip(a, b) where ai != 0 {
            if bi == 0 { return .infinity }
            total += ai * log(ai / bi)
        }
        return total
    }

    /// numpy.trapz(y, x): Σ (x[i+1] − x[i]) · (y[i+1] + y[i]) / 2.
    static func trapezoid(_ x: [Double], _ y: [Double]) -> Double {
        var total = 0.0
        for i in 0..<max(0, x.count - 1) { total += (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2 }
        return total
    }

    static func counts(_ labels: [Int], clusters: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: clusters)
        for label in labels where label >= 0 && label < clusters { counts[label] += 1 }
        return counts
    }

    static func normalised(_ values: [Double]) -> [Double] {
        let sum = values.reduce(0, +)
        return sum > 0 ? values.map { $0 / sum } : values
    }

    /// Scales each row to unit length (sklearn.preprocessing.normalize; zero rows stay zero).
    static func normaliseRows(_ storage: inout [Float], columns: Int) {
        guard columns > 0 else { return }
        for start in stride(from: 0, to: storage.count, by: columns) {
            var sum = 0.0
            for j in start..<(start + columns) { sum += Double(storage[j]) * Double(storage[j]) }
            guard sum > 0 else { continue }
            let scale = 1 / sum.squareRoot()
            for j in start..<(start + columns) { storage[j] = Float(Double(storage[j]) * scale) }
        }
    }

    /// Centres the rows and projects them on the fewest principal components whose cumulative explained
    /// variance ratio reaches `explainedVariance` (sklearn's PCA as mauve-text uses it: `argmax(cumsum ≥ v) + 1`).
    static func project(_ x: Matrix, explainedVariance: Double) throws(EmbeddingDistanceError) -> (Matrix, Int) {
        let d = x.columns
        let pca: PrincipalComponents
        do {
            pca = try PrincipalComponents.fit(x, count: d)
        } catch {
            throw .linearAlgebraFailure(error.description)
        }
        let variances = pca.explainedVariance
        let totalVariance = variances.reduce(0, +)
        guard totalVariance > 0, d > 0 else {
            // every row identical: one coordinate of zeros keeps k-means defined
            return (Matrix(rows: x.rows, columns: 1), 1)
        }
        var cumulative = 0.0
        var kept = d
        for (index, variance) in variances.enumerated() {
            cumulative += variance / totalVariance
            if cumulative >= explainedVariance {
                kept = index + 1
                break
            }
        }
        var basis = [Float](repeating: 0, count: d * kept)
        for c in 0..<kept {
            for j in 0..<d { basis[j * kept + c] = Float(pca.components[c][j]) }
        }
        var centred = x.storage
        for start in stride(from: 0, to: centred.count, by: d) {
            for j in 0..<d { centred[start + j] = Float(Double(centred[start + j]) - pca.mean[j]) }
        }
        let projected =
            (try? makeMatrix(rows: x.rows, columns: d, storage: centred)
                .multiplied(by: makeMatrix(rows: d, columns: kept, storage: basis)))
        return (projected ?? Matrix(rows: x.rows, columns: kept), kept)
    }
}
