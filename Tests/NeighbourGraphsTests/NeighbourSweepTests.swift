import AssayTestSupport
import LinearAlgebra
import NeighbourGraphs
import Testing

/// Brute force in double precision: row `q`'s candidates among `references` (skipping `excluded(q, r)`),
/// by decreasing dot product then increasing index, cut to `k` and padded with −1 / −∞.
private func bruteForce(
    _ queries: Matrix, _ references: Matrix, k: Int, excluded: (Int, Int) -> Bool = { _, _ in false }
) -> (indices: [Int32], similarities: [Double]) {
    var indices: [Int32] = []
    var similarities: [Double] = []
    for q in 0..<queries.rows {
        var candidates: [(index: Int, similarity: Double)] = []
        for r in 0..<references.rows where !excluded(q, r) {
            var dot = 0.0
            for c in 0..<queries.columns { dot += Double(queries[q, c]) * Double(references[r, c]) }
            candidates.append((r, dot))
        }
        candidates.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.index < $1.index }
        for j in 0..<k {
            indices.append(j < candidates.count ? Int32(candidates[j].index) : -1)
            similarities.append(j < candidates.count ? candidates[j].similarity : -.infinity)
        }
    }
    return (indices, similarities)
}

/// Exact squared Euclidean distance in double precision, in column order.
private func distance2(_ a: Matrix, _ i: Int, _ b: Matrix, _ j: Int) -> Double {
    var sum = 0.0
    for c in 0..<a.columns {
        let difference = Double(a[i, c]) - Double(b[j, c])
        sum += difference * difference
    }
    return sum
}

/// The k-th smallest distance from row i to the other rows, by brute force.
private func bruteRadii2(_ x: Matrix, k: Int) -> [Double] {
    (0..<x.rows).map { i in
        let distances = (0..<x.rows).filter { $0 != i }.map { distance2(x, i, x, $0) }.sorted()
        return distances[k - 1]
    }
}

/// Tilings that make a few dozen rows cross many tile boundaries, with one and two workers.
private let smallTilings: [NeighbourSweep.Tiling] = [
    .init(rowBlock: 3, columnBlock: 5, workers: 1),
    .init(rowBlock: 3, columnBlock: 5, workers: 2),
    .init(rowBlock: 1, columnBlock: 1, workers: 2),
    .init(rowBlock: 7, columnBlock: 9, workers: 2),
    .init(rowBlock: 16, columnBlock: 40, workers: 2),
    .standard,
    // Projected bounds: one, two and four leading directions, the rest recomputed where a bound reaches.
    .init(rowBlock: 3, columnBlock: 5, workers: 2, projection: .columns(1)),
    .init(rowBlock: 7, columnBlock: 9, workers: 2, projection: .columns(2)),
    .init(rowBlock: 16, columnBlock: 40, workers: 1, projection: .columns(4)),
]

@Suite("Neighbour sweeps: nearest rows, grouped rows and balls from one pass")
struct NeighbourSweepTests {
    /// Integer rows make every dot product exact and many of them tie, so ties must go to the lower index.
    @Test(arguments: smallTilings)
    func withinEqualsBruteForceWithTies(tiling: NeighbourSweep.Tiling) throws {
        let x = RandomMatrices.integers(rows: 41, columns: 6, range: 2, seed: 7)
        for k in [1, 3, 8] {
            let side = try NeighbourSweep.within(MatrixRows(x), SweepRequest(k: k), tiling: tiling)
            let expected = bruteForce(x, x, k: k) { $0 == $1 }
            #expect(side.neighbours?.indices == expected.indices, "k = \(k)")
            #expect(side.neighbours?.similarities.map(Double.init) == expected.similarities, "k = \(k)")
        }
    }

