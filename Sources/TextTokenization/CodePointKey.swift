/// A string compared and hashed by its UTF-8 bytes (its code points), not by Swift's
/// canonical equivalence: `"é"` (U+00E9) and `"e\u{301}"` are different keys.
struct CodePointKey: Hashable, Sendable {
    /// The wrapped string.
    let string: String

    /// Wraps `string`.
    @inline(__always)
    init(_ string: String) { self.string = string }

    static func == (lhs: CodePointKey, rhs: CodePointKey) -> Bool {
        Self.sameCodePoints(lhs.string, rhs.string)
    }

    func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether `a` and `b` have the same UTF-8 bytes.
    @inline(__always)
    static func sameCodePoints(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        guard a.utf8.count == b.utf8.count else { return false }
        return a.withUTF8 { pa in b.withUTF8 { pb in pa.elementsEqual(pb) } }
    }
}
