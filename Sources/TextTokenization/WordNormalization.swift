import Foundation

/// The normalisation step of the ``WordTokenizer``: NFKC, lower case, `’` → `'`, format
/// characters removed; the result is UTF-8 bytes ready for ``WordScanner``.
enum WordNormalization {
    /// The normalised UTF-8 bytes of `text`.
    ///
    /// Pure-ASCII text (already NFKC) only has `A`–`Z` lowered, byte by byte. Other text goes
    /// through Foundation's NFKC (`precomposedStringWithCompatibilityMapping`, skipped when every
    /// non-ASCII scalar is ``isNFKCInert(_:)``), then each scalar's full lowercase mapping
    /// (`Unicode.Scalar.Properties.lowercaseMapping`, context-free, as `String.lowercased()`),
    /// U+2019 becomes `'`, and format characters (Cf) other than U+200B, ZWNJ, ZWJ and tag
    /// characters are removed.
    ///
    /// - Complexity: O(n) in the length of `text`.
    static func utf8(of text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var isASCII = true
        var text = text
        text.withUTF8 { p in
            bytes.reserveCapacity(p.count)
            for b in p {
                if b >= 0x80 {
                    isASCII = false
                    return
                }
                bytes.append(b &- 0x41 < 26 ? b | 0x20 : b)
            }
        }
        if isASCII { return bytes }

        let scalars = text.unicodeScalars
        let nfkc =
            scalars.allSatisfy { $0.value < 0x80 || isNFKCInert($0.value) }
            ? text : text.precomposedStringWithCompatibilityMapping
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(nfkc.utf8.count + 16)
        for scalar in nfkc.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(truncatingIfNeeded: v)
                bytes.append(b &- 0x41 < 26 ? b | 0x20 : b)
                continue
            }
            if v == 0x2019 {
                bytes.append(UInt8(ascii: "'"))
                continue
            }
            if mayBeIgnorableFormat(v), scalar.properties.generalCategory == .format {
                continue
            }
            if scalar.properties.changesWhenLowercased {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    UTF8.encode(lower) { bytes.append($0) }
                }
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return bytes
    }

    /// Whether the non-ASCII scalar `v` is left alone by NFKC in any text made only of ASCII and
    /// such scalars: it has no decomposition, combining class 0, and is never the second scalar
    /// of a canonical composition. Lets common social-media text (Latin-1 letters, curly quotes,
    /// dashes, dingbats, emoji) skip NFKC. Checked with Python's `unicodedata` and by a test.
    @inline(__always)
    static func isNFKCInert(_ v: UInt32) -> Bool {
        switch v {
        case 0xC0...0xFF,  // Latin-1 letters, × ÷
            0x2010, 0x2012...0x2016, 0x2018...0x2023, 0x2027,  // dashes, quotes, bullets
            0x200D, 0xFE0F,  // ZWJ, VS16
            0x2600...0x27BF,  // miscellaneous symbols, dingbats
            0x1F300...0x1FAFF:  // pictographs, emoticons, skin tones
            true
        default:
            false
        }
    }

    /// A cheap pre-filter: false for every scalar that cannot be a format character to drop.
    ///
    /// Cf scalars (Unicode 15) live in U+00AD, U+0600–U+08E2, U+180E, U+200B–U+206F, U+FEFF,
    /// U+FFF9–U+FFFB and above U+10000; U+200B (a separator), ZWNJ, ZWJ and tags are kept for the scanner.
    @inline(__always)
    static func mayBeIgnorableFormat(_ v: UInt32) -> Bool {
        switch v {
        case 0x200B, 0x200C, 0x200D, 0xE0020...0xE007F: false  // separator, joiners, tags
        case 0xAD, 0x600...0x8E2, 0x180E, 0x200B...0x206F, 0xFEFF, 0xFFF9...0xFFFB, 0x10000...: true
        default: false
        }
    }
}
