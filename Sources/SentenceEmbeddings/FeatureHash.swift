/// The stable 64-bit hash that places a ``HashingEmbedder`` feature in a bucket and gives it a sign.
///
/// FNV-1a 64 over the feature key's UTF-8 bytes (offset basis `0xcbf29ce484222325`, prime
/// `0x100000001b3`), then the SplitMix64 finaliser so that every output bit depends on every
/// input byte. The key starts with a family prefix (`u:`, `b:` or `c:`), so equal strings in
/// different families are different features. Identical on every machine and run (no seed).
struct FeatureHash {
    /// The running FNV-1a state.
    private(set) var state: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Starts a key with the ASCII family prefix `prefix` (for instance `"u:"`).
    @inline(__always)
    init(prefix: StaticString) {
        let p = prefix.utf8Start
        for k in 0..<prefix.utf8CodeUnitCount { add(p[k]) }
    }

    /// Appends one byte of the key.
    @inline(__always)
    mutating func add(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// Appends bytes `start..<end` of `p`.
    @inline(__always)
    mutating func add(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var i = start
        while i < end {
            add(p[i])
            i += 1
        }
    }

    /// The finished hash: SplitMix64's finaliser applied to the FNV-1a state.
    @inline(__always)
    var value: UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
