/// The built-in tokenizers, selectable by name (`--tokenizer`).
public enum TokenizerKind: String, Sendable, CaseIterable, Codable {
    /// The Unicode-aware word tokenizer (``WordTokenizer``).
    case `default`
    /// Python `str.split()` semantics (``WhitespaceTokenizer``).
    case whitespace

    /// A tokenizer of this kind.
    public func makeTokenizer() -> any Tokenizer {
        switch self {
        case .default: WordTokenizer()
        case .whitespace: WhitespaceTokenizer()
        }
    }
}
