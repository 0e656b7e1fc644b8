/// The tokens of many rows, interned in a shared ``Vocabulary`` and stored flat.
///
/// Row `i`'s token ids are `tokenIDs[rowOffsets[i]..<rowOffsets[i + 1]]`; an empty row has two
/// equal offsets.
public struct TokenizedCorpus: Sendable, Equatable {
    /// Every row's token ids, concatenated.
    public let tokenIDs: [UInt32]
    /// `rowCount + 1` offsets into `tokenIDs`; the first is 0 and the last is `tokenIDs.count`.
    public let rowOffsets: [Int]

    /// Creates a corpus from flat storage.
    ///
    /// - Precondition: `rowOffsets` starts at 0, ends at `tokenIDs.count` and never decreases.
    public init(tokenIDs: [UInt32], rowOffsets: [Int]) {
        precondition(rowOffsets.first == 0 && rowOffsets.last == tokenIDs.count, "offsets must span the ids")
        precondition(zip(rowOffsets, rowOffsets.dropFirst()).allSatisfy { $0 <= $1 }, "offsets must not decrease")
        self.tokenIDs = tokenIDs
        self.rowOffsets = rowOffsets
    }

    /// Tokenizes `texts` with `tokenizer`, interning every token in `vocabulary`.
    ///
    /// The built-in tokenizers take a path that interns each token straight from the tokenizer's
    /// buffer: no array of strings per row, and no `String` at all for a token already interned.
    ///
    /// - Complexity: O(total UTF-8 length of `texts`) expected.
    public init(texts: [String], tokenizer: any Tokenizer, vocabulary: inout Vocabulary) {
        var ids: [UInt32] = []
        var offsets: [Int] = [0]
        offsets.reserveCapacity(texts.count + 1)
        var totalBytes = 0
        for text in texts { totalBytes &+= text.utf8.count }
        ids.reserveCapacity(totalBytes / 5 + 16)  // English averages about 5 bytes per token

        if let word = tokenizer as? WordTokenizer {
            for text in texts {
                word.forEachToken(in: text) { p, start, end in
                    ids.append(vocabulary.intern(bytes: UnsafeBufferPointer(rebasing: p[start..<end])))
                }
                offsets.append(ids.count)
            }
        } else if let whitespace = tokenizer as? WhitespaceTokenizer {
            for text in texts {
                whitespace.forEachToken(in: text) { p, start, end in
                    ids.append(vocabulary.intern(bytes: UnsafeBufferPointer(rebasing: p[start..<end])))
                }
                offsets.append(ids.count)
            }
        } else {
            for text in texts {
                for token in tokenizer.tokens(in: text) {
                    ids.append(vocabulary.intern(token))
                }
                offsets.append(ids.count)
            }
        }
        self.tokenIDs = ids
        self.rowOffsets = offsets
    }

    /// Number of rows.
    public var rowCount: Int { rowOffsets.count - 1 }

    /// Total number of tokens over all rows.
    public var tokenCount: Int { tokenIDs.count }

    /// The number of tokens of each row.
    ///
    /// - Complexity: O(rowCount).
    public var lengths: [Int] {
        zip(rowOffsets, rowOffsets.dropFirst()).map { $1 - $0 }
    }

    /// The token ids of row `row`.
    ///
    /// - Precondition: `0 <= row < rowCount`.
    public func tokens(ofRow row: Int) -> ArraySlice<UInt32> {
        tokenIDs[rowOffsets[row]..<rowOffsets[row + 1]]
    }

    /// The number of tokens of row `row`.
    ///
    /// - Precondition: `0 <= row < rowCount`.
    public func length(ofRow row: Int) -> Int {
        rowOffsets[row + 1] - rowOffsets[row]
    }
}
