import LinearAlgebra

/// What ``EmbeddingCache/embedReportingWarnings(_:with:)`` returns: the vectors and how they
/// were obtained.
public struct EmbeddingCacheOutcome: Sendable, Equatable {
    /// One row per input text, in input order; identical to embedding the texts directly.
    public let matrix: Matrix
    /// Input rows served from the cache (duplicates of a cached text each count).
    public let hits: Int
    /// Distinct texts that had to be embedded.
    public let embedded: Int
    /// Problems with the cache, one line each (`path: reason`), for the CLI to print as warnings.
    /// The audit goes on regardless: a broken cache only costs time.
    public let warnings: [String]

    /// Creates an outcome.
    public init(matrix: Matrix, hits: Int, embedded: Int, warnings: [String]) {
        self.matrix = matrix
        self.hits = hits
        self.embedded = embedded
        self.warnings = warnings
    }
}