    @Test(arguments: smallTilings)
    func groupedNeighboursStayInTheirGroup(tiling: NeighbourSweep.Tiling) throws {
        let x = RandomMatrices.integers(rows: 37, columns: 5, range: 3, seed: 11)
        let groups: [Int32] = (0..<37).map { $0 % 5 == 4 ? -1 : Int32($0 % 3) }
        let request = SweepRequest(k: 2, grouped: [GroupedNeighbours(k: 3, groups: groups)])
        let side = try NeighbourSweep.within(MatrixRows(x), request, tiling: tiling)
        let expected = bruteForce(x, x, k: 3) { q, r in q == r || groups[q] < 0 || groups[r] != groups[q] }
        #expect(side.grouped.first?.indices == expected.indices)
        #expect(side.grouped.first?.similarities.map(Double.init) == expected.similarities)
        #expect(side.neighbours?.indices == bruteForce(x, x, k: 2) { $0 == $1 }.indices)
    }

    /// Only labelled columns: every row, labelled or not, gets neighbours among the labelled rows.
    @Test func maskedColumns() throws {
        let x = RandomMatrices.integers(rows: 30, columns: 4, range: 3, seed: 3)
        let columns: [Int32] = (0..<30).map { $0 % 4 == 0 ? -1 : 0 }
        let request = SweepRequest(
            grouped: [
                GroupedNeighbours(k: 4, rowGroups: [Int32](repeating: 0, count: 30), columnGroups: columns)
            ])
        let side = try NeighbourSweep.within(MatrixRows(x), request, tiling: smallTilings[1])
        let expected = bruteForce(x, x, k: 4) { q, r in q == r || columns[r] < 0 }
        #expect(side.grouped.first?.indices == expected.indices)
    }

    @Test(arguments: smallTilings)
    func betweenReadsBothDirections(tiling: NeighbourSweep.Tiling) throws {
        let a = RandomMatrices.integers(rows: 23, columns: 5, range: 2, seed: 5)
        let b = RandomMatrices.integers(rows: 31, columns: 5, range: 2, seed: 6)
        let groupsA: [Int32] = (0..<23).map { Int32($0 % 2) }
        let groupsB: [Int32] = (0..<31).map { $0 % 7 == 0 ? -1 : Int32($0 % 2) }
        let (sideA, sideB) = try NeighbourSweep.between(
            MatrixRows(a), MatrixRows(b),
            SweepRequest(k: 3, grouped: [GroupedNeighbours(k: 2, rowGroups: groupsA, columnGroups: groupsB)]),
            SweepRequest(k: 4, grouped: [GroupedNeighbours(k: 1, rowGroups: groupsB, columnGroups: groupsA)]),
            tiling: tiling)
        #expect(sideA.neighbours?.indices == bruteForce(a, b, k: 3).indices)
        #expect(sideB.neighbours?.indices == bruteForce(b, a, k: 4).indices)
        let groupedA = bruteForce(a, b, k: 2) { q, r in groupsB[r] != groupsA[q] }
        let groupedB = bruteForce(b, a, k: 1) { q, r in groupsB[q] < 0 || groupsA[r] != groupsB[q] }
        #expect(sideA.grouped.first?.indices == groupedA.indices)
        #expect(sideB.grouped.first?.indices == groupedB.indices)
    }

    @Test func searchExcludingSameIndex() throws {
        let a = RandomMatrices.integers(rows: 19, columns: 3, range: 2, seed: 9)
        let b = RandomMatrices.integers(rows: 19, columns: 3, range: 2, seed: 10)
        let list = try NeighbourSweep.search(queries: a, references: b, k: 2, excludingSameIndex: true)
        #expect(list.indices == bruteForce(a, b, k: 2) { $0 == $1 }.indices)
        let itself = try NeighbourSweep.search(queries: a, references: a, k: 2, excludingSameIndex: true)
        #expect(itself.indices == bruteForce(a, a, k: 2) { $0 == $1 }.indices)
    }

