import Dispatch
import Foundation
import LinearAlgebra

/// A sentence-transformers BERT encoder (all-MiniLM-L6-v2 and its relatives) run on OpenBLAS: WordPiece
/// tokens → BERT → mean pooling over the tokens → L2 normalisation, equal to `SentenceTransformer.encode`.
///
/// The forward pass is the Hugging Face `BertModel` in inference mode: word + position + token-type (0)
/// embeddings and LayerNorm, then per layer multi-head self-attention (softmax(QKᵀ/√d)·V) with a residual
/// and LayerNorm, and a feed-forward block with the erf GELU (see `GELU`), a residual and LayerNorm. Every dense
/// product is one `sgemm`: a batch's sequences are packed one after another without padding, so the
/// projections run on all tokens of the batch at once and attention runs per sequence and head. Texts are
/// sorted by token count so that a batch holds similar lengths; the output keeps the input order. Row `i`
/// depends only on `texts[i]` (up to float rounding of the batched products, about 1e-7).
public struct MiniLMEncoder: Sendable {
    /// The BERT architecture (`config.json`).
    public let configuration: BertConfiguration
    /// The WordPiece tokenizer; its ``BertTokenizer/maxLength`` is the model's `max_seq_length`.
    public let tokenizer: BertTokenizer
    /// Whether the pipeline ends with sentence-transformers' `Normalize` module (L2 normalisation).
    public let normalizes: Bool
    let weights: BertWeights

    /// Vector dimension (the hidden size, 384 for all-MiniLM-L6-v2).
    public var dimension: Int { configuration.hiddenSize }

    /// Loads a sentence-transformers model directory: `modules.json`, the transformer's `config.json`,
    /// `model.safetensors`, the tokenizer files (see ``BertTokenizer/init(directory:)``) and the pooling
    /// module's `config.json`, which must ask for mean pooling.
    ///
    /// - Throws: ``TextEncoderError`` naming the file that is missing, malformed or unsupported.
    /// - Complexity: O(parameters) to read and convert the weights (about 0.1 s for all-MiniLM-L6-v2).
    public init(directory: String) throws(TextEncoderError) {
        let modulesPath = ModelFiles.join(directory, "modules.json")
        var transformerPath: String?
        var poolingPath: String?
        var normalizes = false
        for module in try ModelFiles.array(modulesPath) {
            let type = try module.string("type") ?? ""
            let path = try module.string("path") ?? ""
            switch type.split(separator: ".").last.map(String.init) ?? "" {
            case "Transformer": transformerPath = ModelFiles.join(directory, path)
            case "Pooling": poolingPath = ModelFiles.join(directory, path)
            case "Normalize": normalizes = true
            default: throw .unsupported(path: modulesPath, reason: "module type \(type)")
            }
        }
        guard let transformerPath else {
            throw .malformedFile(path: modulesPath, reason: "no sentence_transformers.models.Transformer module")
        }
        guard let poolingPath else {
            throw .malformedFile(path: modulesPath, reason: "no sentence_transformers.models.Pooling module")
        }
        let configuration = try BertConfiguration(contentsOf: ModelFiles.join(transformerPath, "config.json"))
        let tokenizer = try BertTokenizer(directory: transformerPath)
        guard tokenizer.vocabulary.count <= configuration.vocabularySize else {
            throw .malformedFile(
                path: ModelFiles.join(transformerPath, "vocab.txt"),
                reason: "\(tokenizer.vocabulary.count) tokens, more than vocab_size \(configuration.vocabularySize)")
        }
        guard tokenizer.maxLength <= configuration.maxPositions else {
            throw .malformedFile(
                path: ModelFiles.join(transformerPath, "sentence_bert_config.json"),
                reason:
                    "max_seq_length \(tokenizer.maxLength) exceeds max_position_embeddings \(configuration.maxPositions)"
            )
        }
        let poolingConfigPath = ModelFiles.join(poolingPath, "config.json")
        let pooling = try ModelFiles.object(poolingConfigPath)
        let dimension = try pooling.positiveInteger("word_embedding_dimension", default: configuration.hiddenSize)
        guard dimension == configuration.hiddenSize else {
            throw .malformedFile(
                path: poolingConfigPath,
                reason: "word_embedding_dimension \(dimension), but hidden_size is \(configuration.hiddenSize)")
        }
        guard try pooling.boolean("pooling_mode_mean_tokens") == true else {
            throw .unsupported(path: poolingConfigPath, reason: "only mean pooling (pooling_mode_mean_tokens)")
        }
        for mode in [
            "pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens",
            "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken", "include_prompt",
        ]
        where try pooling.boolean(mode) == true && mode != "include_prompt" {
            throw .unsupported(path: poolingConfigPath, reason: "\(mode), only mean pooling")
        }
        let file = try SafeTensors(contentsOf: ModelFiles.join(transformerPath, "model.safetensors"))
        self.weights = try BertWeights(file: file, configuration: configuration)
        self.configuration = configuration
        self.tokenizer = tokenizer
        self.normalizes = normalizes
    }

