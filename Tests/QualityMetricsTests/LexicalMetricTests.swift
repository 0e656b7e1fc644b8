import AssayUtilities
import AuditModel
import DatasetIO
import Testing
import TextTokenization

@testable import AuditPlan
@testable import QualityMetrics

@Suite("Lexical metrics: edge cases and building blocks")
struct LexicalMetricTests {
    static func audit(_ texts: [String], labels: [String?]? = nil, metrics: [MetricID] = MetricFamilies.catalog.ids)
        throws -> DatasetResult
    {
        let dataset = Dataset(name: "d", role: .synthetic, path: "d.jsonl", texts: texts, labels: labels)
        let configuration = AuditConfiguration(tokenizer: .whitespace, metrics: metrics)
        return try AuditEngine(configuration: configuration).run([dataset]).datasets[0]
    }

    @Test func closestOtherLengthPrefersTheShorterOnTies() {
        // Row lengths 3, 2, 4: for the 3, both 2 and 4 are one away; NLTK picks 2.
        #expect(SelfBLEU.closestOtherLengths([3, 2, 4]) == [2, 3, 3])
        // An equal length elsewhere wins outright; a row's own length never counts.
        #expect(SelfBLEU.closestOtherLengths([5, 5, 1]) == [5, 5, 5])
        #expect(SelfBLEU.closestOtherLengths([0, 7]) == [7, 0])
        #expect(SelfBLEU.closestOtherLengths([4]) == [nil])
        #expect(SelfBLEU.closestOtherLengths([]) == [])
    }

    @Test func identicalRowsHaveSelfBLEUOne() throws {
        let result = try Self.audit(Array(repeating: "the same five word text", count: 4))
        for id in [MetricID.selfBLEU2, .selfBLEU3, .selfBLEU4] {
            #expect(try #require(result.metrics[id]?.number) == 1.0)
        }
        #expect(result.metrics[.exactDuplicateRate]?.number == 0.75)
        #expect(result.metrics[.distinct1]?.number == 0.25)
    }

    @Test func emptyAndTooShortRows() throws {
        let result = try Self.audit(["", "", ""])
        #expect(result.metrics[.selfBLEU4]?.number == 0)
        #expect(result.metrics[.distinct1]?.number == nil)
        #expect(result.metrics[.distinct1]?.skipReason == .noNGrams(order: 1))
        #expect(result.metrics[.meanTokens]?.number == 0)
        #expect(result.metrics[.exactDuplicateRate]?.number == 2.0 / 3.0)
    }

    @Test func datasetWithoutRows() throws {
        let result = try Self.audit([])
        #expect(result.rows == 0)
        for id in MetricFamilies.catalog.ids {
            #expect(result.metrics[id]?.number == nil, "\(id.rawValue) should be unavailable")
        }
    }

    @Test func perLabelMetricsUseOnlyThatLabelsRows() throws {
        let result = try Self.audit(
            ["good film", "good film", "bad plot twist", "terrible", "unlabelled row"],
            labels: ["pos", "pos", "neg", "neg", nil])
        #expect(result.labelCounts == ["pos": 2, "neg": 2])
        #expect(result.unlabelledRows == 1)
        #expect(result.perLabel.keys.sorted() == ["neg", "pos"])
        #expect(result.perLabel["pos"]?[.selfBLEU2]?.number == 1.0)
        #expect(result.perLabel["pos"]?[.exactDuplicateRate]?.number == 0.5)
        #expect(result.perLabel["neg"]?[.selfBLEU2]?.number == 0)
        #expect(result.perLabel["neg"]?[.distinct1]?.number == 1.0)
    }

