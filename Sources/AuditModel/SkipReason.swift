/// Why a metric has no value for a dataset (or a label's rows).
///
/// The reasons are data, not sentences: a ``SkipReasonWording`` turns them into words for a reader. The
/// library's ``PlainWording`` names no command-line option; the `assay` command's wording adds the
/// option that would give the missing input (`give one with --real`).
public enum SkipReason: Error, Sendable, Hashable {
    /// What the real dataset would have been used for.
    public enum RealDataUse: String, Sendable, Hashable, CaseIterable {
        /// To compare the dataset with.
        case comparison
        /// To train the language model on.
        case languageModel
        /// To train the label classifier on (it must be labelled).
        case classifier
        /// To estimate subjectivity from its labels (it must be labelled).
        case subjectivityEstimate
    }

    /// No real dataset was given.
    case noRealDataset(RealDataUse)
    /// The metric compares a synthetic dataset with the real one, and this is the real one.
    case isRealDataset
    /// The metric is computed for whole datasets, not for the rows of one label.
    case wholeDatasetOnly
    /// No row has two or more ratings (per-rater labels).
    case noRaters
    /// No two label fields were named to compare.
    case noComparedLabels
    /// The dataset (or label) has no rows.
    case noRows
    /// Too few rows.
    case tooFewRows(needed: Int, found: Int)
    /// Too few rows with a nonzero vector (`zeroVectors` rows had none).
    case tooFewVectors(needed: Int, found: Int, zeroVectors: Int)
    /// Too few rows to split in two halves for the noise floor.
    case tooFewRowsToSplit(needed: Int)
    /// Too few real rows with a vector to split in two halves for the noise floor.
    case tooFewRealVectorsToSplit(needed: Int)
    /// Too few rows with a vector in this or in the real dataset.
    case tooFewVectorsOnEitherSide(needed: Int)
    /// No row has a nonzero vector.
    case noVectors
    /// No n-grams of this order: every row is shorter.
    case noNGrams(order: Int)
    /// No row has a label.
    case noLabelledRows
    /// No labelled row with a vector and a label of the real label set.
    case noJudgeableRows
    /// The real rows with a vector carry fewer than two labels.
    case tooFewRealLabels
    /// The classifier trained on the real data does no better than a constant guess: its balanced accuracy
    /// on the held-out rows (with its 95 % interval, when there is one) is not above chance, 1/`classes`
    /// (`classes`: the labels among the held-out rows).
    case realClassifierAtChance(balancedAccuracy: Double, lower: Double?, upper: Double?, classes: Int)
    /// Too few labelled real rows to hold some out for testing.
    case tooFewRealRowsToHoldOut
    /// The dataset has rows of fewer than two of the real labels.
    case tooFewTrainingLabels
    /// No held-out real rows to score a classifier on.
    case noHeldOutRows
    /// No row has two or more votes.
    case noVotes
    /// The real dataset has fewer than two rows, so no held-out perplexity.
    case tooFewRealRowsForLanguageModel
    /// One of the two datasets has no labelled rows.
    case needsLabelsInBothDatasets
    /// One of the two datasets has no rows.
    case needsRowsInBothDatasets
    /// One of the two datasets has no tokens.
    case needsTokensInBothDatasets
    /// The computation gave a value that is not a finite number.
    case notFinite
    /// A computation below the metric could not give a value, with its own one-line explanation
    /// (an undefined agreement, a failed decomposition, a model that could not be trained).
    case undefined(String)
    /// A reason read back from an earlier result, in the words it was written with.
    case recorded(String)
}

/// Turns skip reasons into words for a reader.
public protocol SkipReasonWording: Sendable {
    /// One lowercase line, no final period.
    func words(for reason: SkipReason) -> String
}

/// Words that name no command-line option, for library use.
public struct PlainWording: SkipReasonWording {
    /// The plain wording.
    public init() {}

