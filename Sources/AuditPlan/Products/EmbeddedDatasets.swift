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
        var (identity, sources) = try vectors(datasets, source: source, warn: warn, step: step)
        let d = sources.first?.dimension ?? 0
        // The unit rows are written once, in one array: the datasets' own vectors are read where they are,
        // and an embedder's output (held nowhere else) is normalised in place, so the vectors exist at
        // most twice, never three times.
        var values: [Float]
        var fromEmbedder: [Float]? = nil
        if case .embedded(let matrix) = sources.first, sources.count == 1 {
            fromEmbedder = matrix.storage
            sources = []  // the output's only other holder: let it go, so it is normalised in place
            values = []
        } else {
            values = []
            values.reserveCapacity(sources.reduce(0) { $0 + $1.count } * d)
        }
        var perDataset: [(range: Range<Int>, positions: [Int], zeroRows: Int)] = []
        var written = 0
        func normalise(_ all: UnsafeBufferPointer<Float>, rows: Range<Int>, into output: (Int, Float) -> Void) -> (
            [Int], Int
        ) {
            var positions: [Int] = []
            for (position, row) in rows.enumerated() {
                let start = row * d
                var squares = 0.0
                for column in start..<(start + d) { squares += Double(all[column]) * Double(all[column]) }
                guard squares > 0, squares.isFinite else { continue }
                let scale = 1 / squares.squareRoot()
                for column in 0..<d { output(written * d + column, Float(Double(all[start + column]) * scale)) }
                written += 1
                positions.append(position)
            }
            return (positions, rows.count - positions.count)
        }
        if var storage = fromEmbedder {
            fromEmbedder = nil
            // Row r is read before row w ≤ r is written: the rows move forward over the zero rows.
            var row = 0
            storage.withUnsafeMutableBufferPointer { buffer in
                let all = UnsafeBufferPointer(buffer)
                for dataset in datasets {
                    let first = written
                    let (positions, zero) = normalise(all, rows: row..<(row + dataset.count)) { buffer[$0] = $1 }
                    perDataset.append((first..<(first + positions.count), positions, zero))
                    row += dataset.count
                }
            }
            storage.removeSubrange((written * d)...)
            values = storage
        } else {
            for (dataset, source) in zip(datasets, sources) {
                guard case .given(let vectors) = source else { continue }
                let first = written
                let (positions, zero) = vectors.values.withUnsafeBufferPointer { all in
                    normalise(all, rows: 0..<dataset.count) { _, value in values.append(value) }
                }
                perDataset.append((first..<(first + positions.count), positions, zero))
            }
        }
        let matrix = Matrix(uncheckedRows: written, columns: d, storage: values)
        return EmbeddedDatasets(
            identity: identity, matrix: matrix,
            datasets: perDataset.map {
                EmbeddingRows(
                    unitRows: MatrixRows(matrix, rows: $0.range), positions: $0.positions, zeroRows: $0.zeroRows)
            })
    }

    /// Where the vectors come from: every dataset's own (read in place), or one embedder output for all.
    private enum VectorSource {
        case given(DatasetVectors)
        case embedded(Matrix)

        var dimension: Int {
            switch self {
            case .given(let vectors): vectors.dimension
            case .embedded(let matrix): matrix.columns
            }
        }

        var count: Int {
            switch self {
            case .given(let vectors): vectors.rows
            case .embedded(let matrix): matrix.rows
            }
        }
    }

    private static func vectors(
        _ datasets: [Dataset], source: EmbeddingSource, warn: (String) -> Void, step: (AuditStep) -> Void
    ) throws(AuditError) -> (identity: String, sources: [VectorSource]) {
        if let first = datasets.first(where: { $0.vectors != nil }), let firstVectors = first.vectors {
            step(AuditStep(.embed, "the datasets' own vectors"))
            var sources: [VectorSource] = []
            for dataset in datasets {
                guard let vectors = dataset.vectors else {
                    throw .vectorsMissing(path: dataset.path, withVectors: first.path)
                }
                guard vectors.dimension == firstVectors.dimension else {
                    throw .vectorDimensionMismatch(
                        path: dataset.path, dimension: vectors.dimension, expected: firstVectors.dimension,
                        firstPath: first.path)
                }
                sources.append(.given(vectors))
            }
            return ("vectors", sources)
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
        return (source.embedder.identity, [.embedded(embedded)])
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
