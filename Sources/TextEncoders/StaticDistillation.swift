import Foundation
import LinearAlgebra

/// Distils a static embedding model from a sentence-transformers BERT encoder by the Model2Vec method
/// (model2vec 0.8): every vocabulary token but `[unused…]` and `[MASK]` is run through the encoder as
/// `[CLS] token [SEP]` and its vector is the mean of the three last hidden states; the vectors are reduced to
/// `dimensions` principal components (centred, not whitened; each component's largest entry positive, as
/// scikit-learn ≥ 1.5), then row `i` is scaled by its SIF weight `a / (a + pᵢ)` with `pᵢ ∝ 1 / (i + 2)` (Zipf's law
/// over the vocabulary order) and `a` = ``sifCoefficient``. Rows are not normalised: their lengths weight the
/// tokens in a text's mean.
///
/// The result is deterministic: the forward pass runs fixed batches, and the principal components are computed
/// with one BLAS thread.
public struct StaticDistillation: Sendable {
    /// The kept tokens, in vocabulary order: row `i` of ``embeddings`` is `tokens[i]`.
    public let tokens: [String]
    /// `tokens.count × dimension` values, row-major.
    public let embeddings: [Float]
    /// Vector dimension.
    public let dimension: Int
    /// The SIF coefficient `a`.
    public let sifCoefficient: Double
    /// The share of the token vectors' variance the kept components explain.
    public let explainedVarianceRatio: Double
    /// The tokenizer settings of the source encoder (written into `tokenizer.json`).
    public let source: BertTokenizer

    /// A distilled model from its parts (tests).
    init(
        tokens: [String], embeddings: [Float], dimension: Int, sifCoefficient: Double, explainedVarianceRatio: Double,
        source: BertTokenizer
    ) {
        self.tokens = tokens
        self.embeddings = embeddings
        self.dimension = dimension
        self.sifCoefficient = sifCoefficient
        self.explainedVarianceRatio = explainedVarianceRatio
        self.source = source
    }

    /// Model2Vec's default SIF coefficient.
    public static let defaultSIFCoefficient = 1e-4

    /// Distils `encoder`'s vocabulary into `dimensions`-dimensional static vectors.
    ///
    /// - Parameters:
    ///   - encoder: the source model.
    ///   - dimensions: principal components kept, 1 … the encoder's dimension (and fewer than the tokens).
    ///   - sifCoefficient: `a` of the SIF weights, in (0, 1).
    ///   - workers: forward-pass workers (`nil`: one per core).
    /// - Throws: ``LinearAlgebra/LinearAlgebraError`` when the eigendecomposition of the covariance fails.
    /// - Complexity: one forward pass per token (3 positions each), O(V·h²) for the principal components.
    public init(
        from encoder: MiniLMEncoder, dimensions: Int, sifCoefficient: Double = StaticDistillation.defaultSIFCoefficient,
        workers: Int? = nil
    ) throws(LinearAlgebraError) {
        precondition(dimensions >= 1 && dimensions <= encoder.dimension, "dimensions must be 1 … the encoder's")
        precondition(sifCoefficient > 0 && sifCoefficient < 1, "the SIF coefficient must be in (0, 1)")
        let tokenizer = encoder.tokenizer
        let kept = Self.keptTokenIDs(tokenizer)
        precondition(kept.count > dimensions, "more tokens than dimensions")
        let hidden = encoder.meanHiddenStates(
            kept.map { [tokenizer.classTokenID, $0, tokenizer.separatorTokenID] }, workers: workers)
        let (values, explained) = try Self.reduce(hidden, dimensions: dimensions, sifCoefficient: sifCoefficient)
        tokens = kept.map { tokenizer.vocabulary[Int($0)] }
        embeddings = values
        dimension = dimensions
        self.sifCoefficient = sifCoefficient
        explainedVarianceRatio = explained
        source = tokenizer
    }

    /// The Model2Vec post-processing of token vectors `hidden` (one row per kept token, in vocabulary order):
    /// the projection on the top `dimensions` principal components (centred, not whitened; each component's
    /// largest entry positive), rounded to float32, then row `i` scaled by its SIF weight (in double precision,
    /// rounded to float32); with the share of the variance the components explain. Runs with one BLAS thread,
    /// so the same input gives the same bits.
    ///
    /// - Returns: `hidden.rows × dimensions` values, row-major, and the explained-variance ratio.
    /// - Complexity: O(N·h² + h³).
    static func reduce(_ hidden: Matrix, dimensions: Int, sifCoefficient: Double) throws(LinearAlgebraError) -> (
        [Float], Double
    ) {
        let saved = BLAS.threadCount
        BLAS.setThreadCount(1)
        defer { BLAS.setThreadCount(saved) }
        let axes = try PrincipalComponents.fit(hidden, count: dimensions)
        let projected = axes.project(hidden)
        // The total variance: the trace of the covariance, Σ over columns of their variances.
        var total = 0.0
        for column in 0..<hidden.columns {
            var sum = 0.0
            for row in 0..<hidden.rows { sum += Double(hidden[row, column]) }
            let mean = sum / Double(hidden.rows)
            var squares = 0.0
            for row in 0..<hidden.rows {
                squares += (Double(hidden[row, column]) - mean) * (Double(hidden[row, column]) - mean)
            }
            total += squares / Double(hidden.rows - 1)
        }
        let weights = sifWeights(count: hidden.rows, coefficient: sifCoefficient)
        var values = [Float](repeating: 0, count: hidden.rows * dimensions)
        for row in 0..<hidden.rows {
            for column in 0..<dimensions {
                values[row * dimensions + column] = Float(Double(Float(projected[row][column])) * weights[row])
            }
        }
        return (values, total > 0 ? axes.explainedVariance.reduce(0, +) / total : 0)
    }

    /// The ids of the tokens a static model keeps: all but `[unused…]` and `[MASK]`.
    ///
    /// - Complexity: O(vocabulary).
    public static func keptTokenIDs(_ tokenizer: BertTokenizer) -> [Int32] {
        tokenizer.vocabulary.indices.compactMap { id in
            let token = tokenizer.vocabulary[id]
            if token == "[MASK]" || Self.isUnused(token) { return nil }
            return Int32(id)
        }
    }

    /// `[unused` followed by digits and `]` at the start (Model2Vec's `re.match(r"\[unused\d+\]", token)`).
    static func isUnused(_ token: String) -> Bool {
        guard token.hasPrefix("[unused") else { return false }
        let rest = token.dropFirst("[unused".count)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && rest.dropFirst(digits.count).hasPrefix("]")
    }

    /// `a / (a + pᵢ)` with `pᵢ = (1/(i+2)) / Σⱼ 1/(j+2)` over `count` rows.
    static func sifWeights(count: Int, coefficient: Double) -> [Double] {
        let inverseRanks = (0..<count).map { 1 / Double($0 + 2) }
        let total = inverseRanks.reduce(0, +)
        return inverseRanks.map { coefficient / (coefficient + $0 / total) }
    }
}
