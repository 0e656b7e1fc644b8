import AssayUtilities
import AuditModel
import DatasetIO
import LinearAlgebra
import SentenceEmbeddings
import VectorStorage

/// Every dataset's unit embeddings in one vector store: the rows with a nonzero vector, dataset after dataset,
/// so each dataset is a view and nothing is copied per dataset.
public struct EmbeddedDatasets: Sendable {
    /// The embedder's identity (`vectors` when the datasets brought their own).
    public let identity: String
    /// The unit rows of every dataset, concatenated in input order, stored once at the source's precision
    /// and location.
    public let store: VectorStore
    /// Per dataset: its unit rows (a view of ``store``), their dataset rows and its zero-vector rows.
    public let datasets: [EmbeddingRows]

    /// Vector dimension.
    public var dimension: Int { store.dimension }

    /// The unit rows of dataset `position`.
    public subscript(position: Int) -> EmbeddingRows { datasets[position] }

    /// Texts embedded per call when there is no cache, so the embedder's float32 output is held for one
    /// batch only before it is stored.
    static let embeddingBatch = 65_536
    /// Rows normalised per block.
    static let normalisationBlock = 4_096

    /// Embeds (or takes the given vectors of) `datasets`, then scales every row to unit length (norms in
    /// double precision, the scaled value rounded to float32, then to float16 for a float16 store) and leaves out the rows
    /// whose vector is zero or not finite.
    ///
    /// The unit rows are written once, into a store at `source.precision` and `source.location`; the given
    /// vectors are read in blocks and, when they live in a mapped file, dropped from memory once read.
    ///
    /// - Throws: ``AuditError`` when some datasets have vectors and others not, their dimensions differ,
    ///   the embedder fails or the store cannot be made.
    /// - Complexity: embedding, plus O(total rows · d).
    static func make(
        _ datasets: [Dataset], source: EmbeddingSource, warn: (String) -> Void, step: (AuditStep) -> Void,
        batchSize: Int = embeddingBatch
    ) throws(AuditError) -> EmbeddedDatasets {
        let total = datasets.reduce(0) { $0 + $1.count }
        var perDataset: [(range: Range<Int>, positions: [Int], zeroRows: Int)] = []
        var writer: VectorStoreWriter
        let identity: String
        if let given = try givenVectors(datasets) {
            step(AuditStep(.embed, "the datasets' own vectors"))
            writer = try storeWriter(rows: total, dimension: given[0].dimension, source: source)
            identity = "vectors"
            for vectors in given {
                let first = writer.rowCount
                var positions: [Int] = []
                vectors.store.forEachBlock(0..<vectors.rows, blockRows: normalisationBlock) { rows, values in
                    normalise(values, firstRow: rows.lowerBound, into: &writer, positions: &positions)
                    vectors.store.releaseResidentPages(rows)
                    writer.releaseWrittenPages()
                }
                perDataset.append((first..<writer.rowCount, positions, vectors.rows - positions.count))
            }
        } else {
            let embedderName = source.embedder.identity.prefix { $0 != "(" }
            step(AuditStep(.embed, "\(total) texts, \(embedderName)\(source.cache == nil ? "" : ", cached")"))
            writer = try storeWriter(rows: total, dimension: source.embedder.dimension, source: source)
            identity = source.embedder.identity
            // Dataset `i` owns rows `starts[i]..<starts[i + 1]` of the concatenated texts.
            var starts = [0]
            for dataset in datasets { starts.append(starts[starts.count - 1] + dataset.count) }
            var positions = [[Int]](repeating: [], count: datasets.count)
            try embedBatches(datasets, source: source, batchSize: batchSize, warn: warn) { firstRow, matrix in
                let d = matrix.columns
                matrix.storage.withUnsafeBufferPointer { values in
                    // Each dataset's part of the batch, in order (datasets are written one after the other).
                    for index in datasets.indices {
                        let low = max(firstRow, starts[index])
                        let high = min(firstRow + matrix.rows, starts[index + 1])
                        guard low < high else { continue }
                        normalise(
                            UnsafeBufferPointer(rebasing: values[((low - firstRow) * d)..<((high - firstRow) * d)]),
                            firstRow: low - starts[index], into: &writer, positions: &positions[index])
                    }
                }
                writer.releaseWrittenPages()
            }
            var first = 0
            for index in datasets.indices {
                let kept = positions[index].count
                perDataset.append((first..<(first + kept), positions[index], datasets[index].count - kept))
                first += kept
            }
        }
        let store = writer.finish()
        return EmbeddedDatasets(
            identity: identity, store: store,
            datasets: perDataset.map {
                EmbeddingRows(
                    unitRows: MatrixRows(store, rows: $0.range), positions: $0.positions, zeroRows: $0.zeroRows)
            })
    }

