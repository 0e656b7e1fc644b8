/// What the label classifiers found in one dataset: how the real data was split, the rows whose label
/// the real-trained classifier disputes, and labels outside the real label set.
public struct LabelModelDetails: Sendable, Equatable, Codable {
    /// The model, in words.
    public var classifier: String
    /// Real rows the real-trained classifier learnt from.
    public var trainRows: Int
    /// The real training rows there were, when the classifier learnt from a stratified sample of them
    /// (more than the audit's classifier row limit); `nil` when it learnt from all.
    public var trainRowsAvailable: Int?
    /// Real rows held out to test on.
    public var testRows: Int
    /// How the real rows were split.
    public var split: String
    /// Rows of this dataset the train-on-synthetic classifier learnt from (synthetic datasets).
    public var syntheticTrainRows: Int?
    /// This dataset's labelled rows there were, when the train-on-synthetic classifier learnt from a
    /// stratified sample of them; `nil` when it learnt from all.
    public var syntheticTrainRowsAvailable: Int?
    /// Rows whose label the real-trained classifier predicts otherwise, least likely label first; capped.
    public var suspectedMislabels: [SuspectedMislabel]
    /// How many such rows there are in all.
    public var suspectedMislabelCount: Int
    /// Labels not in the real label set, with their row counts.
    public var invalidLabels: [String: Int]
    /// Accuracy on the held-out real rows by subjectivity bin, when their subjectivity is known.
    public var utilityBySubjectivity: UtilityBySubjectivity?

    /// Creates details.
    public init(
        classifier: String, trainRows: Int, trainRowsAvailable: Int? = nil, testRows: Int, split: String,
        syntheticTrainRows: Int? = nil, syntheticTrainRowsAvailable: Int? = nil,
        suspectedMislabels: [SuspectedMislabel] = [], suspectedMislabelCount: Int = 0,
        invalidLabels: [String: Int] = [:]
    ) {
        self.classifier = classifier
        self.trainRows = trainRows
        self.trainRowsAvailable = trainRowsAvailable
        self.testRows = testRows
        self.split = split
        self.syntheticTrainRows = syntheticTrainRows
        self.syntheticTrainRowsAvailable = syntheticTrainRowsAvailable
        self.suspectedMislabels = suspectedMislabels
        self.suspectedMislabelCount = suspectedMislabelCount
        self.invalidLabels = invalidLabels
    }

    private enum CodingKeys: String, CodingKey {
        case classifier, split
        case trainRows = "train_rows"
        case testRows = "test_rows"
        case syntheticTrainRows = "synthetic_train_rows"
        case trainRowsAvailable = "train_rows_available"
        case syntheticTrainRowsAvailable = "synthetic_train_rows_available"
        case suspectedMislabels = "suspected_mislabels"
        case suspectedMislabelCount = "suspected_mislabel_count"
        case invalidLabels = "invalid_labels"
        case utilityBySubjectivity = "utility_by_subjectivity"
    }
}

/// A row whose given label the real-trained classifier disputes.
public struct SuspectedMislabel: Sendable, Equatable, Codable {
    /// The row (0-based, file order).
    public var row: Int
    /// Its text.
    public var text: String
    /// Its label.
    public var label: String
    /// The label the classifier predicts.
    public var predicted: String
    /// The classifier's probability of the given label (cleanlab's self-confidence), 6 decimals.
    public var labelQuality: Double

    /// Creates an entry.
    public init(row: Int, text: String, label: String, predicted: String, labelQuality: Double) {
        self.row = row
        self.text = text
        self.label = label
        self.predicted = predicted
        self.labelQuality = labelQuality
    }

    private enum CodingKeys: String, CodingKey {
        case row, text, label, predicted
        case labelQuality = "label_quality"
    }
}

/// Accuracy on the real held-out rows by how subjective each row is: the literature's finding (Li et al. 2023)
/// that models trained on synthetic data fail more where people disagree, measured on this task.
public struct UtilityBySubjectivity: Sendable, Equatable, Codable {
    /// Where each held-out row's subjectivity comes from: `annotations` (its raters' disagreement, 1 − the
    /// majority label's share) or `real_neighbours` (the same over its nearest labelled real rows: an estimate).
    public var source: String
    /// The bins, least subjective first: quintiles of the held-out rows' subjectivity, equal values kept in one bin.
    public var bins: [SubjectivityBin]

    /// Creates the breakdown.
    public init(source: String, bins: [SubjectivityBin]) {
        self.source = source
        self.bins = bins
    }
}

/// One subjectivity bin of the held-out real rows.
public struct SubjectivityBin: Sendable, Equatable, Codable {
    /// The smallest subjectivity in the bin.
    public var lower: Double
    /// The largest subjectivity in the bin.
    public var upper: Double
    /// Held-out rows in the bin.
    public var rows: Int
    /// Accuracy of the classifier trained on the real data on those rows.
    public var trainedOnReal: Double
    /// Accuracy of the classifier trained on this dataset on those rows (for the real dataset: the same).
    public var trainedOnThis: Double
    /// `trainedOnThis − trainedOnReal`, rounded to 6 decimals: negative where this dataset's model does worse.
    public var gap: Double

    /// Creates a bin; its gap follows from the two accuracies.
    public init(lower: Double, upper: Double, rows: Int, trainedOnReal: Double, trainedOnThis: Double) {
        self.lower = lower
        self.upper = upper
        self.rows = rows
        self.trainedOnReal = trainedOnReal
        self.trainedOnThis = trainedOnThis
        gap = ((trainedOnThis - trainedOnReal) * 1e6).rounded() / 1e6
    }

    private enum CodingKeys: String, CodingKey {
        case lower, upper, rows, gap
        case trainedOnReal = "trtr_accuracy"
        case trainedOnThis = "tstr_accuracy"
    }
}