    /// Unit float rows: the graph is the brute force's up to float rounding of near-ties.
    @Test func unitRowsMatchBruteForce() throws {
        let x = RandomMatrices.uniform(rows: 300, columns: 24, seed: 2026)
        let side = try NeighbourSweep.within(MatrixRows(x), SweepRequest(k: 5))
        let expected = bruteForce(x, x, k: 5) { $0 == $1 }
        let list = try #require(side.neighbours)
        for position in 0..<expected.indices.count {
            #expect(abs(Double(list.similarities[position]) - expected.similarities[position]) < 1e-5)
        }
        let agreeing = zip(list.indices, expected.indices).filter { $0 == $1 }.count
        #expect(agreeing >= expected.indices.count - 3)
    }

    /// A view of some rows of a larger matrix reads only those rows, numbered from 0.
    @Test func viewsAreNumberedFromZero() throws {
        let x = RandomMatrices.integers(rows: 40, columns: 4, range: 2, seed: 12)
        let view = MatrixRows(x, rows: 10..<30)
        let side = try NeighbourSweep.within(view, SweepRequest(k: 2), tiling: smallTilings[0])
        let copy = view.materialized()
        #expect(side.neighbours?.indices == bruteForce(copy, copy, k: 2) { $0 == $1 }.indices)
    }

    @Test(arguments: smallTilings)
    func ballCountsAreExact(tiling: NeighbourSweep.Tiling) throws {
        for seed: UInt64 in [1, 2, 3] {
            // Integer rows: many distances tie exactly with a radius (strictly inside is required).
            let a = RandomMatrices.integers(rows: 26, columns: 4, range: 2, seed: seed)
            let b = RandomMatrices.integers(rows: 33, columns: 4, range: 2, seed: seed + 100)
            let k = 3
            let radiiA = bruteRadii2(a, k: k)
            let radiiB = bruteRadii2(b, k: k)
            let (sideA, sideB) = try NeighbourSweep.between(
                MatrixRows(a), MatrixRows(b), SweepRequest(ballRadii2: radiiA), SweepRequest(ballRadii2: radiiB),
                tiling: tiling)
            let countsA = (0..<a.rows).map { i in
                Int32((0..<b.rows).filter { distance2(a, i, b, $0) < radiiB[$0] }.count)
            }
            let countsB = (0..<b.rows).map { j in
                Int32((0..<a.rows).filter { distance2(a, $0, b, j) < radiiA[$0] }.count)
            }
            let occupiedA = (0..<a.rows).map { i in (0..<b.rows).contains { distance2(a, i, b, $0) < radiiA[i] } }
            let occupiedB = (0..<b.rows).map { j in (0..<a.rows).contains { distance2(a, $0, b, j) < radiiB[j] } }
            #expect(sideA.ballCounts == countsA)
            #expect(sideB.ballCounts == countsB)
            #expect(sideA.ballOccupied == occupiedA)
            #expect(sideB.ballOccupied == occupiedB)
        }
    }

    @Test func ballCountsOfUnitRowsMatchDoublePrecision() throws {
        let a = RandomMatrices.uniform(rows: 120, columns: 16, seed: 31)
        let b = RandomMatrices.uniform(rows: 90, columns: 16, seed: 32)
        let radiiA = bruteRadii2(a, k: 5)
        let radiiB = bruteRadii2(b, k: 5)
        let (sideA, sideB) = try NeighbourSweep.between(
            MatrixRows(a), MatrixRows(b), SweepRequest(ballRadii2: radiiA), SweepRequest(ballRadii2: radiiB))
        let countsA = (0..<a.rows).map { i in Int32((0..<b.rows).filter { distance2(a, i, b, $0) < radiiB[$0] }.count) }
        let occupiedB = (0..<b.rows).map { j in (0..<a.rows).contains { distance2(a, $0, b, j) < radiiB[j] } }
        #expect(sideA.ballCounts == countsA)
        #expect(sideB.ballOccupied == occupiedB)
        #expect(countsA.reduce(0, +) > 0)
    }

