import Foundation

/// Distances between a synthetic and a real sample of the same quantity: numeric samples (token lengths,
/// scores), categorical counts (labels) and token streams (vocabulary).
///
/// Every function returns `nil` instead of trapping when its value is undefined for the input (an empty
/// sample, a non-finite number, a negative count). Wasserstein, KS and Jensen–Shannon are symmetric;
/// the vocabulary overlap's out-of-vocabulary rate is not. Read every value beside a real-vs-real noise
/// floor (``NoiseFloorSplit``). Card: `Metrics/distribution-distances.md`.
public enum DistributionDistance {
    /// The 1-D Wasserstein-1 (earth mover's) distance between the empirical distributions of `a` and `b`:
    ///
    ///     W₁ = ∫ |F_a(x) − F_b(x)| dx = Σ_k |F_a(z_k) − F_b(z_k)| · (z_{k+1} − z_k)
    ///
    /// over the sorted pooled values z_1 ≤ … ≤ z_{n+m}, with F the right-continuous empirical CDF
    /// (F_a(z) = #{aᵢ ≤ z} / n). Ties need no special handling (zero-width steps add nothing). In the
    /// unit of the data; symmetric; 0 exactly when both samples have the same empirical distribution.
    /// Equals `scipy.stats.wasserstein_distance(a, b)` (same formula, same summation order).
    ///
    /// - Returns: `nil` when either sample is empty or holds a NaN or an infinity.
    /// - Complexity: O((n + m) log(n + m)) for the sorts, O(n + m) memory.
    public static func wasserstein(_ a: [Double], _ b: [Double]) -> Double? {
        guard let (x, y) = sortedFinite(a, b) else { return nil }
        let pooled = merged(x, y)
        let n = Double(x.count)
        let m = Double(y.count)
        var i = 0
        var j = 0
        var total = 0.0
        for k in 0..<(pooled.count - 1) {
            let z = pooled[k]
            while i < x.count, x[i] <= z { i += 1 }
            while j < y.count, y[j] <= z { j += 1 }
            total += abs(Double(i) / n - Double(j) / m) * (pooled[k + 1] - z)
        }
        return total
    }

    /// The two-sample Kolmogorov–Smirnov statistic and its p-value (two-sided).
    ///
    /// D = sup_z |F_a(z) − F_b(z)|, the largest gap between the two right-continuous empirical CDFs,
    /// evaluated at every pooled value (ties are handled by the CDFs' jumps; D ∈ [0, 1]). The p-value is
    /// the one `scipy.stats.ks_2samp(a, b, method="asymp")` gives (SciPy ≥ 1.5): with m ≥ n the two
    /// sample sizes and ñ = round(m·n / (m + n)) (half to even), p = `scipy.stats.kstwo.sf(D, ñ)`, the
    /// exact survival function of the one-sample two-sided KS distribution Dₙ at n = ñ (Simard &
    /// L'Ecuyer 2011; see ``KolmogorovDistribution``), clipped to [0, 1]. For large ñ it tends to the
    /// Kolmogorov limit Q(√ñ·D) = 2 Σ (−1)^{k−1} e^{−2k²ñD²}.
    ///
    /// - Returns: `nil` when either sample is empty or holds a NaN or an infinity, and when both have one
    ///   element (ñ = round(0.5) = 0: SciPy's p-value is NaN there).
    /// - Complexity: O((n + m) log(n + m)) for the statistic; the p-value costs at most O(ñ) (and for
    ///   ñ ≤ 140, or ñ·D^1.5 ≤ 1.4 up to ñ = 100 000, a matrix power of order ≤ 2⌈ñD⌉ − 1).
    public static func kolmogorovSmirnov(_ a: [Double], _ b: [Double]) -> (statistic: Double, pValue: Double)? {
        guard let (x, y) = sortedFinite(a, b) else { return nil }
        let n1 = Double(x.count)
        let n2 = Double(y.count)
        // The largest positive and negative gap over the pooled values, as SciPy forms them
        // (searchsorted(…, 'right') / n, then the difference).
        var maxDiff = -Double.infinity
        var minDiff = Double.infinity
        var i = 0
        var j = 0
        for z in merged(x, y) {
            while i < x.count, x[i] <= z { i += 1 }
            while j < y.count, y[j] <= z { j += 1 }
            let diff = Double(i) / n1 - Double(j) / n2
            maxDiff = max(maxDiff, diff)
            minDiff = min(minDiff, diff)
        }
        let minS = min(max(-minDiff, 0), 1)
        let d = minS > maxDiff ? minS : maxDiff
        let large = max(n1, n2)
        let small = min(n1, n2)
        let en = (large * small / (large + small)).rounded(.toNearestOrEven)
        guard en >= 1 else { return nil }
        let p = KolmogorovDistribution.survival(d, n: Int(en))
        return (d, min(max(p, 0), 1))
    }

