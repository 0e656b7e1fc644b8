import AssayTestSupport
import Foundation
import Testing

/// The default embedder end to end: it must be set up (`bash scripts/fetch-models.sh`); without it an audit that
/// embeds texts stops with exit code 2 naming that command, while one that embeds nothing still runs.
@Suite("assay audit with the static embedder")
struct StaticEmbedderCLITests {
    static let fixture = RepositoryPaths.fixture("gen_short.csv").path

    @Test("without the model an audit that embeds texts stops with exit 2 and says how to set it up")
    func missingModel() throws {
        let folder = try EmbeddingCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try AssayProcess.run(
            ["audit", "--quiet", "--no-cache", Self.fixture], in: folder, environment: ["ASSAY_STATIC_DIR": ""])
        #expect(outcome.status == 2)
        let expected =
            "error: no static embedding model found (looked in \(folder.path)/.models/static-minilm-256); run "
            + "'bash scripts/fetch-models.sh' to distil it from all-MiniLM-L6-v2, give --embedder static:DIR, or "
            + "choose --embedder hashing (lexical, no model)\n"
        #expect(
            outcome.standardError == expected || outcome.standardError.hasSuffix(expected), "\(outcome.standardError)")
        // Metrics that read no vectors need no model; the hashing embedder needs none either.
        let lexical = try AssayProcess.run(
            ["audit", "--quiet", "--metrics", "distinct_2", Self.fixture], in: folder,
            environment: ["ASSAY_STATIC_DIR": ""])
        #expect(lexical.status == 0, "\(lexical.standardError)")
        let hashing = try AssayProcess.run(
            ["audit", "--quiet", "--no-cache", "--embedder", "hashing", Self.fixture], in: folder,
            environment: ["ASSAY_STATIC_DIR": ""])
        #expect(hashing.status == 0, "\(hashing.standardError)")
    }

    @Test("a broken model folder is exit 2 naming the file")
    func brokenModel() throws {
        let folder = try EmbeddingCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try AssayProcess.run(["audit", "--quiet", "--embedder", "static:\(folder.path)", Self.fixture])
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError == "error: \(folder.path)/config.json: no such file\n", "\(outcome.standardError)")
    }

    @Test(
        "the report names the static model and its table's digest",
        .enabled(if: RepositoryPaths.hasModels, "needs bash scripts/fetch-models.sh"))
    func reportNamesTheModel() throws {
        let folder = try EmbeddingCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.json")
        let outcome = try AssayProcess.run(
            ["audit", "--quiet", "--no-cache", "--metrics", "vendi", Self.fixture, "--json", output.path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let embedding = (try EmbeddingCLITests.json(output)["embedding"] as? [String: Any]) ?? [:]
        let identity = embedding["embedder"] as? String ?? ""
        #expect(
            identity.hasPrefix(
                "static-v1(model=static-minilm-256,dim=256,max_tokens=512,pooling=mean-f32,weights=sha256:"),
            "\(identity)")
        #expect(embedding["dimension"] as? Int == 256)
    }
}

/// `assay embedder distill` refuses what it cannot do before any work, naming the option or the file.
@Suite("assay embedder distill errors")
struct DistillCLITests {
    @Test(
        "a missing source, too many dimensions and writing over the source are exit 2",
        .enabled(if: RepositoryPaths.hasModels, "needs bash scripts/fetch-models.sh"))
    func errors() throws {
        let folder = try EmbeddingCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("model").path
        let cases: [([String], String)] = [
            (
                ["--from", "minilm:/nonexistent-assay-model", "--out", out],
                "error: /nonexistent-assay-model/modules.json: no such file\n"
            ),
            (["--dims", "500", "--out", out], "error: --dims 500: the source model has only 384 dimensions\n"),
            (
                ["--out", RepositoryPaths.miniLMModel.path],
                "error: --out \(RepositoryPaths.miniLMModel.path): that is the source model's folder\n"
            ),
        ]
        for (arguments, message) in cases {
            let outcome = try AssayProcess.run(["embedder", "distill", "--quiet"] + arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.standardError == message, "\(outcome.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
