/// Splits on runs of whitespace, case preserved: Python `str.split()` semantics.
///
/// TODO(tokenizer helper): exact Python whitespace set.
public struct WhitespaceTokenizer: Tokenizer {
    /// Creates the tokenizer.
    public init() {}
    /// `whitespace`.
    public var identifier: String { "whitespace" }
    /// The tokens of `text`.
    public func tokens(in text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }
}
