/// Which input an error is about.
public enum EmbeddingSet: String, Sendable, Equatable {
    /// The synthetic (generated) rows, N×d.
    case synthetic
    /// The real reference rows, M×d.
    case real
}

/// Errors thrown by the `EmbeddingDistances` module, each with a one-line lowercase message.
public enum EmbeddingDistanceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The synthetic and real matrices have different column counts.
    case dimensionMismatch(synthetic: Int, real: Int)
    /// A set has fewer rows than the computation needs (for example k + 1 rows for k-th neighbour radii).
    case tooFewRows(EmbeddingSet, rows: Int, required: Int)
    /// A value is NaN or infinite.
    case nonFiniteValue(EmbeddingSet, row: Int, column: Int)
    /// A parameter is out of its range (`k`, the cluster count, the scaling factor…).
    case invalidParameter(name: String, reason: String)
    /// Histograms passed to the divergence frontier do not have the same length, or are not distributions.
    case invalidHistogram(reason: String)
    /// A LAPACK routine failed inside the PCA step.
    case linearAlgebraFailure(String)

    /// A one-line, lowercase message without a final period; errors about one set start with its name
    /// (`synthetic: too few rows: 1, need at least 6`).
    public var description: String {
        switch self {
        case .dimensionMismatch(let synthetic, let real):
            "dimension mismatch: synthetic rows have \(synthetic) columns, real rows have \(real)"
        case .tooFewRows(let set, let rows, let required):
            "\(set.rawValue): too few rows: \(rows), need at least \(required)"
        case .nonFiniteValue(let set, let row, let column):
            "\(set.rawValue): row \(row), column \(column): value is nan or infinite"
        case .invalidParameter(let name, let reason):
            "\(name): \(reason)"
        case .invalidHistogram(let reason):
            "histogram: \(reason)"
        case .linearAlgebraFailure(let message):
            "linear algebra: \(message)"
        }
    }
}

/// Throws ``EmbeddingDistanceError/nonFiniteValue(_:row:column:)`` at the first NaN or infinity.
/// - Complexity: O(rows·columns).
func checkFinite(_ storage: [Float], columns: Int, set: EmbeddingSet) throws(EmbeddingDistanceError) {
    for (offset, value) in storage.enumerated() where !value.isFinite {
        let width = max(columns, 1)
        throw .nonFiniteValue(set, row: offset / width, column: offset % width)
    }
}
