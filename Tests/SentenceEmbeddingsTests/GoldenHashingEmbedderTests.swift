import AssayTestSupport
import Foundation
import Testing
import TextTokenization

@testable import SentenceEmbeddings

/// Compares ``HashingEmbedder`` with `References/golden_hashing_embedder.py`, an independent
/// Python + numpy implementation of `Metrics/hashing-embedder.md`.
@Suite("Golden hashing-embedder vectors from the Python reference")
struct GoldenHashingEmbedderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let dimension: Int
        let identity: String
        let texts: [String]
        let tokens: [[String]]
        let vectors: [[Int: Double]]
        var testDescription: String { "dimension \(dimension), \(texts.count) texts" }
    }

    static let goldenFile = RepositoryPaths.root.appendingPathComponent("Fixtures/golden/hashing_embedder.json")

    static func load() throws -> (tolerance: Double, cases: [Case]) {
        let data = try Data(contentsOf: goldenFile)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tolerance = root["tolerance"] as? Double,
            let cases = root["cases"] as? [[String: Any]]
        else { throw CocoaError(.fileReadCorruptFile) }
        let parsed = try cases.map { object -> Case in
            guard let dimension = object["dimension"] as? Int, let identity = object["identity"] as? String,
                let texts = object["texts"] as? [String], let tokens = object["tokens"] as? [[String]],
                let vectors = object["vectors"] as? [[String: Double]]
            else { throw CocoaError(.fileReadCorruptFile) }
            let sparse = vectors.map { vector in
                Dictionary(uniqueKeysWithValues: vector.compactMap { key, value in Int(key).map { ($0, value) } })
            }
            return Case(dimension: dimension, identity: identity, texts: texts, tokens: tokens, vectors: sparse)
        }
        return (tolerance, parsed)
    }

    static var cases: [Case] { (try? load().cases) ?? [] }

    @Test func goldenFileIsPresent() throws {
        let golden = try Self.load()
        #expect(golden.tolerance == 1e-6)
        #expect(golden.cases.count >= 2)
    }

    @Test(arguments: cases)
    func matchesReference(_ golden: Case) throws {
        let embedder = try HashingEmbedder(dimension: golden.dimension)
        #expect(embedder.identity == golden.identity)
        let matrix = try embedder.embed(golden.texts)
        #expect(matrix.rows == golden.texts.count && matrix.columns == golden.dimension)
        for (row, text) in golden.texts.enumerated() {
            // The reference's own tokenizer must agree with ours on these inputs.
            #expect(WordTokenizer().tokens(in: text) == golden.tokens[row], "tokens of \(text.debugDescription)")
            var worst = 0.0
            for column in 0..<golden.dimension {
                let expected = golden.vectors[row][column] ?? 0
                worst = max(worst, abs(Double(matrix[row, column]) - expected))
            }
            #expect(worst <= 1e-6, "row \(row) \(text.debugDescription): max difference \(worst)")
        }
    }
}
