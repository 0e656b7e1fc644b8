/// Counts the occurrences of each feature hash of one text, without sorting or allocating per text.
///
/// An open-addressing table (linear probing, at most half full) that remembers its occupied
/// slots in first-seen order, so reading and clearing cost O(distinct features), not O(capacity).
struct FeatureCounter {
    private var keys: [UInt64]
    private var counts: [Int32]
    private var mask: Int
    /// Occupied slots, in the order their features were first seen.
    private var occupied: [Int] = []

    /// An empty counter with room for `capacity` distinct features before it grows.
    init(capacity: Int = 64) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        counts = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Whether no feature has been counted since the last ``removeAll()``.
    var isEmpty: Bool { occupied.isEmpty }

    /// Counts one occurrence of `hash`.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    mutating func add(_ hash: UInt64) {
        if 2 * (occupied.count + 1) > keys.count { grow() }
        var slot = Self.home(hash) & mask
        while counts[slot] != 0 {
            if keys[slot] == hash {
                counts[slot] &+= 1
                return
            }
            slot = (slot + 1) & mask
        }
        keys[slot] = hash
        counts[slot] = 1
        occupied.append(slot)
    }

    /// Calls `body(hash, count)` for each distinct feature, in first-seen order.
    @inline(__always)
    func forEachFeature(_ body: (UInt64, Int) -> Void) {
        for slot in occupied { body(keys[slot], Int(counts[slot])) }
    }

    /// Forgets every count, keeping the capacity.
    ///
    /// - Complexity: O(distinct features counted).
    mutating func removeAll() {
        for slot in occupied { counts[slot] = 0 }
        occupied.removeAll(keepingCapacity: true)
    }

    /// The table slot a hash probes first: high bits, independent of the bucket `hash mod d`.
    @inline(__always)
    private static func home(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> 24)
    }

    /// Doubles the table, keeping the counts and their first-seen order.
    private mutating func grow() {
        let entries = occupied.map { (keys[$0], counts[$0]) }
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        counts = Array(repeating: 0, count: size)
        mask = size - 1
        occupied.removeAll(keepingCapacity: true)
        for (hash, count) in entries {
            var slot = Self.home(hash) & mask
            while counts[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = hash
            counts[slot] = count
            occupied.append(slot)
        }
    }
}
