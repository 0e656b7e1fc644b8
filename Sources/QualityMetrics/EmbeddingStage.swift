import DatasetIO
import Dispatch
import LinearAlgebra
import SentenceEmbeddings

/// The embedding work an audit does once, across datasets: embed (or take the given vectors), normalise,
/// find each row's nearest other row and nearest real row, link near duplicates into clusters, and
/// project everything onto two shared principal axes.
struct EmbeddingStage {
    /// Each dataset's unit embeddings.
    let rows: [EmbeddingRows]
    /// Each dataset's nearest-other-row list over ``rows`` (k = 1), when searched.
    let neighbors: [NeighborList?]
    /// Per dataset and row, the cosine similarity to the nearest real row (`-infinity` for a zero vector),
    /// for synthetic datasets when a real one is given.
    let realSimilarity: [[Float]?]
    /// Per dataset and row, the labels of its nearest labelled real rows, when the subjectivity estimate
    /// is needed and the real dataset has labels.
    let neighbourLabels: [[[String]]?]
    /// Per dataset, the clusters, copies and projection.
    let details: [EmbeddingDetails]
    /// The embedder and the projection axes.
    let summary: EmbeddingSummary

    /// Runs the stage for `datasets`; `realIndex` is the real dataset's position, if any.
    ///
    /// - Complexity: embedding, plus O(N²·d) per dataset for the neighbour search and O(N·M·d) for
    ///   each synthetic dataset against the real one (M real rows), in GEMM tiles; O(total·d²) for the
    ///   projection.
    static func run(
        _ datasets: [Dataset], realIndex: Int?, configuration: AuditConfiguration, source: EmbeddingSource,
        estimatesSubjectivity: Bool, warn: (String) -> Void, step: (AuditStep) -> Void
    ) throws(AuditError) -> EmbeddingStage {
        let (identity, matrices) = try vectors(datasets, source: source, warn: warn, step: step)
        let rows = matrices.map(EmbeddingRows.init(vectors:))
        let threshold = configuration.nearDuplicateThreshold
        let wantsNeighbors = configuration.metrics.contains { $0 == .chamfer || $0 == .nearDuplicateRate }
        let wantsRealCopies = configuration.metrics.contains(.realCopyRate)

        let labelledReal = try realIndex.flatMap { index throws(AuditError) in
            estimatesSubjectivity ? try LabelledRows(rows[index], labels: datasets[index].labels) : nil
        }
        var neighbourLabels: [[[String]]?] = []
        var neighbors: [NeighborList?] = []
        var realSimilarity: [[Float]?] = []
        var details: [EmbeddingDetails] = []
        for (position, dataset) in datasets.enumerated() {
            let embedding = rows[position]
            var entry = EmbeddingDetails(zeroVectorRows: embedding.zeroRows)
            var list: NeighborList?
            if wantsNeighbors, embedding.count >= 2 {
                step(AuditStep(.neighbours, "\(dataset.name), \(embedding.count) rows"))
                list = try search(embedding.unitRows, embedding.unitRows, excludingSelf: true)
                if let list {
                    (entry.nearDuplicateClusters, entry.nearDuplicateClusterCount) = clusters(
                        list, embedding, dataset, threshold: threshold, limit: configuration.listLimit)
                }
            }
            neighbors.append(list)

            var similarities: [Float]?
            if wantsRealCopies, let realIndex, realIndex != position, rows[realIndex].count > 0 {
                let real = rows[realIndex]
                step(AuditStep(.realNeighbours, "\(dataset.name), \(embedding.count) × \(real.count) rows"))
                let nearest = try search(embedding.unitRows, real.unitRows, excludingSelf: false)
                var perRow = [Float](repeating: -.infinity, count: dataset.count)
                var copies: [RealCopy] = []
                for (index, row) in embedding.positions.enumerated() {
                    let similarity = nearest.similarities[index]
                    perRow[row] = similarity
                    guard EmbeddingSpreadMetric.isNear(similarity, threshold), nearest.indices[index] >= 0 else {
                        continue
                    }
                    let realRow = real.positions[Int(nearest.indices[index])]
                    copies.append(
                        RealCopy(
                            row: row, realRow: realRow, similarity: rounded(Double(similarity), places: 6),
                            text: dataset.texts[row], realText: datasets[realIndex].texts[realRow]))
                }
                copies.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.row < $1.row }
                entry.realCopyCount = copies.count
                entry.realCopies = Array(copies.prefix(configuration.listLimit))
                similarities = perRow
            }
            realSimilarity.append(similarities)
            details.append(entry)

            var votes: [[String]]?
            if let labelledReal {
                step(AuditStep(.realNeighbours, "labels near \(dataset.name)"))
                votes = try labelledReal.neighbourLabels(
                    of: embedding, rowCount: dataset.count, excludingRealRows: position == realIndex,
                    k: AuditConfiguration.subjectivityNeighbours)
            }
            neighbourLabels.append(votes)
        }

