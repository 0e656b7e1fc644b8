import AssayTestSupport
import AssayUtilities
import DistributionDistances
import Foundation
import LinearAlgebra
import SentenceEmbeddings
import Testing
import TextTokenization

@testable import LabelModels

/// The discriminator on a public dataset: GPTurk (`gpturk_real_vs_synthetic/summaries.jsonl`), human
/// summaries of medical abstracts (`class` = `old-summaries`, the real side) against ChatGPT summaries of the
/// same abstracts (`gen-summaries`), embedded with the built-in hashing embedder.
@Suite("discriminator on GPTurk", .enabled(if: RepositoryPaths.hasSharedDatasets, "needs ../shared/datasets"))
struct DiscriminatorIntegrationTests {
    static func texts(ofClass wanted: String) throws -> [String] {
        let url = RepositoryPaths.sharedDatasets.appendingPathComponent("gpturk_real_vs_synthetic/summaries.jsonl")
        let data = try Data(contentsOf: url)
        var texts: [String] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let text = object["text"] as? String, (object["class"] as? String) == wanted
            else { continue }
            texts.append(text)
        }
        return texts
    }

    static func subset(_ m: Matrix, _ rows: [Int]) throws -> Matrix {
        var storage: [Float] = []
        for r in rows { storage += m.storage[(r * m.columns)..<((r + 1) * m.columns)] }
        return try Matrix(rows: rows.count, columns: m.columns, storage: storage)
    }

    @Test func tellsHumanFromChatGPTSummaries() throws {
        let human = try Self.texts(ofClass: "old-summaries")
        let chatGPT = try Self.texts(ofClass: "gen-summaries")
        #expect(human.count == 128)
        #expect(chatGPT.count == 320)
        let embedder = HashingEmbedder()
        let real = try embedder.embed(human)
        let synthetic = try embedder.embed(chatGPT)

        let result = try TwoSampleDiscriminator.evaluate(real: real, synthetic: synthetic)
        // Two seeded halves of the human summaries: the real-vs-real noise floor.
        let (a, b) = NoiseFloorSplit.halves(count: human.count, seed: 20_231_012)
        let floor = try TwoSampleDiscriminator.evaluate(real: Self.subset(real, a), synthetic: Self.subset(real, b))
        print(
            "gpturk human vs ChatGPT summaries: discriminator AUC \(result.auc) (mean fold \(result.meanFoldAUC), "
                + "folds \(result.foldAUCs), iterations \(result.iterations)); human halves AUC \(floor.auc)")
        #expect(result.converged)
        #expect(result.auc > 0.85)
        #expect(abs(floor.auc - 0.5) < 0.2)
        #expect(result.auc > floor.auc + 0.25)

        var vocabulary = Vocabulary()
        let tokenizer = WordTokenizer()
        let humanTokens = TokenizedCorpus(texts: human, tokenizer: tokenizer, vocabulary: &vocabulary)
        let chatTokens = TokenizedCorpus(texts: chatGPT, tokenizer: tokenizer, vocabulary: &vocabulary)
        let terms = try DiscriminativeTerms.top(
            synthetic: chatTokens.tokenIDs, real: humanTokens.tokenIDs, limit: 15)
        func show(_ list: [DiscriminativeTerms.Term]) -> String {
            list.map { term in
                let word = Int(term.token) < vocabulary.tokens.count ? vocabulary.tokens[Int(term.token)] : "?"
                return "\(word) (z \(String(format: "%.2f", term.zScore)), \(term.syntheticCount)/\(term.realCount))"
            }.joined(separator: ", ")
        }
        print("gpturk synthetic-leaning words: \(show(terms.syntheticLeaning))")
        print("gpturk real-leaning words: \(show(terms.realLeaning))")
        #expect(terms.syntheticLeaning.count == 15)
        #expect(terms.realLeaning.count == 15)
    }
}
