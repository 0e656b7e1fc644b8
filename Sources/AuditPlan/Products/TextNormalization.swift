import Foundation
import TextTokenization

/// Text normalisation used to decide that two rows are the same text.
public enum TextNormalization {
    /// The key under which two texts count as duplicates: NFKC-normalised, lower-cased (Unicode full
    /// mapping), runs of whitespace (Python `str.isspace()` set) collapsed to one space, and trimmed.
    /// Python equivalent: `" ".join(unicodedata.normalize("NFKC", text).lower().split())`, except that
    /// a word-final capital sigma becomes `σ` here and `ς` in Python (Swift's mapping is context-free).
    ///
    /// - Complexity: O(length of the text).
    public static func duplicateKey(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
            return WhitespaceTokenizer().tokens(in: folded).joined(separator: " ")
        }
        // ASCII (most rows): NFKC changes nothing, so fold case and collapse whitespace in one pass.
        return String(unsafeUninitializedCapacity: text.utf8.count) { key in
            var count = 0
            var pendingSpace = false
            for byte in text.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte) {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace {
                    key[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                key[count] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                count += 1
            }
            return count
        }
    }
}
