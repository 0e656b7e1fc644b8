/// Every metric Assay knows, in display order.
public enum MetricCatalog {
    /// All descriptors, in the order of ``MetricID/allCases``.
    public static let all: [MetricDescriptor] = MetricID.allCases.map(makeDescriptor)

    /// The descriptor of `id`.
    public static func descriptor(for id: MetricID) -> MetricDescriptor {
        makeDescriptor(id)
    }

    /// Parses a comma-separated list of metric ids (`distinct_2,self_bleu_4`), keeping catalogue order
    /// and dropping repeats. An unknown id is reported with the closest known ids as suggestions.
    public static func parseSelection(_ list: String) throws(MetricSelectionError) -> [MetricID] {
        var selected = Set<MetricID>()
        for part in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(part.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            guard !name.isEmpty else { throw .empty }
            guard let id = MetricID(rawValue: name) else {
                throw .unknown(name, suggestions: suggestions(for: name))
            }
            selected.insert(id)
        }
        return MetricID.allCases.filter(selected.contains)
    }

    /// Known ids close to `name` (same prefix or within edit distance 2), best first, at most three.
    public static func suggestions(for name: String) -> [String] {
        var scored: [(id: String, distance: Int)] = []
        for id in MetricID.allCases.map(\.rawValue) {
            let distance = editDistance(name, id)
            if distance <= 2 || id.hasPrefix(name) { scored.append((id, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
        return scored.prefix(3).map(\.id)
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    private static func makeDescriptor(_ id: MetricID) -> MetricDescriptor {
        switch id {
        case .distinct1, .distinct2, .distinct3, .distinct4:
            let n = distinctOrder(id)
            return MetricDescriptor(
                id: id, title: "Distinct-\(n)",
                summary: "distinct \(n)-grams divided by all \(n)-grams in the dataset (corpus-level)",
                direction: .higherIsBetter, dimension: .diversity, card: "Metrics/distinct-n.md")
        case .selfBLEU2, .selfBLEU3, .selfBLEU4:
            let n = selfBLEUOrder(id)
            return MetricDescriptor(
                id: id, title: "Self-BLEU-\(n)",
                summary: "mean BLEU-\(n) of each row against all other rows (NLTK semantics, smoothing method1)",
                direction: .lowerIsBetter, dimension: .diversity, card: "Metrics/self-bleu.md")
        case .exactDuplicateRate:
            return MetricDescriptor(
                id: id, title: "Exact duplicate rate",
                summary: "share of rows whose normalised text already occurred earlier in the dataset",
                direction: .lowerIsBetter, dimension: .diversity, card: "Metrics/exact-duplicate-rate.md")
        case .remoteClique:
            return MetricDescriptor(
                id: id, title: "Remote-Clique",
                summary: "mean cosine distance between the embeddings of all pairs of distinct rows",
                direction: .higherIsBetter, dimension: .diversity, card: "Metrics/remote-clique.md")
        case .chamfer:
            return MetricDescriptor(
                id: id, title: "Chamfer distance",
                summary: "mean cosine distance from each row's embedding to its nearest other row",
                direction: .higherIsBetter, dimension: .diversity, card: "Metrics/chamfer.md")
        case .vendi:
            return MetricDescriptor(
                id: id, title: "Vendi score",
                summary: "effective number of distinct rows (cosine kernel, eigenvalue entropy)",
                direction: .higherIsBetter, dimension: .diversity, card: "Metrics/vendi.md")
        case .nearDuplicateRate:
            return MetricDescriptor(
                id: id, title: "Near-duplicate rate",
                summary: "share of rows whose nearest other row has cosine similarity at or above the threshold",
                direction: .lowerIsBetter, dimension: .diversity, card: "Metrics/near-duplicates.md")
        case .realCopyRate:
            return MetricDescriptor(
                id: id, title: "Real copy rate",
                summary:
                    "share of synthetic rows whose nearest real row has cosine similarity at or above the threshold",
                direction: .lowerIsBetter, dimension: .memorisation, card: "Metrics/real-copies.md")
        case .realExactCopyRate:
            return MetricDescriptor(
                id: id, title: "Real exact copy rate",
                summary: "share of synthetic rows whose normalised text is a real row's",
                direction: .lowerIsBetter, dimension: .memorisation, card: "Metrics/real-copies.md")
        case .krippendorffAlpha:
            return MetricDescriptor(
                id: id, title: "Krippendorff's α",
                summary: "agreement between the raters of each row beyond chance (nominal; 1 perfect, 0 chance)",
                direction: .higherIsBetter, dimension: .labels, card: "Metrics/agreement.md")
        case .fleissKappa:
            return MetricDescriptor(
                id: id, title: "Fleiss' κ",
                summary: "agreement beyond chance when every row has the same number of raters",
                direction: .higherIsBetter, dimension: .labels, card: "Metrics/agreement.md")
        case .percentAgreement:
            return MetricDescriptor(
                id: id, title: "Percent agreement",
                summary: "share of rater pairs that agree, averaged over rows (not chance-corrected)",
                direction: .higherIsBetter, dimension: .labels, card: "Metrics/agreement.md")
        case .cohenKappa:
            return MetricDescriptor(
                id: id, title: "Cohen's κ",
                summary: "agreement beyond chance between two label fields (--compare-labels), e.g. label vs LLM judge",
                direction: .higherIsBetter, dimension: .labels, card: "Metrics/agreement.md")
        case .labelFidelity:
            return MetricDescriptor(
                id: id, title: "Label fidelity",
                summary: "share of rows whose label the classifier trained on the real data also predicts",
                direction: .higherIsBetter, dimension: .labels, card: "Metrics/label-fidelity.md")
        case .invalidLabelRate:
            return MetricDescriptor(
                id: id, title: "Invalid label rate",
                summary: "share of labelled rows whose label is not in the real label set",
                direction: .lowerIsBetter, dimension: .labels, card: "Metrics/label-fidelity.md")
        case .tstrAccuracy:
            return MetricDescriptor(
                id: id, title: "TSTR accuracy",
                summary: "accuracy on real held-out rows of a classifier trained on this dataset",
                direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md")
        case .tstrMacroF1:
            return MetricDescriptor(
                id: id, title: "TSTR macro-F1",
                summary: "macro-F1 on real held-out rows of a classifier trained on this dataset",
                direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md")
        case .trtrAccuracy:
            return MetricDescriptor(
                id: id, title: "TRTR accuracy",
                summary: "accuracy on the same rows of a classifier trained on the real training rows",
                direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md")
        case .trtrMacroF1:
            return MetricDescriptor(
                id: id, title: "TRTR macro-F1",
                summary: "macro-F1 on the same rows of a classifier trained on the real training rows",
                direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md")
        case .tstrRatio:
            return MetricDescriptor(
                id: id, title: "TSTR / TRTR",
                summary: "tstr_macro_f1 divided by trtr_macro_f1: the share of the real data's usefulness reached",
                direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md")
        case .instanceSubjectivityMean:
            return MetricDescriptor(
                id: id, title: "Instance subjectivity",
                summary: "mean over rows of 1 − the majority label's share among the row's raters",
                direction: .closerToRealIsBetter, dimension: .subjectivity, card: "Metrics/subjectivity.md")
        case .estimatedSubjectivityMean:
            return MetricDescriptor(
                id: id, title: "Estimated subjectivity",
                summary: "mean over rows of 1 − the majority label's share among the 10 nearest labelled real rows",
                direction: .closerToRealIsBetter, dimension: .subjectivity, card: "Metrics/subjectivity.md")
        case .highlySubjectiveRate:
            return MetricDescriptor(
                id: id, title: "Highly subjective rows",
                summary: "share of rows whose instance subjectivity is 0.3 or more",
                direction: .closerToRealIsBetter, dimension: .subjectivity, card: "Metrics/subjectivity.md")
        case .subjectivityTask:
            return MetricDescriptor(
                id: id, title: "Task subjectivity",
                summary: "1 − Krippendorff's α when every dataset has raters, else the mean estimated subjectivity",
                direction: .closerToRealIsBetter, dimension: .subjectivity, card: "Metrics/subjectivity.md")
        case .lengthWasserstein:
            return MetricDescriptor(
                id: id, title: "Length Wasserstein",
                summary: "Wasserstein-1 distance between the tokens-per-row distributions of this and the real dataset",
                direction: .lowerIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md")
        case .lengthKS:
            return MetricDescriptor(
                id: id, title: "Length KS",
                summary:
                    "Kolmogorov–Smirnov statistic D between the tokens-per-row distributions of this and the real dataset",
                direction: .lowerIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md")
        case .labelJensenShannon:
            return MetricDescriptor(
                id: id, title: "Label JS divergence",
                summary:
                    "Jensen–Shannon divergence (base 2) between the label distributions of this and the real dataset",
                direction: .lowerIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md")
        case .vocabularyJaccard:
            return MetricDescriptor(
                id: id, title: "Vocabulary overlap",
                summary: "Jaccard overlap of the token types of this and the real dataset",
                direction: .higherIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md")
        case .outOfVocabularyRate:
            return MetricDescriptor(
                id: id, title: "Out-of-vocabulary rate",
                summary: "share of token occurrences whose type never occurs in the real dataset",
                direction: .lowerIsBetter, dimension: .distance, card: "Metrics/distribution-distances.md")
        case .naturalness:
            return MetricDescriptor(
                id: id, title: "Naturalness",
                summary:
                    "mean over rows of how typical of real rows its perplexity is (two-sided percentile), halved per artefact",
                direction: .higherIsBetter, dimension: .naturalness, card: "Metrics/naturalness.md")
        case .perplexityRealLM:
            return MetricDescriptor(
                id: id, title: "Perplexity (real-data LM)",
                summary: "perplexity under a modified Kneser–Ney 4-gram model of the real data (real rows held out)",
                direction: .closerToRealIsBetter, dimension: .naturalness, card: "Metrics/perplexity.md")
        case .artefactRate:
            return MetricDescriptor(
                id: id, title: "Artefact rate",
                summary: "share of rows with at least one LLM artefact flag (boilerplate, refusal, leakage, quotes, …)",
                direction: .lowerIsBetter, dimension: .naturalness, card: "Metrics/artefacts.md")
        case .boilerplateRate, .refusalRate, .promptLeakageRate, .wrappedInQuotesRate, .truncatedRate,
            .repeatedNGramsRate, .tooShortRate, .markupRate:
            let kind = ArtefactMetric.kind(of: id)
            return MetricDescriptor(
                id: id, title: ArtefactMetric.title(of: kind),
                summary: "share of rows flagged \(kind.rawValue): \(ArtefactMetric.summary(of: kind))",
                direction: .lowerIsBetter, dimension: .naturalness, card: "Metrics/artefacts.md")
        case .openingTemplateShare:
            return MetricDescriptor(
                id: id, title: "Opening template share",
                summary: "share of rows starting with the dataset's most common 3-token opening",
                direction: .lowerIsBetter, dimension: .naturalness, card: "Metrics/artefacts.md")
        case .discriminatorAUC:
            return MetricDescriptor(
                id: id, title: "Discriminator AUC",
                summary:
                    "cross-validated ROC AUC of a logistic regression telling these embeddings from the real ones (0.5: indistinguishable)",
                direction: .lowerIsBetter, dimension: .distance, card: "Metrics/discriminator.md")
        case .mauve:
            return MetricDescriptor(
                id: id, title: "MAUVE",
                summary:
                    "area under the divergence frontier of k-means histograms of these and the real embeddings (1: same)",
                direction: .higherIsBetter, dimension: .distance, card: "Metrics/mauve.md")
        case .embeddingPrecision:
            return MetricDescriptor(
                id: id, title: "Embedding precision",
                summary: "share of rows inside some real row's 5-nearest-neighbour ball (realism)",
                direction: .higherIsBetter, dimension: .distance, card: "Metrics/precision-recall.md")
        case .embeddingRecall:
            return MetricDescriptor(
                id: id, title: "Embedding recall",
                summary:
                    "share of real rows inside some row's 5-nearest-neighbour ball (how much of the real data is reached)",
                direction: .higherIsBetter, dimension: .distance, card: "Metrics/precision-recall.md")
        case .embeddingDensity:
            return MetricDescriptor(
                id: id, title: "Embedding density",
                summary: "mean number of real 5-NN balls a row lies in, over 5 (about 1 for real-like rows)",
                direction: .closerToRealIsBetter, dimension: .distance, card: "Metrics/precision-recall.md")
        case .embeddingCoverage:
            return MetricDescriptor(
                id: id, title: "Embedding coverage",
                summary: "share of real rows whose 5-nearest-neighbour ball holds one of these rows",
                direction: .higherIsBetter, dimension: .distance, card: "Metrics/precision-recall.md")
        case .meanTokens:
            return MetricDescriptor(
                id: id, title: "Mean tokens",
                summary: "mean number of tokens per row",
                direction: .closerToRealIsBetter, dimension: .statistics, card: "Metrics/token-statistics.md")
        case .medianTokens:
            return MetricDescriptor(
                id: id, title: "Median tokens",
                summary: "median number of tokens per row",
                direction: .closerToRealIsBetter, dimension: .statistics, card: "Metrics/token-statistics.md")
        }
    }

    /// The n of a distinct-n metric.
    static func distinctOrder(_ id: MetricID) -> Int {
        switch id {
        case .distinct1: 1
        case .distinct2: 2
        case .distinct3: 3
        default: 4
        }
    }

    /// The n of a self-BLEU-n metric.
    static func selfBLEUOrder(_ id: MetricID) -> Int {
        switch id {
        case .selfBLEU2: 2
        case .selfBLEU3: 3
        default: 4
        }
    }
}
