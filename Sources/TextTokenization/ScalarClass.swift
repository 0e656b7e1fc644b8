/// How the ``WordTokenizer`` treats one Unicode scalar (after normalisation).
enum ScalarClass: UInt8, Sendable {
    /// Whitespace, controls, line and paragraph separators, U+200B: split and dropped.
    case separator
    /// Format characters (Cf) other than the join controls and tags: dropped without splitting.
    case ignorable
    /// A letter (L*) outside the CJK ranges.
    case letter
    /// A decimal digit (Nd).
    case digit
    /// Another number (Nl, No) outside the CJK ranges.
    case otherNumber
    /// A combining mark (M*) other than the emoji presentation components.
    case mark
    /// `_`.
    case underscore
    /// `'` (U+2019 is mapped to it during normalisation).
    case apostrophe
    /// ZWNJ U+200C or ZWJ U+200D: kept between word characters or inside an emoji sequence.
    case joiner
    /// VS15 U+FE0E, VS16 U+FE0F, keycap U+20E3, tags U+E0020–U+E007F: part of an emoji sequence.
    case emojiComponent
    /// A Han ideograph, Hiragana or Katakana scalar: a token on its own.
    case ideograph
    /// A non-ASCII symbol or punctuation scalar with the Unicode `Emoji` property.
    case emoji
    /// A regional indicator U+1F1E6–U+1F1FF (two make a flag).
    case regionalIndicator
    /// Any other punctuation or symbol (P*, S*, Co, Cn): a token on its own.
    case other

    /// Whether the class continues a word (letters, digits, other numbers, marks, `_`).
    @inline(__always)
    var isWordCharacter: Bool {
        switch self {
        case .letter, .digit, .otherNumber, .mark, .underscore: true
        default: false
        }
    }

    /// The class of the ASCII byte `b`.
    @inline(__always)
    static func ofASCII(_ b: UInt8) -> ScalarClass {
        if (b | 0x20) &- 0x61 < 26 { return .letter }  // A–Z, a–z
        if b &- 0x30 < 10 { return .digit }
        if b <= 0x20 || b == 0x7F { return .separator }  // controls (Cc) and space
        if b == 0x5F { return .underscore }
        if b == 0x27 { return .apostrophe }
        return .other
    }

    /// The class of the scalar `v`.
    @inline(__always)
    static func of(_ v: UInt32) -> ScalarClass {
        v < 0x80 ? ofASCII(UInt8(truncatingIfNeeded: v)) : nonASCII(v)
    }

    /// Whether `v` is in the Han, Hiragana or Katakana blocks handled one scalar at a time.
    @inline(__always)
    static func isIdeographic(_ v: UInt32) -> Bool {
        switch v {
        case 0x3005...0x3007, 0x3021...0x3029, 0x3038...0x303C,  // 々 〆 〇, Hangzhou numerals
            0x3040...0x30FF, 0x31F0...0x31FF,  // Hiragana, Katakana, Katakana extensions
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // CJK ideographs
            0x1B000...0x1B16F,  // Kana supplement and extended
            0x20000...0x3FFFF:  // CJK extensions B and later
            true
        default:
            false
        }
    }

    /// The class of a non-ASCII scalar value.
    static func nonASCII(_ v: UInt32) -> ScalarClass {
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return .separator
        case 0x200C, 0x200D:
            return .joiner
        case 0x2019:
            return .apostrophe
        case 0xFE0E, 0xFE0F, 0x20E3, 0xE0020...0xE007F:
            return .emojiComponent
        case 0x1F1E6...0x1F1FF:
            return .regionalIndicator
        default:
            break
        }
        guard let scalar = Unicode.Scalar(v) else { return .other }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return isIdeographic(v) ? .ideograph : .letter
        case .decimalNumber:
            return .digit
        case .letterNumber, .otherNumber:
            return isIdeographic(v) ? .ideograph : .otherNumber
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control:
            return .separator
        case .format:
            return .ignorable
        default:
            return properties.isEmoji ? .emoji : .other
        }
    }
}
