/// Why an audit could not run. Messages are one lowercase line, naming the file.
public enum AuditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Some datasets came with vectors and this one did not: they would not share one embedding space.
    case vectorsMissing(path: String, withVectors: String)
    /// This dataset's vectors have another dimension than the first dataset's.
    case vectorDimensionMismatch(path: String, dimension: Int, expected: Int, firstPath: String)
    /// The embedder failed.
    case embeddingFailed(String)
    /// The vectors could not be stored (the scratch file could not be made, or they are too many).
    case vectorStorage(String)
    /// The configuration names a metric that no family of the audit has.
    case unknownMetric(String)
    /// A computation on valid input failed (a classifier that could not be fitted, a decomposition that
    /// did not converge), with what failed.
    case computationFailed(String)

    /// One lowercase line.
    public var description: String {
        switch self {
        case .vectorsMissing(let path, let withVectors):
            "\(path): no vectors, but \(withVectors) has them; give vectors for every dataset or for none"
        case .vectorDimensionMismatch(let path, let dimension, let expected, let firstPath):
            "\(path): vectors have \(dimension) dimensions, but \(firstPath)'s have \(expected)"
        case .embeddingFailed(let reason):
            "embedding failed: \(reason)"
        case .vectorStorage(let reason):
            reason
        case .computationFailed(let reason):
            reason
        case .unknownMetric(let name):
            "unknown metric '\(name)'"
        }
    }
}
