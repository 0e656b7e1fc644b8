import Foundation
import Testing
import TextTokenization

@testable import LanguageModels

/// The hand-worked example of `Metrics/perplexity.md`: order 3 on `a b`, `a c`, `b a` (a = 1, b = 2, c = 3).
@Suite("Perplexity card's worked example")
struct WorkedExampleTests {
    static let a = NGramToken.word(1)
    static let b = NGramToken.word(2)
    static let c = NGramToken.word(3)
    static let unseen = NGramToken.word(9)
    static let s = NGramToken.sentenceStart
    static let end = NGramToken.sentenceEnd

    static func model() throws -> NGramLanguageModel {
        try NGramLanguageModel.train(TokenizedCorpus(rows: [[1, 2], [1, 3], [2, 1]]), order: 3)
    }

    @Test func discountsFallBack() throws {
        let model = try Self.model()
        #expect(model.vocabularySize == 4)
        #expect(model.discounts == [KneserNeyDiscounts.fallback, .fallback, .fallback])
    }

    @Test func probabilities() throws {
        let model = try Self.model()
        let cases: [(NGramToken, [NGramToken], Double)] = [
            (Self.a, [], 9.0 / 40), (Self.b, [], 9.0 / 40), (Self.c, [], 13.0 / 80), (Self.end, [], 23.0 / 80),
            (Self.unseen, [], 1.0 / 10),
            (Self.a, [Self.s], 29.0 / 80), (Self.b, [Self.a], 67.0 / 240), (Self.c, [Self.a], 119.0 / 480),
            (Self.end, [Self.b], 63.0 / 160), (Self.end, [Self.s], 23.0 / 160), (Self.unseen, [Self.a], 1.0 / 20),
            (Self.a, [Self.s, Self.s], 247.0 / 480), (Self.b, [Self.s, Self.a], 187.0 / 480),
            (Self.c, [Self.s, Self.a], 359.0 / 960), (Self.end, [Self.a, Self.b], 223.0 / 320),
            (Self.end, [Self.s, Self.s], 23.0 / 320), (Self.b, [Self.c, Self.a], 67.0 / 240),
            (Self.unseen, [Self.s, Self.a], 1.0 / 40), (Self.end, [Self.a, Self.unseen], 23.0 / 80),
        ]
        for (token, context, expected) in cases {
            let p = exp(model.logProbability(of: token, after: context))
            #expect(abs(p - expected) < 1e-12, "p(\(token) | \(context)) = \(p), expected \(expected)")
        }
    }

    @Test func rowPerplexities() throws {
        let model = try Self.model()
        let rows = TokenizedCorpus(rows: [[1, 2], [1, 9], []])
        let expected = [
            pow(247.0 / 480 * 187.0 / 480 * 223.0 / 320, -1.0 / 3), pow(247.0 / 480 * 1.0 / 40 * 23.0 / 80, -1.0 / 3),
            320.0 / 23,
        ]
        for (value, expected) in zip(model.perplexities(of: rows), expected) {
            #expect(abs(value - expected) < 1e-12)
        }
        #expect(abs(expected[0] - 1.9272) < 1e-4 && abs(expected[1] - 6.4663) < 1e-4)
    }
}
