import Foundation
import Testing

@testable import TextEncoders

/// Missing or malformed model files give a typed error naming the file.
@Suite("MiniLMEncoder model files")
struct ModelLoadingErrorTests {
    /// A copy of the model directory's small files, with the weights linked, in a fresh temporary folder.
    static func copyOfModel() throws -> String {
        let fm = FileManager.default
        let target = fm.temporaryDirectory.appendingPathComponent("assay-minilm-\(UUID())").path
        try fm.createDirectory(atPath: target + "/1_Pooling", withIntermediateDirectories: true)
        for name in [
            "config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json", "modules.json",
            "sentence_bert_config.json", "1_Pooling/config.json",
        ] {
            try fm.copyItem(atPath: Support.modelDirectory + "/" + name, toPath: target + "/" + name)
        }
        try fm.createSymbolicLink(
            atPath: target + "/model.safetensors", withDestinationPath: Support.modelDirectory + "/model.safetensors")
        return target
    }

    static let removals = [
        "config.json", "vocab.txt", "tokenizer_config.json", "modules.json", "1_Pooling/config.json",
        "model.safetensors",
    ]

    @Test(
        "a missing file is .missingFile naming it",
        .enabled(if: Support.modelPresent, "run scripts/fetch-minilm.sh: .models/all-MiniLM-L6-v2 is absent"),
        arguments: removals)
    func missing(_ name: String) throws {
        let directory = try Self.copyOfModel()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.removeItem(atPath: directory + "/" + name)
        #expect(throws: TextEncoderError.missingFile(path: directory + "/" + name)) {
            try MiniLMEncoder(directory: directory)
        }
    }

    static let corruptions: [(file: String, content: String, reason: String)] = [
        ("config.json", "{not json", "not a json object"),
        ("config.json", #"{"model_type":"bert","hidden_size":"384"}"#, "hidden_size: expected a positive integer"),
        (
            "config.json",
            #"{"hidden_size":384,"num_attention_heads":5,"num_hidden_layers":6,"intermediate_size":1536,"vocab_size":30522}"#,
            "hidden_size 384 is not a multiple of num_attention_heads 5"
        ),
        ("config.json", #"{"hidden_act":"relu"}"#, "unsupported: hidden_act relu, expected gelu"),
        (
            "config.json",
            #"{"hidden_size":384,"num_attention_heads":12,"num_hidden_layers":7,"intermediate_size":1536,"vocab_size":30522}"#,
            "tensor encoder.layer.6.attention.self.query.weight is missing"
        ),
        (
            "config.json",
            #"{"hidden_size":384,"num_attention_heads":12,"num_hidden_layers":6,"intermediate_size":1000,"vocab_size":30522}"#,
            "tensor encoder.layer.0.intermediate.dense.weight: shape [1536, 384], expected [1000, 384]"
        ),
        ("tokenizer_config.json", "[]", "not a json object"),
        ("tokenizer_config.json", #"{"do_lower_case":"yes"}"#, "do_lower_case: expected true or false"),
        ("vocab.txt", "hello\nworld\n", "missing a special token"),
        ("modules.json", #"{"a":1}"#, "not a json array"),
        (
            "modules.json", #"[{"type":"sentence_transformers.models.Pooling","path":"1_Pooling"}]"#,
            "no sentence_transformers.models.Transformer module"
        ),
        (
            "1_Pooling/config.json", #"{"pooling_mode_cls_token":true,"pooling_mode_mean_tokens":false}"#,
            "unsupported: only mean pooling"
        ),
        (
            "sentence_bert_config.json", #"{"max_seq_length":600}"#,
            "max_seq_length 600 exceeds max_position_embeddings 512"
        ),
        ("model.safetensors", "tiny", "file has 4 bytes"),
    ]

    @Test(
        "a malformed file is a typed error naming it",
        .enabled(if: Support.modelPresent, "run scripts/fetch-minilm.sh: .models/all-MiniLM-L6-v2 is absent"),
        arguments: corruptions)
    func malformed(_ corruption: (file: String, content: String, reason: String)) throws {
        let directory = try Self.copyOfModel()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + corruption.file
        try FileManager.default.removeItem(atPath: path)
        try Data(corruption.content.utf8).write(to: URL(fileURLWithPath: path))
        // Tensor errors name the weights file, whatever file caused them.
        let named = corruption.reason.hasPrefix("tensor ") ? directory + "/model.safetensors" : path
        do {
            _ = try MiniLMEncoder(directory: directory)
            Issue.record("\(corruption.file): no error")
        } catch {
            #expect(error.description.hasPrefix(named + ": "), "\(error)")
            #expect(error.description.contains(corruption.reason), "\(error)")
        }
    }

    @Test(
        "without sentence_bert_config.json the length is model_max_length capped by max_position_embeddings",
        .enabled(if: Support.modelPresent, "run scripts/fetch-minilm.sh: .models/all-MiniLM-L6-v2 is absent"))
    func lengthWithoutSentenceConfig() throws {
        let directory = try Self.copyOfModel()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try BertTokenizer(directory: directory).maxLength == 256)
        try FileManager.default.removeItem(atPath: directory + "/sentence_bert_config.json")
        #expect(try BertTokenizer(directory: directory).maxLength == 512)
        let long = String(repeating: "word ", count: 600)
        #expect(try BertTokenizer(directory: directory).encode(long).count == 512)
    }
}
