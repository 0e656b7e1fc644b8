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
        }
    }
}
