import Testing

@testable import LinearAlgebra

/// Brute force in double precision: for each query, all candidates sorted by similarity (descending), then
/// index (ascending), cut to `k` and padded with -1 / -infinity.
private func bruteForce(
    queries: Matrix, references: Matrix, k: Int, excludingSameIndex: Bool
) -> (indices: [Int32], similarities: [Double]) {
    var indices: [Int32] = []
    var similarities: [Double] = []
    for q in 0..<queries.rows {
        var candidates: [(index: Int, similarity: Double)] = []
        for r in 0..<references.rows where !(excludingSameIndex && r == q) {
            var dot = 0.0
            for c in 0..<queries.columns { dot += Double(queries[q, c]) * Double(references[r, c]) }
            candidates.append((r, dot))
        }
        candidates.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.index < $1.index }
        for j in 0..<k {
            if j < candidates.count {
                indices.append(Int32(candidates[j].index))
                similarities.append(candidates[j].similarity)
            } else {
                indices.append(-1)
                similarities.append(-.infinity)
            }
        }
    }
    return (indices, similarities)
}

/// Checks a search result against the brute force. Float GEMM may reorder near-ties, so an index may differ
/// from the brute force only when its exact similarity equals the expected one within `tolerance`.
private func expectMatchesBruteForce(
    _ result: NeighborList, queries: Matrix, references: Matrix, k: Int, excludingSameIndex: Bool,
    tolerance: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation
) {
    let expected = bruteForce(queries: queries, references: references, k: k, excludingSameIndex: excludingSameIndex)
    #expect(result.k == k, sourceLocation: sourceLocation)
    #expect(result.indices.count == queries.rows * k, sourceLocation: sourceLocation)
    #expect(result.similarities.count == queries.rows * k, sourceLocation: sourceLocation)
    guard result.indices.count == expected.indices.count else { return }
    var mismatches = 0
    for position in 0..<expected.indices.count {
        let index = result.indices[position]
        let similarity = Double(result.similarities[position])
        if expected.indices[position] == -1 {
            if index != -1 || similarity != -.infinity { mismatches += 1 }
            continue
        }
        guard index >= 0, Int(index) < references.rows else {
            mismatches += 1
            continue
        }
        let query = position / k
        if excludingSameIndex && Int(index) == query { mismatches += 1 }
        var exact = 0.0
        for c in 0..<queries.columns { exact += Double(queries[query, c]) * Double(references[Int(index), c]) }
        if abs(similarity - expected.similarities[position]) > tolerance { mismatches += 1 }
        if index != expected.indices[position] && abs(exact - expected.similarities[position]) > tolerance {
            mismatches += 1
        }
    }
    #expect(mismatches == 0, sourceLocation: sourceLocation)
    // Each query's neighbours are distinct.
    for q in 0..<queries.rows {
        let row = result.indices[(q * k)..<(q * k + k)].filter { $0 >= 0 }
        #expect(Set(row).count == row.count, sourceLocation: sourceLocation)
    }
}

/// Small tiles so that a few dozen rows cross many tile boundaries, in both strategies and with 1 or 2 workers.
private let smallTileConfigurations: [NearestNeighbors.Configuration] = [
    .init(queryBlock: 3, referenceBlock: 5, strategy: .threadedTiles, workers: 1),
    .init(queryBlock: 3, referenceBlock: 5, strategy: .threadedTiles, workers: 2),
    .init(queryBlock: 4, referenceBlock: 7, strategy: .queryBlockWorkers, workers: 1),
    .init(queryBlock: 4, referenceBlock: 7, strategy: .queryBlockWorkers, workers: 2),
    .init(queryBlock: 1, referenceBlock: 1, strategy: .threadedTiles, workers: 2),
    .init(queryBlock: 16, referenceBlock: 9, strategy: .threadedTiles, workers: 2),
    // Reference blocks over 32: the 32-wide skipping scan and the scalar tail.
    .init(queryBlock: 5, referenceBlock: 41, strategy: .queryBlockWorkers, workers: 2),
    .init(queryBlock: 7, referenceBlock: 64, strategy: .threadedTiles, workers: 2),
]

/// Serialized: the `.queryBlockWorkers` cases change the process-wide OpenBLAS thread count while they run,
/// and so does the thread-count test, which lives here for that reason.
@Suite("Blocked exact nearest neighbours", .serialized)
struct NearestNeighborsTests {
    @Test func setsAndRestoresThreadCount() {
        let original = BLAS.threadCount
        BLAS.setThreadCount(1)
        #expect(BLAS.threadCount == 1)
        BLAS.threadCount = 2
        #expect(BLAS.threadCount == 2)
        BLAS.setThreadCount(original)
        #expect(BLAS.threadCount == original)
    }

