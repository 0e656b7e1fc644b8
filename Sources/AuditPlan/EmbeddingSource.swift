import SentenceEmbeddings

/// Where an audit's embeddings come from when the datasets bring no vectors of their own: an embedder,
/// and optionally an on-disk cache in front of it.
public struct EmbeddingSource: Sendable {
    /// Embeds the texts of datasets without vectors.
    public var embedder: any Embedder
    /// Remembers embeddings between runs; `nil` embeds every time.
    public var cache: EmbeddingCache?

    /// Creates a source; by default the built-in hashing embedder without a cache.
    public init(embedder: any Embedder = HashingEmbedder(), cache: EmbeddingCache? = nil) {
        self.embedder = embedder
        self.cache = cache
    }
}
