import SentenceEmbeddings
import VectorStorage

/// Where an audit's embeddings come from when the datasets bring no vectors of their own (an embedder, and
/// optionally an on-disk cache in front of it), and how the audit stores its unit vectors.
public struct EmbeddingSource: Sendable {
    /// Embeds the texts of datasets without vectors.
    public var embedder: any Embedder
    /// Remembers embeddings between runs; `nil` embeds every time.
    public var cache: EmbeddingCache?
    /// How the unit vectors are kept: float32, or float16 (half the memory; cosine similarities move by about
    /// 10⁻³ at most). Recorded in the result's embedding summary.
    public var precision: VectorPrecision
    /// Where the unit vectors are kept: on the heap, or in a memory-mapped scratch file.
    public var location: VectorLocation

    /// Creates a source; by default the built-in hashing embedder without a cache, float32 vectors on the heap.
    public init(
        embedder: any Embedder = HashingEmbedder(), cache: EmbeddingCache? = nil,
        precision: VectorPrecision = .float32, location: VectorLocation = .memory
    ) {
        self.embedder = embedder
        self.cache = cache
        self.precision = precision
        self.location = location
    }
}