    @Test(arguments: [1, 3], [false, true])
    func matchesBruteForceOnSelfSearch(k: Int, excludingSameIndex: Bool) throws {
        let x = randomMatrix(rows: 137, columns: 24, seed: 42)
        let result = try NearestNeighbors.search(
            queries: x, references: x, k: k, excludingSameIndex: excludingSameIndex)
        expectMatchesBruteForce(result, queries: x, references: x, k: k, excludingSameIndex: excludingSameIndex)
        if !excludingSameIndex {
            // Each unit row is its own best match.
            for q in 0..<x.rows { #expect(result.indices[q * k] == Int32(q)) }
        }
    }

    @Test(arguments: [1, 3], [false, true])
    func matchesBruteForceWithDistinctQueries(k: Int, excludingSameIndex: Bool) throws {
        let queries = randomMatrix(rows: 53, columns: 17, seed: 7)
        let references = randomMatrix(rows: 89, columns: 17, seed: 8)
        let result = try NearestNeighbors.search(
            queries: queries, references: references, k: k, excludingSameIndex: excludingSameIndex)
        expectMatchesBruteForce(
            result, queries: queries, references: references, k: k, excludingSameIndex: excludingSameIndex)
    }

    @Test(arguments: smallTileConfigurations)
    func matchesBruteForceAcrossTileBoundaries(configuration: NearestNeighbors.Configuration) throws {
        let queries = randomMatrix(rows: 23, columns: 11, seed: 3)
        let references = randomMatrix(rows: 95, columns: 11, seed: 4)
        for k in [1, 3, 40] {
            for excluding in [false, true] {
                let result = try NearestNeighbors.search(
                    queries: queries, references: references, k: k, excludingSameIndex: excluding,
                    configuration: configuration)
                expectMatchesBruteForce(
                    result, queries: queries, references: references, k: k, excludingSameIndex: excluding)
                let itself = try NearestNeighbors.search(
                    queries: references, references: references, k: k, excludingSameIndex: excluding,
                    configuration: configuration)
                expectMatchesBruteForce(
                    itself, queries: references, references: references, k: k, excludingSameIndex: excluding)
            }
        }
    }

    @Test func defaultTilesMatchAcrossBoundaries() throws {
        // 520 > 512 query rows and 4,100 > 4,096 references: partial blocks in both directions.
        let queries = randomMatrix(rows: 520, columns: 8, seed: 11)
        let references = randomMatrix(rows: 4100, columns: 8, seed: 12)
        let result = try NearestNeighbors.search(queries: queries, references: references, k: 3)
        expectMatchesBruteForce(result, queries: queries, references: references, k: 3, excludingSameIndex: false)
    }

    @Test func strategiesAgree() throws {
        let x = randomMatrix(rows: 300, columns: 32, seed: 5)
        var results: [NeighborList] = []
        for strategy in [NearestNeighbors.Strategy.threadedTiles, .queryBlockWorkers] {
            let configuration = NearestNeighbors.Configuration(
                queryBlock: 64, referenceBlock: 100, strategy: strategy, workers: 2)
            results.append(
                try NearestNeighbors.search(
                    queries: x, references: x, k: 5, excludingSameIndex: true, configuration: configuration))
        }
        #expect(results[0].indices == results[1].indices)
        for (a, b) in zip(results[0].similarities, results[1].similarities) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func singleRow() throws {
        let x = try Matrix(rows: 1, columns: 3, storage: [0.6, 0, 0.8])
        let itself = try NearestNeighbors.search(queries: x, references: x, k: 1)
        #expect(itself.indices == [0])
        #expect(abs(itself.similarities[0] - 1) < 1e-6)
        let excluded = try NearestNeighbors.search(queries: x, references: x, k: 2, excludingSameIndex: true)
        #expect(excluded == NeighborList(k: 2, indices: [-1, -1], similarities: [-.infinity, -.infinity]))
    }

    @Test func twoRows() throws {
        let x = try Matrix(rows: 2, columns: 2, storage: [1, 0, 0.6, 0.8])
        let excluded = try NearestNeighbors.search(queries: x, references: x, k: 2, excludingSameIndex: true)
        #expect(excluded.indices == [1, -1, 0, -1])
        #expect(abs(excluded.similarities[0] - 0.6) < 1e-6 && abs(excluded.similarities[2] - 0.6) < 1e-6)
        #expect(excluded.similarities[1] == -.infinity && excluded.similarities[3] == -.infinity)
        let all = try NearestNeighbors.search(queries: x, references: x, k: 2)
        #expect(all.indices == [0, 1, 1, 0])
    }

    @Test(arguments: smallTileConfigurations + [.default])
    func duplicatedRowsTieToLowerIndex(configuration: NearestNeighbors.Configuration) throws {
        // Small integers: every dot product is exact in Float, so the ties are exact.
        let rows: [[Float]] = [[1, 2, 0], [0, 1, 1], [1, 2, 0], [2, 0, 1], [0, 1, 1], [1, 2, 0], [0, 0, 1]]
        let x = try Matrix(rows: rows.count, columns: 3, storage: rows.flatMap { $0 })
        let result = try NearestNeighbors.search(
            queries: x, references: x, k: 3, excludingSameIndex: true, configuration: configuration)
        // Row 0 = row 2 = row 5 (dot 5): row 0 sees 2, 5; then row 1 and row 4 tie at 2 → row 1.
        #expect(Array(result.indices[0..<3]) == [2, 5, 1])
        #expect(Array(result.similarities[0..<3]) == [5, 5, 2])
        // Row 5 sees 0 and 2 (dot 5) in index order.
        #expect(Array(result.indices[15..<18]) == [0, 2, 1])
        // Row 1 = row 4 (dot 2); rows 0, 2, 5 tie at 2 as well → 0, 2 follow 4.
        #expect(Array(result.indices[3..<6]) == [0, 2, 4])
        expectMatchesBruteForce(result, queries: x, references: x, k: 3, excludingSameIndex: true, tolerance: 0)
        let kept = try NearestNeighbors.search(
            queries: x, references: x, k: 3, excludingSameIndex: false, configuration: configuration)
        #expect(Array(kept.indices[6..<9]) == [0, 2, 5])
        expectMatchesBruteForce(kept, queries: x, references: x, k: 3, excludingSameIndex: false, tolerance: 0)
    }

    @Test(arguments: [Float.nan, .infinity, 1e20])
    func unboundedValuesDoNotHideNeighbours(bad: Float) throws {
        // Reference row 5 holds a NaN, an infinity or a huge value. Row 5 ranks first where its similarity is
        // large and positive, never when NaN; the other neighbours are those of the matrix without row 5.
        var references = randomMatrix(rows: 70, columns: 6, seed: 21)
        references[5, 2] = bad
        let queries = randomMatrix(rows: 9, columns: 6, seed: 22)
        let result = try NearestNeighbors.search(queries: queries, references: references, k: 3)
        var others = references.storage
        others.removeSubrange(30..<36)
        let withoutRow5 = try NearestNeighbors.search(
            queries: queries, references: Matrix(rows: 69, columns: 6, storage: others), k: 3)
        for q in 0..<9 {
            var expected = withoutRow5.indices[(q * 3)..<(q * 3 + 3)].map { $0 >= 5 ? $0 + 1 : $0 }
            if !bad.isNaN && queries[q, 2] > 0 { expected = [5] + expected.prefix(2) }
            #expect(Array(result.indices[(q * 3)..<(q * 3 + 3)]) == expected)
        }
    }

    @Test func zeroRows() throws {
        let empty = Matrix(rows: 0, columns: 4)
        let x = randomMatrix(rows: 3, columns: 4, seed: 1)
        let noQueries = try NearestNeighbors.search(queries: empty, references: x, k: 2)
        #expect(noQueries == NeighborList(k: 2, indices: [], similarities: []))
        let noReferences = try NearestNeighbors.search(queries: x, references: empty, k: 2)
        #expect(noReferences.indices == Array(repeating: -1, count: 6))
        #expect(noReferences.similarities == Array(repeating: -.infinity, count: 6))
        let bothEmpty = try NearestNeighbors.search(queries: empty, references: empty, excludingSameIndex: true)
        #expect(bothEmpty.indices.isEmpty && bothEmpty.queryCount == 0)
    }

    @Test func zeroColumnsGiveZeroSimilarities() throws {
        let x = Matrix(rows: 3, columns: 0)
        let result = try NearestNeighbors.search(queries: x, references: x, k: 2, excludingSameIndex: true)
        #expect(result.indices == [1, 2, 0, 2, 0, 1])
        #expect(result.similarities == Array(repeating: 0, count: 6))
    }

    @Test func rejectsMismatchedColumns() {
        let queries = Matrix(rows: 2, columns: 3)
        let references = Matrix(rows: 4, columns: 5)
        #expect(throws: LinearAlgebraError.dimensionMismatch(lhsColumns: 3, rhsRows: 5)) {
            try NearestNeighbors.search(queries: queries, references: references)
        }
    }
}
