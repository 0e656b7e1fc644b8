import Testing

@testable import TextTokenization

/// A tokenizer outside the module, to exercise the generic path.
struct CharacterTokenizer: Tokenizer {
    var identifier: String { "characters" }
    func tokens(in text: String) -> [String] { text.map(String.init) }
}

@Suite struct TokenizedCorpusTests {
    @Test func offsetsWithEmptyRows() {
        var vocabulary = Vocabulary()
        let texts = ["", "a b", "  ", "b c a", ""]
        let corpus = TokenizedCorpus(texts: texts, tokenizer: WhitespaceTokenizer(), vocabulary: &vocabulary)
        #expect(corpus.rowCount == 5)
        #expect(corpus.rowOffsets == [0, 0, 2, 2, 5, 5])
        #expect(corpus.tokenIDs == [0, 1, 1, 2, 0])
        #expect(corpus.tokenCount == 5)
        #expect(corpus.lengths == [0, 2, 0, 3, 0])
        #expect(Array(corpus.tokens(ofRow: 3)) == [1, 2, 0])
        #expect(corpus.tokens(ofRow: 0).isEmpty)
        #expect(corpus.length(ofRow: 1) == 2)
        #expect(vocabulary.tokens == ["a", "b", "c"])
    }

    @Test func noRows() {
        var vocabulary = Vocabulary()
        let corpus = TokenizedCorpus(texts: [], tokenizer: WordTokenizer(), vocabulary: &vocabulary)
        #expect(corpus.rowCount == 0)
        #expect(corpus.rowOffsets == [0])
        #expect(corpus.lengths == [])
        #expect(corpus == TokenizedCorpus(tokenIDs: [], rowOffsets: [0]))
    }

    /// The fast paths for the built-in tokenizers give what `tokens(in:)` + `intern` give.
    @Test(arguments: TokenizerKind.allCases)
    func fastPathMatchesTokens(_ kind: TokenizerKind) {
        let texts = ["Hello, World! 👍🏽", "", "café CAFE\u{301} 3.14 @x", "日本語 https://a.b/c.", "  \u{3000} "]
        let tokenizer = kind.makeTokenizer()
        var fast = Vocabulary()
        let corpus = TokenizedCorpus(texts: texts, tokenizer: tokenizer, vocabulary: &fast)
        var slow = Vocabulary()
        var ids: [UInt32] = []
        var offsets = [0]
        for text in texts {
            ids += tokenizer.tokens(in: text).map { slow.intern($0) }
            offsets.append(ids.count)
        }
        #expect(corpus == TokenizedCorpus(tokenIDs: ids, rowOffsets: offsets))
        #expect(fast == slow)
    }

    @Test func genericTokenizerAndSharedVocabulary() {
        var vocabulary = Vocabulary()
        let first = TokenizedCorpus(texts: ["ab", "ba"], tokenizer: CharacterTokenizer(), vocabulary: &vocabulary)
        let second = TokenizedCorpus(texts: ["b a c"], tokenizer: WhitespaceTokenizer(), vocabulary: &vocabulary)
        #expect(first.tokenIDs == [0, 1, 1, 0])
        #expect(first.rowOffsets == [0, 2, 4])
        #expect(second.tokenIDs == [1, 0, 2])
        #expect(vocabulary.count == 3)
    }

    @Test func flatInit() {
        let corpus = TokenizedCorpus(tokenIDs: [3, 1, 2], rowOffsets: [0, 1, 1, 3])
        #expect(corpus.lengths == [1, 0, 2])
        #expect(Array(corpus.tokens(ofRow: 2)) == [1, 2])
    }
}
