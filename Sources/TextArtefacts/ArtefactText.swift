import Foundation
import TextTokenization

/// One unit of text the artefact rules scan: a `Character` (grapheme cluster) or, when every grapheme
/// of a text is a single scalar, a `Unicode.Scalar`.
///
/// The rules are written once, generic over the unit, and give the same result for both kinds of unit
/// on a text whose graphemes are single scalars: every property below is, for a `Character`, the
/// property of its first scalar (as the standard library defines it), and every literal the rules
/// compare units with is a single scalar without a canonical decomposition, so a one-scalar
/// `Character` equals it exactly when its scalar does. Scalars are an order of magnitude cheaper to
/// compare and classify than `Character`s, which is why ``ArtefactText`` uses them whenever it can.
protocol ArtefactUnit: Equatable, ExpressibleByUnicodeScalarLiteral {
    var isLetter: Bool { get }
    var isNumber: Bool { get }
    var isWhitespace: Bool { get }
    var isNewline: Bool { get }
    var isASCII: Bool { get }
    /// Whether the unit is the single unit `c`.
    func `is`(_ c: Unicode.Scalar) -> Bool
    /// Whether the unit is one of the scalars of `set`.
    func isAny(of set: ScalarSet) -> Bool
    /// The text spelled by `units`.
    static func string(_ units: ArraySlice<Self>) -> String
}

extension ArtefactUnit {
    /// Whether the unit counts as part of a word for phrase boundaries: a letter, a number or `_`.
    var isWordCharacter: Bool { isLetter || isNumber || self.is("_") }
}

/// A small set of scalars, built once: ASCII members as a bit mask, others in a list.
struct ScalarSet: Sendable {
    /// The members, as one string.
    let string: String
    private let low: UInt64
    private let high: UInt64
    private let others: [Unicode.Scalar]

    init(_ members: String) {
        string = members
        var low: UInt64 = 0
        var high: UInt64 = 0
        var others: [Unicode.Scalar] = []
        for u in members.unicodeScalars {
            switch u.value {
            case 0..<64: low |= 1 << UInt64(u.value)
            case 64..<128: high |= 1 << UInt64(u.value - 64)
            default: others.append(u)
            }
        }
        self.low = low
        self.high = high
        self.others = others
    }

    /// - Complexity: O(1) for ASCII, else O(k) in the number of non-ASCII members.
    func contains(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0..<64: low & (1 << UInt64(u.value)) != 0
        case 64..<128: high & (1 << UInt64(u.value - 64)) != 0
        default: others.contains(u)
        }
    }

    static let singleQuotes = ScalarSet("\u{2018}\u{2019}\u{201A}\u{201B}\u{2032}")
    static let doubleQuotes = ScalarSet("\u{201C}\u{201D}\u{201E}\u{201F}\u{2033}")
}

extension Character: ArtefactUnit {
    func `is`(_ c: Unicode.Scalar) -> Bool { self == Character(c) }
    func isAny(of set: ScalarSet) -> Bool { set.string.contains(self) }
    static func string(_ units: ArraySlice<Character>) -> String { String(units) }
}

extension Unicode.Scalar: ArtefactUnit {
    /// `Character.isLetter` of the one-scalar character: the Alphabetic property.
    var isLetter: Bool {
        value < 0x80 ? (value | 0x20) &- 0x61 < 26 : properties.isAlphabetic
    }
    /// `Character.isNumber` of the one-scalar character: any numeric type.
    var isNumber: Bool {
        value < 0x80 ? value &- 0x30 < 10 : properties.numericType != nil
    }
    /// `Character.isWhitespace` of the one-scalar character: the White_Space property.
    var isWhitespace: Bool {
        value < 0x80 ? value == 0x20 || value &- 0x09 < 5 : properties.isWhitespace
    }
    /// `Character.isNewline` of the one-scalar character: U+000A–U+000D, U+0085, U+2028, U+2029.
    var isNewline: Bool {
        value &- 0x0A < 4 || value == 0x85 || value == 0x2028 || value == 0x2029
    }
    func `is`(_ c: Unicode.Scalar) -> Bool { self == c }
    func isAny(of set: ScalarSet) -> Bool { set.contains(self) }
    static func string(_ units: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: units)
        return String(view)
    }
}

/// The units of one text, as scalars when every grapheme is one scalar, else as `Character`s.
enum ArtefactUnits {
    case scalars([Unicode.Scalar])
    case characters([Character])
}

