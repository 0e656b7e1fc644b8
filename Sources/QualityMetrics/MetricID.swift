/// The stable identifier of a metric. The raw values are part of the JSON contract: never rename one.
public enum MetricID: String, Sendable, CaseIterable, Codable, Hashable, Comparable {
    /// Distinct unigrams / all unigrams over the dataset.
    case distinct1 = "distinct_1"
    /// Distinct bigrams / all bigrams over the dataset.
    case distinct2 = "distinct_2"
    /// Distinct trigrams / all trigrams over the dataset.
    case distinct3 = "distinct_3"
    /// Distinct 4-grams / all 4-grams over the dataset.
    case distinct4 = "distinct_4"
    /// Mean BLEU-2 of each row against all other rows.
    case selfBLEU2 = "self_bleu_2"
    /// Mean BLEU-3 of each row against all other rows.
    case selfBLEU3 = "self_bleu_3"
    /// Mean BLEU-4 of each row against all other rows.
    case selfBLEU4 = "self_bleu_4"
    /// Share of rows whose normalised text occurs earlier in the dataset.
    case exactDuplicateRate = "exact_duplicate_rate"
    /// Mean cosine distance over all pairs of distinct rows' embeddings.
    case remoteClique = "remote_clique"
    /// Mean cosine distance from each row's embedding to its nearest other row's.
    case chamfer
    /// Vendi score with the cosine kernel: the effective number of distinct rows.
    case vendi
    /// Share of rows whose nearest other row is at least the near-duplicate threshold similar.
    case nearDuplicateRate = "near_duplicate_rate"
    /// Share of synthetic rows whose nearest real row is at least the near-duplicate threshold similar.
    case realCopyRate = "real_copy_rate"
    /// Share of synthetic rows whose normalised text is a real row's.
    case realExactCopyRate = "real_exact_copy_rate"
    /// Krippendorff's alpha (nominal) between the raters of each row.
    case krippendorffAlpha = "krippendorff_alpha"
    /// Fleiss' kappa between the raters of each row (every row rated by the same number of raters).
    case fleissKappa = "fleiss_kappa"
    /// Share of agreeing rater pairs, averaged over rows with two or more ratings.
    case percentAgreement = "percent_agreement"
    /// Cohen's kappa between two label fields (`--compare-labels`).
    case cohenKappa = "cohen_kappa"
    /// Share of rows whose label the classifier trained on the real data also predicts.
    case labelFidelity = "label_fidelity"
    /// Share of labelled rows whose label is not in the real label set.
    case invalidLabelRate = "invalid_label_rate"
    /// Mean over rows with two or more raters of 1 − the majority label's share of their votes.
    case instanceSubjectivityMean = "instance_subjectivity_mean"
    /// Mean over rows of 1 − the majority label's share among the labels of the nearest real rows.
    case estimatedSubjectivityMean = "estimated_subjectivity_mean"
    /// Share of rows whose instance subjectivity is at least the highly-subjective threshold.
    case highlySubjectiveRate = "highly_subjective_rate"
    /// One number for the task's subjectivity: 1 − alpha with annotations, else the mean estimated
    /// instance subjectivity.
    case subjectivityTask = "subjectivity_task"
    /// Accuracy on the real held-out rows of a classifier trained on this dataset.
    case tstrAccuracy = "tstr_accuracy"
    /// Macro-F1 on the real held-out rows of a classifier trained on this dataset.
    case tstrMacroF1 = "tstr_macro_f1"
    /// Accuracy on the real held-out rows of a classifier trained on the real training rows.
    case trtrAccuracy = "trtr_accuracy"
    /// Macro-F1 on the real held-out rows of a classifier trained on the real training rows.
    case trtrMacroF1 = "trtr_macro_f1"
    /// `tstr_macro_f1` / `trtr_macro_f1`.
    case tstrRatio = "tstr_ratio"
    /// Wasserstein-1 distance between the synthetic and the real tokens-per-row distributions.
    case lengthWasserstein = "length_wasserstein"
    /// Kolmogorov–Smirnov statistic between the synthetic and the real tokens-per-row distributions.
    case lengthKS = "length_ks"
    /// Jensen–Shannon divergence (base 2) between the synthetic and the real label distributions.
    case labelJensenShannon = "label_js_divergence"
    /// Jaccard overlap of the synthetic and the real vocabularies (token types).
    case vocabularyJaccard = "vocabulary_jaccard"
    /// Share of synthetic token occurrences whose type never occurs in the real data.
    case outOfVocabularyRate = "oov_rate"
    /// Mean per-row naturalness: how typical of real rows its perplexity is, halved per artefact.
    case naturalness
    /// Token-weighted perplexity under an n-gram language model of the real data (held out for the real rows).
    case perplexityRealLM = "perplexity_real_lm"
    /// Share of rows with at least one artefact flag (any rule of `Metrics/artefacts.md`).
    case artefactRate = "artefact_rate"
    /// Share of rows flagged for assistant boilerplate ("Sure! Here is…").
    case boilerplateRate = "boilerplate_rate"
    /// Share of rows flagged as a refusal or an AI self-reference.
    case refusalRate = "refusal_rate"
    /// Share of rows flagged for prompt or format leakage ("Label:", "Tweet 3:", "1.").
    case promptLeakageRate = "prompt_leakage_rate"
    /// Share of rows wrapped whole in one pair of quotes.
    case wrappedInQuotesRate = "wrapped_in_quotes_rate"
    /// Share of rows flagged as cut off.
    case truncatedRate = "truncated_rate"
    /// Share of rows repeating a word 3-gram three times or a sentence twice.
    case repeatedNGramsRate = "repeated_ngrams_rate"
    /// Share of rows with fewer than three words.
    case tooShortRate = "too_short_rate"
    /// Share of rows with markup left over (HTML, Markdown, code fences, escaped newlines).
    case markupRate = "markup_rate"
    /// Share of rows that start with the dataset's most common 3-token opening.
    case openingTemplateShare = "opening_template_share"
    /// Cross-validated ROC AUC of a classifier telling this dataset's embeddings from the real ones (0.5: indistinguishable).
    case discriminatorAUC = "discriminator_auc"
    /// MAUVE between this dataset's and the real embeddings (k-means quantisation, divergence frontier).
    case mauve
    /// Share of synthetic rows inside some real row's 5-NN ball (Kynkäänniemi et al. 2019).
    case embeddingPrecision = "embedding_precision"
    /// Share of real rows inside some synthetic row's 5-NN ball.
    case embeddingRecall = "embedding_recall"
    /// Mean number of real 5-NN balls a synthetic row lies in, over 5 (Naeem et al. 2020).
    case embeddingDensity = "embedding_density"
    /// Share of real rows whose 5-NN ball holds a synthetic row (Naeem et al. 2020).
    case embeddingCoverage = "embedding_coverage"
    /// Mean number of tokens per row.
    case meanTokens = "mean_tokens"
    /// Median number of tokens per row.
    case medianTokens = "median_tokens"

    /// Orders metrics as the catalogue lists them.
    public static func < (lhs: MetricID, rhs: MetricID) -> Bool {
        guard let left = allCases.firstIndex(of: lhs), let right = allCases.firstIndex(of: rhs) else { return false }
        return left < right
    }

    /// The catalogue entry describing this metric.
    public var descriptor: MetricDescriptor { MetricCatalog.descriptor(for: self) }
}
