import Foundation

/// The tokens that most distinguish a synthetic token stream from a real one: the weighted log-odds ratio
/// with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", §3.5, eq. 16–22).
/// Card: `Metrics/discriminator.md`.
///
/// **Definition.** With yʷˢ, yʷʳ the counts of token w in the synthetic and the real stream, nˢ, nʳ the
/// streams' lengths, yʷ = yʷˢ + yʷʳ and n = nˢ + nʳ the pooled count and length, the prior is the pooled
/// distribution scaled to a total α0: αʷ = α0 · yʷ / n. Then
///
///     δʷ = log((yʷˢ + αʷ) / (nˢ + α0 − yʷˢ − αʷ)) − log((yʷʳ + αʷ) / (nʳ + α0 − yʷʳ − αʷ))
///     σ²(δʷ) ≈ 1 / (yʷˢ + αʷ) + 1 / (yʷʳ + αʷ)
///     zʷ = δʷ / σ(δʷ)
///
/// z > 0: the token is more frequent in the synthetic stream than the prior-smoothed real rate explains;
/// z < 0: real-leaning. The prior shrinks rare tokens' log-odds towards 0, so, unlike a raw frequency ratio,
/// a token seen three times in one stream and never in the other does not top the list.
///
/// **Prior.** ``Prior/pooledTotal`` (the default): α0 = n, so αʷ = yʷ — the pooled counts themselves are the
/// prior, a strong prior that ranks by evidence (frequent tokens with a clear difference first).
/// ``Prior/total(_:)`` sets α0 directly (e.g. 1 000 for a weaker prior on large streams).
///
/// **Scope.** Only tokens that occur in at least one stream are scored (yʷ ≥ 1, so αʷ > 0). A token whose
/// denominator nˢ + α0 − yʷˢ − αʷ (or the real one) is 0 — possible only when the pooled vocabulary has a
/// single token — has no finite log-odds and is left out.
public enum DiscriminativeTerms {
    /// The Dirichlet prior's total α0.
    public enum Prior: Sendable, Equatable {
        /// α0 = the pooled number of tokens n (αʷ = yʷ). The default.
        case pooledTotal
        /// α0 = the given positive, finite value.
        case total(Double)
    }

    /// One scored token.
    public struct Term: Sendable, Equatable {
        /// The token id (as in `TokenizedCorpus.tokenIDs`).
        public let token: UInt32
        /// zʷ = δʷ / σ(δʷ): positive = synthetic-leaning.
        public let zScore: Double
        /// δʷ, the prior-smoothed log-odds ratio (synthetic over real), natural log.
        public let logOddsRatio: Double
        /// σ²(δʷ) ≈ 1/(yʷˢ + αʷ) + 1/(yʷʳ + αʷ).
        public let variance: Double
        /// The prior pseudo-count αʷ = α0 · yʷ / n.
        public let prior: Double
        /// yʷˢ, occurrences in the synthetic stream.
        public let syntheticCount: Int
        /// yʷʳ, occurrences in the real stream.
        public let realCount: Int
    }

    /// The most synthetic-leaning and most real-leaning tokens.
    public struct Result: Sendable, Equatable {
        /// Up to `limit` tokens with z > 0, by z descending (ties: smaller token id first).
        public let syntheticLeaning: [Term]
        /// Up to `limit` tokens with z < 0, by z ascending, i.e. most real-leaning first (ties: smaller id first).
        public let realLeaning: [Term]
        /// nˢ, tokens in the synthetic stream.
        public let syntheticTokens: Int
        /// nʳ, tokens in the real stream.
        public let realTokens: Int
        /// The α0 used.
        public let priorTotal: Double
    }

    /// Every token that occurs in either stream, scored, in ascending token id order.
    ///
    /// - Throws: ``DistributionDistancesError/emptyTokenStream(side:)``,
    ///   ``DistributionDistancesError/invalidPriorTotal(_:)``.
    /// - Complexity: O(nˢ + nʳ) expected time for the counts, O(V log V) for the V distinct tokens' order;
    ///   O(V) memory.
    public static func scores(
        synthetic: [UInt32], real: [UInt32], prior: Prior = .pooledTotal
    ) throws(DistributionDistancesError) -> [Term] {
        try compute(synthetic: synthetic, real: real, prior: prior).terms
    }

    /// The `limit` most synthetic-leaning and the `limit` most real-leaning tokens (see ``Result``).
    ///
    /// - Throws: as ``scores(synthetic:real:prior:)``, and ``DistributionDistancesError/invalidLimit(_:)``.
    /// - Complexity: O(nˢ + nʳ + V log V) time, O(V) memory.
    public static func top(
        synthetic: [UInt32], real: [UInt32], limit: Int = 20, prior: Prior = .pooledTotal
    ) throws(DistributionDistancesError) -> Result {
        guard limit >= 0 else { throw .invalidLimit(limit) }
        let (terms, total) = try compute(synthetic: synthetic, real: real, prior: prior)
        let syntheticSide = terms.filter { $0.zScore > 0 }.sorted {
            $0.zScore > $1.zScore || ($0.zScore == $1.zScore && $0.token < $1.token)
        }
        let realSide = terms.filter { $0.zScore < 0 }.sorted {
            $0.zScore < $1.zScore || ($0.zScore == $1.zScore && $0.token < $1.token)
        }
        return Result(
            syntheticLeaning: Array(syntheticSide.prefix(limit)), realLeaning: Array(realSide.prefix(limit)),
            syntheticTokens: synthetic.count, realTokens: real.count, priorTotal: total)
    }

    private static func compute(
        synthetic: [UInt32], real: [UInt32], prior: Prior
    ) throws(DistributionDistancesError) -> (terms: [Term], total: Double) {
        guard !synthetic.isEmpty else { throw .emptyTokenStream(side: "synthetic") }
        guard !real.isEmpty else { throw .emptyTokenStream(side: "real") }
        let pooled = Double(synthetic.count) + Double(real.count)
        let alpha0: Double
        switch prior {
        case .pooledTotal: alpha0 = pooled
        case .total(let value):
            guard value.isFinite && value > 0 else { throw .invalidPriorTotal(value) }
            alpha0 = value
        }
        var counts = [UInt32: (synthetic: Int, real: Int)]()
        for token in synthetic { counts[token, default: (0, 0)].synthetic += 1 }
        for token in real { counts[token, default: (0, 0)].real += 1 }
        let ns = Double(synthetic.count)
        let nr = Double(real.count)
        var terms: [Term] = []
        terms.reserveCapacity(counts.count)
        for token in counts.keys.sorted() {
            guard let (ys, yr) = counts[token] else { continue }
            let a = alpha0 * Double(ys + yr) / pooled
            let s = Double(ys) + a
            let r = Double(yr) + a
            let sRest = ns + alpha0 - Double(ys) - a
            let rRest = nr + alpha0 - Double(yr) - a
            guard sRest > 0, rRest > 0 else { continue }
            let delta = log(s / sRest) - log(r / rRest)
            let variance = 1 / s + 1 / r
            let z = delta / variance.squareRoot()
            guard z.isFinite else { continue }
            terms.append(
                Term(
                    token: token, zScore: z, logOddsRatio: delta, variance: variance, prior: a, syntheticCount: ys,
                    realCount: yr))
        }
        return (terms, alpha0)
    }
}
