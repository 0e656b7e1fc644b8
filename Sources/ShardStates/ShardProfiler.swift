import AuditPlan
import DatasetIO
import SentenceEmbeddings
import TextTokenization

/// Turns one shard of a dataset into a ``ShardState``: exact statistics of its rows, and its rows with the
/// smallest sampling keys, embedded.
public struct ShardProfiler: Sendable {
    /// The tokenizer of the lexical statistics.
    public var tokenizer: TokenizerKind
    /// The fields the dataset was read with.
    public var fields: FieldMapping
    /// Seed of the row sample.
    public var seed: UInt64
    /// The most rows a dataset's merged sample holds (each shard keeps up to this many).
    public var sampleRows: Int
    /// Embeds the sample when the data bring no vectors.
    public var embedder: any Embedder
    /// The most distinct n-grams of one order and scope kept exactly; above, a HyperLogLog sketch.
    public var exactNGramLimit: Int

    /// The default most rows of a dataset's sample: every neighbour, classifier and language-model metric
    /// of a dataset up to this size is computed on all of its rows.
    public static let defaultSampleRows = 100_000

    /// A profiler.
    public init(
        tokenizer: TokenizerKind, fields: FieldMapping, seed: UInt64, sampleRows: Int = ShardProfiler.defaultSampleRows,
        embedder: any Embedder, exactNGramLimit: Int = DatasetStatistics.defaultExactLimit
    ) {
        self.exactNGramLimit = exactNGramLimit
        self.tokenizer = tokenizer
        self.fields = fields
        self.seed = seed
        self.sampleRows = sampleRows
        self.embedder = embedder
    }

    /// The state of `part` of `dataset` (read whole from its file).
    ///
    /// - Throws: ``ShardStateError`` for a shard that does not fit the file or an embedder that fails.
    /// - Complexity: O(characters + tokens · 4) for the statistics, O(r log r) for the shard's r rows'
    ///   sampling keys, and embedding at most ``sampleRows`` rows.
    public func profile(_ dataset: Dataset, part: ShardPart) throws(ShardStateError) -> ShardState {
        let rows: [Int]
        let numbers: [Int]
        switch part {
        case .everyNth(let index, let count, _):
            guard count >= 1, (0..<count).contains(index) else {
                throw .invalidShard("--shard \(index)/\(count): the shard index must be in 0..<\(count)")
            }
            rows = Array(stride(from: index, to: dataset.count, by: count))
            numbers = rows
        case .range(let first, _):
            guard first >= 0 else { throw .invalidShard("--first-row must be at least 0, got \(first)") }
            rows = Array(dataset.texts.indices)
            numbers = rows.map { first + $0 }
        }
        let texts = rows.map { dataset.texts[$0] }
        let statistics = DatasetStatistics(
            texts: texts, labels: rows.map { dataset.labels[$0] }, tokenizer: tokenizer, exactLimit: exactNGramLimit)

        let keys = numbers.map { StableHash.sampleKey(seed: seed, row: $0) }
        let kept = rows.indices.sorted { (keys[$0], numbers[$0]) < (keys[$1], numbers[$1]) }.prefix(sampleRows)
            .sorted()
        let keptRows = kept.map { rows[$0] }
        let vectors: StoredVectors
        if let given = dataset.vectors {
            vectors = StoredVectors(
                dimension: given.dimension, values: keptRows.flatMap { Array(given.row($0)) })
        } else {
            do {
                let embedded = try embedder.embed(keptRows.map { dataset.texts[$0] })
                guard embedded.rows == keptRows.count else {
                    throw ShardStateError.embeddingFailed("\(embedded.rows) vectors for \(keptRows.count) texts")
                }
                vectors = StoredVectors(dimension: embedded.columns, values: embedded.storage)
            } catch let error as ShardStateError {
                throw error
            } catch {
                throw .embeddingFailed("\(error)")
            }
        }
        var resolvedPart = part
        if case .range(let first, _) = part { resolvedPart = .range(first: first, rows: dataset.count) }
        if case .everyNth(let index, let count, _) = part {
            resolvedPart = .everyNth(index: index, count: count, fileRows: dataset.count)
        }
        return ShardState(
            format: ShardState.formatName, version: ShardState.currentVersion, dataset: dataset.name,
            path: dataset.path, sha256: dataset.sha256, part: resolvedPart,
            settings: ShardSettings(
                tokenizer: tokenizer.rawValue, textField: fields.text, labelField: fields.label,
                annotatorsField: fields.annotators, splitField: fields.split, vectorField: fields.vectors,
                comparedLabels: fields.comparedLabels, seed: seed, sampleRows: sampleRows,
                embedder: dataset.vectors == nil ? embedder.identity : nil),
            statistics: statistics,
            sample: SampledRows(dataset, rows: keptRows, numbers: kept.map { numbers[$0] }, vectors: vectors))
    }
}
