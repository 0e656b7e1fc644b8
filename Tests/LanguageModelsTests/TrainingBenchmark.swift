import AssayTestSupport
import Foundation
import Testing
import TextTokenization

@testable import LanguageModels

/// Training and scoring speed, printed, never asserted. Runs only with `ASSAY_BENCHMARK=1`, ideally in a
/// release build: `ASSAY_BENCHMARK=1 swift test -c release --filter LanguageModelsTests.TrainingBenchmark`.
@Suite("Language model training speed", .enabled(if: ProcessInfo.processInfo.environment["ASSAY_BENCHMARK"] == "1"))
struct TrainingBenchmark {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// About 1M tokens: 50 000 rows of 0…39 Zipf-like words over 50 000 types, with local structure.
    @Test func synthetic1MTokens() throws {
        var state: UInt64 = 12_345
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var rows: [[UInt32]] = []
        var previous: UInt64 = 0
        for _ in 0..<50_000 {
            rows.append(
                (0..<Int(next() % 40)).map { _ in
                    // a heavy-tailed rank: 50 000 / (1 + u) − 1 for u uniform, mixed with the previous word
                    let rank = 50_000 / (1 + next() % 50_000) - 1
                    let word = next() % 2 == 0 ? rank : (previous &* 31 &+ rank) % 50_000
                    previous = word
                    return UInt32(word)
                })
        }
        let corpus = TokenizedCorpus(rows: rows)
        for order in [3, 4, 5] {
            var model: NGramLanguageModel?
            let train = try Self.seconds { model = try NGramLanguageModel.train(corpus, order: order) }
            var perplexity = 0.0
            let score = try Self.seconds { perplexity = try model?.perplexity(of: corpus) ?? 0 }
            print(
                "synthetic \(corpus.tokenCount) tokens, \(corpus.rowCount) rows, order \(order): train \(train) s,",
                "score \(score) s, perplexity \(perplexity)")
        }
    }

    @Test(arguments: ["sarcasm_isarcasmeval_gpt35/real.jsonl", "imdb_s3_gpt35/real.jsonl"])
    func realData(_ file: String) throws {
        let url = RepositoryPaths.sharedDatasets.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let texts = try RealDataTests.rows(url).map(\.text)
        var vocabulary = Vocabulary()
        let corpus = TokenizedCorpus(texts: texts, tokenizer: WordTokenizer(), vocabulary: &vocabulary)
        var model: NGramLanguageModel?
        let train = try Self.seconds { model = try NGramLanguageModel.train(corpus, order: 4) }
        var cv: [Double] = []
        let crossValidation = try Self.seconds {
            cv = try NGramLanguageModel.crossValidatedPerplexities(corpus, folds: 5, seed: 1)
        }
        print(
            "\(file): \(corpus.tokenCount) tokens, \(corpus.rowCount) rows, order 4: train \(train) s;",
            "5-fold cross-validation \(crossValidation) s, mean perplexity \(cv.reduce(0, +) / Double(cv.count)),",
            "vocabulary \(model?.vocabularySize ?? 0)")
    }
}
