import Foundation
import TextTokenization

/// One text prepared for the artefact rules: trimmed, folded for phrase matching, split into lines
/// and word tokens.
///
/// - Complexity: O(n) in the text's length to build.
struct ArtefactText {
    /// The text in NFKC with surrounding whitespace removed; case and line breaks kept.
    let raw: String
    /// `raw` lower-cased, with curly single quotes folded to `'`, curly and low double quotes to `"`,
    /// and every whitespace run collapsed to one space.
    let folded: String
    /// `folded` as characters, for scanning brackets and quotes.
    let chars: [Character]
    /// `folded` as UTF-8 bytes, for phrase search.
    let bytes: [UInt8]
    /// The lines of `raw` (split on line breaks), each trimmed.
    let lines: [Substring]
    /// The default tokenizer's tokens that contain a letter or a digit (words, numbers, hashtags,
    /// mentions, URLs), in order.
    let words: [String]

    init(_ text: String) {
        let nfkc = text.precomposedStringWithCompatibilityMapping
        raw = nfkc.trimmingCharacters(in: .whitespacesAndNewlines)
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        for ch in raw.lowercased() {
            if ch.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            switch ch {
            case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}": out.append("'")
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{2033}": out.append("\"")
            default: out.append(ch)
            }
        }
        folded = out
        chars = Array(out)
        bytes = Array(out.utf8)
        lines = raw.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map {
            $0.drop(while: { $0.isWhitespace })
        }
        words = WordTokenizer().tokens(in: raw).filter { token in
            token.unicodeScalars.contains { CharacterSet.alphanumerics.contains($0) }
        }
    }

    /// Whether `c` counts as part of a word for phrase boundaries.
    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// Whether `phrase` (already folded) occurs in `folded` at a word boundary: a phrase that begins
    /// (ends) with a word character must not be preceded (followed) by one.
    ///
    /// - Complexity: O(n · m) in the UTF-8 lengths of the text and the phrase; usually O(n).
    func contains(_ phrase: Phrase) -> Bool {
        let p = phrase.bytes
        let n = bytes.count
        guard !p.isEmpty, p.count <= n else { return false }
        return bytes.withUnsafeBufferPointer { b in
            let first = p[0]
            var i = 0
            while i + p.count <= n {
                if b[i] == first {
                    var j = 1
                    while j < p.count, b[i + j] == p[j] { j += 1 }
                    if j == p.count {
                        let end = i + p.count
                        let leftOK = !phrase.left || i == 0 || !Self.isWordScalar(before: i, in: b)
                        let rightOK = !phrase.right || end == n || !Self.isWordScalar(at: end, in: b)
                        if leftOK && rightOK { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether `phrase` occurs (see ``contains(_:)-(Phrase)``).
    func contains(_ phrase: String) -> Bool { contains(Phrase(phrase)) }

    /// Whether any of `phrases` occurs.
    func containsAny(_ phrases: [Phrase]) -> Bool { phrases.contains { contains($0) } }

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
