import AuditModel
import DatasetIO
import TextTokenization

/// The rows one set of metric values is computed on: a whole dataset, or the rows of one of its labels.
///
/// Scope-local structures (the rows' tokens, their unit vectors, a family's n-gram index) are computed
/// on first use and kept for the other metrics of the same scope. A scope is read by one worker at a
/// time.
public final class MetricScope: @unchecked Sendable {
    /// The dataset's position in the audit.
    public let dataset: Int
    /// The label, or `nil` for the whole dataset.
    public let label: String?
    /// The dataset rows of the scope, in file order.
    public let rows: [Int]
    /// What the scope's metrics read.
    public let context: FamilyContext

    private var cache: [String: Any] = [:]

    init(dataset: Int, label: String?, rows: [Int], context: FamilyContext) {
        self.dataset = dataset
        self.label = label
        self.rows = rows
        self.context = context
    }

    /// Whether the scope is a whole dataset.
    public var isWholeDataset: Bool { label == nil }
    /// Number of rows.
    public var rowCount: Int { rows.count }
    /// The dataset.
    public var data: Dataset { context.inputs.datasets[dataset] }
    /// Whether the dataset is the real one.
    public var isReal: Bool { context.inputs.isReal(dataset) }

    /// A value computed once per scope under `key` (for example an n-gram index that several metrics
    /// read); `make` runs on first use.
    public func cached<Value>(_ key: String, _ make: () -> Value) -> Value {
        if let stored = cache[key], let value = stored as? Value { return value }
        let value = make()
        cache[key] = value
        return value
    }

    /// Drops every cached value (an n-gram index can hold gigabytes): called once the scope's metrics are done.
    func releaseCachedValues() { cache = [:] }

    /// The rows' texts.
    public var texts: [String] { cached("texts") { isWholeDataset ? data.texts : rows.map { data.texts[$0] } } }
    /// The rows' labels.
    public var labels: [String?] { cached("labels") { isWholeDataset ? data.labels : rows.map { data.labels[$0] } } }
    /// The rows' per-rater labels.
    public var annotations: [[String]?] {
        cached("annotations") { isWholeDataset ? data.annotations : rows.map { data.annotations[$0] } }
    }
    /// One column per compared label field.
    public var comparedLabels: [[String?]] {
        cached("comparedLabels") {
            isWholeDataset ? data.comparedLabels : data.comparedLabels.map { column in rows.map { column[$0] } }
        }
    }

    /// The rows' tokens.
    public var corpus: TokenizedCorpus {
        cached("corpus") {
            let corpus = context.tokens.corpora[dataset]
            return isWholeDataset ? corpus : corpus.selecting(rows)
        }
    }

    /// The ids of the rows' normalised texts.
    public var textKeys: [UInt32] {
        cached("textKeys") {
            let keys = context.textKeys[dataset]
            return isWholeDataset ? keys : rows.map { keys[$0] }
        }
    }

    /// The rows' unit embeddings (positions are scope positions).
    public var vectors: EmbeddingRows {
        cached("vectors") {
            let embedding = context.vectors[dataset]
            return isWholeDataset ? embedding : embedding.subset(rows)
        }
    }

    /// The dataset's unit rows that belong to the scope, in scope order.
    public var datasetUnitRows: [Int] {
        cached("datasetUnitRows") {
            let embedding = context.vectors[dataset]
            return isWholeDataset ? Array(0..<embedding.count) : embedding.unitRows(of: rows)
        }
    }

    /// The similarity of each of the scope's unit rows (in scope order) to its nearest other row of the
    /// scope: the dataset's graph for a whole dataset, the same-label graph for a label; `nil` when the
    /// graph was not computed (fewer than two rows with a vector).
    public var nearestSimilarities: [Float]? {
        cached("nearestSimilarities") {
            let graphs = context.graphs
            guard let list = (isWholeDataset ? graphs.withinDataset : graphs.withinLabel)[dataset] else { return nil }
            return datasetUnitRows.map { list.similarities[$0 * list.k] }
        }
    }
}
