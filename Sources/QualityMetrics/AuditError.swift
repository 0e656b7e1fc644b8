/// Why an audit could not run. Messages are one lowercase line, naming the file.
public enum AuditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Some datasets came with vectors and this one did not: they would not share one embedding space.
    case vectorsMissing(path: String, withVectors: String)
    /// This dataset's vectors have another dimension than the first dataset's.
    case vectorDimensionMismatch(path: String, dimension: Int, expected: Int, firstPath: String)
    /// The embedder failed.
    case embeddingFailed(String)

    /// One lowercase line.
    public var description: String {
        switch self {
        case .vectorsMissing(let path, let withVectors):
            "\(path): no vectors, but \(withVectors) has them; give vectors for every dataset or for none"
        case .vectorDimensionMismatch(let path, let dimension, let expected, let firstPath):
            "\(path): vectors have \(dimension) dimensions, but \(firstPath)'s have \(expected)"
        case .embeddingFailed(let reason):
            "embedding failed: \(reason)"
        }
    }
}
