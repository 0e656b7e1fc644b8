import AssayUtilities
import Testing

@testable import ShardStates

/// The HyperLogLog sketch that counts distinct n-grams above the exact limit: accurate within its stated
/// error, merged by union, and switched to only above the limit.
@Suite("distinct counts and sketches")
struct DistinctCountTests {
    static func hashes(_ count: Int, seed: UInt64) -> [UInt64] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in generator.next() }
    }

    @Test(arguments: [1_000, 50_000, 400_000, 3_000_000])
    func theEstimateIsWithinFourStandardErrors(distinct: Int) {
        var sketch = HyperLogLog()
        for hash in Self.hashes(distinct, seed: UInt64(distinct)) {
            sketch.insert(hash)
            sketch.insert(hash)  // repeats change nothing
        }
        let relative = abs(sketch.estimate - Double(distinct)) / Double(distinct)
        #expect(relative <= 4 * HyperLogLog.relativeStandardError, "\(sketch.estimate) for \(distinct)")
    }

    @Test func mergedSketchesAreTheSketchOfTheUnion() {
        let a = Self.hashes(30_000, seed: 1)
        let b = Self.hashes(30_000, seed: 2) + a.prefix(10_000)
        var left = HyperLogLog()
        for hash in a { left.insert(hash) }
        var right = HyperLogLog()
        for hash in b { right.insert(hash) }
        var union = HyperLogLog()
        for hash in a + b { union.insert(hash) }
        left.merge(right)
        #expect(left == union)
    }

    @Test func theAccumulatorKeepsTheSetUpToItsLimit() {
        var accumulator = DistinctAccumulator(limit: 100)
        for hash in Self.hashes(100, seed: 3) { accumulator.insert(hash) }
        #expect(accumulator.count == .exact(HashSet(Self.hashes(100, seed: 3))))
        for hash in Self.hashes(101, seed: 3) { accumulator.insert(hash) }
        #expect(accumulator.count.isSketch)
        #expect(accumulator.count.count == 101)  // linear counting is exact to a few at this size
    }

    @Test func aUnionIsExactOnlyWhenEveryPartIs() {
        let exact = DistinctCount.exact(HashSet(Self.hashes(10, seed: 4)))
        #expect(DistinctCount.union([exact, exact]) == exact)
        var sketch = HyperLogLog()
        for hash in Self.hashes(10, seed: 5) { sketch.insert(hash) }
        let merged = DistinctCount.union([exact, .sketch(sketch)])
        #expect(merged.isSketch && merged.count == 20)
    }
}
