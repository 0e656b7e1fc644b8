/// What a metric family reads: the rows, and structures derived from them on first use.
///
/// Derived structures (the n-gram index) are shared by the families that need them, so distinct-n and
/// self-BLEU index the same rows once. A context belongs to one worker and is never shared.
final class MetricContext {
    /// The rows under evaluation.
    let rows: RowSubset
    private var cachedIndex: NGramIndex?

    init(rows: RowSubset) {
        self.rows = rows
    }

    /// Number of rows.
    var rowCount: Int { rows.rowCount }

    /// The n-gram index up to order 4, built once.
    var ngramIndex: NGramIndex {
        if let cachedIndex { return cachedIndex }
        let index = NGramIndex(rows.corpus, maxOrder: 4)
        cachedIndex = index
        return index
    }
}
