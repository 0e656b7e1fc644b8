import Dispatch
import Foundation
import LinearAlgebra

/// A static embedding model in the Model2Vec layout: one vector per WordPiece token, a text's vector the mean
/// of its tokens' vectors. Loads what `assay embedder distill` writes and published Model2Vec models with a BERT
/// WordPiece tokenizer (the potion family).
///
/// A model directory holds `model.safetensors` (tensor `embeddings`, `vocabulary × dimension`, F32, F16, BF16 or
/// F64), `tokenizer.json` (Hugging Face `tokenizers` JSON: a `WordPiece` model with a `BertNormalizer`) and
/// `config.json` (`normalize`, `max_length`; other keys are metadata). Models whose vocabulary was quantised (tensors
/// `mapping` and `weights`) and other tokenizer types are refused with the file named.
///
/// Encoding follows Model2Vec's `StaticModel.encode`: WordPiece ids without `[CLS]`/`[SEP]` (the saved
/// post-processor is ignored), `[UNK]` ids dropped, at most ``maxTokens`` ids kept, the mean of their rows
/// (float32 sums, as model2vec-rs), then L2-normalised when `normalize` is true (absent: true, as model2vec-rs).
/// A text with no known token gives a zero vector.
public struct StaticEncoder: Sendable {
    /// The tokenizer (its special tokens are matched in text, but never added).
    public let tokenizer: BertTokenizer
    /// Row `i` is the vector of token id `i`, row-major, `vocabulary × dimension`.
    public let embeddings: [Float]
    /// Vector dimension.
    public let dimension: Int
    /// Whether encoded vectors are L2-normalised.
    public let normalizes: Bool
    /// The most token ids averaged per text (Model2Vec's `max_length`).
    public let maxTokens: Int

    /// Model2Vec's default `max_length`.
    public static let defaultMaxTokens = 512

    /// A model over an in-memory table (tests and distillation).
    ///
    /// - Precondition: `embeddings.count == tokenizer.vocabulary.count · dimension`.
    public init(
        tokenizer: BertTokenizer, embeddings: [Float], dimension: Int, normalizes: Bool = true,
        maxTokens: Int = StaticEncoder.defaultMaxTokens
    ) {
        precondition(dimension >= 1 && embeddings.count == tokenizer.vocabulary.count * dimension, "one row per token")
        precondition(maxTokens >= 1, "maxTokens must be at least 1")
        self.tokenizer = tokenizer
        self.embeddings = embeddings
        self.dimension = dimension
        self.normalizes = normalizes
        self.maxTokens = maxTokens
    }

