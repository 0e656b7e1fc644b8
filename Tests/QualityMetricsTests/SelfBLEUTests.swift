import AuditModel
import Testing
import TextTokenization

@testable import AuditPlan
@testable import QualityMetrics

@Suite("Self-BLEU, exact and linear-time")
struct SelfBLEUTests {
    static func corpus(_ texts: [String]) -> TokenizedCorpus {
        var vocabulary = Vocabulary()
        return TokenizedCorpus(texts: texts, tokenizer: WhitespaceTokenizer(), vocabulary: &vocabulary)
    }

    /// Values printed by NLTK 3.10.4 (`sentence_bleu`, method1, each row against the others); the
    /// command is in References/golden_lexical.py, which also checks these texts.
    @Test func matchesNLTKOnASmallCorpus() throws {
        let texts = [
            "the cat sat on the mat", "the cat sat", "a dog ran on the mat today", "", "the the the cat", "cat",
            "dog ran on the mat",
        ]
        let precisions = SelfBLEU(maxOrder: 4).precisions(of: Self.corpus(texts))
        let expected: [Int: [Double]] = [
            2: [
                0.8944271909999159, 0.7165313105737893, 0.6900655593423543, 0, 0.49999999999999994, 0.316227766016838,
                1.0,
            ],
            3: [
                0.7368062997280773, 0.7165313105737893, 0.6586337560083495, 0, 0.23207944168063896, 0.21544346900318845,
                1.0,
            ],
            4: [
                0.33980884896942454, 0.40293516672844226, 0.6147881529512643, 0, 0.1880301546543197, 0.1778279410038923,
                1.0,
            ],
        ]
        for (n, values) in expected {
            let scores = try #require(SelfBLEU.scores(precisions, order: n))
            for (score, value) in zip(scores, values) {
                #expect(abs(score - value) <= 1e-12, "BLEU-\(n)")
            }
        }
    }
}
