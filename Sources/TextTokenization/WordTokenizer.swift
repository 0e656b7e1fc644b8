/// The default, Unicode-aware word tokenizer for social-media and general text (id `default`).
///
/// Deterministic and locale-independent. The same rules, with a table of examples that the tests
/// check, are in `Metrics/tokenization.md`.
///
/// **1. Normalisation.** Text with any non-ASCII scalar is put in NFKC (Foundation's
/// `precomposedStringWithCompatibilityMapping`; skipped for pure ASCII and for text whose other
/// scalars NFKC provably leaves alone, such as Latin-1 letters, curly quotes and emoji), then
/// lower-cased scalar by scalar with the full Unicode lowercase mapping, context-free, as
/// `String.lowercased()` does (`"ΣΑΣ"` gives `"σασ"`, where Python's `lower()` gives `"σας"`).
/// U+2019 `’` becomes `'`. Format characters (category Cf: soft hyphen, U+FEFF, U+2060, bidi
/// controls…) are removed without splitting, except U+200B, ZWNJ, ZWJ and tag characters, which
/// the next step handles.
///
/// **2. Segmentation**, left to right; at each position the first rule that applies wins:
/// - *Separators* split and are dropped: Python's whitespace set, every Zs/Zl/Zp scalar, every
///   control (Cc) and U+200B. Stray ZWNJ/ZWJ, variation selectors U+FE0E/U+FE0F, U+20E3 and tag
///   characters (outside the contexts below) are dropped too.
/// - *Keycaps*: `[0-9#*]`, optional U+FE0F, then U+20E3 → one token (`1️⃣`).
/// - *URLs*: `http://`, `https://` or `www.` followed by at least one more scalar → one token up
///   to the next separator, `<`, `>` or `"`, minus trailing `. , ; : ! ? ' ) ] }`, `”`, `’`, `»`.
///   URLs are lower-cased like everything else.
/// - *Mentions and hashtags*: `@` or `#` not directly after a word character and directly
///   followed by a word character or ideograph → the sigil plus the following run of word
///   characters and ideographs (`@user_1`, `#tbt`; `a@b.com` is `a`, `@`, `b`, `.`, `com`).
/// - *Words*: a maximal run of word characters — letters (L*, except CJK below), numbers (N*),
///   combining marks (M*, except U+FE0E/U+FE0F/U+20E3) and `_` — that also takes in
///   one `'` between a letter (or mark) and a letter (`don't`, `l'amour`, `rock'n'roll`; not
///   `90's`), one `.` or `,` between two decimal digits (`3.14`, `1,000`, `2.0.1`), and ZWNJ/ZWJ
///   between word characters. Hyphens split: `state-of-the-art` → `state`, `-`, `of`, `-`, …
///   Hangul syllables are letters, so Korean words stay whole.
/// - *Emoji*: a non-ASCII scalar with the `Emoji` property, followed by any of U+FE0E/U+FE0F,
///   skin tones U+1F3FB–U+1F3FF, U+20E3, tag characters, and ZWJ + another emoji → one token
///   (`👍🏽`, `👨‍👩‍👧`, `🏴󠁧󠁢󠁳󠁣󠁴󠁿`). Two regional indicators → one flag token (`🇫🇷`); a lone one is a token.
/// - *CJK*: each Han ideograph, Hiragana or Katakana scalar (plus any following combining marks)
///   is a token: no dictionary segmentation is available.
/// - *Everything else* (punctuation, symbols, private use): each scalar is a token, with any
///   combining marks that follow it (`!!!` → `!`, `!`, `!`; `...` → `.`, `.`, `.`).
///
/// Not handled: scripts written without spaces other than CJK (Thai, Lao, Khmer, Myanmar) come
/// out as whole runs; Greek final sigma is not restored after lower-casing.
///
/// - Complexity: O(n) in the text's UTF-8 length; ASCII text is normalised byte by byte.
public struct WordTokenizer: Tokenizer {
    /// Creates the tokenizer.
    public init() {}

    /// `default`.
    public var identifier: String { "default" }

    /// The tokens of `text`, normalised and segmented as described on the type.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    public func tokens(in text: String) -> [String] {
        var tokens: [String] = []
        forEachToken(in: text) { p, start, end in tokens.append(UTF8Scanning.string(p, start, end)) }
        return tokens
    }

    /// Calls `body` with the byte range of each token of `text` in the normalised bytes `p`.
    func forEachToken(
        in text: String, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void
    ) {
        let bytes = WordNormalization.utf8(of: text)
        bytes.withUnsafeBufferPointer { p in
            WordScanner(p: p).forEachToken { start, end in body(p, start, end) }
        }
    }
}
