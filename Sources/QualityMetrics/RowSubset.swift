import TextTokenization

/// The rows one set of metrics is computed on: a whole dataset, or the rows of one label.
struct RowSubset: Sendable {
    /// The rows' tokens.
    let corpus: TokenizedCorpus
    /// Per row, the id of its normalised text (``TextNormalization/duplicateKey(_:)``): two rows have
    /// the same id exactly when their keys are equal. `nil` when no selected metric needs them.
    let textKeys: [UInt32]?

    init(corpus: TokenizedCorpus, textKeys: [UInt32]?) {
        precondition(textKeys == nil || corpus.rowCount == textKeys?.count, "keys must align with rows")
        self.corpus = corpus
        self.textKeys = textKeys
    }

    /// Number of rows.
    var rowCount: Int { corpus.rowCount }

    /// The rows at `rows`, in that order.
    func subset(_ rows: [Int]) -> RowSubset {
        var ids = [UInt32]()
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        for row in rows {
            ids.append(contentsOf: corpus.tokens(ofRow: row))
            offsets.append(ids.count)
        }
        return RowSubset(
            corpus: TokenizedCorpus(tokenIDs: ids, rowOffsets: offsets),
            textKeys: textKeys.map { keys in rows.map { keys[$0] } })
    }
}
