import Testing

@testable import DistributionDistances

@Suite("distribution distances: edge cases")
struct EdgeCaseTests {
    @Test func emptySamplesGiveNil() {
        #expect(DistributionDistance.wasserstein([], [1]) == nil)
        #expect(DistributionDistance.wasserstein([1], []) == nil)
        #expect(DistributionDistance.wasserstein([], []) == nil)
        #expect(DistributionDistance.kolmogorovSmirnov([], [1, 2]) == nil)
        #expect(DistributionDistance.kolmogorovSmirnov([1, 2], []) == nil)
        #expect(DistributionDistance.jensenShannon([:], ["a": 1]) == nil)
        #expect(DistributionDistance.jensenShannon(["a": 1], [:]) == nil)
        #expect(DistributionDistance.vocabularyOverlap(synthetic: [String](), real: ["a"]) == nil)
        #expect(DistributionDistance.vocabularyOverlap(synthetic: ["a"], real: [String]()) == nil)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteValuesGiveNil(_ bad: Double) {
        #expect(DistributionDistance.wasserstein([1, bad, 3], [1, 2]) == nil)
        #expect(DistributionDistance.wasserstein([1, 2], [bad]) == nil)
        #expect(DistributionDistance.kolmogorovSmirnov([1, bad], [1, 2]) == nil)
        #expect(DistributionDistance.kolmogorovSmirnov([1, 2], [2, bad]) == nil)
    }

    @Test func countsThatAreNoDistributionGiveNil() {
        #expect(DistributionDistance.jensenShannon(["a": 0, "b": 0], ["a": 1]) == nil)
        #expect(DistributionDistance.jensenShannon(["a": 2], ["a": 1, "b": -1]) == nil)
    }

    @Test func oneElementEachHasNoPValue() {
        // SciPy: round(1·1/2) = 0, kstwo with n = 0 is NaN.
        #expect(DistributionDistance.kolmogorovSmirnov([1], [2]) == nil)
        #expect(DistributionDistance.wasserstein([1], [2]) == 1)
    }

    @Test func identicalSamples() throws {
        let sample: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        #expect(DistributionDistance.wasserstein(sample, sample.reversed()) == 0)
        let ks = try #require(DistributionDistance.kolmogorovSmirnov(sample, sample))
        #expect(ks.statistic == 0)
        #expect(ks.pValue == 1)
        #expect(DistributionDistance.jensenShannon(["a": 3, "b": 1], ["b": 2, "a": 6]) == 0)
        let overlap = try #require(DistributionDistance.vocabularyOverlap(synthetic: [1, 2, 2], real: [2, 1]))
        #expect(overlap.jaccard == 1)
        #expect(overlap.outOfVocabularyRate == 0)
    }

    @Test func disjointSupports() throws {
        let ks = try #require(DistributionDistance.kolmogorovSmirnov([1, 2, 3], [7, 8, 9, 10]))
        #expect(ks.statistic == 1)
        #expect(DistributionDistance.jensenShannon(["pos": 3], ["neg": 5, "neu": 1]) == 1)
        let overlap = try #require(DistributionDistance.vocabularyOverlap(synthetic: ["x", "x"], real: ["y"]))
        #expect(overlap.jaccard == 0)
        #expect(overlap.outOfVocabularyRate == 1)
    }

    @Test func wassersteinIsAShiftForEqualShapes() throws {
        let a: [Double] = [0, 1, 5, 7]
        let w = try #require(DistributionDistance.wasserstein(a, a.map { $0 + 2.5 }))
        #expect(abs(w - 2.5) <= 1e-12)
    }

    @Test func pValuesStayInRangeOnLargeSamples() throws {
        let a = (0..<3000).map { Double($0 % 97) }
        let b = (0..<2500).map { Double(($0 * 7) % 101) }
        let ks = try #require(DistributionDistance.kolmogorovSmirnov(a, b))
        #expect(ks.pValue >= 0 && ks.pValue <= 1)
        #expect(ks.statistic >= 0 && ks.statistic <= 1)
    }
}

/// The worked example of `Metrics/distribution-distances.md` (its numbers are the SciPy values of the
/// golden file's `different_sizes`, `key_missing_on_one_side` and `synthetic_subset` cases).
@Suite("distribution distances: the card's worked example")
struct CardExampleTests {
    @Test func workedExample() throws {
        let a = [0.5, 1.5, 2.5]
        let b = (0...7).map(Double.init)
        #expect(DistributionDistance.wasserstein(a, b) == 2.125)
        let ks = try #require(DistributionDistance.kolmogorovSmirnov(a, b))
        #expect(ks.statistic == 0.625)
        #expect(abs(ks.pValue - 0.28125) <= 1e-15)
        let js = try #require(
            DistributionDistance.jensenShannon(["pos": 10, "neg": 5, "neu": 5], ["pos": 12, "neg": 8]))
        #expect(abs(js - 0.14088) <= 5e-6)
        let overlap = try #require(
            DistributionDistance.vocabularyOverlap(synthetic: ["a", "a", "a", "b"], real: ["a", "b", "c", "d", "e"]))
        #expect(overlap.jaccard == 0.4)
        #expect(overlap.outOfVocabularyRate == 0)
    }
}
