/// Errors thrown by the `LabelModels` module.
public enum LabelModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `fit` got no rows.
    case emptyTrainingSet
    /// `classCount` is below 1.
    case invalidClassCount(Int)
    /// The number of labels differs from the number of feature rows.
    case labelCountMismatch(rows: Int, labels: Int)
    /// A label lies outside `0..<classCount`.
    case labelOutOfRange(row: Int, label: Int, classCount: Int)
    /// A feature is NaN or infinite (row and column are 0-based).
    case nonFiniteFeature(row: Int, column: Int)
    /// The features have a different number of columns from the ones the model was fitted on.
    case dimensionMismatch(expected: Int, actual: Int)
    /// An option of ``LogisticRegression/Options`` is out of range.
    case invalidOption(name: String, reason: String)
    /// The two-sample discriminator's real and synthetic features have different numbers of columns.
    case featureDimensionsDiffer(real: Int, synthetic: Int)
    /// The two-sample discriminator got features with no columns.
    case noFeatureColumns
    /// A feature of one side of the two-sample discriminator is NaN or infinite (row and column 0-based).
    case nonFiniteSampleFeature(side: SampleSide, row: Int, column: Int)
    /// A fold assignment array's length differs from its feature rows (`side` is `real` or `synthetic`).
    case foldCountMismatch(side: SampleSide, rows: Int, folds: Int)
    /// A fold index lies outside `0..<folds` (`side` is `real` or `synthetic`; row is 0-based).
    case foldOutOfRange(side: SampleSide, row: Int, fold: Int, folds: Int)
    /// A fold holds fewer than 2 rows of one side (`real` or `synthetic`): its out-of-fold AUC and its
    /// training set are not both defined. `fold` is 0-based.
    case tooFewRowsInFold(side: SampleSide, fold: Int, rows: Int)

    /// A one-line, lowercase message without a final period, suitable for CLI output.
    public var description: String {
        switch self {
        case .emptyTrainingSet:
            "cannot fit a classifier on an empty training set"
        case .invalidClassCount(let count):
            "class count must be at least 1, got \(count)"
        case .labelCountMismatch(let rows, let labels):
            "\(labels) labels for \(rows) feature rows"
        case .labelOutOfRange(let row, let label, let classCount):
            "label \(label) in row \(row) is outside 0..<\(classCount)"
        case .nonFiniteFeature(let row, let column):
            "feature in row \(row), column \(column) is not a finite number"
        case .dimensionMismatch(let expected, let actual):
            "features have \(actual) columns, the model was fitted on \(expected)"
        case .invalidOption(let name, let reason):
            "option \(name): \(reason)"
        case .featureDimensionsDiffer(let real, let synthetic):
            "real features have \(real) columns, synthetic features \(synthetic)"
        case .noFeatureColumns:
            "features have no columns"
        case .nonFiniteSampleFeature(let side, let row, let column):
            "\(side) feature in row \(row), column \(column) is not a finite number"
        case .foldCountMismatch(let side, let rows, let folds):
            "\(folds) \(side) fold assignments for \(rows) \(side) rows"
        case .foldOutOfRange(let side, let row, let fold, let folds):
            "\(side) row \(row) is assigned to fold \(fold), outside 0..<\(folds)"
        case .tooFewRowsInFold(let side, let fold, let rows):
            "fold \(fold) holds \(rows) \(side) rows, at least 2 are needed"
        }
    }
}
