import Testing

@testable import DistributionDistances

@Suite("noise-floor split")
struct NoiseFloorSplitTests {
    @Test(arguments: [0, 1, 2, 3, 10, 101, 1000])
    func halvesCoverEveryIndexOnce(_ count: Int) {
        let (a, b) = NoiseFloorSplit.halves(count: count, seed: 7)
        #expect(a.count == count / 2)
        #expect(b.count == count - count / 2)
        #expect(Set(a).isDisjoint(with: Set(b)))
        #expect((a + b).sorted() == Array(0..<count))
    }

    @Test func sameSeedSameHalves() {
        let first = NoiseFloorSplit.halves(count: 500, seed: 42)
        let second = NoiseFloorSplit.halves(count: 500, seed: 42)
        #expect(first.a == second.a)
        #expect(first.b == second.b)
    }

    @Test func otherSeedOtherHalves() {
        let first = NoiseFloorSplit.halves(count: 500, seed: 42)
        let second = NoiseFloorSplit.halves(count: 500, seed: 43)
        #expect(first.a != second.a)
    }

    @Test func negativeCountGivesEmptyHalves() {
        let (a, b) = NoiseFloorSplit.halves(count: -3, seed: 1)
        #expect(a.isEmpty && b.isEmpty)
    }

    /// The shuffle is pinned by the Python transcription of SplitMix64 and the documented Fisher–Yates loop
    /// in `References/golden_distances.py`.
    @Test(arguments: GoldenDistancesTests.file?.noiseFloorSplit ?? [])
    func matchesReference(_ golden: GoldenDistancesTests.SplitCase) {
        let (a, b) = NoiseFloorSplit.halves(count: golden.count, seed: golden.seed)
        #expect(a == golden.a)
        #expect(b == golden.b)
    }
}
