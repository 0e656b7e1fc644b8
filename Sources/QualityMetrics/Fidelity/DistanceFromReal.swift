import AuditModel
import AuditPlan
import DistributionDistances
import TextTokenization

extension MetricID {
    /// Wasserstein-1 distance between the synthetic and the real tokens-per-row distributions.
    public static let lengthWasserstein = MetricID("length_wasserstein")
    /// Kolmogorov–Smirnov statistic between the synthetic and the real tokens-per-row distributions.
    public static let lengthKS = MetricID("length_ks")
    /// Jensen–Shannon divergence (base 2) between the synthetic and the real label distributions.
    public static let labelJensenShannon = MetricID("label_js_divergence")
    /// Jaccard overlap of the synthetic and the real vocabularies (token types).
    public static let vocabularyJaccard = MetricID("vocabulary_jaccard")
    /// Share of synthetic token occurrences whose type never occurs in the real data.
    public static let outOfVocabularyRate = MetricID("oov_rate")
}

/// `length_wasserstein`, `length_ks`, `label_js_divergence`, `vocabulary_jaccard`, `oov_rate`: how far a
/// synthetic dataset's tokens-per-row, label and vocabulary distributions sit from the real dataset's.
/// The real dataset's own values are the same distances between two seeded halves of its rows
/// (``DistributionDistances/NoiseFloorSplit``). Tokens come from the audit's tokenizer; token ids are
/// shared by all datasets.
///
/// - Complexity: O((N + M) log(N + M)) for the lengths, O(T) for T tokens for the vocabulary.
enum DistanceFromReal {
    static let descriptors = [
        MetricDescriptor(
            .lengthWasserstein, title: "Length Wasserstein",
            summary: "Wasserstein-1 distance between the tokens-per-row distributions of this and the real dataset",
            direction: .lowerIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md"),
        MetricDescriptor(
            .lengthKS, title: "Length KS",
            summary:
                "Kolmogorov–Smirnov statistic D between the tokens-per-row distributions of this and the real dataset",
            direction: .lowerIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md"),
        MetricDescriptor(
            .labelJensenShannon, title: "Label JS divergence",
            summary: "Jensen–Shannon divergence (base 2) between the label distributions of this and the real dataset",
            direction: .lowerIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md"),
        MetricDescriptor(
            .vocabularyJaccard, title: "Vocabulary overlap",
            summary: "Jaccard overlap of the token types of this and the real dataset",
            direction: .higherIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md"),
        MetricDescriptor(
            .outOfVocabularyRate, title: "Out-of-vocabulary rate",
            summary: "share of token occurrences whose type never occurs in the real dataset",
            direction: .lowerIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md"),
    ]

    /// Each whole dataset's selected distances.
    static func values(_ context: FamilyContext) -> [[MetricID: MetricValue]] {
        let chosen = descriptors.map(\.id).filter(context.wants)
        guard !chosen.isEmpty else { return context.inputs.datasets.map { _ in [:] } }
        let corpora = context.tokens.corpora
        return context.inputs.datasets.indices.map { position in
            let dataset = context.inputs.datasets[position]
            let sides: (corpus: TokenizedCorpus, labels: [String?], real: TokenizedCorpus, realLabels: [String?])
            if let realIndex = context.inputs.realIndex, realIndex != position {
                sides = (
                    corpora[position], dataset.labels, corpora[realIndex], context.inputs.datasets[realIndex].labels
                )
            } else if context.inputs.isReal(position) {
                guard dataset.count >= 4 else {
                    return Dictionary(
                        uniqueKeysWithValues: chosen.map { ($0, .skipped(.tooFewRowsToSplit(needed: 4))) })
                }
                let halves = NoiseFloorSplit.halves(count: dataset.count, seed: context.configuration.seed)
                sides = (
                    corpora[position].selecting(halves.a), halves.a.map { dataset.labels[$0] },
                    corpora[position].selecting(halves.b), halves.b.map { dataset.labels[$0] }
                )
            } else {
                return Dictionary(uniqueKeysWithValues: chosen.map { ($0, .skipped(.noRealDataset(.comparison))) })
            }
            let readsTokens = chosen.contains(.vocabularyJaccard) || chosen.contains(.outOfVocabularyRate)
            let counted = Counts(
                lengths: sides.corpus.lengths, realLengths: sides.real.lengths, labels: counts(sides.labels),
                realLabels: counts(sides.realLabels),
                tokens: readsTokens
                    ? sides.corpus.tokenIDs.reduce(into: [:]) { counts, token in counts[token, default: 0] += 1 } : [:],
                realTokens: readsTokens ? Set(sides.real.tokenIDs) : [])
            return Dictionary(uniqueKeysWithValues: chosen.map { ($0, value($0, counted)) })
        }
    }

    /// What the distances read: from the rows, or from merged shard counts.
    struct Counts<Token: Hashable> {
        /// Tokens per row of each side.
        var lengths: [Int]
        /// See ``lengths``.
        var realLengths: [Int]
        /// Rows per label of each side.
        var labels: [String: Int]
        /// See ``labels``.
        var realLabels: [String: Int]
        /// Occurrences per token type of the compared side.
        var tokens: [Token: Int]
        /// The real side's token types.
        var realTokens: Set<Token>
    }

    /// The distance `id` between the two sides of `counts`.
    ///
    /// - Complexity: O((N + M) log(N + M)) for the lengths, O(types) for the vocabulary.
    static func value<Token>(_ id: MetricID, _ counts: Counts<Token>) -> MetricValue {
        let value: Double?
        switch id {
        case .lengthWasserstein:
            value = DistributionDistance.wasserstein(
                counts.lengths.map(Double.init), counts.realLengths.map(Double.init))
        case .lengthKS:
            value =
                DistributionDistance.kolmogorovSmirnov(
                    counts.lengths.map(Double.init), counts.realLengths.map(Double.init))?.statistic
        case .labelJensenShannon: value = DistributionDistance.jensenShannon(counts.labels, counts.realLabels)
        case .vocabularyJaccard:
            value =
                DistributionDistance.vocabularyOverlap(syntheticCounts: counts.tokens, realTypes: counts.realTokens)?
                .jaccard
        default:
            value =
                DistributionDistance.vocabularyOverlap(syntheticCounts: counts.tokens, realTypes: counts.realTokens)?
                .outOfVocabularyRate
        }
        return value.map(MetricValue.number) ?? .skipped(reason(id))
    }

    private static func reason(_ id: MetricID) -> SkipReason {
        switch id {
        case .labelJensenShannon: .needsLabelsInBothDatasets
        case .lengthWasserstein, .lengthKS: .needsRowsInBothDatasets
        default: .needsTokensInBothDatasets
        }
    }

    private static func counts(_ labels: [String?]) -> [String: Int] {
        labels.reduce(into: [:]) { counts, label in if let label { counts[label, default: 0] += 1 } }
    }
}
