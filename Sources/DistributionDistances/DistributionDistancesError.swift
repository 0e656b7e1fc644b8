/// Errors thrown by the `DistributionDistances` module.
public enum DistributionDistancesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A token stream is empty (`side` is `real` or `synthetic`).
    case emptyTokenStream(side: String)
    /// The Dirichlet prior's total α0 is not positive and finite.
    case invalidPriorTotal(Double)
    /// The number of terms to list is negative.
    case invalidLimit(Int)

    /// A one-line, lowercase message without a final period, suitable for CLI output.
    public var description: String {
        switch self {
        case .emptyTokenStream(let side):
            "the \(side) token stream is empty"
        case .invalidPriorTotal(let total):
            "prior total must be positive and finite, got \(total)"
        case .invalidLimit(let limit):
            "term limit must be at least 0, got \(limit)"
        }
    }
}
