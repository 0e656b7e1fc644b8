import AuditModel
import AuditPlan
import DatasetIO
import QualityMetrics
import SentenceEmbeddings
import Testing

@testable import ShardStates

/// The counts a shard state keeps: worked by hand on small texts, and equal to the whole dataset's when
/// the shards' counts are merged, however the rows were split.
@Suite("shard statistics")
struct ShardStatisticsTests {
    static let texts = [
        "the cat sat", "the cat sat", "The  CAT sat", "a dog ran far", "", "the dog sat down", "a cat ran", "x",
    ]
    static let labels: [String?] = ["pet", "pet", "pet", "dog", nil, "dog", "pet", nil]

    @Test func countsByHand() {
        let statistics = DatasetStatistics(texts: ["a b a", "a b"], labels: ["x", nil], tokenizer: .default)
        let whole = statistics.whole
        #expect(whole.rows == 2)
        // Unigrams a b a | a b: 5 in all, {a, b}; bigrams ab ba | ab: 3, {ab, ba}; trigrams aba: 1.
        #expect(whole.ngramTotals == [5, 3, 1, 0])
        #expect(whole.ngrams.map(\.count) == [2, 2, 1, 0])
        #expect(whole.lengths == [2, 3] && whole.lengthRows == [1, 1])
        #expect(whole.texts.distinct == 2)
        #expect(statistics.tokenCounts == ["a": 3, "b": 2])
        #expect(statistics.labelCounts == ["x": 1] && statistics.unlabelledRows == 1)
        #expect(statistics.perLabel["x"]?.ngramTotals == [3, 2, 1, 0])
    }

    @Test func textCountsAddUp() {
        let a = HashCounts([5, 1, 5, 9])
        let b = HashCounts([9, 2, 5])
        #expect(a.hashes.values == [1, 5, 9] && a.counts == [1, 2, 1])
        let sum = a.adding(b)
        #expect(sum.hashes.values == [1, 2, 5, 9] && sum.counts == [1, 1, 3, 2])
        #expect(sum == HashCounts([5, 1, 5, 9, 9, 2, 5]))
        #expect(sum.occurrences(in: [5, 2]) == 4)
        #expect(sum.isConsistent(total: 7) && !sum.isConsistent(total: 6))
    }

    @Test func openingsAreCountedPerRow() {
        // "a b c d", "a b c", "A B C x" share the opening a b c; "x y" is too short to have one.
        let statistics = DatasetStatistics(
            texts: ["a b c d", "a b c", "A B C x", "x y", "b c d"], labels: [nil, nil, nil, nil, nil],
            tokenizer: .default)
        #expect(statistics.whole.openings.counts.sorted() == [1, 3])
        let counts = ScopeCounts(
            rows: 5, distinctTexts: 5, ngramTotals: statistics.whole.ngramTotals, distinctNGrams: [0, 0, 0, 0],
            sortedLengths: statistics.whole.sortedRowLengths,
            largestOpeningGroup: statistics.whole.openings.counts.max() ?? 0)
        #expect(MergeableMetrics.value(.openingTemplateShare, of: counts) == .number(3.0 / 5))
    }

    @Test func normalisedDuplicatesShareAHash() {
        let statistics = DatasetStatistics(texts: Self.texts, labels: Self.labels, tokenizer: .default)
        // "the cat sat" twice and "The  CAT sat" normalise to one text: 8 rows, 6 distinct texts.
        #expect(statistics.whole.texts.distinct == 6)
        #expect(statistics.perLabel["pet"]?.texts.distinct == 2)
    }

    @Test(arguments: [1, 2, 3, 5, 8])
    func mergedShardsEqualTheWhole(shards: Int) {
        let whole = DatasetStatistics(texts: Self.texts, labels: Self.labels, tokenizer: .default)
        let parts = (0..<shards).map { shard in
            let rows = Array(stride(from: shard, to: Self.texts.count, by: shards))
            return DatasetStatistics(
                texts: rows.map { Self.texts[$0] }, labels: rows.map { Self.labels[$0] }, tokenizer: .default)
        }
        #expect(DatasetStatistics.merged(parts) == whole)
    }

    @Test func countsGiveTheMetricsOfTheRows() {
        let statistics = DatasetStatistics(
            texts: ["a b a", "a b", "a b"], labels: [nil, nil, nil], tokenizer: .default)
        let counts = ScopeCounts(
            rows: statistics.whole.rows, distinctTexts: statistics.whole.texts.distinct,
            ngramTotals: statistics.whole.ngramTotals, distinctNGrams: statistics.whole.ngrams.map(\.count),
            sortedLengths: statistics.whole.sortedRowLengths)
        // distinct-1 = 2 / 7, distinct-2 = 2 / 4, one duplicate of 3 rows, 7 tokens over 3 rows, median 2.
        #expect(MergeableMetrics.value(.distinct1, of: counts) == .number(2.0 / 7))
        #expect(MergeableMetrics.value(.distinct2, of: counts) == .number(0.5))
        #expect(MergeableMetrics.value(.distinct4, of: counts) == .skipped(.noNGrams(order: 4)))
        #expect(MergeableMetrics.value(.exactDuplicateRate, of: counts) == .number(1.0 / 3))
        #expect(MergeableMetrics.value(.meanTokens, of: counts) == .number(7.0 / 3))
        #expect(MergeableMetrics.value(.medianTokens, of: counts) == .number(2))
        #expect(MergeableMetrics.value(.chamfer, of: counts) == nil)
        #expect(MergeableMetrics.value(.realExactCopyRate, of: counts) == nil, "no real data")
        var withReal = counts
        withReal.realCopies = statistics.whole.texts.occurrences(in: [StableHash.of("a b")])
        // "a b" twice of 3 rows.
        #expect(MergeableMetrics.value(.realExactCopyRate, of: withReal) == .number(2.0 / 3))
    }

    /// Part of state format 1: a change here would make states of different builds merge wrongly. The values
    /// come from an independent Python implementation (`References/stable_hash.py`).
    @Test func hashesMatchTheReference() {
        #expect(StableHash.of("") == 0xf52a_15e9_a9b5_e89b)
        #expect(StableHash.of("cat") == 0xabc5_5d31_7f9d_6792)
        #expect(StableHash.of("héllo wörld") == 0x701f_8b19_f7c0_24fc)
        #expect(StableHash.of(ngram: [StableHash.of("cat"), StableHash.of("sat")]) == 0x7819_52c7_a4a8_a314)
        #expect(StableHash.sampleKey(seed: 20_231_012, row: 0) == 0xaaf4_6d01_2b9e_654c)
        #expect(StableHash.sampleKey(seed: 20_231_012, row: 1) == 0xf480_f771_3140_b30d)
        #expect(StableHash.sampleKey(seed: 20_231_012, row: 999_999) == 0x5a80_dd98_1a39_2bb5)
    }
}
