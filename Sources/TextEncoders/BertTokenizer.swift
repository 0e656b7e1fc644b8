import Foundation

/// The BERT WordPiece tokenizer of Hugging Face (`BertTokenizerFast` over a `tokenizer.json` with
/// `BertNormalizer`, `BertPreTokenizer` and `WordPiece`), reimplemented over Unicode scalars.
///
/// The steps, in the order Hugging Face `tokenizers` runs them:
/// 1. special tokens (`[CLS]`, `[SEP]`, `[PAD]`, `[UNK]`, `[MASK]`) written in the text are matched verbatim
///    and kept whole;
/// 2. clean text: U+0000, U+FFFD and control / format / private-use scalars are dropped (tab, line feed and
///    carriage return are whitespace), every whitespace scalar becomes a space;
/// 3. CJK ideographs get a space on each side;
/// 4. accents are stripped (NFD, then nonspacing marks dropped) when `strip_accents` is true, or is unset and
///    the text is lower-cased;
/// 5. lower-casing, scalar by scalar (full Unicode mapping);
/// 6. words are split at whitespace and around every punctuation scalar (Unicode `P*` and the ASCII symbols);
/// 7. WordPiece: greedy longest match first, continuation pieces prefixed `##`; a word longer than
///    ``maxInputCharactersPerWord`` scalars, or one that cannot be covered, becomes `[UNK]`.
///
/// `tokenizers` classifies scalars with the `unicode_categories` crate, whose tables are Unicode 8.0: a scalar
/// assigned later has no category there (it is neither punctuation, nor a control to drop, nor an accent to
/// strip). ``categoryUnicodeVersion`` reproduces that; the golden test checks every scalar against `tokenizers`.
public struct BertTokenizer: Sendable {
    /// The vocabulary: token id → token.
    public let vocabulary: [String]
    /// Lower-case the text (`do_lower_case`).
    public let lowercases: Bool
    /// Strip accents (`strip_accents`); `nil` means "when lower-casing", as in Hugging Face.
    public let stripsAccents: Bool?
    /// Put spaces around CJK ideographs (`tokenize_chinese_chars`).
    public let splitsChineseCharacters: Bool
    /// Most tokens per sequence, `[CLS]` and `[SEP]` included.
    public let maxLength: Int
    /// Words longer than this many scalars become `[UNK]` (Hugging Face's `max_input_chars_per_word`).
    public let maxInputCharactersPerWord: Int
    /// Scalars assigned after this Unicode version count as unassigned when classifying (see the type's notes).
    public let categoryUnicodeVersion: Unicode.Version
    /// Id of `[CLS]`.
    public let classTokenID: Int32
    /// Id of `[SEP]`.
    public let separatorTokenID: Int32
    /// Id of `[UNK]`.
    public let unknownTokenID: Int32
    /// Id of `[PAD]`.
    public let paddingTokenID: Int32

    private let ids: [String: Int32]
    /// Special tokens matched verbatim in the input, as scalar arrays, with their ids.
    private let specialTokens: [(scalars: [Unicode.Scalar], id: Int32)]

    /// Creates a tokenizer over an in-memory vocabulary (tokens in id order, the line order of `vocab.txt`).
    ///
    /// The special tokens are given by name; `[CLS]`, `[SEP]`, `[UNK]` and `[PAD]` must be in the vocabulary,
    /// otherwise the initializer returns `nil`. The other arguments are the Hugging Face options of the same
    /// meaning (see the properties).
    ///
    /// - Complexity: O(vocabulary size).
    public init?(
        vocabulary: [String], lowercases: Bool = true, stripsAccents: Bool? = nil, splitsChineseCharacters: Bool = true,
        maxLength: Int = 512, maxInputCharactersPerWord: Int = 100,
        categoryUnicodeVersion: Unicode.Version = (major: 8, minor: 0),
        classToken: String = "[CLS]", separatorToken: String = "[SEP]", unknownToken: String = "[UNK]",
        paddingToken: String = "[PAD]", maskToken: String = "[MASK]"
    ) {
        precondition(maxLength >= 2, "maxLength must leave room for [CLS] and [SEP]")
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(vocabulary.count)
        for (id, token) in vocabulary.enumerated() where ids[token] == nil { ids[token] = Int32(id) }
        guard let cls = ids[classToken], let sep = ids[separatorToken], let unk = ids[unknownToken],
            let pad = ids[paddingToken]
        else { return nil }
        self.vocabulary = vocabulary
        self.ids = ids
        self.lowercases = lowercases
        self.stripsAccents = stripsAccents
        self.splitsChineseCharacters = splitsChineseCharacters
        self.maxLength = maxLength
        self.maxInputCharactersPerWord = maxInputCharactersPerWord
        self.categoryUnicodeVersion = categoryUnicodeVersion
        (classTokenID, separatorTokenID, unknownTokenID, paddingTokenID) = (cls, sep, unk, pad)
        var specials: [(scalars: [Unicode.Scalar], id: Int32)] = []
        for token in [classToken, separatorToken, unknownToken, paddingToken, maskToken] {
            if let id = ids[token], !token.isEmpty { specials.append((Array(token.unicodeScalars), id)) }
        }
        // Longest first, so that a longer special token wins over a prefix of it.
        specialTokens = specials.sorted { $0.scalars.count > $1.scalars.count }
    }

