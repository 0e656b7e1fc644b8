import Foundation

/// Text normalisation used to decide that two rows are the same text.
public enum TextNormalization {
    /// The key under which two texts count as duplicates: NFKC-normalised, lower-cased (Unicode full
    /// mapping), runs of whitespace (Python `str.isspace()` set) collapsed to one space, and trimmed.
    /// Python equivalent: `" ".join(unicodedata.normalize("NFKC", text).lower().split())`.
    ///
    /// - Complexity: O(length of the text).
    public static func duplicateKey(_ text: String) -> String {
        let normalized = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
        var key = ""
        key.reserveCapacity(normalized.utf8.count)
        var pendingSpace = false
        for scalar in normalized.lowercased().unicodeScalars {
            if isPythonWhitespace(scalar) {
                pendingSpace = !key.isEmpty
                continue
            }
            if pendingSpace {
                key.unicodeScalars.append(" ")
                pendingSpace = false
            }
            key.unicodeScalars.append(scalar)
        }
        return key
    }

    /// Python's `str.isspace()`.
    static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }
}
