import AssayTestSupport
import Foundation
import Testing

/// `--embedder minilm[:DIR]` end to end: the model's vectors feed the embedding metrics and the cache,
/// and a missing or broken model stops the run with exit code 2 and the file named.
@Suite("assay audit --embedder minilm")
struct MiniLMEmbedderCLITests {
    static let model = RepositoryPaths.miniLMModel
    static var hasModel: Bool {
        FileManager.default.fileExists(atPath: model.appendingPathComponent("modules.json").path)
    }

    @Test(.enabled(if: hasModel, "needs .models/all-MiniLM-L6-v2: run bash scripts/fetch-minilm.sh"))
    func modelVectorsFeedTheEmbeddingMetricsAndTheCache() throws {
        let folder = try EmbeddingCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = [
            "audit", "--quiet", "--embedder", "minilm:\(Self.model.path)", "--cache-dir", folder.path, "--metrics",
            "vendi,near_duplicate_rate,discriminator_auc", "--real", "Fixtures/real.jsonl",
            "Fixtures/gen_templated.jsonl",
        ]
        let first = folder.appendingPathComponent("first.json")
        let outcome = try AssayProcess.run(arguments + ["--json", first.path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let result = try EmbeddingCLITests.json(first)
        let embedding = (result["embedding"] as? [String: Any]) ?? [:]
        #expect(embedding["dimension"] as? Int == 384)
        #expect((embedding["embedder"] as? String)?.hasPrefix("minilm(model=all-MiniLM-L6-v2,max_length=256,") == true)
        // A semantic model finds the templated rows' paraphrases that the lexical embedder misses.
        let datasets = (result["datasets"] as? [[String: Any]]) ?? []
        let templated = (datasets.last?["metrics"] as? [String: Any]) ?? [:]
        #expect(((templated["near_duplicate_rate"] as? NSNumber)?.doubleValue ?? 0) > 0.4)
        // The second run reads every vector from the cache and gives the same bytes.
        let second = folder.appendingPathComponent("second.json")
        #expect(try AssayProcess.run(arguments + ["--json", second.path]).status == 0)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        let cached = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".json") }
        #expect(!cached.isEmpty, "the embedding cache holds the model's vectors")
    }

    @Test func aMissingModelIsExitCodeTwoNamingTheFile() throws {
        let folder = try EmbeddingCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try AssayProcess.run(["audit", "--embedder", "minilm:\(folder.path)", "Fixtures/gen_short.csv"])
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError == "error: \(folder.path)/modules.json: no such file\n", "\(outcome.standardError)")
    }

    @Test func aBrokenModelFileIsExitCodeTwoNamingIt() throws {
        let folder = try EmbeddingCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("[{\"type\": \"sentence_transformers.models.Transformer\", \"path\": \"\"".utf8)
            .write(to: folder.appendingPathComponent("modules.json"))
        let outcome = try AssayProcess.run(["audit", "--embedder", "minilm:\(folder.path)", "Fixtures/gen_short.csv"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.hasPrefix("error: \(folder.path)/modules.json: "), "\(outcome.standardError)")
        #expect(outcome.standardError.split(separator: "\n").count == 1)
    }

    @Test func anUnknownEmbedderIsAUsageError() throws {
        let outcome = try AssayProcess.run(["audit", "--embedder", "bert", "Fixtures/gen_short.csv"])
        #expect(outcome.status == 64)
        #expect(
            outcome.standardError.contains(
                "--embedder must be 'hashing', 'minilm', 'minilm:DIR', 'static' or 'static:DIR', got 'bert'"))
    }
}