        step(AuditStep(.projection, "\(rows.reduce(0) { $0 + $1.count }) rows"))
        let explained = try project(rows, into: &details, limit: configuration.projectionLimit)
        return EmbeddingStage(
            rows: rows, neighbors: neighbors, realSimilarity: realSimilarity, neighbourLabels: neighbourLabels,
            details: details,
            summary: EmbeddingSummary(
                embedder: identity, dimension: matrices.first?.columns ?? 0, explainedVariance: explained))
    }

    /// The datasets' own vectors when they have them (all or none must), else the embedder's (through the
    /// cache when there is one), one matrix per dataset.
    private static func vectors(
        _ datasets: [Dataset], source: EmbeddingSource, warn: (String) -> Void, step: (AuditStep) -> Void
    ) throws(AuditError) -> (identity: String, matrices: [Matrix]) {
        if let first = datasets.first(where: { $0.vectors != nil }), let firstVectors = first.vectors {
            step(AuditStep(.embed, "the datasets' own vectors"))
            var matrices: [Matrix] = []
            for dataset in datasets {
                guard let vectors = dataset.vectors else {
                    throw .vectorsMissing(path: dataset.path, withVectors: first.path)
                }
                guard vectors.dimension == firstVectors.dimension else {
                    throw .vectorDimensionMismatch(
                        path: dataset.path, dimension: vectors.dimension, expected: firstVectors.dimension,
                        firstPath: first.path)
                }
                matrices.append(Matrix(unchecked: vectors.values, rows: vectors.rows, columns: vectors.dimension))
            }
            return ("vectors", matrices)
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
        var matrices: [Matrix] = []
        var start = 0
        let d = embedded.columns
        for dataset in datasets {
            let values = Array(embedded.storage[(start * d)..<((start + dataset.count) * d)])
            matrices.append(Matrix(unchecked: values, rows: dataset.count, columns: d))
            start += dataset.count
        }
        return (source.embedder.identity, matrices)
    }

    private static func search(_ queries: Matrix, _ references: Matrix, excludingSelf: Bool) throws(AuditError)
        -> NeighborList
    {
        do {
            return try NearestNeighbors.search(
                queries: queries, references: references, k: 1, excludingSameIndex: excludingSelf)
        } catch {
            throw .embeddingFailed("nearest-neighbour search: \(error)")
        }
    }

    /// Connected components of the links (row, its nearest other row) whose similarity reaches the
    /// threshold; components of two or more rows, largest first, ties by smallest row.
    ///
    /// - Complexity: O(N α(N)) with union–find, plus sorting the components.
    static func clusters(
        _ neighbors: NeighborList, _ embedding: EmbeddingRows, _ dataset: Dataset, threshold: Double, limit: Int
    ) -> (clusters: [NearDuplicateCluster], total: Int) {
        var parent = Array(0..<embedding.count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for row in 0..<embedding.count {
            let other = Int(neighbors.indices[row])
            guard other >= 0, EmbeddingSpreadMetric.isNear(neighbors.similarities[row], threshold) else { continue }
            let (a, b) = (root(row), root(other))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var members: [Int: [Int]] = [:]
        for row in 0..<embedding.count { members[root(row), default: []].append(embedding.positions[row]) }
        var groups = members.values.filter { $0.count >= 2 }.map { $0.sorted() }
        groups.sort { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
        let clusters = groups.prefix(limit).map { rows in
            NearDuplicateCluster(size: rows.count, rows: Array(rows.prefix(limit)), example: dataset.texts[rows[0]])
        }
        return (clusters, groups.count)
    }

    /// Fits two principal axes on all datasets' unit embeddings together and stores each dataset's
    /// (sampled) coordinates in `details`; returns the variance along each axis.
    private static func project(_ rows: [EmbeddingRows], into details: inout [EmbeddingDetails], limit: Int)
        throws(AuditError) -> [Double]
    {
        let d = rows.first?.unitRows.columns ?? 0
        var all: [Float] = []
        for embedding in rows { all.append(contentsOf: embedding.unitRows.storage) }
        let union = Matrix(unchecked: all, rows: all.count / max(d, 1), columns: d)
        guard union.rows >= 2 else { return [0, 0] }
        let axes: PrincipalComponents
        do {
            axes = try PrincipalComponents.fit(union, count: 2)
        } catch {
            throw .embeddingFailed("projection: \(error)")
        }
        for (position, embedding) in rows.enumerated() {
            let sample = sampleIndices(count: embedding.count, limit: limit)
            let values = sample.flatMap { index in embedding.unitRows.storage[(index * d)..<((index + 1) * d)] }
            let coordinates = axes.project(Matrix(unchecked: values, rows: sample.count, columns: d))
            details[position].projection = zip(sample, coordinates).map { index, point in
                ProjectedRow(
                    row: embedding.positions[index], x: rounded(point.first ?? 0, places: 4),
                    y: rounded(point.dropFirst().first ?? 0, places: 4))
            }
        }
        return axes.explainedVariance.map { rounded($0, places: 6) }
    }

    /// `limit` evenly spaced indices of `0..<count` (all of them when `count <= limit`).
    static func sampleIndices(count: Int, limit: Int) -> [Int] {
        guard count > limit, limit > 0 else { return Array(0..<count) }
        return (0..<limit).map { $0 * count / limit }
    }

    /// `value` rounded to `places` decimals, with -0 made 0.
    static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
