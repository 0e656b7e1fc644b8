import AssayTestSupport
import Foundation
import LinearAlgebra
import Testing

@testable import TextEncoders

/// The static embedder against Model2Vec itself (`References/golden_static.py`): a model written by
/// `model2vec.StaticModel.save_pretrained` must load and encode to Model2Vec's vectors, and the distillation's
/// post-processing must equal scikit-learn's PCA followed by Model2Vec's SIF weights.
@Suite("Static embedder (Model2Vec layout)")
struct StaticEncoderTests {
    struct Golden: Decodable {
        struct Reduction: Decodable {
            let input: [[Float]]
            let dimensions: Int
            let sifCoefficient: Double
            let output: [[Float]]
            let explainedVarianceRatio: Double

            enum CodingKeys: String, CodingKey {
                case input, dimensions, output
                case sifCoefficient = "sif_coefficient"
                case explainedVarianceRatio = "explained_variance_ratio"
            }
        }
        let sentences: [String]
        let vectors: [[Float]]
        let pca: Reduction
    }

    static let golden: Golden = {
        let url = RepositoryPaths.fixture("golden/static_model2vec.json")
        guard let data = try? Data(contentsOf: url), let value = try? JSONDecoder().decode(Golden.self, from: data)
        else { fatalError("Fixtures/golden/static_model2vec.json is missing or malformed") }
        return value
    }()

    static let modelDirectory = RepositoryPaths.fixture("static-model").path

    @Test("a model written by model2vec encodes to model2vec's vectors (|Δ| ≤ 2e-6)")
    func matchesModel2Vec() throws {
        let model = try StaticEncoder(directory: Self.modelDirectory)
        #expect(model.dimension == 8 && model.normalizes && model.maxTokens == 512)
        let encoded = model.encode(Self.golden.sentences, workers: 3)
        for (row, expected) in Self.golden.vectors.enumerated() {
            for column in 0..<8 {
                let found = encoded[row, column]
                #expect(
                    abs(found - expected[column]) <= 2e-6,
                    "\(String(reflecting: Self.golden.sentences[row])) column \(column): \(found) vs \(expected[column])"
                )
            }
        }
        // Texts without a known token are zero vectors, as model2vec gives.
        #expect((0..<8).allSatisfy { encoded[Self.golden.sentences.firstIndex(of: "zebra xylophone")!, $0] == 0 })
    }

    @Test("the post-processing equals scikit-learn's PCA then model2vec's SIF weights")
    func reductionMatchesScikitLearn() throws {
        let reduction = Self.golden.pca
        let input = Matrix(
            uncheckedRows: reduction.input.count, columns: reduction.input[0].count,
            storage: reduction.input.flatMap { $0 })
        let (values, explained) = try StaticDistillation.reduce(
            input, dimensions: reduction.dimensions, sifCoefficient: reduction.sifCoefficient)
        let largest = reduction.output.flatMap { $0 }.map(abs).max() ?? 1
        for (row, expected) in reduction.output.enumerated() {
            for column in 0..<reduction.dimensions {
                let found = values[row * reduction.dimensions + column]
                // scikit-learn works in float32 on float32 input: agreement to a few float32 ulps of the largest value.
                #expect(abs(found - expected[column]) <= 1e-5 * largest, "row \(row) column \(column)")
            }
        }
        #expect(abs(explained - reduction.explainedVarianceRatio) <= 1e-6)
    }

    @Test("SIF weights and the kept tokens follow model2vec's definitions (hand-worked)")
    func weightsAndTokens() throws {
        // N = 3: 1/2, 1/3, 1/4 sum to 13/12, so p = 6/13, 4/13, 3/13 and w = a / (a + p).
        let weights = StaticDistillation.sifWeights(count: 3, coefficient: 0.5)
        let expected = [6.0, 4, 3].map { 0.5 / (0.5 + $0 / 13) }
        #expect(zip(weights, expected).allSatisfy { abs($0 - $1) <= 1e-15 })
        #expect(StaticDistillation.isUnused("[unused0]") && StaticDistillation.isUnused("[unused993]x"))
        #expect(!StaticDistillation.isUnused("[unused]") && !StaticDistillation.isUnused("unused1"))
        let tokenizer = try #require(
            BertTokenizer(vocabulary: ["[PAD]", "[unused0]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "cat", "[unused12]"]))
        #expect(StaticDistillation.keptTokenIDs(tokenizer) == [0, 2, 3, 4, 6])
    }

    @Test("a written model loads back, gives the same bytes twice and the mean of its rows")
    func writeAndLoad() throws {
        let tokenizer = try #require(
            BertTokenizer(vocabulary: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "cat", "dog", "##s"]))
        let table: [Float] = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 6]
        let model = StaticDistillation(
            tokens: tokenizer.vocabulary, embeddings: table, dimension: 3, sifCoefficient: 1e-4,
            explainedVarianceRatio: 0.5, source: tokenizer)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-static-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a").path
        let second = folder.appendingPathComponent("b").path
        try model.write(to: first, sourceName: "source", sourceIdentity: "source(weights=sha256:0)")
        try model.write(to: second, sourceName: "source", sourceIdentity: "source(weights=sha256:0)")
        for name in ["model.safetensors", "tokenizer.json", "config.json", "modules.json", "README.md"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + name))
            #expect(try a == Data(contentsOf: URL(fileURLWithPath: second + "/" + name)), "\(name)")
        }
        // Writing again replaces the model whole; no staging folder is left behind.
        try model.write(to: first, sourceName: "source", sourceIdentity: "source(weights=sha256:0)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a", "b"])
        let loaded = try StaticEncoder(directory: first)
        #expect(loaded.embeddings == table && loaded.tokenizer.vocabulary == tokenizer.vocabulary)
        // "cats dog": cat + ##s + dog = ((4,0,0) + (0,0,6) + (0,2,0)) / 3, then normalised: (4,2,6)/√56.
        let vector = loaded.encode(["cats dog", "[UNK] bird"])
        let norm = Float(56).squareRoot()
        #expect(abs(vector[0, 0] - 4 / norm) < 1e-6 && abs(vector[0, 1] - 2 / norm) < 1e-6)
        #expect(abs(vector[0, 2] - 6 / norm) < 1e-6)
        #expect(vector[1, 0] == 0 && vector[1, 1] == 0 && vector[1, 2] == 0)
    }

    @Test("unsupported and malformed models name the file")
    func errors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-static-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.modelDirectory), to: folder)
        let tokenizerPath = folder.appendingPathComponent("tokenizer.json")
        let original = try Data(contentsOf: tokenizerPath)
        var json = try #require(JSONSerialization.jsonObject(with: original) as? [String: Any])
        var model = try #require(json["model"] as? [String: Any])
        model["type"] = "Unigram"
        json["model"] = model
        try JSONSerialization.data(withJSONObject: json).write(to: tokenizerPath)
        #expect(
            throws: TextEncoderError.unsupported(
                path: tokenizerPath.path, reason: "tokenizer model Unigram, only WordPiece")
        ) {
            _ = try StaticEncoder(directory: folder.path)
        }
        try original.write(to: tokenizerPath)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("model.safetensors"))
        #expect(throws: TextEncoderError.missingFile(path: folder.appendingPathComponent("model.safetensors").path)) {
            _ = try StaticEncoder(directory: folder.path)
        }
    }
}
