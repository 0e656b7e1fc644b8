/// Why a language model could not be trained or could not score.
public enum LanguageModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The n-gram order is outside 3…5.
    case invalidOrder(Int)
    /// No training rows were given.
    case emptyTrainingCorpus
    /// A row index outside `0..<rowCount`.
    case rowOutOfRange(row: Int, rowCount: Int)
    /// Nothing to score: no rows were given.
    case noRowsToScore
    /// Cross-validation needs 2 ≤ folds ≤ the number of rows.
    case invalidFoldCount(folds: Int, rows: Int)
    /// More distinct contexts or words than 32-bit node ids can number.
    case tooManyNGrams

    /// A lowercase message without a final period.
    public var description: String {
        switch self {
        case .invalidOrder(let order): "order: \(order) is not between 3 and 5"
        case .emptyTrainingCorpus: "training corpus: no rows to train on"
        case .rowOutOfRange(let row, let count): "row: \(row) is outside 0..<\(count)"
        case .noRowsToScore: "rows: no rows to score"
        case .invalidFoldCount(let folds, let rows): "folds: \(folds) is not between 2 and the row count \(rows)"
        case .tooManyNGrams: "training corpus: more n-grams than 32-bit ids can hold"
        }
    }
}
