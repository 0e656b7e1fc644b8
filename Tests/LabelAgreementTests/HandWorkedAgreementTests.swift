import AssayUtilities
import Foundation
import Testing

@testable import LabelAgreement

/// Small cases worked by hand or taken from the measures' standard worked examples; the values quoted
/// from statsmodels / krippendorff were printed by those packages (see References/golden_agreement.py for
/// the full reference set).
@Suite("agreement: worked examples")
struct HandWorkedAgreementTests {
    /// Fleiss (1971) as on Wikipedia: 10 subjects, 14 raters, 5 categories; statsmodels 0.20993070442195522,
    /// krippendorff (nominal) 0.21557405653322692.
    static let wikipediaFleiss: [[Int]] = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]

    static func annotations(_ counts: [[Int]]) -> [[String]?] {
        counts.map { row in
            row.enumerated().flatMap { category, count in Array(repeating: "c\(category + 1)", count: count) }
        }
    }

    @Test func fleissWikipediaExample() throws {
        let table = VoteTable(annotations: Self.annotations(Self.wikipediaFleiss))
        #expect(table.categories == ["c1", "c2", "c3", "c4", "c5"])
        #expect(abs(try InterRaterAgreement.fleissKappa(table) - 0.20993070442195522) < 1e-12)
        #expect(abs(try InterRaterAgreement.krippendorffAlpha(table) - 0.21557405653322692) < 1e-12)
    }

    @Test func perfectAgreementAndItsEdges() throws {
        let table = VoteTable(annotations: [["a", "a"], ["b", "b", "b"], ["a"], nil, []])
        #expect(try InterRaterAgreement.krippendorffAlpha(table) == 1)
        #expect(try InterRaterAgreement.percentAgreement(table) == 1)
        #expect(throws: UndefinedAgreement("raters per item differ")) { try InterRaterAgreement.fleissKappa(table) }
        let one = VoteTable(annotations: [["a", "a"], ["a", "a"]])
        #expect(throws: UndefinedAgreement("every rating is the same category")) {
            try InterRaterAgreement.krippendorffAlpha(one)
        }
        let single = VoteTable(annotations: [["a"], ["b"]])
        #expect(throws: UndefinedAgreement("no item has two or more ratings")) {
            try InterRaterAgreement.krippendorffAlpha(single)
        }
    }

    /// Two raters who always disagree on two categories: D_o = 1, D_e = (4² − 2·2²)/(4·3) = 2/3, α = −0.5.
    @Test func systematicDisagreementIsNegative() throws {
        let table = VoteTable(annotations: [["a", "b"], ["b", "a"]])
        #expect(abs(try InterRaterAgreement.krippendorffAlpha(table) + 0.5) < 1e-15)
        #expect(try InterRaterAgreement.percentAgreement(table) == 0)
    }

    /// 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 → p_o = 0.7, p_e = 0.5, κ = 0.4 (Wikipedia).
    @Test func cohenWikipediaExample() throws {
        let first: [String?] = Array(repeating: "yes", count: 25) + Array(repeating: "no", count: 25)
        let second: [String?] =
            Array(repeating: "yes", count: 20) + Array(repeating: "no", count: 5) + Array(repeating: "yes", count: 10)
            + Array(repeating: "no", count: 15)
        #expect(abs(try InterRaterAgreement.cohenKappa(first, second) - 0.4) < 1e-12)
        #expect(throws: UndefinedAgreement("both sources give every item the same label")) {
            try InterRaterAgreement.cohenKappa(["a", "a"], ["a", "a"])
        }
        #expect(throws: UndefinedAgreement("no item has both labels")) {
            try InterRaterAgreement.cohenKappa([nil], ["a"])
        }
    }

    /// Votes 3–1–1 over K = 3: minority share 2/5; entropy (−0.6 ln 0.6 − 2·0.2 ln 0.2) / ln 3.
    @Test func instanceSubjectivity() {
        let table = VoteTable(annotations: [["x", "x", "x", "y", "z"], ["x"], ["y", "y"]])
        let units = InstanceSubjectivity.perUnit(table)
        #expect(units[1] == nil)
        #expect(units[2] == InstanceSubjectivity(minorityShare: 0, voteEntropy: 0))
        let first = units[0]
        #expect(abs((first?.minorityShare ?? -1) - 0.4) < 1e-15)
        let entropy = -(0.6 * _log(0.6) + 2 * 0.2 * _log(0.2)) / _log(3)
        #expect(abs((first?.voteEntropy ?? -1) - entropy) < 1e-12)
    }

    @Test func bootstrapIsSeededAndBracketsTheMean() {
        let values = (0..<200).map { Double($0 % 7) }
        func mean(_ indices: [Int]) -> Double? { indices.reduce(0) { $0 + values[$1] } / Double(indices.count) }
        let interval = BootstrapInterval.percentile(itemCount: values.count, statistic: mean)
        #expect(interval == BootstrapInterval.percentile(itemCount: values.count, statistic: mean))
        let full = mean(Array(0..<200)) ?? 0
        #expect((interval?.lower ?? 99) < full && full < (interval?.upper ?? -99))
        #expect(interval?.validResamples == 1000)
        let other = BootstrapInterval.percentile(itemCount: values.count, seed: 7, statistic: mean)
        #expect(other != interval)
        #expect(BootstrapInterval.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(BootstrapInterval.percentile(itemCount: 3) { _ in nil } == nil)
    }

    @Test func statisticsComputedTogetherGiveTheIntervalsOfEachAlone() {
        let values = (0..<150).map { Double(($0 * 37) % 11) }
        func mean(_ indices: [Int]) -> Double? { indices.reduce(0) { $0 + values[$1] } / Double(indices.count) }
        func largest(_ indices: [Int]) -> Double? { indices.map { values[$0] }.max() }
        // Valid on about a third of the resamples: no interval, as alone.
        func sometimes(_ indices: [Int]) -> Double? { indices[0] % 3 == 0 ? 1 : nil }
        let together = BootstrapInterval.percentiles(itemCount: 150, resamples: 400, seed: 5, count: 3) {
            [mean($0), largest($0), sometimes($0)]
        }
        #expect(together[0] == BootstrapInterval.percentile(itemCount: 150, resamples: 400, seed: 5, statistic: mean))
        #expect(
            together[1] == BootstrapInterval.percentile(itemCount: 150, resamples: 400, seed: 5, statistic: largest))
        #expect(together[2] == nil)
        #expect(together[0] != nil && together[1] != nil)
    }

    /// The first outputs of SplitMix64 from seed 0 (Vigna's reference C code): 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4.
    @Test func splitMixMatchesTheReference() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        var bounded = SplitMix64(seed: 1)
        for _ in 0..<1000 { #expect((0..<3).contains(bounded.index(below: 3))) }
    }
}

private func _log(_ x: Double) -> Double { Foundation.log(x) }
