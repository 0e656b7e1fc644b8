/// A hash map from 64-bit keys to 32-bit counts or ids, for the n-gram tables: open addressing with
/// linear probing in two flat arrays, a multiplicative (Fibonacci) hash, grown to keep at most 70 % of the
/// slots full. The n-gram model looks up every history and n-gram of every scored token, so this replaces
/// `Dictionary` (SipHash per lookup, about three times slower here); it holds the same entries, so the
/// model's numbers do not change.
///
/// `UInt64.max` marks an empty slot and is not a valid key (the model's keys pack a node below
/// `UInt32.max` in the high half).
struct PackedKeyMap: Sendable {
    private var keys: [UInt64]
    private var values: [UInt32]
    /// Entries held.
    private(set) var count = 0
    private var shift: UInt64
    private var mask: Int

    private static let empty = UInt64.max
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// An empty map with room for `capacity` entries before it grows.
    init(capacity: Int = 0) {
        var bits: UInt64 = 4
        while (1 << bits) * 7 < max(capacity, 1) * 10 { bits += 1 }
        keys = [UInt64](repeating: Self.empty, count: 1 << bits)
        values = [UInt32](repeating: 0, count: 1 << bits)
        shift = 64 - bits
        mask = (1 << bits) - 1
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* Self.multiplier) >> shift)
    }

    /// The value of `key`, if present.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always) subscript(key: UInt64) -> UInt32? {
        keys.withUnsafeBufferPointer { keys in
            var index = slot(key)
            while true {
                let found = keys[index]
                if found == key { return values[index] }
                if found == Self.empty { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// The slot holding `key`, inserting it with value 0 when absent; `true` when it was inserted.
    @inline(__always) private mutating func find(_ key: UInt64) -> (index: Int, inserted: Bool) {
        precondition(key != Self.empty, "UInt64.max is not a key")
        if (count + 1) * 10 > keys.count * 7 { grow() }
        var index = slot(key)
        while true {
            let found = keys[index]
            if found == key { return (index, false) }
            if found == Self.empty {
                keys[index] = key
                count += 1
                return (index, true)
            }
            index = (index + 1) & mask
        }
    }

    /// The value of `key`; when absent, `make()` stored under it first.
    ///
    /// - Complexity: O(1) expected (amortised over growth).
    @inline(__always) mutating func value(_ key: UInt64, orInsert make: () -> UInt32) -> UInt32 {
        let (index, inserted) = find(key)
        if inserted { values[index] = make() }
        return values[index]
    }

    /// Adds 1 to the value of `key` (0 when absent), saturating at `UInt32.max`; `true` when the value was 0.
    ///
    /// - Complexity: O(1) expected (amortised over growth).
    @inline(__always) mutating func increment(_ key: UInt64) -> Bool {
        let (index, _) = find(key)
        if values[index] < UInt32.max { values[index] += 1 }
        return values[index] == 1
    }

    /// Calls `body` with every entry, in no particular order.
    ///
    /// - Complexity: O(slots).
    func forEachEntry(_ body: (UInt64, UInt32) -> Void) {
        for index in keys.indices where keys[index] != Self.empty { body(keys[index], values[index]) }
    }

    private mutating func grow() {
        var larger = PackedKeyMap(capacity: keys.count)
        forEachEntry { key, value in
            let (index, _) = larger.find(key)
            larger.values[index] = value
        }
        self = larger
    }
}
