/// Splits on runs of whitespace, case preserved: exactly Python 3's `str.split()` with no arguments.
///
/// A separator is any scalar for which Python's `str.isspace()` is true: U+0009–U+000D,
/// U+001C–U+001F, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F and U+3000. Runs of separators split, leading and trailing ones are dropped, and no
/// empty token is produced. Nothing else is touched: no case folding, no normalisation;
/// U+200B (zero width space) and U+FEFF are *not* separators, as in Python.
///
/// The text is cut between Unicode scalars, not Swift `Character`s, so a combining mark after a
/// space starts the next token: `"a \u{301}b"` gives `["a", "\u{301}b"]`, as Python does.
///
/// - Complexity: O(n) in the UTF-8 length of the text, one pass over its bytes.
public struct WhitespaceTokenizer: Tokenizer {
    /// Creates the tokenizer.
    public init() {}

    /// `whitespace`.
    public var identifier: String { "whitespace" }

    /// The tokens of `text`, as `text.split()` gives them in Python 3.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    public func tokens(in text: String) -> [String] {
        var tokens: [String] = []
        forEachToken(in: text) { p, start, end in tokens.append(UTF8Scanning.string(p, start, end)) }
        return tokens
    }

    /// Calls `body` with the byte range of each token of `text`, in order, without creating strings.
    func forEachToken(
        in text: String, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void
    ) {
        var text = text
        text.withUTF8 { p in
            let n = p.count
            var start = -1
            var i = 0
            while i < n {
                let b = p[i]
                let spaceLength: Int
                if b < 0x80 {
                    spaceLength = UTF8Scanning.isASCIIPythonSpace(b) ? 1 : 0
                } else {
                    spaceLength = UTF8Scanning.pythonSpaceLength(p, at: i)
                }
                if spaceLength == 0 {
                    if start < 0 { start = i }
                    i += 1  // continuation bytes never look like a separator's lead byte
                } else {
                    if start >= 0 {
                        body(p, start, i)
                        start = -1
                    }
                    i += spaceLength
                }
            }
            if start >= 0 { body(p, start, n) }
        }
    }
}
