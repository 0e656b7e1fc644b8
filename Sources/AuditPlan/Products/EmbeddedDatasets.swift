import AssayUtilities
import AuditModel
import DatasetIO
import LinearAlgebra
import SentenceEmbeddings

/// Every dataset's unit embeddings in one matrix: the rows with a nonzero vector, dataset after dataset,
/// so each dataset is a view and nothing is copied per dataset.
public struct EmbeddedDatasets: Sendable {
    /// The embedder's identity (`vectors` when the datasets brought their own).
    public let identity: String
    /// The unit rows of every dataset, concatenated in input order.
    public let matrix: Matrix
    /// Per dataset: its unit rows (a view of ``matrix``), their dataset rows and its zero-vector rows.
    public let datasets: [EmbeddingRows]

    /// Vector dimension.
    public var dimension: Int { matrix.columns }

    /// The unit rows of dataset `position`.
    public subscript(position: Int) -> EmbeddingRows { datasets[position] }

    /// Embeds (or takes the given vectors of) `datasets`, then scales every row to unit length (norms in
    /// double precision) and leaves out the rows whose vector is zero or not finite.
    ///
    /// - Throws: ``AuditError`` when some datasets have vectors and others not, their dimensions differ,
    ///   or the embedder fails.
    /// - Complexity: embedding, plus O(total rows · d).
    static func make(
        _ datasets: [Dataset], source: EmbeddingSource, warn: (String) -> Void, step: (AuditStep) -> Void
    ) throws(AuditError) -> EmbeddedDatasets {
        let (identity, raw) = try vectors(datasets, source: source, warn: warn, step: step)
        let d = raw.columns
        var values: [Float] = []
        values.reserveCapacity(raw.storage.count)
        var perDataset: [(range: Range<Int>, positions: [Int], zeroRows: Int)] = []
        var row = 0
        raw.storage.withUnsafeBufferPointer { all in
            for dataset in datasets {
                let first = values.count / max(d, 1)
                var positions: [Int] = []
                for position in 0..<dataset.count {
                    defer { row += 1 }
                    let start = row * d
                    var squares = 0.0
                    for column in start..<(start + d) { squares += Double(all[column]) * Double(all[column]) }
                    guard squares > 0, squares.isFinite else { continue }
                    let scale = 1 / squares.squareRoot()
                    for column in start..<(start + d) { values.append(Float(Double(all[column]) * scale)) }
                    positions.append(position)
                }
                perDataset.append((first..<(first + positions.count), positions, dataset.count - positions.count))
            }
        }
        let matrix = Matrix(uncheckedRows: values.count / max(d, 1), columns: d, storage: values)
        return EmbeddedDatasets(
            identity: identity, matrix: matrix,
            datasets: perDataset.map {
                EmbeddingRows(
                    unitRows: MatrixRows(matrix, rows: $0.range), positions: $0.positions, zeroRows: $0.zeroRows)
            })
    }

    /// The datasets' own vectors when they have them (all or none must), else the embedder's (through the
    /// cache when there is one), as one matrix of every row.
    private static func vectors(
        _ datasets: [Dataset], source: EmbeddingSource, warn: (String) -> Void, step: (AuditStep) -> Void
    ) throws(AuditError) -> (identity: String, matrix: Matrix) {
        if let first = datasets.first(where: { $0.vectors != nil }), let firstVectors = first.vectors {
            step(AuditStep(.embed, "the datasets' own vectors"))
            var values: [Float] = []
            for dataset in datasets {
                guard let vectors = dataset.vectors else {
                    throw .vectorsMissing(path: dataset.path, withVectors: first.path)
                }
                guard vectors.dimension == firstVectors.dimension else {
                    throw .vectorDimensionMismatch(
                        path: dataset.path, dimension: vectors.dimension, expected: firstVectors.dimension,
                        firstPath: first.path)
                }
                values.append(contentsOf: vectors.values)
            }
            let rows = datasets.reduce(0) { $0 + $1.count }
            return ("vectors", Matrix(uncheckedRows: rows, columns: firstVectors.dimension, storage: values))
        }
        let texts = datasets.flatMap(\.texts)
        let embedderName = source.embedder.identity.prefix { $0 != "(" }
        step(AuditStep(.embed, "\(texts.count) texts, \(embedderName)\(source.cache == nil ? "" : ", cached")"))
        let embedded: Matrix
        do {
            if let cache = source.cache {
                let outcome = try cache.embedReportingWarnings(texts, with: source.embedder)
                outcome.warnings.forEach(warn)
                embedded = outcome.matrix
            } else {
                embedded = try source.embedder.embed(texts)
            }
        } catch {
            throw .embeddingFailed("\(error)")
        }
        guard embedded.rows == texts.count else {
            throw .embeddingFailed("the embedder returned \(embedded.rows) rows for \(texts.count) texts")
        }
        return (source.embedder.identity, embedded)
    }

    /// Two principal axes of every dataset's unit rows together, each dataset's (sampled) rows on them,
    /// and the variance along each axis.
    ///
    /// - Complexity: O(total rows · d² + d³).
    func projection(limit: Int) throws(AuditError) -> (rows: [[ProjectedRow]], explainedVariance: [Double]) {
        let empty = [[ProjectedRow]](repeating: [], count: datasets.count)
        guard matrix.rows >= 2 else { return (empty, [0, 0]) }
        let axes: PrincipalComponents
        do {
            axes = try PrincipalComponents.fit(matrix, count: 2)
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
