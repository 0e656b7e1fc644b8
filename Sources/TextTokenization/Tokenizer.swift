/// Splits a text into word tokens.
public protocol Tokenizer: Sendable {
    /// Stable identifier, recorded in results (`default`, `whitespace`).
    var identifier: String { get }
    /// The tokens of `text`, in order.
    func tokens(in text: String) -> [String]
}