    /// One lowercase line, no final period.
    public func words(for reason: SkipReason) -> String {
        switch reason {
        case .noRealDataset(let use):
            switch use {
            case .comparison: "no real dataset to compare with"
            case .languageModel: "needs a real dataset to train the language model on"
            case .classifier: "no labelled real dataset to train on"
            case .subjectivityEstimate: "no labelled real dataset to estimate from"
            }
        case .isRealDataset: "this is the real dataset"
        case .wholeDatasetOnly: "computed per dataset, not per label"
        case .noRaters: "no row has two or more ratings"
        case .noComparedLabels: "no label fields to compare"
        case .noRows: "no rows"
        case .tooFewRows(let needed, let found): "needs at least \(needed) rows, found \(found)"
        case .tooFewVectors(let needed, let found, let zeroVectors):
            "needs at least \(needed) \(needed == 1 ? "row" : "rows") with a nonzero vector, found \(found)"
                + (zeroVectors > 0 ? " (\(zeroVectors) with a zero vector left out)" : "")
        case .tooFewRowsToSplit(let needed): "needs \(needed) or more rows to split in halves"
        case .tooFewRealVectorsToSplit(let needed):
            "needs \(needed) or more real rows with a vector, to split in halves"
        case .tooFewVectorsOnEitherSide(let needed):
            "needs \(needed) or more rows with a vector in this and in the real dataset"
        case .noVectors: "no rows with a nonzero vector"
        case .noNGrams(let order):
            order == 1 ? "no tokens: every row is empty" : "no \(order)-grams: every row has fewer than \(order) tokens"
        case .noLabelledRows: "no labelled rows"
        case .noJudgeableRows: "no labelled row with a vector and a real label to judge"
        case .tooFewRealLabels: "the real dataset needs two or more labels on rows with a vector"
        case .realClassifierAtChance(_, _, _, let classes) where classes < 2:
            "not measurable: the real held-out rows hold one label only, so the classifier trained on the real "
                + "data cannot be told from always guessing it"
        case .realClassifierAtChance(let value, let lower, let upper, let classes):
            "not measurable: the classifier trained on the real data does no better than always guessing one label "
                + "(balanced accuracy \(decimal(value))"
                + (lower.flatMap { lower in upper.map { " [\(decimal(lower)), \(decimal($0))]" } } ?? "")
                + " is not above chance, 1/\(classes) = \(decimal(1 / Double(classes))))"
        case .tooFewRealRowsToHoldOut: "too few labelled real rows to hold some out"
        case .tooFewTrainingLabels: "needs rows of two or more of the real labels to train on"
        case .noHeldOutRows: "no held-out rows to score"
        case .noVotes: "no row has two or more votes"
        case .tooFewRealRowsForLanguageModel: "the real dataset needs two or more rows for a held-out perplexity"
        case .needsLabelsInBothDatasets: "needs labelled rows in both datasets"
        case .needsRowsInBothDatasets: "needs rows in both datasets"
        case .needsTokensInBothDatasets: "needs tokens in both datasets"
        case .notFinite: "not a finite number"
        case .undefined(let explanation), .recorded(let explanation): explanation
        }
    }
}

extension CodingUserInfoKey {
    /// The ``SkipReasonWording`` an encoder writes skip reasons with (``PlainWording`` when absent).
    public static let skipReasonWording: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "assay.skipReasonWording") else {
            preconditionFailure("the key is a valid string")
        }
        return key
    }()
}

extension AuditResult {
    /// The same result with every skip reason put into words by `wording` (as ``SkipReason/recorded(_:)``),
    /// so a renderer can show them with any wording.
    ///
    /// - Complexity: O(metric values).
    public func wordingReasons(with wording: any SkipReasonWording) -> AuditResult {
        func worded(_ table: [MetricID: MetricValue]) -> [MetricID: MetricValue] {
            table.mapValues { value in value.skipReason.map { .skipped(.recorded(wording.words(for: $0))) } ?? value }
        }
        var copy = self
        for index in copy.datasets.indices {
            copy.datasets[index].metrics = worded(copy.datasets[index].metrics)
            copy.datasets[index].perLabel = copy.datasets[index].perLabel.mapValues(worded)
        }
        return copy
    }
}

extension MetricValue {
    /// The reason in plain words, or `nil` when there is a number.
    public var reasonText: String? { skipReason.map(PlainWording().words) }
}

/// `value` with three decimals, rounded half away from zero, whatever the machine's locale.
private func decimal(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let units = Int((abs(value) * 1000).rounded())
    let fraction = String(units % 1000)
    return (value < 0 && units > 0 ? "-" : "") + "\(units / 1000)." + String(repeating: "0", count: 3 - fraction.count)
        + fraction
}
