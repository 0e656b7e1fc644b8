import TextTokenization

/// The rows one set of metrics is computed on: a whole dataset, or the rows of one label.
struct RowSubset: Sendable {
    /// The rows' tokens.
    let corpus: TokenizedCorpus
    /// The rows' normalised texts (see ``TextNormalization/duplicateKey(_:)``).
    let duplicateKeys: [String]

    init(corpus: TokenizedCorpus, duplicateKeys: [String]) {
        precondition(corpus.rowCount == duplicateKeys.count, "keys must align with rows")
        self.corpus = corpus
        self.duplicateKeys = duplicateKeys
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
            duplicateKeys: rows.map { duplicateKeys[$0] })
    }
}
