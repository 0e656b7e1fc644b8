/// The 64-bit hashes a shard state stores for tokens, n-grams and normalised texts.
///
/// They are part of the state format (version 1) and never change within it: FNV-1a over the UTF-8 bytes,
/// then the SplitMix64 finaliser, so hashes computed on different machines and in different processes
/// compare. Two different keys share a hash with probability 2⁻⁶⁴ per pair: among 10⁸ distinct n-grams
/// the chance that any two collide is about 3 · 10⁻⁴ (`Metrics/shard-states.md`).
enum StableHash {
    /// The hash of `text`'s UTF-8 bytes.
    ///
    /// - Complexity: O(bytes).
    static func of(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return finalise(h)
    }

    /// The hash of the n-gram whose tokens hash to `tokens` (in order); the order is part of the seed, so
    /// a unigram and a bigram never share a hash by construction.
    ///
    /// - Complexity: O(tokens.count).
    static func of(ngram tokens: ArraySlice<UInt64>) -> UInt64 {
        var h = 0x9E37_79B9_7F4A_7C15 &* UInt64(tokens.count)
        for token in tokens { h = finalise(h ^ token) &+ 0x632B_E59B_D9B4_E019 }
        return finalise(h)
    }

    /// The SplitMix64 output function.
    static func finalise(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The sampling key of row `row` under `seed`: rows with the smallest keys form the sample, so every
    /// shard of a dataset ranks its rows the same way and the merged sample does not depend on the sharding.
    static func sampleKey(seed: UInt64, row: Int) -> UInt64 {
        finalise(seed ^ finalise(UInt64(truncatingIfNeeded: row) &+ 0x5851_F42D_4C95_7F2D))
    }
}