    /// Token ids of `text`: `[CLS]`, the WordPiece ids truncated to ``maxLength`` − 2, `[SEP]`.
    ///
    /// - Complexity: O(n·w) for n scalars and words of at most w scalars (the WordPiece search).
    public func encode(_ text: String) -> [Int32] {
        var result: [Int32] = [classTokenID]
        let pieces = pieceIDs(text)
        result.append(contentsOf: pieces.prefix(maxLength - 2))
        result.append(separatorTokenID)
        return result
    }

    /// The WordPiece tokens of `text` as strings, without `[CLS]`/`[SEP]` and without truncation.
    ///
    /// - Complexity: as ``encode(_:)``.
    public func tokenize(_ text: String) -> [String] {
        pieceIDs(text).map { vocabulary[Int($0)] }
    }

    /// WordPiece ids of `text`, without `[CLS]`/`[SEP]` and without truncation.
    ///
    /// - Complexity: as ``encode(_:)``.
    public func pieceIDs(_ text: String) -> [Int32] {
        pieceIDs(text, asciiFastPath: true)
    }

    /// Appends the WordPiece ids of `text` to `result`, as ``pieceIDs(_:)`` gives them, reusing `scratch`: an
    /// ASCII text is read from its UTF-8 bytes in place, so once the buffers have grown nothing is allocated for
    /// it (WordPiece candidates of up to 15 bytes are small strings); other text goes through the Unicode steps.
    ///
    /// - Complexity: as ``encode(_:)``.
    public func appendPieceIDs(of text: String, to result: inout [Int32], scratch: inout WordPieceScratch) {
        let handled = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            var segmentStart = 0
            var index = 0
            while index < utf8.count {
                if utf8[index] == 0x5B, let (length, id) = specialToken(inASCII: utf8, at: index) {
                    if segmentStart < index {
                        appendASCIIPieces(ofBytes: utf8[segmentStart..<index], to: &result, scratch: &scratch)
                    }
                    result.append(id)
                    index += length
                    segmentStart = index
                } else {
                    index += 1
                }
            }
            if segmentStart < utf8.count {
                appendASCIIPieces(ofBytes: utf8[segmentStart..<utf8.count], to: &result, scratch: &scratch)
            }
            return true
        }
        if handled != true { result += pieceIDs(text) }
    }

    /// The special token spelled at `start` of ASCII bytes (the longest first), as ``specialToken(in:at:)``.
    private func specialToken(inASCII bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (length: Int, id: Int32)? {
        for special in specialTokens where start + special.scalars.count <= bytes.count {
            var matches = true
            for (offset, scalar) in special.scalars.enumerated() where scalar.value != UInt32(bytes[start + offset]) {
                matches = false
                break
            }
            if matches { return (special.scalars.count, special.id) }
        }
        return nil
    }

    /// As ``pieceIDs(_:)``; `asciiFastPath` false runs every segment through the Unicode steps (tests compare).
    func pieceIDs(_ text: String, asciiFastPath: Bool) -> [Int32] {
        var result: [Int32] = []
        var segment: [Unicode.Scalar] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "[", let (length, id) = specialToken(in: scalars, at: i) {
                appendPieces(of: segment, to: &result, asciiFastPath: asciiFastPath)
                segment.removeAll(keepingCapacity: true)
                result.append(id)
                i += length
            } else {
                segment.append(scalars[i])
                i += 1
            }
        }
        appendPieces(of: segment, to: &result, asciiFastPath: asciiFastPath)
        return result
    }

    private func specialToken(in scalars: [Unicode.Scalar], at start: Int) -> (length: Int, id: Int32)? {
        for special in specialTokens where start + special.scalars.count <= scalars.count {
            if scalars[start..<start + special.scalars.count].elementsEqual(special.scalars) {
                return (special.scalars.count, special.id)
            }
        }
        return nil
    }

    private func appendPieces(of segment: [Unicode.Scalar], to result: inout [Int32], asciiFastPath: Bool) {
        guard !segment.isEmpty else { return }
        if asciiFastPath, segment.allSatisfy(\.isASCII) {
            appendASCIIPieces(of: segment, to: &result)
            return
        }
        for word in words(normalized(segment)) { appendWordPieces(of: word, to: &result) }
    }

    /// Steps 2–7 for an ASCII segment (as scalars), through ``appendASCIIPieces(ofBytes:to:scratch:)``.
    private func appendASCIIPieces(of segment: [Unicode.Scalar], to result: inout [Int32]) {
        var scratch = WordPieceScratch()
        appendASCIIPieces(
            ofBytes: segment.lazy.map { UInt8(truncatingIfNeeded: $0.value) }, to: &result, scratch: &scratch)
    }

    /// Steps 2–7 for ASCII text, on bytes, with the same result as the Unicode steps: control bytes (every C0
    /// byte but tab, line feed and CR, and DEL) dropped, tab, line feed, CR and space as separators, A–Z
    /// lower-cased when ``lowercases`` (ASCII has no accents and no CJK), words split at spaces and around the
    /// ASCII punctuation, then WordPiece with candidates made from bytes (short ones need no allocation).
    private func appendASCIIPieces(
        ofBytes segment: some Collection<UInt8>, to result: inout [Int32], scratch: inout WordPieceScratch
    ) {
        scratch.bytes.removeAll(keepingCapacity: true)
        for byte in segment {
            switch byte {
            case 0x09, 0x0A, 0x0D, 0x20: scratch.bytes.append(0x20)
            case 0x00...0x1F, 0x7F: continue
            case 0x41...0x5A: scratch.bytes.append(lowercases ? byte + 32 : byte)
            default: scratch.bytes.append(byte)
            }
        }
        var start = 0
        var index = 0
        let count = scratch.bytes.count
        while index < count {
            let byte = scratch.bytes[index]
            if byte == 0x20 {
                if start < index { appendASCIIWordPieces(start..<index, to: &result, scratch: &scratch) }
                start = index + 1
            } else if (33...47).contains(byte) || (58...64).contains(byte) || (91...96).contains(byte)
                || (123...126).contains(byte)
            {
                if start < index { appendASCIIWordPieces(start..<index, to: &result, scratch: &scratch) }
                appendASCIIWordPieces(index..<(index + 1), to: &result, scratch: &scratch)
                start = index + 1
            }
            index += 1
        }
        if start < count { appendASCIIWordPieces(start..<count, to: &result, scratch: &scratch) }
    }

    /// Step 7 for the ASCII word `scratch.bytes[word]`.
    private func appendASCIIWordPieces(_ word: Range<Int>, to result: inout [Int32], scratch: inout WordPieceScratch) {
        guard word.count <= maxInputCharactersPerWord else {
            result.append(unknownTokenID)
            return
        }
        let first = result.count
        var start = word.lowerBound
        while start < word.upperBound {
            var end = word.upperBound
            var found: Int32?
            while start < end {
                scratch.candidate.removeAll(keepingCapacity: true)
                if start > word.lowerBound {
                    scratch.candidate.append(0x23)  // "##", appended byte by byte: no temporary array
                    scratch.candidate.append(0x23)
                }
                scratch.candidate += scratch.bytes[start..<end]
                if let id = ids[String(decoding: scratch.candidate, as: UTF8.self)] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                result.removeSubrange(first...)
                result.append(unknownTokenID)
                return
            }
            result.append(id)
            start = end
        }
    }

    /// Steps 2–5: clean, CJK spacing, accent stripping, lower-casing.
    func normalized(_ input: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(input.count)
        for scalar in input {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                scalars.append(" ")
            } else if splitsChineseCharacters && Self.isChineseCharacter(scalar) {
                scalars.append(" ")
                scalars.append(scalar)
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        // NFD leaves ASCII unchanged and ASCII has no nonspacing marks: only other text is decomposed.
        if stripsAccents ?? lowercases, !scalars.allSatisfy(\.isASCII) {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            let decomposed = String(text).decomposedStringWithCanonicalMapping.unicodeScalars
            scalars = decomposed.filter { !isNonspacingMark($0) }
        }
        if lowercases {
            var lowered: [Unicode.Scalar] = []
            lowered.reserveCapacity(scalars.count)
            for scalar in scalars {
                if scalar.isASCII {
                    lowered.append(scalar.properties.isUppercase ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar)
                } else {
                    lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
            scalars = lowered
        }
        return scalars
    }

    /// Step 6: split at whitespace (dropped) and around punctuation (kept as one-scalar words).
    func words(_ scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var words: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        for (i, scalar) in scalars.enumerated() {
            if scalar.properties.isWhitespace {
                if start < i { words.append(scalars[start..<i]) }
                start = i + 1
            } else if isPunctuation(scalar) {
                if start < i { words.append(scalars[start..<i]) }
                words.append(scalars[i..<i + 1])
                start = i + 1
            }
        }
        if start < scalars.count { words.append(scalars[start..<scalars.count]) }
        return words
    }

    /// Step 7: greedy longest-match-first WordPiece.
    private func appendWordPieces(of word: ArraySlice<Unicode.Scalar>, to result: inout [Int32]) {
        guard word.count <= maxInputCharactersPerWord else {
            result.append(unknownTokenID)
            return
        }
        let characters = Array(word)
        var pieces: [Int32] = []
        var start = 0
        while start < characters.count {
            var end = characters.count
            var found: Int32?
            while start < end {
                var candidate = String.UnicodeScalarView()
                if start > 0 { candidate.append(contentsOf: "##".unicodeScalars) }
                candidate.append(contentsOf: characters[start..<end])
                if let id = ids[String(candidate)] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                result.append(unknownTokenID)
                return
            }
            pieces.append(id)
            start = end
        }
        result.append(contentsOf: pieces)
    }

    // MARK: - Scalar classes

    /// Unicode 8.0 categories of the scalars assigned by then whose category has changed since and matters here
    /// (punctuation or nonspacing mark now or then).
    private static let unicode8Categories: [UInt32: Unicode.GeneralCategory] = [
        0x166D: .otherPunctuation, 0x111C9: .otherPunctuation, 0x1734: .nonspacingMark, 0x1885: .otherLetter,
        0x1886: .otherLetter, 0xA9BD: .spacingMark, 0x1171E: .nonspacingMark,
    ]

    /// The general category `tokenizers` sees: the current one for scalars assigned by
    /// ``categoryUnicodeVersion``, `nil` (unassigned) for later ones, and for the few scalars whose category
    /// changed after Unicode 8.0, their 8.0 category (when ``categoryUnicodeVersion`` is 8.0).
    private func legacyCategory(_ scalar: Unicode.Scalar) -> Unicode.GeneralCategory? {
        if categoryUnicodeVersion == (major: 8, minor: 0), let category = Self.unicode8Categories[scalar.value] {
            return category
        }
        guard let age = scalar.properties.age,
            age.major < categoryUnicodeVersion.major
                || (age.major == categoryUnicodeVersion.major && age.minor <= categoryUnicodeVersion.minor)
        else { return nil }
        return scalar.properties.generalCategory
    }

    /// `tokenizers`' `is_control`: general category Cc, Cf, Cs or Co (not Cn), except tab, line feed and CR.
    func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default: break
        }
        switch legacyCategory(scalar) {
        case .control, .format, .surrogate, .privateUse: return true
        default: return false
        }
    }

    /// `tokenizers`' `is_whitespace`: tab, line feed, CR, or the Unicode `White_Space` property.
    func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// ASCII punctuation and symbols (`!`…`/`, `:`…`@`, `[`…`` ` ``, `{`…`~`) or Unicode category P*.
    func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value)
            || (123...126).contains(value)
        {
            return true
        }
        switch legacyCategory(scalar) {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Category Mn, as `tokenizers` strips accents.
    func isNonspacingMark(_ scalar: Unicode.Scalar) -> Bool {
        legacyCategory(scalar) == .nonspacingMark
    }

    /// The CJK Unified Ideographs blocks BERT spaces out (not Hangul, Hiragana or Katakana).
    static func isChineseCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}

/// Reusable buffers for ``BertTokenizer/appendPieceIDs(of:to:scratch:)``: one per thread.
public struct WordPieceScratch: Sendable {
    var bytes: [UInt8] = []
    var candidate: [UInt8] = []

    /// Empty buffers; they grow to the longest text and word seen.
    public init() {}
}
