import DistributionDistances
import TextTokenization

/// `length_wasserstein`, `length_ks`, `label_js_divergence`, `vocabulary_jaccard`, `oov_rate`: how far a
/// synthetic dataset's tokens-per-row, label and vocabulary distributions sit from the real dataset's.
/// Computed for whole datasets, not per label. The real dataset's own values are its noise floor: the
/// same distances between two seeded halves of it (``NoiseFloorSplit``), what real data gives against
/// real data. Tokens come from the audit's tokenizer; token ids are shared by all datasets of a run.
///
/// - Complexity: O((N + M) log(N + M)) for the lengths, O(T) for T tokens for the vocabulary.
struct DistanceFromRealMetric: MetricFamily {
    let ids: [MetricID] = [
        .lengthWasserstein, .lengthKS, .labelJensenShannon, .vocabularyJaccard, .outOfVocabularyRate,
    ]

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        var rows = context.rows
        let real: (corpus: TokenizedCorpus, labels: [String?])
        if let reference = rows.realReference {
            real = reference
        } else if let seed = rows.noiseFloorSeed, rows.rowCount >= 4 {
            let halves = NoiseFloorSplit.halves(count: rows.rowCount, seed: seed)
            let whole = rows
            rows = whole.subset(halves.a)
            let other = whole.subset(halves.b)
            real = (other.corpus, other.labels)
        } else {
            let reason =
                rows.noiseFloorSeed != nil
                ? "needs four or more rows to split in halves" : "computed for a whole dataset against --real"
            return Dictionary(uniqueKeysWithValues: requested.map { ($0, .unavailable(reason: reason)) })
        }
        let lengths = (0..<rows.corpus.rowCount).map { Double(rows.corpus.length(ofRow: $0)) }
        let realLengths = (0..<real.corpus.rowCount).map { Double(real.corpus.length(ofRow: $0)) }
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            let value: Double?
            switch id {
            case .lengthWasserstein: value = DistributionDistance.wasserstein(lengths, realLengths)
            case .lengthKS: value = DistributionDistance.kolmogorovSmirnov(lengths, realLengths)?.statistic
            case .labelJensenShannon:
                value = DistributionDistance.jensenShannon(Self.counts(rows.labels), Self.counts(real.labels))
            case .vocabularyJaccard:
                value =
                    DistributionDistance.vocabularyOverlap(
                        synthetic: rows.corpus.tokenIDs, real: real.corpus.tokenIDs)?.jaccard
            default:
                value =
                    DistributionDistance.vocabularyOverlap(
                        synthetic: rows.corpus.tokenIDs, real: real.corpus.tokenIDs)?.outOfVocabularyRate
            }
            values[id] = value.map(MetricValue.number) ?? .unavailable(reason: Self.reason(id))
        }
        return values
    }

    private static func reason(_ id: MetricID) -> String {
        switch id {
        case .labelJensenShannon: "needs labelled rows in both datasets"
        case .lengthWasserstein, .lengthKS: "needs rows in both datasets"
        default: "needs tokens in both datasets"
        }
    }

    private static func counts(_ labels: [String?]) -> [String: Int] {
        labels.reduce(into: [:]) { counts, label in if let label { counts[label, default: 0] += 1 } }
    }
}
