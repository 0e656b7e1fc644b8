/// The segmentation step of the ``WordTokenizer`` over normalised UTF-8 bytes.
///
/// See ``WordTokenizer`` for the rules; this type applies them left to right in one pass.
struct WordScanner {
    /// The normalised text.
    let p: UnsafeBufferPointer<UInt8>

    /// Calls `body(start, end)` for the byte range of each token, in order.
    ///
    /// - Complexity: O(n) in the byte length; a URL's trailing-punctuation trim looks back at most
    ///   over the URL itself.
    func forEachToken(_ body: (Int, Int) -> Void) {
        let n = p.count
        var i = 0
        var previousIsWord = false  // whether the scalar just before `i` continues a word
        while i < n {
            let (v, length) = UTF8Scanning.decode(p, at: i)
            let kind = ScalarClass.of(v)
            switch kind {
            case .separator, .ignorable, .joiner, .emojiComponent:
                i += length
                previousIsWord = false
                continue
            default:
                break
            }
            if v < 0x80 {
                if let end = keycapEnd(at: i, v) {
                    body(i, end)
                    i = end
                    previousIsWord = false
                    continue
                }
                if v == 0x68 || v == 0x77, let end = urlEnd(at: i) {  // h, w
                    body(i, end)
                    i = end
                    previousIsWord = false
                    continue
                }
                if (v == 0x40 || v == 0x23) && !previousIsWord, i + 1 < n {  // @, #
                    let next = UTF8Scanning.decode(p, at: i + 1)
                    let nextKind = ScalarClass.of(next.value)
                    if nextKind.isWordCharacter || nextKind == .ideograph {
                        let end = sigilEnd(from: i + 1)
                        body(i, end)
                        i = end
                        previousIsWord = true
                        continue
                    }
                }
            }
            let end: Int
            switch kind {
            case _ where kind.isWordCharacter:
                end = wordEnd(from: i + length, last: kind)
                previousIsWord = true
            case .emoji:
                end = emojiEnd(from: i + length)
                previousIsWord = false
            case .regionalIndicator:
                end = flagEnd(from: i + length)
                previousIsWord = false
            default:  // ideograph, apostrophe, other punctuation and symbols
                end = marksEnd(from: i + length)
                previousIsWord = false
            }
            body(i, end)
            i = end
        }
    }

    /// The scalar at `i` and its class, or nil at the end.
    @inline(__always)
    private func peek(_ i: Int) -> (value: UInt32, length: Int, kind: ScalarClass)? {
        guard i < p.count else { return nil }
        let (v, length) = UTF8Scanning.decode(p, at: i)
        return (v, length, ScalarClass.of(v))
    }

    /// The end of a word whose first scalar ends at `i` and has class `last`.
    private func wordEnd(from start: Int, last first: ScalarClass) -> Int {
        var i = start
        var last = first
        while let (v, length, kind) = peek(i) {
            if kind.isWordCharacter {
                i += length
                last = kind
                continue
            }
            switch kind {
            case .apostrophe where last == .letter || last == .mark:
                // one apostrophe between letters: don't, l'amour, rock'n'roll
                if let next = peek(i + length), next.kind == .letter {
                    i += length + next.length
                    last = .letter
                    continue
                }
            case .other where (v == 0x2E || v == 0x2C) && last == .digit:
                // one `.` or `,` between digits: 3.14, 1,000
                if let next = peek(i + 1), next.kind == .digit {
                    i += 1 + next.length
                    last = .digit
                    continue
                }
            case .joiner:
                // ZWNJ / ZWJ inside a word (Persian, Indic scripts)
                if let next = peek(i + length), next.kind.isWordCharacter {
                    i += length + next.length
                    last = next.kind
                    continue
                }
            default:
                break
            }
            break
        }
        return i
    }

    /// The end of a hashtag or mention body starting at `start` (word characters and ideographs).
    private func sigilEnd(from start: Int) -> Int {
        var i = start
        while let (_, length, kind) = peek(i), kind.isWordCharacter || kind == .ideograph {
            i += length
        }
        return i
    }

    /// The end of the combining marks starting at `start`.
    private func marksEnd(from start: Int) -> Int {
        var i = start
        while let (_, length, kind) = peek(i), kind == .mark {
            i += length
        }
        return i
    }

    /// The end of an emoji sequence whose base ends at `start`: presentation selectors, skin
    /// tones, keycap, tags, and ZWJ followed by another emoji.
    private func emojiEnd(from start: Int) -> Int {
        var i = start
        while let (v, length, kind) = peek(i) {
            if kind == .emojiComponent || (0x1F3FB...0x1F3FF).contains(v) {
                i += length
                continue
            }
            if v == 0x200D, let next = peek(i + length),
                next.kind == .emoji || next.kind == .regionalIndicator
            {
                i += length + next.length
                continue
            }
            break
        }
        return i
    }

    /// The end of a flag whose first regional indicator ends at `start`.
    private func flagEnd(from start: Int) -> Int {
        if let next = peek(start), next.kind == .regionalIndicator {
            return emojiEnd(from: start + next.length)
        }
        return emojiEnd(from: start)
    }

    /// The end of a keycap sequence `[0-9#*] U+FE0F? U+20E3` at `i`, or nil.
    private func keycapEnd(at i: Int, _ v: UInt32) -> Int? {
        guard (0x30...0x39).contains(v) || v == 0x23 || v == 0x2A else { return nil }
        var j = i + 1
        if let vs = peek(j), vs.value == 0xFE0F { j += vs.length }
        if let keycap = peek(j), keycap.value == 0x20E3 { return j + keycap.length }
        return nil
    }

    /// The end of a URL starting at `i` (`http://`, `https://` or `www.` followed by at least one
    /// more character), or nil. A URL runs to the next separator, `<`, `>` or `"`, then loses
    /// trailing `.,;:!?')]}` and closing quotes.
    private func urlEnd(at i: Int) -> Int? {
        let prefixLength: Int
        if hasPrefix("https://", at: i) {
            prefixLength = 8
        } else if hasPrefix("http://", at: i) {
            prefixLength = 7
        } else if hasPrefix("www.", at: i) {
            prefixLength = 4
        } else {
            return nil
        }
        var j = i + prefixLength
        while j < p.count {
            let b = p[j]
            if b == 0x3C || b == 0x3E || b == 0x22 { break }  // < > "
            let (v, length) = UTF8Scanning.decode(p, at: j)
            if ScalarClass.of(v) == .separator { break }
            j += length
        }
        // Trim trailing punctuation that usually closes the sentence, not the URL.
        while j > i + prefixLength {
            let b = p[j - 1]
            if b < 0x80 {
                switch b {
                case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x29, 0x5D, 0x7D:  // . , ; : ! ? ' ) ] }
                    j -= 1
                    continue
                default:
                    break
                }
            } else if j - 3 > i, p[j - 3] == 0xE2, p[j - 2] == 0x80, p[j - 1] == 0x9D || p[j - 1] == 0x99 {
                j -= 3  // ” ’
                continue
            } else if j - 2 > i, p[j - 2] == 0xC2, p[j - 1] == 0xBB {
                j -= 2  // »
                continue
            }
            break
        }
        return j > i + prefixLength ? j : nil
    }

    /// Whether the bytes at `i` start with the ASCII `prefix`.
    @inline(__always)
    private func hasPrefix(_ prefix: StaticString, at i: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= p.count else { return false }
        let q = prefix.utf8Start
        for k in 0..<count where p[i + k] != q[k] { return false }
        return true
    }
}
