import AuditModel

/// Counts over a scope's rows (a dataset or one label's rows): all that the metrics that merge exactly
/// across shards read.
public struct ScopeCounts: Sendable, Equatable {
    /// Number of rows.
    public var rows: Int
    /// Number of distinct normalised texts.
    public var distinctTexts: Int
    /// Number of n-grams of order 1 … 4.
    public var ngramTotals: [Int]
    /// Number of distinct n-grams of order 1 … 4.
    public var distinctNGrams: [Int]
    /// Every row's token count, ascending.
    public var sortedLengths: [Int]
    /// Rows whose normalised text is a real row's (`nil` without a real dataset).
    public var realCopies: Int?
    /// Rows in the largest group that share their first three tokens (0 without such rows).
    public var largestOpeningGroup: Int

    /// Counts of a scope.
    public init(
        rows: Int, distinctTexts: Int, ngramTotals: [Int], distinctNGrams: [Int], sortedLengths: [Int],
        realCopies: Int? = nil, largestOpeningGroup: Int = 0
    ) {
        self.realCopies = realCopies
        self.largestOpeningGroup = largestOpeningGroup
        self.rows = rows
        self.distinctTexts = distinctTexts
        self.ngramTotals = ngramTotals
        self.distinctNGrams = distinctNGrams
        self.sortedLengths = sortedLengths
    }
}

/// Counts over a whole dataset: its scope counts, labels and vocabulary.
public struct DatasetCounts: Sendable, Equatable {
    /// All rows.
    public var whole: ScopeCounts
    /// Rows per label.
    public var labelCounts: [String: Int]
    /// Occurrences per token type.
    public var tokenCounts: [String: Int]

    /// Counts of a dataset.
    public init(whole: ScopeCounts, labelCounts: [String: Int], tokenCounts: [String: Int]) {
        self.whole = whole
        self.labelCounts = labelCounts
        self.tokenCounts = tokenCounts
    }
}

/// The metrics whose value follows exactly from counts that add up across shards, computed by the same
/// functions the metrics use on rows; `assay merge` computes them over every row of every shard.
public enum MergeableMetrics {
    /// The metrics of a scope (a dataset or one label's rows) that follow from ``ScopeCounts``.
    public static let scopeMetrics: [MetricID] = [
        .distinct1, .distinct2, .distinct3, .distinct4, .exactDuplicateRate, .meanTokens, .medianTokens,
        .realExactCopyRate, .openingTemplateShare,
    ]
    /// The distances from the real data that follow from ``DatasetCounts``.
    public static let distanceMetrics: [MetricID] = [
        .lengthWasserstein, .lengthKS, .labelJensenShannon, .vocabularyJaccard, .outOfVocabularyRate,
    ]

    /// The value of `id` (one of ``scopeMetrics``) on the scope of `counts`; `nil` for another metric, and for
    /// `real_exact_copy_rate` without a real dataset.
    ///
    /// - Complexity: O(1), or O(rows) for the median.
    public static func value(_ id: MetricID, of counts: ScopeCounts) -> MetricValue? {
        switch id {
        case .distinct1, .distinct2, .distinct3, .distinct4:
            guard let order = [MetricID.distinct1, .distinct2, .distinct3, .distinct4].firstIndex(of: id) else {
                return nil
            }
            return DistinctN.value(
                distinct: counts.distinctNGrams[order], total: counts.ngramTotals[order], order: order + 1)
        case .exactDuplicateRate:
            return ExactDuplicateRate.value(rows: counts.rows, distinctTexts: counts.distinctTexts)
        case .realExactCopyRate:
            return counts.realCopies.map { RealExactCopyRate.value(copies: $0, rows: counts.rows) }
        case .openingTemplateShare:
            return OpeningTemplateShare.value(largestGroup: counts.largestOpeningGroup, rows: counts.rows)
        case .meanTokens, .medianTokens:
            return TokensPerRow(id == .meanTokens ? .mean : .median).value(
                rows: counts.rows, tokens: counts.ngramTotals[0], sortedLengths: counts.sortedLengths)
        default: return nil
        }
    }

    /// The 95 % interval of `id` on the scope of `counts`, as the metric gives it on rows: Wilson's for the
    /// shares of rows (exact duplicates, exact copies of real rows); `nil` for the others.
    ///
    /// - Complexity: O(1).
    public static func interval(_ id: MetricID, of counts: ScopeCounts) -> ConfidenceInterval? {
        guard counts.rows > 0 else { return nil }
        switch id {
        case .exactDuplicateRate: return .wilson(successes: counts.rows - counts.distinctTexts, trials: counts.rows)
        case .realExactCopyRate: return counts.realCopies.map { .wilson(successes: $0, trials: counts.rows) }
        default: return nil
        }
    }

    /// The distance `id` (one of ``distanceMetrics``) of the dataset of `counts` from the real one; `nil` for
    /// another metric.
    ///
    /// - Complexity: O((N + M) log(N + M)) for the lengths, O(types) for the vocabulary.
    public static func distance(_ id: MetricID, of counts: DatasetCounts, fromReal real: DatasetCounts) -> MetricValue?
    {
        guard distanceMetrics.contains(id) else { return nil }
        return DistanceFromReal.value(
            id,
            DistanceFromReal.Counts(
                lengths: counts.whole.sortedLengths, realLengths: real.whole.sortedLengths, labels: counts.labelCounts,
                realLabels: real.labelCounts, tokens: counts.tokenCounts, realTokens: Set(real.tokenCounts.keys)))
    }
}
