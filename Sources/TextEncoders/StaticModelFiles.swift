import Foundation

extension StaticDistillation {
    /// Writes the model into `directory` in the Model2Vec layout, so that Model2Vec (`StaticModel.from_pretrained`),
    /// sentence-transformers and ``StaticEncoder`` load it: `model.safetensors` (tensor `embeddings`, F32),
    /// `tokenizer.json` (the source's WordPiece tokenizer over the kept tokens, no post-processor), `config.json`,
    /// `modules.json` and `README.md`. The same distillation gives the same bytes.
    ///
    /// The files are written into a new folder beside `directory`, which then takes its place: a failure
    /// leaves no half-written model, and an existing model is replaced only by a complete one.
    ///
    /// - Parameters:
    ///   - directory: the model folder to create or replace.
    ///   - sourceName: the source model's name (`tokenizer_name` in the config).
    ///   - sourceIdentity: the source model's identity with its weights' digest (recorded in the config).
    /// - Throws: ``TextEncoderError/unreadableFile(path:reason:)`` when a file cannot be written.
    public func write(to directory: String, sourceName: String, sourceIdentity: String) throws(TextEncoderError) {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = url.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        let manager = FileManager.default
        func failure(_ path: URL, _ error: any Error) -> TextEncoderError {
            .unreadableFile(path: path.path, reason: "cannot write: \(error.localizedDescription.lowercased())")
        }
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw failure(staging, error)
        }
        let files: [(String, Data)] = [
            ("model.safetensors", safetensors()),
            ("tokenizer.json", tokenizerJSON()),
            ("config.json", json(config(sourceName: sourceName, sourceIdentity: sourceIdentity))),
            ("modules.json", json(modules)),
            ("README.md", Data(readme(sourceName: sourceName).utf8)),
        ]
        for (name, data) in files {
            let path = staging.appendingPathComponent(name)
            do {
                try data.write(to: path)
            } catch {
                try? manager.removeItem(at: staging)
                throw failure(path, error)
            }
        }
        do {
            if manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
            try manager.moveItem(at: staging, to: url)
        } catch {
            try? manager.removeItem(at: staging)
            throw failure(url, error)
        }
    }

    /// The safetensors file: an 8-byte little-endian header length, the JSON header (padded with spaces to a
    /// multiple of 8 bytes), then the F32 little-endian values.
    func safetensors() -> Data {
        let byteCount = embeddings.count * 4
        var header = #"{"__metadata__":{"format":"pt"},"embeddings":{"dtype":"F32","shape":["#
        header += "\(tokens.count),\(dimension)],\"data_offsets\":[0,\(byteCount)]}}"
        while header.utf8.count % 8 != 0 { header += " " }
        var data = Data()
        data.reserveCapacity(8 + header.utf8.count + byteCount)
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header.utf8)
        for value in embeddings { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// Hugging Face `tokenizers` JSON: the source's normaliser settings, BERT pre-tokenizer, a WordPiece model over
    /// the kept tokens (ids renumbered from 0), the special tokens still present as added tokens, no post-processor.
    func tokenizerJSON() -> Data {
        var vocab: [String: Int] = [:]
        for (id, token) in tokens.enumerated() { vocab[token] = id }
        let specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"].compactMap { token -> [String: Any]? in
            guard let id = vocab[token] else { return nil }
            return [
                "id": id, "content": token, "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true,
            ]
        }
        let unknown = source.vocabulary[Int(source.unknownTokenID)]
        let root: [String: Any] = [
            "version": "1.0",
            "truncation": NSNull(),
            "padding": NSNull(),
            "added_tokens": specials,
            "normalizer": [
                "type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": source.splitsChineseCharacters,
                "strip_accents": source.stripsAccents.map { $0 as Any } ?? NSNull(), "lowercase": source.lowercases,
            ] as [String: Any],
            "pre_tokenizer": ["type": "BertPreTokenizer"],
            "post_processor": NSNull(),
            "decoder": ["type": "WordPiece", "prefix": "##", "cleanup": true] as [String: Any],
            "model": [
                "type": "WordPiece", "unk_token": unknown, "continuing_subword_prefix": "##",
                "max_input_chars_per_word": source.maxInputCharactersPerWord, "vocab": vocab,
            ] as [String: Any],
        ]
        return json(root)
    }

    func config(sourceName: String, sourceIdentity: String) -> [String: Any] {
        [
            "model_type": "model2vec", "architectures": ["StaticModel"], "tokenizer_name": sourceName,
            "apply_pca": dimension, "sif_coefficient": sifCoefficient, "hidden_dim": dimension,
            "seq_length": 1_000_000, "normalize": true, "pooling": "mean", "embedding_dtype": "float32",
            "distilled_by": "assay embedder distill", "distilled_from": sourceIdentity,
        ]
    }

    var modules: [[String: Any]] {
        [
            ["idx": 0, "name": "0", "path": ".", "type": "sentence_transformers.models.StaticEmbedding"],
            ["idx": 1, "name": "1", "path": "1_Normalize", "type": "sentence_transformers.models.Normalize"],
        ]
    }

    func readme(sourceName: String) -> String {
        """
        ---
        base_model: \(sourceName)
        library_name: model2vec
        tags: [embeddings, static-embeddings, model2vec]
        ---

        # Static embeddings distilled from \(sourceName)

        Written by `assay embedder distill` with the Model2Vec method: every vocabulary token but `[unused…]` and
        `[MASK]` run through \(sourceName) as `[CLS] token [SEP]` (mean of the last hidden states), \(dimension)
        principal components (\(String(format: "%.1f", explainedVarianceRatio * 100)) % of the variance), SIF weights
        with a = \(sifCoefficient). A text's vector is the mean of its tokens' rows, L2-normalised.

        \(tokens.count) tokens × \(dimension) dimensions, float32.

        """
    }

    /// Sorted keys, no escaped slashes: the same value gives the same bytes.
    func json(_ value: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
