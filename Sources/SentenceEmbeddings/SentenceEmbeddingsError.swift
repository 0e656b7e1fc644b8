/// Errors thrown by the `SentenceEmbeddings` module.
///
/// Cache problems are never errors: ``EmbeddingCache`` reports them as warnings and embeds anyway.
public enum SentenceEmbeddingsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An embedder was configured with a dimension outside `1...maximumDimension`.
    case invalidDimension(Int)
    /// An embedder returned a matrix whose shape is not `texts.count × dimension`.
    case unexpectedShape(identity: String, rows: Int, columns: Int, expectedRows: Int, expectedColumns: Int)

    /// The largest dimension an embedder may declare (the cache stores it in 32 bits).
    public static let maximumDimension = 1 << 20

    /// A one-line, lowercase message suitable for CLI output (`path: reason`).
    public var description: String {
        switch self {
        case .invalidDimension(let dimension):
            "dimension: must be between 1 and \(Self.maximumDimension), got \(dimension)"
        case .unexpectedShape(let identity, let rows, let columns, let expectedRows, let expectedColumns):
            "\(identity): embedder returned \(rows)x\(columns), expected \(expectedRows)x\(expectedColumns)"
        }
    }
}
