/// Interns token strings as dense `UInt32` ids, shared by every dataset of a run.
///
/// Ids are `0..<count` in order of first appearance, so interning the same token sequence always
/// gives the same ids. Tokens are compared by their Unicode scalars (their UTF-8 bytes), not by
/// Swift's canonical equivalence, so `"é"` (U+00E9) and `"e\u{301}"` are different tokens, as
/// they are in Python and NLTK.
///
/// Storage: every token's bytes in one arena, and an open-addressing table (linear probing, load
/// factor at most 1/2) of ids, keyed by a 64-bit hash of the bytes. Looking up a known token
/// creates no `String`.
public struct Vocabulary: Sendable, Equatable {
    /// The UTF-8 bytes of every token, concatenated in id order.
    private var arena: [UInt8] = []
    /// `count + 1` offsets into `arena`: token `i` is `arena[offsets[i]..<offsets[i + 1]]`.
    private var offsets: [Int] = [0]
    /// Each token's hash, to skip most byte comparisons and to rehash without reading the arena.
    private var hashes: [UInt64] = []
    /// The table: 0 is empty, otherwise `id + 1`. Its size is a power of two.
    private var slots: [UInt32] = Array(repeating: 0, count: 16)
    /// The token of each id: `tokens[Int(id)]`.
    public private(set) var tokens: [String] = []

    /// Creates an empty vocabulary.
    public init() {}

    /// Creates an empty vocabulary with room for `capacity` tokens before its table grows.
    public init(minimumCapacity capacity: Int) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = Array(repeating: 0, count: size)
        tokens.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
        offsets.reserveCapacity(capacity + 1)
    }

    /// The id of `token`, adding it when new.
    ///
    /// - Complexity: O(length of `token`) expected.
    public mutating func intern(_ token: String) -> UInt32 {
        var utf8 = token
        return utf8.withUTF8 { intern(bytes: $0, token: token) }
    }

    /// The id of the token spelled by the UTF-8 bytes `p`, adding it when new; `token`, when
    /// given, must be the same string (it saves decoding `p`).
    ///
    /// - Complexity: O(p.count) expected.
    mutating func intern(bytes p: UnsafeBufferPointer<UInt8>, token: String? = nil) -> UInt32 {
        let hash = TokenHash.hash(p)
        let (slot, found) = find(p, hash: hash)
        if let found { return found }
        precondition(tokens.count < Int(UInt32.max - 1), "vocabulary overflow: too many distinct tokens")
        let id = UInt32(truncatingIfNeeded: tokens.count)
        arena.append(contentsOf: p)
        offsets.append(arena.count)
        hashes.append(hash)
        tokens.append(token ?? String(decoding: p, as: UTF8.self))
        slots[slot] = id + 1
        if tokens.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `token`, or nil when it was never interned.
    ///
    /// - Complexity: O(length of `token`) expected.
    public func id(of token: String) -> UInt32? {
        var utf8 = token
        return utf8.withUTF8 { find($0, hash: TokenHash.hash($0)).id }
    }

    /// The token with id `id`, or nil when no token has that id.
    ///
    /// - Complexity: O(1).
    public func token(for id: UInt32) -> String? {
        let index = Int(id)
        return index < tokens.count ? tokens[index] : nil
    }

    /// Number of distinct tokens.
    public var count: Int { tokens.count }

    /// Whether both vocabularies hold the same tokens, code point for code point, with the same ids.
    ///
    /// - Complexity: O(total length of the tokens).
    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool {
        lhs.offsets == rhs.offsets && lhs.arena == rhs.arena
    }

    /// The slot holding the token `p`, with its id, or the empty slot where it would go.
    @inline(__always)
    private func find(_ p: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, id: UInt32?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        return slots.withUnsafeBufferPointer { table in
            arena.withUnsafeBufferPointer { bytes in
                while true {
                    let entry = table[slot]
                    if entry == 0 { return (slot, nil) }
                    let id = Int(entry - 1)
                    if hashes[id] == hash {
                        let start = offsets[id]
                        let end = offsets[id + 1]
                        if end - start == p.count
                            && UnsafeBufferPointer(rebasing: bytes[start..<end]).elementsEqual(p)
                        {
                            return (slot, entry - 1)
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Doubles the table and re-inserts every id by its stored hash.
    private mutating func grow() {
        var table = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = table.count - 1
        for id in 0..<tokens.count {
            var slot = Int(truncatingIfNeeded: hashes[id] >> 32) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = UInt32(truncatingIfNeeded: id) + 1
        }
        slots = table
    }
}
