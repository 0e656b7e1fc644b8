/// The tokens of many rows, interned in a shared ``Vocabulary`` and stored flat.
///
/// Row `i`'s token ids are `tokenIDs[rowOffsets[i]..<rowOffsets[i + 1]]`.
public struct TokenizedCorpus: Sendable, Equatable {
    /// Every row's token ids, concatenated.
    public let tokenIDs: [UInt32]
    /// `rowCount + 1` offsets into `tokenIDs`; the first is 0 and the last is `tokenIDs.count`.
    public let rowOffsets: [Int]

    /// Creates a corpus from flat storage.
    public init(tokenIDs: [UInt32], rowOffsets: [Int]) {
        precondition(rowOffsets.first == 0 && rowOffsets.last == tokenIDs.count, "offsets must span the ids")
        self.tokenIDs = tokenIDs
        self.rowOffsets = rowOffsets
    }

    /// Tokenizes `texts` with `tokenizer`, interning every token in `vocabulary`.
    ///
    /// - Complexity: O(total characters).
    public init(texts: [String], tokenizer: any Tokenizer, vocabulary: inout Vocabulary) {
        var ids: [UInt32] = []
        var offsets: [Int] = [0]
        offsets.reserveCapacity(texts.count + 1)
        for text in texts {
            for token in tokenizer.tokens(in: text) {
                ids.append(vocabulary.intern(token))
            }
            offsets.append(ids.count)
        }
        self.init(tokenIDs: ids, rowOffsets: offsets)
    }

    /// Number of rows.
    public var rowCount: Int { rowOffsets.count - 1 }

    /// The token ids of row `row`.
    public func tokens(ofRow row: Int) -> ArraySlice<UInt32> {
        tokenIDs[rowOffsets[row]..<rowOffsets[row + 1]]
    }

    /// The number of tokens of row `row`.
    public func length(ofRow row: Int) -> Int {
        rowOffsets[row + 1] - rowOffsets[row]
    }
}
