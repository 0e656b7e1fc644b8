/// Low-level helpers over valid UTF-8 buffers, shared by the tokenizers.
///
/// Every buffer passed here comes from a Swift `String` (always valid UTF-8) or was built by
/// encoding Unicode scalars, so decoding never meets malformed input; the helpers still check
/// bounds and return U+FFFD rather than reading past the end.
enum UTF8Scanning {
    /// The scalar value starting at byte `i` and its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = p.count
        if b0 < 0xE0 {
            guard i + 1 < n else { return (0xFFFD, 1) }
            return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return (0xFFFD, 1) }
            return (
                ((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3
            )
        }
        guard i + 3 < n else { return (0xFFFD, 1) }
        return (
            ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6)
                | (UInt32(p[i + 3]) & 0x3F), 4
        )
    }

    /// The string spelled by `p[start..<end]` (a whole number of scalars).
    @inline(__always)
    static func string(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
    }

    /// Whether the ASCII byte `b` is whitespace for Python's `str.isspace()`:
    /// U+0009–U+000D, U+001C–U+001F and U+0020.
    @inline(__always)
    static func isASCIIPythonSpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b &- 0x09) < 5 || (b &- 0x1C) < 4
    }

    /// The byte length of the Python-whitespace scalar starting at byte `i`, or 0 when the
    /// scalar there is not whitespace for Python's `str.isspace()`.
    ///
    /// Only lead bytes can match, so callers may advance one byte at a time through
    /// non-ASCII text. The set (CPython 3.11, `[c for c in range(0x110000) if chr(c).isspace()]`):
    /// U+0009–U+000D, U+001C–U+001F, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A,
    /// U+2028, U+2029, U+202F, U+205F, U+3000.
    @inline(__always)
    static func pythonSpaceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return isASCIIPythonSpace(b) ? 1 : 0 }
        let n = p.count
        switch b {
        case 0xC2:  // U+0085, U+00A0
            guard i + 1 < n else { return 0 }
            let b1 = p[i + 1]
            return b1 == 0x85 || b1 == 0xA0 ? 2 : 0
        case 0xE1:  // U+1680 = E1 9A 80
            guard i + 2 < n else { return 0 }
            return p[i + 1] == 0x9A && p[i + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard i + 2 < n else { return 0 }
            let b1 = p[i + 1]
            let b2 = p[i + 2]
            if b1 == 0x80 {
                // U+2000–U+200A = E2 80 80–8A; U+2028 = A8, U+2029 = A9, U+202F = AF
                return b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0
            }
            return b1 == 0x81 && b2 == 0x9F ? 3 : 0  // U+205F
        case 0xE3:  // U+3000 = E3 80 80
            guard i + 2 < n else { return 0 }
            return p[i + 1] == 0x80 && p[i + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// Whether the scalar `v` is whitespace for Python's `str.isspace()`.
    static func isPythonSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
            0x205F, 0x3000:
            true
        default:
            false
        }
    }
}
