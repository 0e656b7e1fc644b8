import Testing

@testable import TextTokenization

/// Python 3's `str.isspace()` set. Verified against CPython 3.11 with
/// `python3 -c "import sys; print([hex(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()])"`.
let pythonWhitespace: [UInt32] =
    Array(0x09...0x0D) + Array(0x1C...0x20) + [0x85, 0xA0, 0x1680] + Array(0x2000...0x200A)
    + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]

@Suite struct WhitespaceTokenizerTests {
    let tokenizer = WhitespaceTokenizer()

    @Test func identifier() {
        #expect(tokenizer.identifier == "whitespace")
        #expect(TokenizerKind.whitespace.makeTokenizer().identifier == "whitespace")
    }

    @Test(arguments: pythonWhitespace)
    func everyPythonWhitespaceScalarSplits(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let text = "a" + String(Character(scalar)) + "b"
        #expect(tokenizer.tokens(in: text) == ["a", "b"])
        #expect(tokenizer.tokens(in: String(repeating: String(scalar), count: 3)) == [])
    }

    /// Every other BMP scalar (surrogates aside) is part of a token.
    @Test func noOtherBMPScalarSplits() {
        let set = Set(pythonWhitespace)
        var wrong: [UInt32] = []
        for value in UInt32(0)...0xFFFF where !set.contains(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var text = "a"
            text.unicodeScalars.append(scalar)
            text += "b"
            if tokenizer.tokens(in: text).count != 1 { wrong.append(value) }
        }
        #expect(wrong == [])
        #expect(set.count == 29)
    }

    @Test(arguments: [
        ("", [String]()),
        ("   ", []),
        ("\t\n\r\u{0B}\u{0C}", []),
        ("one", ["one"]),
        ("  leading and trailing  ", ["leading", "and", "trailing"]),
        ("Case, Punctuation! kept.", ["Case,", "Punctuation!", "kept."]),
        ("a\r\nb", ["a", "b"]),
        ("x\u{200B}y", ["x\u{200B}y"]),  // zero width space is not whitespace in Python
        ("x\u{FEFF}y", ["x\u{FEFF}y"]),
        ("x\u{180E}y", ["x\u{180E}y"]),  // Mongolian vowel separator: not whitespace since Unicode 6.3
        ("a \u{301}b", ["a", "\u{301}b"]),  // scalar-level split, not grapheme-level
        ("日本 語", ["日本", "語"]),
        ("👍🏽 🇫🇷", ["👍🏽", "🇫🇷"]),
    ])
    func splitsLikePython(_ text: String, _ expected: [String]) {
        #expect(
            tokenizer.tokens(in: text).map(\.unicodeScalars).map(Array.init)
                == expected.map { Array($0.unicodeScalars) })
    }

    /// Golden value from `python3 -c "print(s.split())"` on the same string (CPython 3.11).
    @Test func mixedUnicodeMatchesCPython() {
        let text =
            "  h\u{e9}llo\u{3000}w\u{f6}rld\u{85}x\u{200b}y\u{feff}\t\u{1c}z\u{2028} e\u{301} \u{301}q\u{a0}\u{202f}\u{205f}\u{1680}end\r\n"
        let expected = ["h\u{e9}llo", "w\u{f6}rld", "x\u{200b}y\u{feff}", "z", "e\u{301}", "\u{301}q", "end"]
        let tokens = tokenizer.tokens(in: text)
        #expect(tokens.map { Array($0.utf8) } == expected.map { Array($0.utf8) })
    }

    /// Tokens keep their code points: no normalisation (`é` stays decomposed).
    @Test func noNormalisation() {
        let tokens = tokenizer.tokens(in: "caf\u{65}\u{301} CAFÉ")
        #expect(
            tokens.map { Array($0.unicodeScalars) } == [
                Array("caf\u{65}\u{301}".unicodeScalars), Array("CAFÉ".unicodeScalars),
            ])
    }
}
