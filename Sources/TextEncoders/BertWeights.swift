/// The tensors of a BERT encoder, converted to `Float` and laid out for the forward pass.
///
/// Linear weights keep PyTorch's `[out, in]` layout (the forward pass multiplies by their transpose); the
/// query, key and value projections of each layer are stacked into one `[3·hidden, hidden]` matrix.
struct BertWeights: Sendable {
    struct Layer: Sendable {
        var queryKeyValue: [Float]
        var queryKeyValueBias: [Float]
        var attentionOutput: [Float]
        var attentionOutputBias: [Float]
        var attentionNormWeight: [Float]
        var attentionNormBias: [Float]
        var intermediate: [Float]
        var intermediateBias: [Float]
        var output: [Float]
        var outputBias: [Float]
        var outputNormWeight: [Float]
        var outputNormBias: [Float]
    }

    var wordEmbeddings: [Float]
    var positionEmbeddings: [Float]
    var tokenTypeEmbeddings: [Float]
    var embeddingNormWeight: [Float]
    var embeddingNormBias: [Float]
    var layers: [Layer]

    /// Reads every tensor the configuration needs, checking each shape; names may carry a `bert.` prefix.
    ///
    /// - Complexity: O(parameters).
    init(file: SafeTensors, configuration c: BertConfiguration) throws(TextEncoderError) {
        let prefix = file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func tensor(_ name: String, _ shape: [Int]) throws(TextEncoderError) -> [Float] {
            try file.floats(prefix + name, shape: shape)
        }
        let h = c.hiddenSize
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [c.vocabularySize, h])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [c.maxPositions, h])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h])
        embeddingNormWeight = try tensor("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try tensor("embeddings.LayerNorm.bias", [h])
        layers = []
        for index in 0..<c.layers {
            let p = "encoder.layer.\(index)."
            let qkv =
                try tensor(p + "attention.self.query.weight", [h, h]) + tensor(p + "attention.self.key.weight", [h, h])
                + tensor(p + "attention.self.value.weight", [h, h])
            let qkvBias =
                try tensor(p + "attention.self.query.bias", [h]) + tensor(p + "attention.self.key.bias", [h])
                + tensor(p + "attention.self.value.bias", [h])
            layers.append(
                Layer(
                    queryKeyValue: qkv, queryKeyValueBias: qkvBias,
                    attentionOutput: try tensor(p + "attention.output.dense.weight", [h, h]),
                    attentionOutputBias: try tensor(p + "attention.output.dense.bias", [h]),
                    attentionNormWeight: try tensor(p + "attention.output.LayerNorm.weight", [h]),
                    attentionNormBias: try tensor(p + "attention.output.LayerNorm.bias", [h]),
                    intermediate: try tensor(p + "intermediate.dense.weight", [c.intermediateSize, h]),
                    intermediateBias: try tensor(p + "intermediate.dense.bias", [c.intermediateSize]),
                    output: try tensor(p + "output.dense.weight", [h, c.intermediateSize]),
                    outputBias: try tensor(p + "output.dense.bias", [h]),
                    outputNormWeight: try tensor(p + "output.LayerNorm.weight", [h]),
                    outputNormBias: try tensor(p + "output.LayerNorm.bias", [h])))
        }
    }
}