    /// Embeds `texts`: one row per text, `dimension` columns, L2-normalised when the model says so.
    ///
    /// With `workers` above 1 each worker runs whole batches with single-threaded `sgemm`, so every step of the
    /// forward pass (GEMMs, attention, GELU, LayerNorm) runs in parallel; the process-wide OpenBLAS thread count
    /// is set to 1 meanwhile and restored afterwards, so do not call other BLAS code concurrently. With one
    /// worker the batches run in turn and OpenBLAS threads each GEMM as it is configured.
    ///
    /// - Parameters:
    ///   - texts: the texts, any length (each is truncated to the tokenizer's `maxLength` tokens).
    ///   - batchSize: texts per forward pass (at least 1); larger batches mean larger GEMMs.
    ///   - workers: batches run in parallel; `nil` means ``LinearAlgebra/BLAS/threadCount``.
    /// - Returns: a `texts.count × dimension` matrix, row `i` the vector of `texts[i]`.
    /// - Complexity: O(Σ Lᵢ·(h² + h·f) + Σ Lᵢ²·h) per layer for token counts Lᵢ ≤ max length, hidden size h
    ///   and feed-forward width f; memory O(workers · batch tokens · f).
    public func encode(_ texts: [String], batchSize: Int = 32, workers: Int? = nil) -> Matrix {
        encode(tokenIDs: texts.map(tokenizer.encode), batchSize: batchSize, workers: workers)
    }

    /// The mean of the last hidden states over each sequence's positions (`[CLS]` and `[SEP]` included), never
    /// normalised: what Model2Vec distils a token's vector from, given `[CLS] token [SEP]`.
    ///
    /// - Parameters:
    ///   - sequences: token ids from ``tokenizer``, each at most the model's positions long.
    ///   - batchSize: sequences per forward pass.
    ///   - workers: batches run in parallel, as in ``encode(_:batchSize:workers:)``.
    /// - Returns: one row per sequence.
    /// - Complexity: as ``encode(_:batchSize:workers:)``.
    public func meanHiddenStates(_ sequences: [[Int32]], batchSize: Int = 256, workers: Int? = nil) -> Matrix {
        encode(tokenIDs: sequences, batchSize: batchSize, workers: workers, normalizing: false)
    }