    @Test(arguments: [1, 4])
    func radiiAreExact(k: Int) throws {
        for x in [
            RandomMatrices.integers(rows: 30, columns: 3, range: 1, seed: 4),
            RandomMatrices.uniform(rows: 80, columns: 8, seed: 5),
            RandomMatrices.uniform(rows: 60, columns: 8, seed: 6, normalized: false),
        ] {
            let expected = bruteRadii2(x, k: k)
            // Few candidates (k) and ties force the exhaustive fallback; k + 3 lets the proof work.
            for candidates in [k, k + 3, x.rows - 1] {
                let graph = try #require(NeighbourSweep.within(MatrixRows(x), SweepRequest(k: candidates)).neighbours)
                #expect(BallRadii.exact(MatrixRows(x), candidates: graph, k: k) == expected, "\(candidates) candidates")
            }
        }
    }

    @Test func radiiOfDuplicatedRowsAreZero() throws {
        // Rows 0…9 are one vector repeated; rows 10… are spread. The duplicates' 4-NN radius is 0 and holds
        // without the exhaustive fallback (no candidate list can prove it against ties otherwise).
        let spread = RandomMatrices.uniform(rows: 50, columns: 8, seed: 9)
        var storage = [Float]()
        for _ in 0..<10 { storage += Array(spread.storage[0..<8]) }
        storage += spread.storage[8...]
        let x = try Matrix(rows: 59, columns: 8, storage: storage)
        let graph = try #require(NeighbourSweep.within(MatrixRows(x), SweepRequest(k: 7)).neighbours)
        let radii = BallRadii.exact(MatrixRows(x), candidates: graph, k: 4)
        #expect(radii == bruteRadii2(x, k: 4))
        #expect(radii[0..<10].allSatisfy { $0 == 0 })
        #expect(radii[10...].allSatisfy { $0 > 0 })
    }

    @Test func sameResultWhateverTheTiling() throws {
        let x = RandomMatrices.uniform(rows: 200, columns: 12, seed: 77)
        let groups: [Int32] = (0..<200).map { Int32($0 % 4) }
        let request = SweepRequest(k: 4, grouped: [GroupedNeighbours(k: 2, groups: groups)])
        // Plain sweeps agree bit for bit, and so do projected ones (their products are summed in a fixed
        // order); the two kinds round products differently, which ProjectedBoundsTests compares.
        for projected in [false, true] {
            let tilings = smallTilings.filter { ($0.projection != .automatic) == projected }
            let results = try tilings.map { try NeighbourSweep.within(MatrixRows(x), request, tiling: $0) }
            for result in results.dropFirst() { #expect(result == results[0]) }
        }
    }

    @Test func degenerateSizes() throws {
        let empty = Matrix(rows: 0, columns: 3)
        #expect(try NeighbourSweep.within(MatrixRows(empty), SweepRequest(k: 2)).neighbours?.indices == [])
        let one = RandomMatrices.uniform(rows: 1, columns: 3, seed: 1)
        #expect(try NeighbourSweep.within(MatrixRows(one), SweepRequest(k: 2)).neighbours?.indices == [-1, -1])
        let zeroColumns = Matrix(rows: 3, columns: 0)
        let side = try NeighbourSweep.within(MatrixRows(zeroColumns), SweepRequest(k: 1))
        #expect(side.neighbours?.similarities == [0, 0, 0])
        #expect(side.neighbours?.indices == [1, 0, 0])
    }

    @Test func rejectsBadInput() throws {
        let a = RandomMatrices.uniform(rows: 3, columns: 4, seed: 1)
        let b = RandomMatrices.uniform(rows: 3, columns: 5, seed: 1)
        #expect(throws: NeighbourGraphsError.dimensionMismatch(first: 4, second: 5)) {
            try NeighbourSweep.between(MatrixRows(a), MatrixRows(b), SweepRequest(k: 1), SweepRequest())
        }
        for bad in [Float.nan, .infinity, 1e20] {
            var values = a.storage
            values[5] = bad
            let matrix = try Matrix(rows: 3, columns: 4, storage: values)
            #expect(throws: NeighbourGraphsError.nonFinite(row: 1)) {
                try NeighbourSweep.within(MatrixRows(matrix), SweepRequest(k: 1))
            }
        }
    }
}
