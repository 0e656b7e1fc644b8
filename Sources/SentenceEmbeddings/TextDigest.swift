import Crypto

/// The cache key of one text: the first 128 bits of SHA-256 over its UTF-8 bytes.
///
/// Texts are compared by their exact bytes (no normalisation): two texts that differ in any byte
/// are different keys, even if an embedder would give them the same vector.
struct TextDigest: Hashable, Sendable {
    /// Digest bytes 0–7, big-endian.
    let high: UInt64
    /// Digest bytes 8–15, big-endian.
    let low: UInt64

    /// The digest of `text`.
    ///
    /// - Complexity: O(UTF-8 length of `text`).
    init(of text: String) {
        var hasher = SHA256()
        var text = text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        self.init(bytes: Array(hasher.finalize()))
    }

    /// The digest stored in `bytes` (16 bytes).
    init(bytes: some Collection<UInt8>) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (i, byte) in bytes.prefix(16).enumerated() {
            if i < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.high = high
        self.low = low
    }

    /// Reads the digest stored at `offset` of `raw`.
    init(raw: UnsafeRawBufferPointer, at offset: Int) {
        high = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        low = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
    }

    /// Writes the 16 digest bytes at `offset` of `raw`.
    func store(to raw: UnsafeMutableRawBufferPointer, at offset: Int) {
        raw.storeBytes(of: high.bigEndian, toByteOffset: offset, as: UInt64.self)
        raw.storeBytes(of: low.bigEndian, toByteOffset: offset + 8, as: UInt64.self)
    }

    /// The 32 lowercase hexadecimal digits.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for word in [high, low] {
            for shift in stride(from: 60, through: 0, by: -4) {
                out.append(digits[Int((word >> UInt64(shift)) & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