    /// Embeds already tokenized sequences (each `[CLS] … [SEP]`, ids from ``tokenizer``); `normalizing`
    /// overrides the model's ``normalizes``.
    func encode(tokenIDs sequences: [[Int32]], batchSize: Int, workers: Int? = nil, normalizing: Bool? = nil)
        -> Matrix
    {
        let normalizing = normalizing ?? normalizes
        precondition(batchSize >= 1, "batchSize must be at least 1")
        let h = configuration.hiddenSize
        for sequence in sequences {
            precondition(
                !sequence.isEmpty && sequence.count <= configuration.maxPositions
                    && sequence.allSatisfy { $0 >= 0 && Int($0) < configuration.vocabularySize },
                "token ids must come from the encoder's tokenizer")
        }
        // Longest first (as sentence-transformers), ties in input order: deterministic batches.
        let order = sequences.indices.sorted { (sequences[$0].count, $1) > (sequences[$1].count, $0) }
        let batches = stride(from: 0, to: order.count, by: batchSize).map {
            Array(order[$0..<min($0 + batchSize, order.count)])
        }
        var storage = [Float](repeating: 0, count: sequences.count * h)
        let workerCount = min(max(1, workers ?? BLAS.threadCount), batches.count)
        storage.withUnsafeMutableBufferPointer { buffer in
            let output = SharedOutput(buffer: buffer)
            let run: @Sendable ([Int]) -> Void = { batch in
                let pooled = forward(batch.map { sequences[$0] }, normalizing: normalizing)
                for (slot, row) in batch.enumerated() {
                    for column in 0..<h { output.buffer[row * h + column] = pooled[slot * h + column] }
                }
            }
            if workerCount <= 1 {
                for batch in batches { run(batch) }
            } else {
                let saved = BLAS.threadCount
                BLAS.setThreadCount(1)
                defer { BLAS.setThreadCount(saved) }
                // Batches are sorted by length, so dealing them out in turn balances the workers.
                DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
                    for index in stride(from: worker, to: batches.count, by: workerCount) { run(batches[index]) }
                }
            }
        }
        var result = Matrix(rows: sequences.count, columns: h)
        for row in 0..<sequences.count {
            for column in 0..<h { result[row, column] = storage[row * h + column] }
        }
        return result
    }

    /// The pooled (and normalised) vectors of one batch, row-major.
    private func forward(_ batch: [[Int32]], normalizing: Bool) -> [Float] {
        let c = configuration
        let h = c.hiddenSize
        let f = c.intermediateSize
        let heads = c.attentionHeads
        let d = h / heads
        let offsets = batch.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        let tokens = offsets[offsets.count - 1]
        let longest = batch.map(\.count).max() ?? 0
        let epsilon = c.layerNormEpsilon

        var x = [Float](repeating: 0, count: tokens * h)
        x.withUnsafeMutableBufferPointer { x in
            weights.wordEmbeddings.withUnsafeBufferPointer { word in
                weights.positionEmbeddings.withUnsafeBufferPointer { position in
                    weights.tokenTypeEmbeddings.withUnsafeBufferPointer { type in
                        for (s, sequence) in batch.enumerated() {
                            for (p, id) in sequence.enumerated() {
                                let row = (offsets[s] + p) * h
                                let w = Int(id) * h
                                for j in 0..<h { x[row + j] = word[w + j] + position[p * h + j] + type[j] }
                            }
                        }
                    }
                }
            }
        }
        Self.layerNorm(
            &x, residual: nil, width: h, weight: weights.embeddingNormWeight,
            bias: weights.embeddingNormBias, epsilon: epsilon)

        var qkv = [Float](repeating: 0, count: tokens * 3 * h)
        var context = [Float](repeating: 0, count: tokens * h)
        var projected = [Float](repeating: 0, count: tokens * h)
        var inner = [Float](repeating: 0, count: tokens * f)
        var scores = [Float](repeating: 0, count: longest * longest)
        let scale = 1 / Float(d).squareRoot()
        for layer in weights.layers {
            Self.linear(
                x, tokens: tokens, input: h, weight: layer.queryKeyValue, bias: layer.queryKeyValueBias,
                output: 3 * h, into: &qkv)
            qkv.withUnsafeBufferPointer { qkv in
                context.withUnsafeMutableBufferPointer { context in
                    scores.withUnsafeMutableBufferPointer { scores in
                        for s in batch.indices {
                            let length = batch[s].count
                            let base = offsets[s] * 3 * h
                            for head in 0..<heads {
                                BLAS.sgemm(
                                    .none, .transposed, m: length, n: length, k: d, alpha: scale,
                                    a: UnsafeBufferPointer(rebasing: qkv[(base + head * d)...]), lda: 3 * h,
                                    b: UnsafeBufferPointer(rebasing: qkv[(base + h + head * d)...]), ldb: 3 * h,
                                    beta: 0, c: scores, ldc: length)
                                Softmax.rows(scores, rows: length, columns: length)
                                BLAS.sgemm(
                                    .none, .none, m: length, n: d, k: length, alpha: 1,
                                    a: UnsafeBufferPointer(scores), lda: length,
                                    b: UnsafeBufferPointer(rebasing: qkv[(base + 2 * h + head * d)...]), ldb: 3 * h,
                                    beta: 0,
                                    c: UnsafeMutableBufferPointer(rebasing: context[(offsets[s] * h + head * d)...]),
                                    ldc: h)
                            }
                        }
                    }
                }
            }
            Self.linear(
                context, tokens: tokens, input: h, weight: layer.attentionOutput,
                bias: layer.attentionOutputBias, output: h, into: &projected)
            Self.layerNorm(
                &x, residual: projected, width: h, weight: layer.attentionNormWeight,
                bias: layer.attentionNormBias, epsilon: epsilon)
            Self.linear(
                x, tokens: tokens, input: h, weight: layer.intermediate, bias: layer.intermediateBias,
                output: f, into: &inner)
            GELU.apply(&inner)
            Self.linear(
                inner, tokens: tokens, input: f, weight: layer.output, bias: layer.outputBias, output: h,
                into: &projected)
            Self.layerNorm(
                &x, residual: projected, width: h, weight: layer.outputNormWeight,
                bias: layer.outputNormBias, epsilon: epsilon)
        }

        var pooled = [Float](repeating: 0, count: batch.count * h)
        x.withUnsafeBufferPointer { x in
            pooled.withUnsafeMutableBufferPointer { pooled in
                var sum = [Double](repeating: 0, count: h)
                for s in batch.indices {
                    for j in 0..<h { sum[j] = 0 }
                    for t in offsets[s]..<offsets[s + 1] {
                        for j in 0..<h { sum[j] += Double(x[t * h + j]) }
                    }
                    let count = Double(max(batch[s].count, 1))
                    var norm = 0.0
                    for j in 0..<h {
                        sum[j] /= count
                        norm += sum[j] * sum[j]
                    }
                    // torch.nn.functional.normalize: x / max(‖x‖, 1e-12).
                    let divisor = normalizing ? max(norm.squareRoot(), 1e-12) : 1
                    for j in 0..<h { pooled[s * h + j] = Float(sum[j] / divisor) }
                }
            }
        }
        return pooled
    }

    /// out = input · weightᵀ + bias for `tokens` rows (weight stored `[output, input]`).
    private static func linear(
        _ input: [Float], tokens: Int, input width: Int, weight: [Float], bias: [Float], output: Int,
        into result: inout [Float]
    ) {
        result.withUnsafeMutableBufferPointer { result in
            bias.withUnsafeBufferPointer { bias in
                for t in 0..<tokens {
                    _ = UnsafeMutableBufferPointer(rebasing: result[(t * output)..<((t + 1) * output)]).update(
                        fromContentsOf: bias)
                }
            }
            input.withUnsafeBufferPointer { a in
                weight.withUnsafeBufferPointer { b in
                    BLAS.sgemm(
                        .none, .transposed, m: tokens, n: output, k: width, alpha: 1, a: a, lda: width, b: b,
                        ldb: width, beta: 1, c: result, ldc: output)
                }
            }
        }
    }

    /// x ← LayerNorm(x + residual) row by row (biased variance, as PyTorch; two passes in single precision).
    private static func layerNorm(
        _ x: inout [Float], residual: [Float]?, width: Int, weight: [Float], bias: [Float], epsilon: Float
    ) {
        let rows = x.count / width
        x.withUnsafeMutableBufferPointer { x in
            weight.withUnsafeBufferPointer { weight in
                bias.withUnsafeBufferPointer { bias in
                    if let residual {
                        residual.withUnsafeBufferPointer { residual in
                            for i in 0..<x.count { x[i] += residual[i] }
                        }
                    }
                    let count = Float(width)
                    for r in 0..<rows {
                        let base = r * width
                        var sum: Float = 0
                        for j in 0..<width { sum += x[base + j] }
                        let mean = sum / count
                        var squares: Float = 0
                        for j in 0..<width {
                            let centred = x[base + j] - mean
                            squares += centred * centred
                        }
                        let inverse = 1 / (squares / count + epsilon).squareRoot()
                        for j in 0..<width { x[base + j] = (x[base + j] - mean) * inverse * weight[j] + bias[j] }
                    }
                }
            }
        }
    }
}

/// The output rows, shared by the workers of ``MiniLMEncoder/encode(tokenIDs:batchSize:workers:)``; each worker
/// writes only the rows of its own batches.
struct SharedOutput: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Float>
}
