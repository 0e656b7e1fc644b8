import Foundation
import Testing
import TextTokenization

@testable import LanguageModels

@Suite("Modified Kneser-Ney language model")
struct LanguageModelTests {
    /// A deterministic corpus of `rows` sentences over `words` ids (10…), with local structure.
    static func markovCorpus(rows: Int, words: UInt32, seed: UInt64) -> [[UInt32]] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        return (0..<rows).map { _ in
            var previous: UInt32 = 0
            return (0..<Int(next() % 14)).map { _ in
                let draw = UInt32(next() % UInt64(words))
                let word = next() % 3 == 0 ? draw : (previous &* 7 &+ draw / 4) % words
                previous = word
                return 10 + word
            }
        }
    }

    static let training = TokenizedCorpus(rows: markovCorpus(rows: 300, words: 40, seed: 7))

    /// The training ids of `corpus`, sorted.
    static func vocabulary(_ corpus: TokenizedCorpus) -> [UInt32] { Array(Set(corpus.tokenIDs)).sorted() }

    @Test(arguments: [3, 4, 5])
    func distributionSumsToOne(order: Int) throws {
        let model = try NGramLanguageModel.train(Self.training, order: order)
        let words = Self.vocabulary(Self.training)
        #expect(model.vocabularySize == words.count + 1)
        let row = Array(Self.training.tokens(ofRow: 3))
        let contexts: [[NGramToken]] = [
            [],
            [.sentenceStart],
            Array(repeating: .sentenceStart, count: order - 1),
            [.sentenceStart, .word(words[0])],
            row.suffix(order - 1).map { .word($0) },
            [.word(words[1]), .word(words[2]), .word(words[3]), .word(words[4])],
            [.word(999_999), .word(words[0])],
            [.word(words[0]), .word(999_999)],
            [.word(words[5]), .word(words[5]), .word(words[5]), .word(words[5])],
            [.sentenceEnd, .word(words[2])],
            [.word(UInt32.max)],
        ]
        for context in contexts {
            var sum = exp(model.logProbability(of: .sentenceEnd, after: context))
            sum += exp(model.logProbability(of: .word(123_456), after: context))  // <unk>
            for word in words { sum += exp(model.logProbability(of: .word(word), after: context)) }
            #expect(abs(sum - 1) < 1e-12, "context \(context): sum \(sum)")
            #expect(model.logProbability(of: .sentenceStart, after: context) == -.infinity)
        }
    }

    @Test func distributionSumsToOneOnTinyCorpus() throws {
        let corpus = TokenizedCorpus(rows: [[1, 2], [1, 3], [2, 1]])
        let model = try NGramLanguageModel.train(corpus, order: 3)
        for context: [NGramToken] in [[], [.sentenceStart, .sentenceStart], [.word(1)], [.word(3), .word(3)]] {
            let outcomes: [NGramToken] = [.word(1), .word(2), .word(3), .word(77), .sentenceEnd]
            let sum = outcomes.map { exp(model.logProbability(of: $0, after: context)) }.reduce(0, +)
            #expect(abs(sum - 1) < 1e-14)
        }
    }

    @Test func outOfVocabularyRowsHaveFinitePerplexity() throws {
        let model = try NGramLanguageModel.train(Self.training, order: 4)
        let test = TokenizedCorpus(rows: [[900, 901, 902], [UInt32.max, 0, 1], [10, 900, 11], []])
        for perplexity in model.perplexities(of: test) {
            #expect(perplexity.isFinite && perplexity >= 1)
        }
        // An all-OOV row is less likely than a training row.
        let train = model.perplexities(of: Self.training)
        #expect(model.perplexities(of: test)[0] > train.reduce(0, +) / Double(train.count))
        #expect(try model.perplexity(of: test).isFinite)
    }

    @Test func emptyRowScoresOnlySentenceEnd() throws {
        let model = try NGramLanguageModel.train(Self.training, order: 4)
        let test = TokenizedCorpus(rows: [[]])
        let logs = try model.logProbabilities(ofRow: 0, in: test)
        let expected = model.logProbability(
            of: .sentenceEnd, after: [NGramToken](repeating: .sentenceStart, count: 3))
        #expect(logs == [expected])
        #expect(abs(try model.perplexity(ofRow: 0, in: test) - exp(-expected)) < 1e-12)
        // A corpus of empty rows trains: V = {</s>}.
        let empty = try NGramLanguageModel.train(TokenizedCorpus(rows: [[], []]), order: 3)
        #expect(empty.vocabularySize == 1)
        #expect(try empty.perplexity(ofRow: 0, in: TokenizedCorpus(rows: [[5]])).isFinite)
    }

    @Test func corpusPerplexityIsTokenWeighted() throws {
        let model = try NGramLanguageModel.train(Self.training, order: 3)
        let test = TokenizedCorpus(rows: Self.markovCorpus(rows: 20, words: 40, seed: 99))
        var sum = 0.0
        var count = 0
        for row in 0..<test.rowCount {
            let logs = try model.logProbabilities(ofRow: row, in: test)
            sum += logs.reduce(0, +)
            count += logs.count
        }
        #expect(abs(try model.perplexity(of: test) - exp(-sum / Double(count))) < 1e-9)
        #expect(abs(try model.perplexity(of: test, rows: [2]) - (try model.perplexity(ofRow: 2, in: test))) < 1e-12)
    }

    @Test func trainingOnRowsEqualsTrainingOnThoseRowsAlone() throws {
        let rows = Self.markovCorpus(rows: 50, words: 20, seed: 3)
        let corpus = TokenizedCorpus(rows: rows)
        let chosen = [1, 4, 9, 16, 25, 36, 49]
        let a = try NGramLanguageModel.train(corpus, rows: chosen, order: 4)
        let b = try NGramLanguageModel.train(TokenizedCorpus(rows: chosen.map { rows[$0] }), order: 4)
        #expect(a.perplexities(of: corpus) == b.perplexities(of: corpus))
    }

    @Test func errors() throws {
        let corpus = TokenizedCorpus(rows: [[1, 2]])
        #expect(throws: LanguageModelError.invalidOrder(2)) { try NGramLanguageModel.train(corpus, order: 2) }
        #expect(throws: LanguageModelError.invalidOrder(6)) { try NGramLanguageModel.train(corpus, order: 6) }
        #expect(throws: LanguageModelError.emptyTrainingCorpus) {
            try NGramLanguageModel.train(TokenizedCorpus(rows: []))
        }
        #expect(throws: LanguageModelError.emptyTrainingCorpus) {
            try NGramLanguageModel.train(corpus, rows: [Int](), order: 3)
        }
        #expect(throws: LanguageModelError.rowOutOfRange(row: 1, rowCount: 1)) {
            try NGramLanguageModel.train(corpus, rows: [0, 1], order: 3)
        }
        let model = try NGramLanguageModel.train(corpus)
        #expect(model.order == 4)
        #expect(throws: LanguageModelError.rowOutOfRange(row: -1, rowCount: 1)) {
            try model.perplexity(ofRow: -1, in: corpus)
        }
        #expect(throws: LanguageModelError.rowOutOfRange(row: 5, rowCount: 1)) {
            try model.logProbabilities(ofRow: 5, in: corpus)
        }
        #expect(throws: LanguageModelError.noRowsToScore) { try model.perplexity(of: TokenizedCorpus(rows: [])) }
        #expect(throws: LanguageModelError.invalidFoldCount(folds: 5, rows: 1)) {
            try NGramLanguageModel.crossValidatedPerplexities(corpus, folds: 5, seed: 1)
        }
        #expect(throws: LanguageModelError.invalidFoldCount(folds: 1, rows: 1)) {
            try NGramLanguageModel.foldAssignment(rowCount: 1, folds: 1, seed: 1)
        }
        #expect(LanguageModelError.invalidOrder(7).description == "order: 7 is not between 3 and 5")
        #expect(LanguageModelError.emptyTrainingCorpus.description == "training corpus: no rows to train on")
    }

    @Test func foldAssignmentIsSeededAndBalanced() throws {
        let a = try NGramLanguageModel.foldAssignment(rowCount: 103, folds: 5, seed: 42)
        let b = try NGramLanguageModel.foldAssignment(rowCount: 103, folds: 5, seed: 42)
        let c = try NGramLanguageModel.foldAssignment(rowCount: 103, folds: 5, seed: 43)
        #expect(a == b)
        #expect(a != c)
        let sizes = (0..<5).map { fold in a.filter { $0 == fold }.count }
        #expect(sizes.sorted() == [20, 20, 21, 21, 21])
        // Fisher–Yates with SplitMix64(seed: 1) over 4 rows: i = 3, 2, 1 draw j below 4, 3, 2.
        #expect(try NGramLanguageModel.foldAssignment(rowCount: 4, folds: 2, seed: 1).count == 4)
    }

    @Test func crossValidatedPerplexitiesAreDeterministicAndHeldOut() throws {
        let corpus = TokenizedCorpus(rows: Self.markovCorpus(rows: 60, words: 25, seed: 11))
        let first = try NGramLanguageModel.crossValidatedPerplexities(corpus, folds: 5, seed: 7, order: 3)
        let second = try NGramLanguageModel.crossValidatedPerplexities(corpus, folds: 5, seed: 7, order: 3)
        #expect(first == second)
        #expect(first.count == 60 && first.allSatisfy { $0.isFinite && $0 >= 1 })
        // Each value is the row's perplexity under the model trained on the other folds.
        let fold = try NGramLanguageModel.foldAssignment(rowCount: 60, folds: 5, seed: 7)
        let model = try NGramLanguageModel.train(corpus, rows: (0..<60).filter { fold[$0] != fold[0] }, order: 3)
        #expect(try model.perplexity(ofRow: 0, in: corpus) == first[0])
        // Held out is harder than seen.
        let seen = try NGramLanguageModel.train(corpus, order: 3).perplexities(of: corpus)
        #expect(first.reduce(0, +) > seen.reduce(0, +))
    }

    @Test func otherCorporaAreScoredByTheSameFoldModels() throws {
        let corpus = TokenizedCorpus(rows: Self.markovCorpus(rows: 40, words: 20, seed: 3))
        let other = TokenizedCorpus(rows: Self.markovCorpus(rows: 13, words: 30, seed: 4) + [[]])
        let scored = try NGramLanguageModel.heldOutPerplexities(
            corpus, scoring: [other, corpus], folds: 4, seed: 9, order: 3)
        #expect(
            try scored.training == NGramLanguageModel.crossValidatedPerplexities(corpus, folds: 4, seed: 9, order: 3))
        #expect(scored.others.map(\.count) == [14, 40])
        let fold = try NGramLanguageModel.foldAssignment(rowCount: 40, folds: 4, seed: 9)
        for row in [0, 1, 2, 3, 6, 13] {
            // Row i of another corpus: the model trained without fold i mod 4.
            let model = try NGramLanguageModel.train(corpus, rows: (0..<40).filter { fold[$0] != row % 4 }, order: 3)
            #expect(try model.perplexity(ofRow: row, in: other) == scored.others[0][row], "row \(row)")
        }
        #expect(throws: LanguageModelError.invalidOrder(6)) {
            try NGramLanguageModel.heldOutPerplexities(corpus, scoring: [], seed: 1, order: 6)
        }
    }

    @Test(arguments: [2, 3, 8])
    func foldsScoredAtOnceGiveTheSameValues(workers: Int) throws {
        let corpus = TokenizedCorpus(rows: Self.markovCorpus(rows: 50, words: 15, seed: 5))
        let other = TokenizedCorpus(rows: Self.markovCorpus(rows: 17, words: 25, seed: 6))
        let one = try NGramLanguageModel.heldOutPerplexities(corpus, scoring: [other], folds: 5, seed: 3, order: 4)
        let many = try NGramLanguageModel.heldOutPerplexities(
            corpus, scoring: [other], folds: 5, seed: 3, order: 4, workers: workers)
        #expect(many.training == one.training)
        #expect(many.others == one.others)
        #expect(one.training.allSatisfy { $0.isFinite && $0 >= 1 })
    }
}
