import LinearAlgebra

/// Turns texts into fixed-size vectors for the embedding metrics (spread, Vendi, near duplicates).
///
/// A conforming type must be a pure function of each text: row `i` of ``embed(_:)`` depends only
/// on `texts[i]` and the embedder's parameters (all of which appear in ``identity``), never on
/// the other texts of the call or of the run. That is what lets ``EmbeddingCache`` store vectors
/// per text and reuse them across audits, and what lets a neural encoder replace the built-in
/// ``HashingEmbedder`` without any other change.
public protocol Embedder: Sendable {
    /// Stable identity: algorithm name, version and every parameter; part of the cache key.
    var identity: String { get }
    /// Vector dimension.
    var dimension: Int { get }
    /// One row per text, L2-normalised; a text with no features gives a zero row.
    func embed(_ texts: [String]) throws -> Matrix
}