    /// The Jensen–Shannon divergence, base 2, between two categorical distributions given as counts.
    ///
    /// Over the union K of both key sets (a key missing on one side counts 0 there), P = p / Σp,
    /// Q = q / Σq, M = (P + Q) / 2 and
    ///
    ///     JS = ½ Σ_k P_k log₂(P_k / M_k) + ½ Σ_k Q_k log₂(Q_k / M_k)     (terms with P_k = 0 are 0)
    ///
    /// In [0, 1]: 0 for proportional counts, 1 for disjoint supports. Symmetric. Its square root is a
    /// metric (the Jensen–Shannon distance). Equals `scipy.spatial.distance.jensenshannon(p, q, base=2)
    /// ** 2` over the keys in sorted order. Keys with a zero count on both sides change nothing.
    ///
    /// - Returns: `nil` when a count is negative or either side's total is 0 (including no keys).
    /// - Complexity: O(K log K) for K distinct keys (sorted for a deterministic summation order).
    public static func jensenShannon(_ p: [String: Int], _ q: [String: Int]) -> Double? {
        guard p.values.allSatisfy({ $0 >= 0 }), q.values.allSatisfy({ $0 >= 0 }) else { return nil }
        let keys = Set(p.keys).union(q.keys).sorted()
        let pTotal = keys.reduce(0.0) { $0 + Double(p[$1] ?? 0) }
        let qTotal = keys.reduce(0.0) { $0 + Double(q[$1] ?? 0) }
        guard pTotal > 0, qTotal > 0 else { return nil }
        var left = 0.0
        var right = 0.0
        for key in keys {
            let pk = Double(p[key] ?? 0) / pTotal
            let qk = Double(q[key] ?? 0) / qTotal
            let mk = (pk + qk) / 2
            if pk > 0 { left += pk * log(pk / mk) }
            if qk > 0 { right += qk * log(qk / mk) }
        }
        let js = (left + right) / log(2.0) / 2
        return min(max(js, 0), 1)
    }

    /// How much of the synthetic vocabulary the real data know.
    ///
    /// With V_s and V_r the sets of token types of `synthetic` and `real`:
    /// - `jaccard` = |V_s ∩ V_r| / |V_s ∪ V_r| ∈ [0, 1], over types (each distinct token once);
    /// - `outOfVocabularyRate` = #{token occurrences t of `synthetic` with t ∉ V_r} / |synthetic| ∈ [0, 1],
    ///   over occurrences (a repeated unknown token counts every time). Not symmetric.
    ///
    /// - Returns: `nil` when either sequence is empty.
    /// - Complexity: O(|synthetic| + |real|) expected time, O(|V_s| + |V_r|) memory.
    public static func vocabularyOverlap<T: Hashable>(synthetic: [T], real: [T]) -> (
        jaccard: Double, outOfVocabularyRate: Double
    )? {
        vocabularyOverlap(
            syntheticCounts: synthetic.reduce(into: [:]) { counts, token in counts[token, default: 0] += 1 },
            realTypes: Set(real))
    }

    /// ``vocabularyOverlap(synthetic:real:)`` from how often each synthetic token type occurs and the set of
    /// real token types (counts that are not positive are ignored).
    ///
    /// - Returns: `nil` when either side has no tokens.
    /// - Complexity: O(|V_s|) expected time.
    public static func vocabularyOverlap<T: Hashable>(syntheticCounts: [T: Int], realTypes: Set<T>) -> (
        jaccard: Double, outOfVocabularyRate: Double
    )? {
        var types = 0
        var shared = 0
        var occurrences = 0
        var unknown = 0
        for (type, count) in syntheticCounts where count > 0 {
            types += 1
            occurrences += count
            if realTypes.contains(type) { shared += 1 } else { unknown += count }
        }
        guard occurrences > 0, !realTypes.isEmpty else { return nil }
        let union = types + realTypes.count - shared
        return (Double(shared) / Double(union), Double(unknown) / Double(occurrences))
    }

    /// Both samples sorted ascending, or `nil` when either is empty or holds a non-finite value.
    static func sortedFinite(_ a: [Double], _ b: [Double]) -> ([Double], [Double])? {
        guard !a.isEmpty, !b.isEmpty, a.allSatisfy(\.isFinite), b.allSatisfy(\.isFinite) else { return nil }
        return (a.sorted(), b.sorted())
    }

    /// The merge of two ascending arrays.
    static func merged(_ x: [Double], _ y: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(x.count + y.count)
        var i = 0
        var j = 0
        while i < x.count || j < y.count {
            if j == y.count || (i < x.count && x[i] <= y[j]) {
                result.append(x[i])
                i += 1
            } else {
                result.append(y[j])
                j += 1
            }
        }
        return result
    }
}
