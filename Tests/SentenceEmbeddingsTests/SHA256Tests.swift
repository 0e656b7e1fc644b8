import Testing

@testable import SentenceEmbeddings

@Suite("SHA-256 and text digests")
struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    // FIPS 180-4 examples (values checked with Python's hashlib).
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(_ input: String, _ expected: String) {
        #expect(Self.hex(SHA256.digest(input.utf8)) == expected)
    }

    /// A multi-block, non-ASCII text; the digest is from Python's `hashlib.sha256`.
    @Test func textDigestIsTheFirst128Bits() {
        let text = String(repeating: "é", count: 100)
        #expect(
            Self.hex(SHA256.digest(text.utf8)) == "f42ec48e1e4b487e590e0b3d4e58437c8327efa855d769709f4942a4f73a7eb6")
        #expect(TextDigest(of: text).hex == String(Self.hex(SHA256.digest(text.utf8)).prefix(32)))
        #expect(TextDigest(of: "a") != TextDigest(of: "A"))
    }
}