/// One text prepared for the artefact rules: trimmed, folded for phrase matching, split into lines
/// and word tokens.
///
/// Pure-ASCII text skips NFKC and Unicode lower-casing (both are byte-wise identities or maps there);
/// the scans run over `Unicode.Scalar`s unless some grapheme of the text has several scalars (a
/// combining mark, an emoji with a variation selector or skin tone, a CR LF pair…), in which case they
/// run over `Character`s exactly as before (see ``ArtefactUnit``).
///
/// - Complexity: O(n) in the text's length to build.
struct ArtefactText {
    /// The text in NFKC with surrounding whitespace removed; case and line breaks kept.
    let raw: String
    /// `raw` lower-cased, with curly single quotes folded to `'`, curly and low double quotes to `"`,
    /// and every whitespace run collapsed to one space.
    let folded: String
    /// `raw` as units, for scanning quotes and bold markers.
    let rawUnits: ArtefactUnits
    /// `folded` as units, for scanning brackets, quotes and sentences.
    let foldedUnits: ArtefactUnits
    /// `folded` as UTF-8 bytes, for phrase search.
    let bytes: [UInt8]
    /// `raw` as UTF-8 bytes, for substring search.
    let rawBytes: [UInt8]
    /// The lines of `raw` (split on line breaks), each with leading whitespace dropped.
    let lines: [Substring]
    /// The default tokenizer's tokens that contain a letter or a digit (words, numbers, hashtags,
    /// mentions, URLs), in order.
    let words: [String]

    init(_ text: String) {
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        // NFKC and Foundation's whitespace trimming leave ASCII alone but for the ends.
        let trimmed =
            ascii
            ? Self.asciiTrimmed(text)
            : text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        raw = trimmed
        let lowered = ascii ? Self.asciiLowercased(trimmed) : trimmed.lowercased()
        var folded = Self.fold(Array(lowered.unicodeScalars))
        var foldedString = Self.string(folded)
        // Is every grapheme of the raw, lowered and folded text a single scalar? In ASCII only CR LF
        // is a two-scalar grapheme (and folding turns CR into a space).
        let simple =
            ascii
            ? !trimmed.utf8.contains(0x0D)
            : trimmed.count == trimmed.unicodeScalars.count && lowered.count == lowered.unicodeScalars.count
                && foldedString.count == folded.count
        if simple {
            foldedUnits = .scalars(folded)
            rawUnits = .scalars(Array(trimmed.unicodeScalars))
            lines = trimmed.unicodeScalars.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
                .map { Substring($0.drop(while: { $0.isWhitespace })) }
        } else {
            foldedString = String(Self.fold(Array(lowered)))
            folded = []
            foldedUnits = .characters(Array(foldedString))
            rawUnits = .characters(Array(trimmed))
            lines = trimmed.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map {
                $0.drop(while: { $0.isWhitespace })
            }
        }
        self.folded = foldedString
        bytes = Array(foldedString.utf8)
        rawBytes = Array(trimmed.utf8)
        isSimple = simple
        words = WordTokenizer().tokens(in: trimmed).filter { token in
            token.unicodeScalars.contains { u in
                u.value < 0x80 ? u.isLetter || u.isNumber : Self.alphanumerics.contains(u)
            }
        }
    }

    /// Whether the units are scalars (every grapheme of the text is one scalar).
    let isSimple: Bool

