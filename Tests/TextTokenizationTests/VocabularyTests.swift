import Testing

@testable import TextTokenization

@Suite struct VocabularyTests {
    @Test func denseIdsInFirstAppearanceOrder() {
        var vocabulary = Vocabulary()
        #expect(vocabulary.count == 0)
        #expect(vocabulary.intern("b") == 0)
        #expect(vocabulary.intern("a") == 1)
        #expect(vocabulary.intern("b") == 0)
        #expect(vocabulary.intern("") == 2)
        #expect(vocabulary.count == 3)
        #expect(vocabulary.tokens == ["b", "a", ""])
        #expect(vocabulary.id(of: "a") == 1)
        #expect(vocabulary.id(of: "zzz") == nil)
        #expect(vocabulary.token(for: 1) == "a")
        #expect(vocabulary.token(for: 3) == nil)
    }

    /// `"é"` (U+00E9) and `"e\u{301}"` are equal `String`s in Swift but different tokens here.
    @Test func codePointIdentity() throws {
        let precomposed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(precomposed == decomposed)  // Swift's canonical equivalence
        var vocabulary = Vocabulary()
        let a = vocabulary.intern(precomposed)
        let b = vocabulary.intern(decomposed)
        #expect(a != b)
        #expect(vocabulary.count == 2)
        #expect(vocabulary.id(of: "caf\u{E9}") == a)
        #expect(vocabulary.id(of: "cafe\u{301}") == b)
        let token = try #require(vocabulary.token(for: b))
        #expect(Array(token.unicodeScalars) == Array(decomposed.unicodeScalars))
        // Other canonically equivalent pairs: Ångström sign vs Å, reordered marks.
        #expect(vocabulary.intern("\u{212B}") != vocabulary.intern("\u{C5}"))
        #expect(vocabulary.intern("a\u{301}\u{316}") != vocabulary.intern("a\u{316}\u{301}"))
    }

    @Test func equalityIsByCodePoints() {
        var a = Vocabulary()
        var b = Vocabulary()
        _ = a.intern("caf\u{E9}")
        _ = b.intern("cafe\u{301}")
        #expect(a != b)
        var c = Vocabulary()
        _ = c.intern("caf\u{E9}")
        #expect(a == c)
        _ = c.intern("x")
        #expect(a != c)
    }

    @Test func manyTokens() {
        var vocabulary = Vocabulary(minimumCapacity: 10)
        for i in 0..<50_000 { #expect(vocabulary.intern("t\(i)") == UInt32(i)) }
        for i in stride(from: 0, to: 50_000, by: 997) { #expect(vocabulary.id(of: "t\(i)") == UInt32(i)) }
        #expect(vocabulary.count == 50_000)
    }
}
