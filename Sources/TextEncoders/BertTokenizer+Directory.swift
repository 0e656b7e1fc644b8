import Foundation

extension BertTokenizer {
    /// Loads the tokenizer of a sentence-transformers (or Hugging Face BERT) model directory.
    ///
    /// Reads `vocab.txt` (one token per line, the line number is the id) and `tokenizer_config.json`
    /// (`do_lower_case`, `strip_accents`, `tokenize_chinese_chars`, `model_max_length`, special tokens), and
    /// when present `special_tokens_map.json`, `sentence_bert_config.json` (`max_seq_length`, which
    /// sentence-transformers truncates to and which wins over `model_max_length`) and `config.json`
    /// (`max_position_embeddings` caps the length when `max_seq_length` is absent).
    ///
    /// - Throws: ``TextEncoderError`` naming the file that is missing or malformed.
    /// - Complexity: O(vocabulary size).
    public init(directory: String) throws(TextEncoderError) {
        let vocabularyPath = ModelFiles.join(directory, "vocab.txt")
        guard let text = String(data: try ModelFiles.data(vocabularyPath), encoding: .utf8) else {
            throw .malformedFile(path: vocabularyPath, reason: "not utf-8 text")
        }
        var vocabulary = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if vocabulary.last == "" { vocabulary.removeLast() }
        guard !vocabulary.isEmpty else { throw .malformedFile(path: vocabularyPath, reason: "empty vocabulary") }

        let configPath = ModelFiles.join(directory, "tokenizer_config.json")
        let config = try ModelFiles.object(configPath)
        let mapPath = ModelFiles.join(directory, "special_tokens_map.json")
        let map = FileManager.default.fileExists(atPath: mapPath) ? try ModelFiles.object(mapPath) : nil
        func token(_ key: String, _ defaultValue: String) throws(TextEncoderError) -> String {
            if let value = try map?.string(key) { return value }
            return try config.string(key) ?? defaultValue
        }
        let names = (
            cls: try token("cls_token", "[CLS]"), sep: try token("sep_token", "[SEP]"),
            unk: try token("unk_token", "[UNK]"), pad: try token("pad_token", "[PAD]"),
            mask: try token("mask_token", "[MASK]")
        )

        var maxLength: Int
        let sentencePath = ModelFiles.join(directory, "sentence_bert_config.json")
        if FileManager.default.fileExists(atPath: sentencePath),
            let length = try? ModelFiles.object(sentencePath).positiveInteger("max_seq_length")
        {
            maxLength = length
        } else {
            // Hugging Face writes a huge sentinel (1e30) when the length is unknown; keep it only if it fits.
            let raw = config.values["model_max_length"] as? NSNumber
            maxLength = raw.flatMap { Int(exactly: $0.doubleValue) } ?? 512
            let modelPath = ModelFiles.join(directory, "config.json")
            if FileManager.default.fileExists(atPath: modelPath) {
                let positions = try ModelFiles.object(modelPath).positiveInteger(
                    "max_position_embeddings", default: 512)
                maxLength = min(maxLength, positions)
            }
        }
        guard maxLength >= 2 else {
            throw .malformedFile(path: sentencePath, reason: "max_seq_length \(maxLength) leaves no room for tokens")
        }
        guard
            let tokenizer = BertTokenizer(
                vocabulary: vocabulary, lowercases: try config.boolean("do_lower_case") ?? true,
                stripsAccents: try config.boolean("strip_accents"),
                splitsChineseCharacters: try config.boolean("tokenize_chinese_chars") ?? true, maxLength: maxLength,
                classToken: names.cls, separatorToken: names.sep, unknownToken: names.unk, paddingToken: names.pad,
                maskToken: names.mask)
        else {
            throw .malformedFile(
                path: vocabularyPath,
                reason: "missing a special token (\(names.cls), \(names.sep), \(names.unk) or \(names.pad))")
        }
        self = tokenizer
    }
}
