import Foundation
import Testing

@testable import TextTokenization

/// Compares token lists code point for code point (Swift's `==` on `String` would hide
/// normalisation differences).
func scalars(_ tokens: [String]) -> [[Unicode.Scalar]] {
    tokens.map { Array($0.unicodeScalars) }
}

/// One rule of ``WordTokenizer``, beyond the card's worked examples.
@Suite struct WordTokenizerTests {
    let tokenizer = WordTokenizer()

    func check(_ text: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(scalars(tokenizer.tokens(in: text)) == scalars(expected), sourceLocation: sourceLocation)
    }

    @Test func identifierAndDefaultKind() {
        #expect(tokenizer.identifier == "default")
        #expect(TokenizerKind.default.makeTokenizer().identifier == "default")
        #expect(TokenizerKind(rawValue: "default") == .default)
    }

    @Test func emptyAndSeparatorsOnly() {
        check("", [])
        check(" \t\r\n\u{0B}\u{0C}\u{1C}\u{85}\u{A0}\u{2028}\u{3000}\u{200B}\u{FEFF}\u{AD}", [])
        check("\u{0}a\u{7F}b\u{1B}c", ["a", "b", "c"])  // controls separate
    }

    @Test func normalisation() {
        check("HELLO World", ["hello", "world"])
        check("Ǆ ﬃ ①", ["d\u{17E}", "ffi", "1"])  // NFKC (Ǆ is D Ž) then lower case
        check("İ", ["i\u{307}"])  // full lowercase mapping
        check("e\u{301}", ["\u{E9}"])  // NFKC composes
        check("don’t", ["don't"])  // U+2019 becomes '
        check("’", ["'"])
        check("ａｂｃ１２３", ["abc123"])  // fullwidth forms
    }

    @Test func formatCharactersAreRemovedInsideWords() {
        check("soft\u{AD}hyphen", ["softhyphen"])
        check("word\u{2060}joiner", ["wordjoiner"])
        check("bi\u{200E}di", ["bidi"])
        check("zero\u{200B}width", ["zero", "width"])  // U+200B separates
    }

    @Test func words() {
        check("under_score snake_case_42", ["under_score", "snake_case_42"])
        check("naïve café", ["naïve", "café"])
        check("Ünïcödé", ["ünïcödé"])
        check("привет, мир", ["привет", ",", "мир"])
        check("مرحبا بالعالم", ["مرحبا", "بالعالم"])
        check("नमस्ते", ["नमस्ते"])  // marks stay in the word
        check("می\u{200C}خواهم", ["می\u{200C}خواهم"])  // ZWNJ between letters kept
        check("a\u{200C} b", ["a", "b"])  // stray ZWNJ dropped
        check("x² ½", ["x2", "1", "⁄", "2"])  // NFKC: ½ is 1 ⁄ 2
    }

    @Test func apostrophes() {
        check("don't can't l'amour", ["don't", "can't", "l'amour"])
        check("rock'n'roll", ["rock'n'roll"])
        check("'quoted'", ["'", "quoted", "'"])
        check("students' 90's it''s", ["students", "'", "90", "'", "s", "it", "'", "'", "s"])
    }

    @Test func hyphensSplit() {
        check("state-of-the-art", ["state", "-", "of", "-", "the", "-", "art"])
        check("e-mail --", ["e", "-", "mail", "-", "-"])
    }

    @Test func numbers() {
        check("3.14 1,000 1,000,000.5 192.168.0.1", ["3.14", "1,000", "1,000,000.5", "192.168.0.1"])
        check("3. 3.. .5 1,,2", ["3", ".", "3", ".", ".", ".", "5", "1", ",", ",", "2"])
        check("a.b x,y", ["a", ".", "b", "x", ",", "y"])
        check("$9.99 50%", ["$", "9.99", "50", "%"])
        check("١٢٣.٤", ["١٢٣.٤"])  // decimal digits of any script
    }

    @Test func urls() {
        check(
            "go to HTTPS://Site.COM/Path?q=1&r=2#frag now", ["go", "to", "https://site.com/path?q=1&r=2#frag", "now"])
        check("(see http://a.b/c).", ["(", "see", "http://a.b/c", ")", "."])
        check("www.example.org, and", ["www.example.org", ",", "and"])
        check("“http://x.io/”", ["“", "http://x.io/", "”"])
        check("http:// alone", ["http", ":", "/", "/", "alone"])  // nothing after the prefix
        check("www. x", ["www", ".", "x"])
        check("<br />http://x.y<br />", ["<", "br", "/", ">", "http://x.y", "<", "br", "/", ">"])
    }

    @Test func mentionsAndHashtags() {
        check("@User_1: #Hello_World!", ["@user_1", ":", "#hello_world", "!"])
        check("#日本 #1", ["#日本", "#1"])
        check("a@b.com x#y", ["a", "@", "b", ".", "com", "x", "#", "y"])
        check("@ # @@x ##y", ["@", "#", "@", "@x", "#", "#y"])
        check("(@x)", ["(", "@x", ")"])
    }

