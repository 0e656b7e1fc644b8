import AssayTestSupport
import Foundation
import Testing
import TextTokenization

@testable import LanguageModels

/// The model against `Fixtures/golden/language_model.json`, written by the independent exact-fraction
/// Python implementation `References/golden_language_model.py`.
@Suite("Golden modified Kneser-Ney values")
struct GoldenLanguageModelTests {
    struct Row: Decodable, Sendable {
        let tokens: [UInt32]
        let logProbabilities: [Double]
        let perplexity: Double

        enum CodingKeys: String, CodingKey {
            case tokens, perplexity
            case logProbabilities = "log_probabilities"
        }
    }
    struct Case: Decodable, Sendable {
        let order: Int
        let vocabularySize: Int
        let discounts: [[Double]]
        let fallback: [Bool]
        let rows: [Row]

        enum CodingKeys: String, CodingKey {
            case order, discounts, fallback, rows
            case vocabularySize = "vocabulary_size"
        }
    }
    struct Corpus: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let train: [[UInt32]]
        let cases: [Case]
        var testDescription: String { name }
    }
    struct File: Decodable { let corpora: [Corpus] }

    static let file: File? = {
        let url = RepositoryPaths.root.appendingPathComponent("Fixtures/golden/language_model.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(File.self, from: $0) }
    }()

    /// Absolute tolerance on natural-log probabilities (the brief asked for 1e-9).
    static let tolerance = 1e-12

    @Test func fileLoads() {
        #expect(Self.file?.corpora.count == 3)
    }

    @Test(arguments: file?.corpora ?? [])
    func matchesReference(_ corpus: Corpus) throws {
        let training = TokenizedCorpus(rows: corpus.train)
        for golden in corpus.cases {
            let model = try NGramLanguageModel.train(training, order: golden.order)
            #expect(model.vocabularySize == golden.vocabularySize)
            #expect(model.discounts.map(\.isFallback) == golden.fallback)
            for (discounts, expected) in zip(model.discounts, golden.discounts) {
                #expect(abs(discounts.d1 - expected[0]) < 1e-14)
                #expect(abs(discounts.d2 - expected[1]) < 1e-14)
                #expect(abs(discounts.d3Plus - expected[2]) < 1e-14)
            }
            let test = TokenizedCorpus(rows: golden.rows.map(\.tokens))
            let perplexities = model.perplexities(of: test)
            var worst = 0.0
            for (index, row) in golden.rows.enumerated() {
                let logs = try model.logProbabilities(ofRow: index, in: test)
                #expect(logs.count == row.logProbabilities.count)
                for (value, expected) in zip(logs, row.logProbabilities) {
                    worst = max(worst, abs(value - expected))
                }
                #expect(abs(perplexities[index] - row.perplexity) <= 1e-12 * row.perplexity)
                #expect(try model.perplexity(ofRow: index, in: test) == perplexities[index])
            }
            print("golden \(corpus.name) order \(golden.order): worst |Δ log p| = \(worst)")
            #expect(worst <= Self.tolerance, "\(corpus.name) order \(golden.order): worst |Δ log p| = \(worst)")
        }
    }
}
