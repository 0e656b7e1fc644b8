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
        let normalized = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
        return WhitespaceTokenizer().tokens(in: normalized.lowercased()).joined(separator: " ")
    }
}
