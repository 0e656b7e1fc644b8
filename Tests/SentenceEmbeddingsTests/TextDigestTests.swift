import Testing

@testable import SentenceEmbeddings

/// The cache key: the first 128 bits of SHA-256 (swift-crypto) over a text's UTF-8 bytes.
@Suite("text digests")
struct TextDigestTests {
    // Expected values: the first 32 hex digits of Python's `hashlib.sha256(text.encode()).hexdigest()`.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb924"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223"),
        (String(repeating: "é", count: 100), "f42ec48e1e4b487e590e0b3d4e58437c"),
    ])
    func digestIsTheFirst128BitsOfSHA256(_ text: String, _ expected: String) {
        #expect(TextDigest(of: text).hex == expected)
    }

    @Test func differentBytesGiveDifferentKeys() {
        #expect(TextDigest(of: "a") != TextDigest(of: "A"))
        #expect(TextDigest(of: "e\u{301}") != TextDigest(of: "\u{e9}"), "no Unicode normalisation")
    }

    @Test func bytesRoundTrip() {
        let digest = TextDigest(of: "round trip")
        var stored = [UInt8](repeating: 0, count: 20)
        stored.withUnsafeMutableBytes { digest.store(to: $0, at: 2) }
        #expect(stored.withUnsafeBytes { TextDigest(raw: $0, at: 2) } == digest)
    }
}
