/// The default, Unicode-aware word tokenizer.
///
/// TODO(tokenizer helper): implement and document.
public struct WordTokenizer: Tokenizer {
    /// Creates the tokenizer.
    public init() {}
    /// `default`.
    public var identifier: String { "default" }
    /// The tokens of `text`.
    public func tokens(in text: String) -> [String] {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }
}