    /// The string of `scalars`.
    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Foundation's alphanumerics (L*, M*, N*), built once.
    private static let alphanumerics = CharacterSet.alphanumerics
    /// `s` (ASCII) without leading and trailing whitespace (U+0009–U+000D, space), as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` trims ASCII.
    static func asciiTrimmed(_ s: String) -> String {
        let b = Array(s.utf8)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 &- 0x09 < 5 }
        guard let first = b.firstIndex(where: { !isSpace($0) }), let last = b.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: b[first...last], as: UTF8.self)
    }

    /// `s` (ASCII) with `A`–`Z` lowered, as `String.lowercased()` does.
    static func asciiLowercased(_ s: String) -> String {
        String(decoding: s.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// `units` with whitespace runs collapsed to one space (none at the start), curly single quotes as
    /// `'` and curly double quotes as `"`.
    ///
    /// - Complexity: O(n).
    static func fold<U: ArtefactUnit>(_ units: [U]) -> [U] {
        var out: [U] = []
        out.reserveCapacity(units.count)
        var pendingSpace = false
        for u in units {
            if u.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            if u.isAny(of: .singleQuotes) {
                out.append("'")
            } else if u.isAny(of: .doubleQuotes) {
                out.append("\"")
            } else {
                out.append(u)
            }
        }
        return out
    }

    /// Whether `c` counts as part of a word for phrase boundaries.
    static func isWordCharacter(_ c: Character) -> Bool { c.isWordCharacter }

    /// Whether `phrase` (already folded) occurs in `folded` at a word boundary: a phrase that begins
    /// (ends) with a word character must not be preceded (followed) by one.
    ///
    /// - Complexity: O(n · m) in the UTF-8 lengths of the text and the phrase; usually O(n), with the
    ///   candidate starts found by `memchr`.
    func contains(_ phrase: Phrase) -> Bool {
        let p = phrase.bytes
        let n = bytes.count
        guard let first = p.first, p.count <= n else { return false }
        return bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            var i = 0
            while i + p.count <= n {
                guard let hit = memchr(base + i, Int32(first), n - p.count + 1 - i) else { return false }
                i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if Self.matches(phrase, at: i, in: b) { return true }
                i += 1
            }
            return false
        }
    }

    /// Whether `phrase` occurs (see ``contains(_:)-(Phrase)``).
    func contains(_ phrase: String) -> Bool { contains(Phrase(phrase)) }

    /// Whether any of `phrases` occurs (see ``contains(_:)-(Phrase)``), in one pass over the text: at
    /// each byte only the phrases that start with it are tried.
    ///
    /// - Complexity: O(n + Σ m) in the text's length and the lengths of the candidate phrases tried;
    ///   usually O(n).
    func containsAny(_ phrases: PhraseSet) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            for i in b.indices {
                for k in phrases.startingWith[Int(b[i])] where Self.matches(phrases.phrases[k], at: i, in: b) {
                    return true
                }
            }
            return false
        }
    }

    /// Whether `phrase` occurs at byte `i` of `b` with its word boundaries.
    static func matches(_ phrase: Phrase, at i: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        let p = phrase.bytes
        let end = i + p.count
        guard end <= b.count else { return false }
        for j in p.indices where b[i + j] != p[j] { return false }
        let leftOK = !phrase.left || i == 0 || !isWordScalar(before: i, in: b)
        let rightOK = !phrase.right || end == b.count || !isWordScalar(at: end, in: b)
        return leftOK && rightOK
    }

    /// Whether the scalar starting at byte `i` is a word character.
    static func isWordScalar(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        let c = b[i]
        if c < 0x80 { return isASCIIWord(c) }
        var end = i + 1
        while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
        return isWordScalar(String(decoding: UnsafeBufferPointer(rebasing: b[i..<end]), as: UTF8.self))
    }

    /// Whether the scalar ending just before byte `i` is a word character.
    static func isWordScalar(before i: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        let c = b[i - 1]
        if c < 0x80 { return isASCIIWord(c) }
        var start = i - 1
        while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
        return isWordScalar(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
    }

    static func isASCIIWord(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    static func isWordScalar(_ s: String) -> Bool {
        guard let u = s.unicodeScalars.first else { return false }
        return u.properties.isAlphabetic || u.properties.numericType != nil
    }

    /// Whether the raw text contains the ASCII string `needle` (byte search).
    ///
    /// - Complexity: O(n · m).
    func rawContains(_ needle: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard !p.isEmpty, p.count <= rawBytes.count else { return false }
        return rawBytes.withUnsafeBufferPointer { b in
            (0...(b.count - p.count)).contains { i in (0..<p.count).allSatisfy { b[i + $0] == p[$0] } }
        }
    }

    /// `folded` without leading quotes, brackets, dashes, asterisks and spaces.
    var lead: Substring {
        folded.drop(while: { "\"'`*([{<«‹-–— ".contains($0) })
    }

    /// Whether `lead` starts with `phrase` followed by a non-word character or the end.
    func starts(with phrase: String) -> Bool {
        let l = lead
        guard l.hasPrefix(phrase) else { return false }
        guard let last = phrase.last, ArtefactText.isWordCharacter(last) else { return true }
        let rest = l.dropFirst(phrase.count)
        guard let next = rest.first else { return true }
        return !ArtefactText.isWordCharacter(next)
    }
}

/// A folded phrase to search for, as UTF-8 bytes, with whether each end needs a word boundary.
struct Phrase: ExpressibleByStringLiteral, Sendable {
    let bytes: [UInt8]
    let left: Bool
    let right: Bool

    init(_ s: String) {
        bytes = Array(s.utf8)
        left = s.first.map(ArtefactText.isWordCharacter) ?? false
        right = s.last.map(ArtefactText.isWordCharacter) ?? false
    }

    init(stringLiteral value: String) { self.init(value) }
}

/// Phrases indexed by their first byte, for ``ArtefactText/containsAny(_:)``.
struct PhraseSet: ExpressibleByArrayLiteral, Sendable {
    let phrases: [Phrase]
    /// For each byte value, the indices of the phrases that start with it.
    let startingWith: [[Int]]

    init(_ phrases: [Phrase]) {
        self.phrases = phrases
        var index = [[Int]](repeating: [], count: 256)
        for (k, phrase) in phrases.enumerated() {
            if let first = phrase.bytes.first { index[Int(first)].append(k) }
        }
        startingWith = index
    }

    init(arrayLiteral elements: Phrase...) { self.init(elements) }
}