    /// Appends the unit vector of each row of `values` (row-major) with a nonzero finite norm, and its row
    /// number (`firstRow` onwards) to `positions`.
    private static func normalise(
        _ values: UnsafeBufferPointer<Float>, firstRow: Int, into writer: inout VectorStoreWriter,
        positions: inout [Int]
    ) {
        let d = writer.dimension
        var unit = [Float](repeating: 0, count: d)
        for local in 0..<(values.count / d) {
            let start = local * d
            var squares = 0.0
            for column in start..<(start + d) { squares += Double(values[column]) * Double(values[column]) }
            guard squares > 0, squares.isFinite else { continue }
            let scale = 1 / squares.squareRoot()
            for column in 0..<d { unit[column] = Float(Double(values[start + column]) * scale) }
            unit.withUnsafeBufferPointer { writer.append(rows: $0) }
            positions.append(firstRow + local)
        }
    }

    private static func storeWriter(rows: Int, dimension: Int, source: EmbeddingSource) throws(AuditError)
        -> VectorStoreWriter
    {
        do {
            return try VectorStoreWriter(
                rows: rows, dimension: dimension, precision: source.precision, location: source.location)
        } catch {
            throw .vectorStorage("\(error)")
        }
    }

    /// The datasets' own vectors, checked to be all there with one dimension; `nil` when none has any.
    private static func givenVectors(_ datasets: [Dataset]) throws(AuditError) -> [DatasetVectors]? {
        guard let first = datasets.first(where: { $0.vectors != nil }), let firstVectors = first.vectors else {
            return nil
        }
        var given: [DatasetVectors] = []
        for dataset in datasets {
            guard let vectors = dataset.vectors else {
                throw .vectorsMissing(path: dataset.path, withVectors: first.path)
            }
            guard vectors.dimension == firstVectors.dimension else {
                throw .vectorDimensionMismatch(
                    path: dataset.path, dimension: vectors.dimension, expected: firstVectors.dimension,
                    firstPath: first.path)
            }
            given.append(vectors)
        }
        return given
    }

    /// Embeds every dataset's texts, in input order, calling `body` with each part's first row (counted over
    /// all datasets) and its vectors: one call through the cache (which reads its file once), or batches of
    /// `batchSize` texts without it (an embedder's rows depend only on their texts, so batching
    /// changes no value).
    private static func embedBatches(
        _ datasets: [Dataset], source: EmbeddingSource, batchSize: Int, warn: (String) -> Void,
        _ body: (Int, Matrix) throws(AuditError) -> Void
    ) throws(AuditError) {
        let texts = datasets.flatMap(\.texts)
        let batch = source.cache == nil ? batchSize : max(texts.count, 1)
        var start = 0
        while start < texts.count {
            let part = Array(texts[start..<min(texts.count, start + batch)])
            let embedded: Matrix
            do {
                if let cache = source.cache {
                    let outcome = try cache.embedReportingWarnings(part, with: source.embedder)
                    outcome.warnings.forEach(warn)
                    embedded = outcome.matrix
                } else {
                    embedded = try source.embedder.embed(part)
                }
            } catch {
                throw .embeddingFailed("\(error)")
            }
            guard embedded.rows == part.count, embedded.columns == source.embedder.dimension else {
                throw .embeddingFailed(
                    "the embedder returned \(embedded.rows) × \(embedded.columns) values for \(part.count) texts "
                        + "of dimension \(source.embedder.dimension)")
            }
            try body(start, embedded)
            start += part.count
        }
    }

    /// Drops every unit row from the resident set when the store is a mapped file (the rows stay in the file
    /// and are read back by the next stage that needs them); a stage calls it when it is done with them.
    func releaseResidentPages() {
        store.releaseResidentPages(0..<store.rows)
    }

    /// Two principal axes of every dataset's unit rows together, each dataset's (sampled) rows on them,
    /// and the variance along each axis.
    ///
    /// - Complexity: O(total rows · d² + d³).
    func projection(limit: Int) throws(AuditError) -> (rows: [[ProjectedRow]], explainedVariance: [Double]) {
        let empty = [[ProjectedRow]](repeating: [], count: datasets.count)
        guard store.rows >= 2 else { return (empty, [0, 0]) }
        let axes: PrincipalComponents
        do {
            axes = try PrincipalComponents.fit(MatrixRows(store), count: 2)
        } catch {
            throw .embeddingFailed("projection: \(error)")
        }
        let rows = datasets.map { embedding -> [ProjectedRow] in
            let sample = Self.sampleIndices(count: embedding.count, limit: limit)
            let coordinates = axes.project(embedding.unitRows.selecting(sample))
            return zip(sample, coordinates).map { index, point in
                ProjectedRow(
                    row: embedding.positions[index], x: (point.first ?? 0).rounded(toPlaces: 4),
                    y: (point.dropFirst().first ?? 0).rounded(toPlaces: 4))
            }
        }
        return (rows, axes.explainedVariance.map { $0.rounded(toPlaces: 6) })
    }

    /// `limit` evenly spaced indices of `0..<count` (all of them when `count <= limit`).
    static func sampleIndices(count: Int, limit: Int) -> [Int] {
        guard count > limit, limit > 0 else { return Array(0..<count) }
        return (0..<limit).map { $0 * count / limit }
    }
}
