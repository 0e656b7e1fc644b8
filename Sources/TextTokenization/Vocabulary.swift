/// Interns token strings as dense `UInt32` ids, shared by every dataset of a run.
///
/// Tokens are compared by their Unicode scalars (code points), not by Swift's canonical
/// equivalence, so `"é"` (U+00E9) and `"e\u{301}"` are different tokens, as they are in Python.
///
/// TODO(tokenizer helper): code-point equality and a fast path.
public struct Vocabulary: Sendable, Equatable {
    private var ids: [String: UInt32] = [:]
    /// The token of each id.
    public private(set) var tokens: [String] = []

    /// Creates an empty vocabulary.
    public init() {}

    /// The id of `token`, adding it when new.
    public mutating func intern(_ token: String) -> UInt32 {
        if let id = ids[token] { return id }
        let id = UInt32(tokens.count)
        ids[token] = id
        tokens.append(token)
        return id
    }

    /// Number of distinct tokens.
    public var count: Int { tokens.count }
}
