import Dispatch
import LinearAlgebra
import TextTokenization

/// The built-in embedder: signed feature hashing of words, word bigrams and character n-grams.
///
/// Needs no model files and gives the same vectors on every machine and run. For each text:
///
/// 1. **Tokens** from the default ``WordTokenizer`` (NFKC, lower case; see
///    `Metrics/tokenization.md`), punctuation and emoji tokens included.
/// 2. **Features**, in three families: every token (`u:` + token); every pair of adjacent tokens
///    (`b:` + first + space + second); every character 3-, 4- and 5-gram, counted in Unicode
///    scalars, of each token wrapped in boundary markers (`c:` + n-gram of `<` + token + `>`).
/// 3. **Weights**: a feature seen `tf` times weighs `1 + ln(tf)`; each family's weight vector is
///    L2-normalised, then scaled by the square root of its share (unigrams 0.5, bigrams 0.2,
///    character n-grams 0.3), so the family contributes that share of the squared norm and the
///    cosine of two texts is about the share-weighted mean of the per-family cosines. No IDF: a
///    vector never depends on the other texts of the run.
/// 4. **Hashing**: each feature's key goes through ``FeatureHash`` (FNV-1a 64 + SplitMix64
///    finaliser) to `h`; it adds `±weight` to bucket `h mod dimension`, with `−` when bit 63 of
///    `h` is set.
/// 5. **Normalisation**: the summed vector is divided by its L2 norm; a text without tokens (or,
///    vanishingly rarely, whose features cancel exactly) gives a zero row.
///
/// Sums are done in `Double` and rounded to `Float` at the end. The exact specification, and a
/// reference implementation the tests match to 1e-6, are in `Metrics/hashing-embedder.md` and
/// `References/golden_hashing_embedder.py`.
///
/// - Complexity: O(L) per text of UTF-8 length L (about three character n-gram hashes per
///   scalar, plus one unigram and one bigram per token), counted in a hash table, and
///   O(dimension) to normalise; rows run in parallel.
public struct HashingEmbedder: Embedder, Equatable {
    /// The default vector dimension.
    public static let defaultDimension = 512
    /// Share of the squared norm given to single tokens.
    public static let unigramShare = 0.5
    /// Share of the squared norm given to adjacent token pairs.
    public static let bigramShare = 0.2
    /// Share of the squared norm given to character n-grams.
    public static let characterShare = 0.3
    /// The character n-gram orders, in Unicode scalars of `<` + token + `>`.
    public static let characterOrders = 3...5

    /// Vector dimension (number of hash buckets).
    public let dimension: Int

    /// Rows embedded per parallel work item.
    static let chunkSize = 256

    /// The embedder with the default dimension, 512.
    public init() {
        dimension = Self.defaultDimension
    }

    /// The embedder with `dimension` buckets.
    ///
    /// - Throws: ``SentenceEmbeddingsError/invalidDimension(_:)`` unless
    ///   `1 <= dimension <= SentenceEmbeddingsError.maximumDimension`.
    public init(dimension: Int) throws(SentenceEmbeddingsError) {
        guard dimension >= 1 && dimension <= SentenceEmbeddingsError.maximumDimension else {
            throw .invalidDimension(dimension)
        }
        self.dimension = dimension
    }

    /// `hashing-v1(dim=512,tokenizer=default,unigram=0.5,bigram=0.2,char=3-5:0.3,tf=1+ln,hash=fnv1a64+splitmix64)`
    /// with this embedder's dimension.
    public var identity: String {
        "hashing-v1(dim=\(dimension),tokenizer=default,unigram=0.5,bigram=0.2,char=3-5:0.3,"
            + "tf=1+ln,hash=fnv1a64+splitmix64)"
    }

    /// One L2-normalised row per text (a zero row for a text without tokens).
    ///
    /// Never throws; `throws` comes from ``Embedder``. Rows are computed in parallel chunks of
    /// 256 with `DispatchQueue.concurrentPerform`; each row depends only on its text.
    ///
    /// - Complexity: O(total UTF-8 length + rows × dimension), divided among the cores.
    public func embed(_ texts: [String]) throws -> Matrix {
        let d = dimension
        let n = texts.count
        let storage = [Float](unsafeUninitializedCapacity: n * d) { buffer, initialized in
            let rows = DisjointRows(base: buffer.baseAddress, dimension: d)
            let chunks = (n + Self.chunkSize - 1) / Self.chunkSize
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var accumulator = HashedFeatureAccumulator(dimension: d)
                let end = min(n, (chunk + 1) * Self.chunkSize)
                for row in chunk * Self.chunkSize..<end {
                    let output = rows.row(row)
                    output.initialize(repeating: 0)  // first touch in the worker: page faults in parallel
                    accumulator.embed(texts[row], into: output)
                }
            }
            initialized = n * d
        }
        do {
            return try Matrix(rows: n, columns: d, storage: storage)
        } catch {
            preconditionFailure("storage is built with rows x columns elements")
        }
    }

    /// The vector of one text, as a row of ``embed(_:)``.
    ///
    /// - Complexity: O(UTF-8 length of `text` + dimension).
    public func vector(for text: String) -> [Float] {
        var accumulator = HashedFeatureAccumulator(dimension: dimension)
        return [Float](unsafeUninitializedCapacity: dimension) { buffer, initialized in
            buffer.initialize(repeating: 0)
            accumulator.embed(text, into: buffer)
            initialized = dimension
        }
    }
}

/// The output rows of one ``HashingEmbedder/embed(_:)`` call, shared by its parallel workers.
///
/// Unchecked: each worker writes only the rows of its own chunk, so no two threads touch the
/// same element, and the buffer outlives `concurrentPerform`.
private struct DisjointRows: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>?
    let dimension: Int

    /// Row `row` as a mutable buffer.
    func row(_ row: Int) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: base.map { $0 + row * dimension }, count: base == nil ? 0 : dimension)
    }
}
