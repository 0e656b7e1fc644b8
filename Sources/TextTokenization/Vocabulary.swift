/// Interns token strings as dense `UInt32` ids, shared by every dataset of a run.
///
/// Ids are `0..<count` in order of first appearance, so interning the same token sequence always
/// gives the same ids. Tokens are compared by their Unicode scalars (their UTF-8 bytes), not by
/// Swift's canonical equivalence, so `"é"` (U+00E9) and `"e\u{301}"` are different tokens, as
/// they are in Python and NLTK.
public struct Vocabulary: Sendable, Equatable {
    private var ids: [CodePointKey: UInt32] = [:]
    /// The token of each id: `tokens[Int(id)]`.
    public private(set) var tokens: [String] = []

    /// Creates an empty vocabulary.
    public init() {}

    /// Creates an empty vocabulary with room for `capacity` tokens before it reallocates.
    public init(minimumCapacity capacity: Int) {
        ids.reserveCapacity(capacity)
        tokens.reserveCapacity(capacity)
    }

    /// The id of `token`, adding it when new.
    ///
    /// - Complexity: O(length of `token`) expected (one hash of its UTF-8 bytes).
    public mutating func intern(_ token: String) -> UInt32 {
        let key = CodePointKey(token)
        if let id = ids[key] { return id }
        let id = UInt32(truncatingIfNeeded: tokens.count)
        precondition(tokens.count < Int(UInt32.max), "vocabulary overflow: more than 2^32 - 1 tokens")
        ids[key] = id
        tokens.append(token)
        return id
    }

    /// The id of `token`, or nil when it was never interned.
    ///
    /// - Complexity: O(length of `token`) expected.
    public func id(of token: String) -> UInt32? {
        ids[CodePointKey(token)]
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
        guard lhs.tokens.count == rhs.tokens.count else { return false }
        for (a, b) in zip(lhs.tokens, rhs.tokens) where !CodePointKey.sameCodePoints(a, b) {
            return false
        }
        return true
    }
}
