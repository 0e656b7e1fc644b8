import AssayUtilities

/// A seeded split of the real rows into two halves, for a real-vs-real noise floor.
///
/// A distance between a synthetic and a real sample is never exactly 0, even for a perfect generator:
/// two finite samples of the same population differ. Splitting the real data into two halves and
/// computing the same distance between them (real-vs-real) gives the value that sampling noise alone
/// produces at about that size; a synthetic-vs-real value should be read against it.
public enum NoiseFloorSplit {
    /// The two halves of the row indices `0..<count`.
    ///
    /// The indices `[0, 1, …, count − 1]` are shuffled by Fisher–Yates with ``SplitMix64`` seeded with
    /// `seed`: for `i` from `count − 1` down to 1, `j = generator.index(below: i + 1)` (multiply-shift)
    /// and positions `i` and `j` are swapped. The first `⌊count / 2⌋` shuffled indices are half `a`, the
    /// rest half `b` (so `b` has the extra index when `count` is odd), both in shuffled order. The same
    /// `count` and `seed` give the same halves on every machine. `count ≤ 0` gives two empty halves.
    ///
    /// - Complexity: O(count) time and memory.
    public static func halves(count: Int, seed: UInt64) -> (a: [Int], b: [Int]) {
        guard count > 0 else { return ([], []) }
        var generator = SplitMix64(seed: seed)
        let indices = generator.shuffledIndices(count)
        let half = count / 2
        return (Array(indices[..<half]), Array(indices[half...]))
    }
}