    @Test func emoji() {
        check("👍👍", ["👍", "👍"])
        check("👍🏽👍🏿", ["👍🏽", "👍🏿"])  // skin tones
        check("❤️❤", ["❤️", "❤"])  // VS16
        check("👩‍💻 code", ["👩‍💻", "code"])  // ZWJ sequence
        check("🏳️‍🌈", ["🏳️‍🌈"])
        check("🇺🇸🇬🇧🇯", ["🇺🇸", "🇬🇧", "🇯"])  // flags pair up; a lone indicator stays
        check(
            "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            ["🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"])
        check("#️⃣*⃣9️⃣0", ["#️⃣", "*⃣", "9️⃣", "0"])  // keycaps
        check("👍\u{200D}x", ["👍", "x"])  // a ZWJ not followed by emoji is dropped
        check("hi😀there", ["hi", "😀", "there"])
        check("© ®", ["©", "®"])
    }

    @Test func cjkAndHangul() {
        check("東京タワー", ["東", "京", "タ", "ワ", "ー"])
        check("ひらがな。", ["ひ", "ら", "が", "な", "。"])
        check("ｶﾀｶﾅ", ["カ", "タ", "カ", "ナ"])  // NFKC widens halfwidth katakana
        check("𠀋x", ["𠀋", "x"])  // extension B
        check("한국어 문장입니다.", ["한국어", "문장입니다", "."])
    }

    @Test func punctuationAndSymbols() {
        check("!!!...", ["!", "!", "!", ".", ".", "."])
        check("a+b=c", ["a", "+", "b", "=", "c"])
        check("«¿Qué?»", ["«", "¿", "qué", "?", "»"])
        check("→\u{20D7}", ["→\u{20D7}"])  // combining mark stays with its base
        check("a \u{301}b", ["a", "\u{301}b"])  // a mark after a space starts a word
    }

    @Test func deterministicAndPure() {
        let text = "Mixed ÇASE, 3.14 @you #me 👍🏽 日本 https://x.y/z"
        #expect(scalars(tokenizer.tokens(in: text)) == scalars(WordTokenizer().tokens(in: text)))
        for token in tokenizer.tokens(in: text) { #expect(!token.isEmpty) }
    }

    /// Long ASCII and non-ASCII inputs go through the same rules.
    @Test func asciiAndUnicodePathsAgree() {
        let ascii = "Don't stop: 3.14 @a #b http://c.d/e ok-ok!"
        let withUnicode = ascii + " é"
        #expect(scalars(tokenizer.tokens(in: withUnicode)) == scalars(tokenizer.tokens(in: ascii) + ["é"]))
    }
}

/// The NFKC skip must never change a result: every "inert" scalar is left alone by Foundation's
/// NFKC, alone and next to any ASCII or Latin-1 scalar or another inert scalar.
@Suite struct NFKCInertTests {
    static let inertScalars: [Unicode.Scalar] = (UInt32(0x80)...0x1FFFF).compactMap { value in
        WordNormalization.isNFKCInert(value) ? Unicode.Scalar(value) : nil
    }

    @Test func inertScalarsAreNFKCStable() {
        var all = String.UnicodeScalarView()
        all.append(contentsOf: Self.inertScalars)
        let text = String(all)
        #expect(Array(text.precomposedStringWithCompatibilityMapping.unicodeScalars) == Array(text.unicodeScalars))
        #expect(Self.inertScalars.count > 2000)
    }

    @Test func inertScalarsNeverCompose() {
        let neighbours = (UInt32(0x20)...0xFF).compactMap(Unicode.Scalar.init) + Self.inertScalars.prefix(400)
        var unstable: [UInt32] = []
        for neighbour in neighbours {
            var view = String.UnicodeScalarView()
            for scalar in Self.inertScalars {
                view.append(neighbour)
                view.append(scalar)
            }
            view.append(neighbour)
            let text = String(view)
            let nfkc = text.precomposedStringWithCompatibilityMapping
            if neighbour.value >= 0x80 && !WordNormalization.isNFKCInert(neighbour.value) { continue }
            if Array(nfkc.unicodeScalars) != Array(text.unicodeScalars) { unstable.append(neighbour.value) }
        }
        #expect(unstable == [])
    }

    @Test func skipGivesSameTokensAsNFKC() {
        let text = "Ça “marche” — très BIEN 👍🏽❤️ ÀÉÎÕÜ ☀️ x×y"
        let forced = text + " \u{2026}"  // U+2026 is not inert: forces NFKC on the whole text
        let tokens = WordTokenizer().tokens(in: text)
        let forcedTokens = WordTokenizer().tokens(in: forced)
        #expect(scalars(Array(forcedTokens.dropLast(3))) == scalars(tokens))
        #expect(forcedTokens.suffix(3) == [".", ".", "."])
    }
}
