/// The architecture of a BERT encoder, from a Hugging Face `config.json`.
public struct BertConfiguration: Sendable, Equatable {
    /// Width of every token vector (`hidden_size`).
    public let hiddenSize: Int
    /// Attention heads per layer (`num_attention_heads`); divides ``hiddenSize``.
    public let attentionHeads: Int
    /// Transformer layers (`num_hidden_layers`).
    public let layers: Int
    /// Width of the feed-forward block (`intermediate_size`).
    public let intermediateSize: Int
    /// Epsilon of every LayerNorm (`layer_norm_eps`).
    public let layerNormEpsilon: Float
    /// Rows of the word-embedding table (`vocab_size`).
    public let vocabularySize: Int
    /// Rows of the position-embedding table (`max_position_embeddings`).
    public let maxPositions: Int
    /// Rows of the token-type table (`type_vocab_size`).
    public let typeVocabularySize: Int

    /// Creates a configuration from its values.
    public init(
        hiddenSize: Int, attentionHeads: Int, layers: Int, intermediateSize: Int, layerNormEpsilon: Float,
        vocabularySize: Int, maxPositions: Int, typeVocabularySize: Int
    ) {
        self.hiddenSize = hiddenSize
        self.attentionHeads = attentionHeads
        self.layers = layers
        self.intermediateSize = intermediateSize
        self.layerNormEpsilon = layerNormEpsilon
        self.vocabularySize = vocabularySize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
    }

    /// Reads `config.json`: a `bert` model with `gelu` activation and absolute positions.
    ///
    /// - Throws: ``TextEncoderError`` naming `path` when the file is missing or malformed, or describes another
    ///   architecture (``TextEncoderError/unsupported(path:reason:)``).
    /// - Complexity: O(file size).
    public init(contentsOf path: String) throws(TextEncoderError) {
        let json = try ModelFiles.object(path)
        if let type = try json.string("model_type"), type != "bert" {
            throw .unsupported(path: path, reason: "model_type \(type), expected bert")
        }
        let activation = try json.string("hidden_act") ?? "gelu"
        guard activation == "gelu" else {
            throw .unsupported(path: path, reason: "hidden_act \(activation), expected gelu")
        }
        let positions = try json.string("position_embedding_type") ?? "absolute"
        guard positions == "absolute" else {
            throw .unsupported(path: path, reason: "position_embedding_type \(positions), expected absolute")
        }
        hiddenSize = try json.positiveInteger("hidden_size")
        attentionHeads = try json.positiveInteger("num_attention_heads")
        layers = try json.positiveInteger("num_hidden_layers")
        intermediateSize = try json.positiveInteger("intermediate_size")
        layerNormEpsilon = Float(try json.positiveNumber("layer_norm_eps", default: 1e-12))
        vocabularySize = try json.positiveInteger("vocab_size")
        maxPositions = try json.positiveInteger("max_position_embeddings", default: 512)
        typeVocabularySize = try json.positiveInteger("type_vocab_size", default: 2)
        guard hiddenSize % attentionHeads == 0 else {
            throw .malformedFile(
                path: path,
                reason: "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(attentionHeads)")
        }
    }
}