    @Test func tokenLengthHistogramCountsRowsPerBin() throws {
        let texts = ["", "one", "a b c", String(repeating: "w ", count: 20), String(repeating: "w ", count: 200)]
        let result = try Self.audit(texts, metrics: [.meanTokens])
        #expect(result.tokenLengthHistogram == [1, 1, 1, 0, 0, 1, 0, 0, 1])
        #expect(TokenLengthHistogram.binLabels.count == 9)
        #expect(try Self.audit(texts, metrics: [.distinct1]).tokenLengthHistogram == nil)
        #expect(
            TokenLengthHistogram.bin(2) == 1 && TokenLengthHistogram.bin(128) == 7 && TokenLengthHistogram.bin(129) == 8
        )
    }

    @Test func onlyTheSelectedMetricsAreComputed() throws {
        let result = try Self.audit(["a b", "c d"], metrics: [.distinct2, .selfBLEU4])
        #expect(Set(result.metrics.keys) == [.distinct2, .selfBLEU4])
    }

    @Test func ngramIndexPairsPrefixesWithTokens() {
        var vocabulary = Vocabulary()
        let corpus = TokenizedCorpus(
            texts: ["a b a b", "b a", "a"], tokenizer: WhitespaceTokenizer(), vocabulary: &vocabulary)
        let index = NGramIndex(corpus, maxOrder: 3)
        #expect(index.ids[0] == [0, 1, 0, 1, 1, 0, 0])
        #expect(index.ids[1] == [0, 1, 0, 1])  // (a b) (b a) (a b) | (b a)
        #expect(index.starts[1] == [0, 3, 4, 4])
        #expect(index.ids[2] == [0, 1])  // (a b a) (b a b)
        #expect(index.distinctCounts == [2, 2, 2])
    }

    @Test func keyInternerSurvivesGrowth() {
        var interner = KeyInterner(expectedCount: 1)
        let keys = (0..<10_000).map { UInt64($0) &* 0x1_0000_0001 }
        let ids = keys.map { interner.intern($0) }
        #expect(ids == (0..<10_000).map(UInt32.init))
        #expect(keys.map { interner.intern($0) } == ids)
        #expect(interner.count == 10_000)
    }

    @Test(arguments: [
        ("  Hello\tWORLD \n", "hello world"),
        ("a\u{1C}b\u{1F}c\u{0B}d", "a b c d"),
        ("", ""),
        ("   ", ""),
        ("\u{FF23}\u{FF41}\u{FF46}\u{E9}\u{A0}AU\u{3000}lait\u{2028}!", "caf\u{E9} au lait !"),
        ("\u{FB01}ne  DAY", "fine day"),
        ("x\u{200B}y", "x\u{200B}y"),
    ])
    func duplicateKeyFoldsCaseWidthAndWhitespace(text: String, expected: String) {
        // Expected values from Python: " ".join(unicodedata.normalize("NFKC", text).lower().split()).
        #expect(TextNormalization.duplicateKey(text) == expected)
    }

    @Test(
        arguments: [
            ([0.1, 0.2, 0.3], 0.6),
            ([1e100, 1.0, -1e100], 1.0),
            ([1.0, 1e-16, 1e-16], 1.0000000000000002),
            ([], 0.0),
        ] as [([Double], Double)])
    func fsumIsCorrectlyRounded(values: [Double], expected: Double) {
        // Expected values from Python: math.fsum(values).
        #expect(ExactSum.fsum(values) == expected)
    }

    @Test func metricSelectionParsesAndSuggests() throws {
        #expect(
            try MetricFamilies.catalog.parseSelection("self_bleu_4, distinct_1,self_bleu_4") == [
                .distinct1, .selfBLEU4,
            ])
        #expect(
            throws: MetricSelectionError.unknown(
                "self_bleu4", suggestions: ["self_bleu_4", "self_bleu_2", "self_bleu_3"])
        ) {
            try MetricFamilies.catalog.parseSelection("self_bleu4")
        }
        #expect(throws: MetricSelectionError.empty) {
            try MetricFamilies.catalog.parseSelection("distinct_1,,distinct_2")
        }
        #expect(
            MetricSelectionError.unknown("zzz", suggestions: []).description
                == "unknown metric 'zzz'; run `assay metrics` for the list")
    }
}
