/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator whose sequence is fixed by
/// its definition, so seeded results are the same on every machine and Swift version.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0) by multiply-shift: ⌊next() · bound / 2⁶⁴⌋, defined here
    /// rather than by the standard library so it never changes.
    public mutating func index(below bound: Int) -> Int {
        Int(truncatingIfNeeded: (UInt128(next()) &* UInt128(UInt(bound))) >> 64)
    }

    /// `0..<count` shuffled by Fisher–Yates: for `i` from `count − 1` down to 1, swap positions `i` and
    /// ``index(below:)`` `i + 1`. Empty for `count ≤ 0`. The seeded splits (noise-floor halves, language
    /// model folds, the discriminator's folds) all shuffle this way.
    ///
    /// - Complexity: O(count).
    public mutating func shuffledIndices(_ count: Int) -> [Int] {
        guard count > 0 else { return [] }
        var indices = Array(0..<count)
        var i = count - 1
        while i > 0 {
            indices.swapAt(i, index(below: i + 1))
            i -= 1
        }
        return indices
    }
}