    /// Loads a Model2Vec directory (`config.json`, `model.safetensors`, `tokenizer.json`).
    ///
    /// - Throws: ``TextEncoderError`` naming the file that is missing, malformed or unsupported.
    /// - Complexity: O(vocabulary · dimension).
    public init(directory: String) throws(TextEncoderError) {
        let configPath = ModelFiles.join(directory, "config.json")
        let config = try ModelFiles.object(configPath)
        let normalizes = try config.boolean("normalize") ?? true
        let maxTokens = try config.positiveInteger("max_length", default: Self.defaultMaxTokens)
        let tokenizer = try Self.tokenizer(ModelFiles.join(directory, "tokenizer.json"))
        let weightsPath = ModelFiles.join(directory, "model.safetensors")
        let file = try SafeTensors(contentsOf: weightsPath)
        if file.tensors["mapping"] != nil || file.tensors["weights"] != nil {
            throw .unsupported(path: weightsPath, reason: "vocabulary-quantised models (tensors mapping and weights)")
        }
        guard let info = file.tensors["embeddings"] ?? file.tensors["embedding.weight"] else {
            throw .malformedFile(path: weightsPath, reason: "no tensor embeddings")
        }
        guard info.shape.count == 2, info.shape[1] >= 1 else {
            throw .malformedFile(
                path: weightsPath, reason: "tensor \(info.name): shape \(info.shape), expected [tokens, dimension]")
        }
        guard info.shape[0] == tokenizer.vocabulary.count else {
            throw .malformedFile(
                path: weightsPath,
                reason:
                    "tensor \(info.name) has \(info.shape[0]) rows, but tokenizer.json has \(tokenizer.vocabulary.count) tokens"
            )
        }
        let values = try file.floats(info.name)
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .malformedFile(
                path: weightsPath, reason: "tensor \(info.name): row \(bad / info.shape[1]) is not finite")
        }
        self.init(
            tokenizer: tokenizer, embeddings: values, dimension: info.shape[1], normalizes: normalizes,
            maxTokens: maxTokens)
    }

    /// Token ids averaged for `text`: WordPiece ids without special tokens added, `[UNK]` dropped, at most
    /// ``maxTokens``.
    ///
    /// - Complexity: O(text length · longest word).
    public func tokenIDs(_ text: String) -> [Int32] {
        let unknown = tokenizer.unknownTokenID
        return Array(tokenizer.pieceIDs(text).lazy.filter { $0 != unknown }.prefix(maxTokens))
    }

    /// One row per text: the mean of its tokens' rows, L2-normalised when ``normalizes``; zero for a text with
    /// no known token. Texts are split among `workers` threads; each row depends only on its text.
    ///
    /// - Complexity: O(total tokens · dimension).
    public func encode(_ texts: [String], workers: Int = 1) -> Matrix {
        let d = dimension
        var storage = [Float](repeating: 0, count: texts.count * d)
        let workerCount = max(1, min(workers, texts.count / 256 + 1))
        storage.withUnsafeMutableBufferPointer { output in
            let shared = SharedOutput(buffer: output)
            embeddings.withUnsafeBufferPointer { table in
                let tablePointer = SharedTable(buffer: table)
                DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
                    guard let outputBase = shared.buffer.baseAddress, let tableBase = tablePointer.buffer.baseAddress
                    else { return }
                    // Reused buffers and float32 sums straight into the output row: nothing is allocated per ASCII
                    // row once the buffers have grown.
                    var scratch = WordPieceScratch()
                    var pieces: [Int32] = []
                    let unknown = tokenizer.unknownTokenID
                    for row in stride(from: worker, to: texts.count, by: workerCount) {
                        pieces.removeAll(keepingCapacity: true)
                        tokenizer.appendPieceIDs(of: texts[row], to: &pieces, scratch: &scratch)
                        let sum = outputBase + row * d
                        var used = 0
                        for id in pieces where id != unknown {
                            guard used < maxTokens else { break }
                            let vector = tableBase + Int(id) * d
                            for j in 0..<d { sum[j] += vector[j] }
                            used += 1
                        }
                        guard used > 0 else { continue }
                        let inverse = 1 / Float(used)
                        var norm: Float = 0
                        for j in 0..<d {
                            sum[j] *= inverse
                            norm += sum[j] * sum[j]
                        }
                        guard normalizes else { continue }
                        let scale = 1 / max(norm.squareRoot(), 1e-12)
                        for j in 0..<d { sum[j] *= scale }
                    }
                }
            }
        }
        return Matrix(uncheckedRows: texts.count, columns: d, storage: storage)
    }

    /// The WordPiece tokenizer of a `tokenizer.json`.
    static func tokenizer(_ path: String) throws(TextEncoderError) -> BertTokenizer {
        let root = try ModelFiles.object(path)
        guard let model = root.values["model"] as? [String: Any] else {
            throw .malformedFile(path: path, reason: "no model object")
        }
        let type = model["type"] as? String ?? ""
        guard type == "WordPiece" else {
            throw .unsupported(
                path: path, reason: "tokenizer model \(type.isEmpty ? "without a type" : type), only WordPiece")
        }
        guard let vocab = model["vocab"] as? [String: Any], !vocab.isEmpty else {
            throw .malformedFile(path: path, reason: "model.vocab is missing or empty")
        }
        var tokens = [String?](repeating: nil, count: vocab.count)
        for (token, value) in vocab {
            guard let number = value as? NSNumber, let id = Int(exactly: number.doubleValue), id >= 0, id < vocab.count,
                tokens[id] == nil
            else {
                throw .malformedFile(path: path, reason: "model.vocab: ids must be 0..<\(vocab.count), each once")
            }
            tokens[id] = token
        }
        let prefix = model["continuing_subword_prefix"] as? String ?? "##"
        guard prefix == "##" else {
            throw .unsupported(path: path, reason: "continuing_subword_prefix \(prefix), only ##")
        }
        let unknown = model["unk_token"] as? String ?? "[UNK]"
        let longest = (model["max_input_chars_per_word"] as? NSNumber)?.intValue ?? 100
        var lowercases = true
        var stripsAccents: Bool?
        var splitsChinese = true
        if let normalizer = root.values["normalizer"] as? [String: Any] {
            guard normalizer["type"] as? String == "BertNormalizer" else {
                throw .unsupported(
                    path: path, reason: "normalizer \(normalizer["type"] as? String ?? "?"), only BertNormalizer")
            }
            lowercases = (normalizer["lowercase"] as? Bool) ?? true
            stripsAccents = normalizer["strip_accents"] as? Bool
            splitsChinese = (normalizer["handle_chinese_chars"] as? Bool) ?? true
        }
        let vocabulary = tokens.map { $0 ?? "" }
        // Special tokens present in the vocabulary; a model without [CLS]/[SEP]/[PAD] still encodes (they are
        // never added), so absent ones fall back to the unknown token.
        func name(_ token: String) -> String { vocab[token] != nil ? token : unknown }
        guard vocab[unknown] != nil,
            let tokenizer = BertTokenizer(
                vocabulary: vocabulary, lowercases: lowercases, stripsAccents: stripsAccents,
                splitsChineseCharacters: splitsChinese, maxLength: Int(Int32.max), maxInputCharactersPerWord: longest,
                classToken: name("[CLS]"), separatorToken: name("[SEP]"), unknownToken: unknown,
                paddingToken: name("[PAD]"), maskToken: name("[MASK]"))
        else {
            throw .malformedFile(path: path, reason: "the unknown token \(unknown) is not in model.vocab")
        }
        return tokenizer
    }
}

/// The table shared read-only by the encoding workers.
private struct SharedTable: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Float>
}
