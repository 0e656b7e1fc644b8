import AssayTestSupport
import LinearAlgebra
import NeighbourGraphs
import Testing

/// Unit rows whose coordinates shrink geometrically (by `decay` per column) around `clusters` centres, so
/// a few leading directions hold most of each row, as with sentence embeddings.
private func decaying(rows: Int, columns: Int, clusters: Int, decay: Float, seed: UInt64) -> Matrix {
    let base = RandomMatrices.clustered(rows: rows, columns: columns, clusters: clusters, spread: 0.4, seed: seed)
    var values = base.storage
    for row in 0..<rows {
        var scale: Float = 1
        var norm: Float = 0
        for column in 0..<columns {
            values[row * columns + column] *= scale
            norm += values[row * columns + column] * values[row * columns + column]
            scale *= decay
        }
        let inverse = 1 / norm.squareRoot()
        for column in 0..<columns { values[row * columns + column] *= inverse }
    }
    return Matrix(uncheckedRows: rows, columns: columns, storage: values)
}

/// Squared k-NN radii by brute force in double precision.
private func radii2(_ x: Matrix, k: Int) -> [Double] {
    (0..<x.rows).map { i in
        var distances: [Double] = []
        for j in 0..<x.rows where j != i {
            var sum = 0.0
            for c in 0..<x.columns {
                let difference = Double(x[i, c]) - Double(x[j, c])
                sum += difference * difference
            }
            distances.append(sum)
        }
        distances.sort()
        return distances[k - 1]
    }
}

/// The same lists, counts and flags: slot by slot the similarities agree within the rounding of two
/// single-precision products (2·10⁻⁶), and the rows agree except where two candidates are that close (the
/// two sweeps round products differently, so such near-ties may be ordered either way).
private func expectSame(_ projected: SweepSide, _ plain: SweepSide, _ note: String) {
    func same(_ a: NeighbourList?, _ b: NeighbourList?) {
        #expect((a == nil) == (b == nil), "\(note): lists")
        guard let a, let b else { return }
        #expect(a.k == b.k && a.indices.count == b.indices.count, "\(note): sizes")
        var mismatches = 0
        for slot in 0..<min(a.indices.count, b.indices.count) {
            let x = a.similarities[slot]
            let y = b.similarities[slot]
            let close = x == y || abs(x - y) <= 2e-6
            if !close { mismatches += 1 }
            if a.indices[slot] != b.indices[slot] {
                // Another row only where the slot's neighbours of the query are a near-tie.
                let row = slot / a.k
                let tied = (0..<a.k).contains { other in
                    other != slot % a.k && a.indices[row * a.k + other] == b.indices[slot]
                        || abs(b.similarities[row * b.k + other] - x) <= 2e-6 && other != slot % a.k
                }
                if !(close && tied) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0, "\(note): \(mismatches) slots differ")
    }
    same(projected.neighbours, plain.neighbours)
    #expect(projected.grouped.count == plain.grouped.count, "\(note): grouped lists")
    for (a, b) in zip(projected.grouped, plain.grouped) { same(a, b) }
    #expect(projected.ballCounts == plain.ballCounts, "\(note): ball counts")
    #expect(projected.ballOccupied == plain.ballOccupied, "\(note): occupied balls")
}

@Suite("Projected bounds: exact sweeps that multiply the leading directions first")
struct ProjectedBoundsTests {
    static let tilings: [(String, NeighbourSweep.Tiling)] = [
        ("m = 2", .init(rowBlock: 16, columnBlock: 40, workers: 2, projection: .columns(2))),
        ("m = 6", .init(rowBlock: 64, columnBlock: 100, workers: 2, projection: .columns(6))),
        ("m = 12", .init(rowBlock: 512, columnBlock: 4_096, workers: 1, projection: .columns(12))),
        ("m = d", .init(rowBlock: 7, columnBlock: 9, workers: 2, projection: .columns(24))),
    ]
    static let plain = NeighbourSweep.Tiling(rowBlock: 512, columnBlock: 4_096, workers: 2, projection: .off)

    @Test func withinGivesTheListsOfThePlainSweep() throws {
        let x = decaying(rows: 400, columns: 24, clusters: 12, decay: 0.85, seed: 3)
        let groups: [Int32] = (0..<400).map { $0 % 7 == 6 ? -1 : Int32($0 % 3) }
        let request = SweepRequest(k: 10, grouped: [GroupedNeighbours(k: 4, groups: groups)])
        let expected = try NeighbourSweep.within(MatrixRows(x), request, tiling: Self.plain)
        for (name, tiling) in Self.tilings {
            expectSame(try NeighbourSweep.within(MatrixRows(x), request, tiling: tiling), expected, name)
        }
    }

    @Test func betweenGivesTheListsAndBallsOfThePlainSweep() throws {
        let a = decaying(rows: 300, columns: 24, clusters: 10, decay: 0.85, seed: 5)
        let b = decaying(rows: 260, columns: 24, clusters: 10, decay: 0.85, seed: 6)
        let labelsA: [Int32] = (0..<300).map { Int32($0 % 2) }
        let labelsB: [Int32] = (0..<260).map { $0 % 5 == 0 ? -1 : Int32($0 % 2) }
        let forA = SweepRequest(
            k: 8, grouped: [GroupedNeighbours(k: 3, rowGroups: labelsA, columnGroups: labelsB)],
            ballRadii2: radii2(a, k: 5))
        let forB = SweepRequest(k: 4, ballRadii2: radii2(b, k: 5))
        let expected = try NeighbourSweep.between(MatrixRows(a), MatrixRows(b), forA, forB, tiling: Self.plain)
        #expect((expected.0.ballCounts ?? []).reduce(0, +) > 0, "the balls must hold some rows for the test to bite")
        for (name, tiling) in Self.tilings {
            let found = try NeighbourSweep.between(MatrixRows(a), MatrixRows(b), forA, forB, tiling: tiling)
            expectSame(found.0, expected.0, "\(name), first side")
            expectSame(found.1, expected.1, "\(name), second side")
        }
    }

    /// Rows with no spectral decay at all: the bounds prune little, and what they keep must still be exact.
    @Test func flatSpectrumStaysExact() throws {
        let x = RandomMatrices.uniform(rows: 150, columns: 16, seed: 9)
        let expected = try NeighbourSweep.within(MatrixRows(x), SweepRequest(k: 5), tiling: Self.plain)
        let found = try NeighbourSweep.within(
            MatrixRows(x), SweepRequest(k: 5),
            tiling: .init(rowBlock: 32, columnBlock: 50, workers: 2, projection: .columns(3)))
        expectSame(found, expected, "flat")
    }

    /// Similarities of a projected sweep do not depend on tiling or threads.
    @Test func projectedSimilaritiesDoNotDependOnTiling() throws {
        let x = decaying(rows: 250, columns: 24, clusters: 8, decay: 0.8, seed: 12)
        let results = try Self.tilings.dropLast().map { _, tiling in
            try NeighbourSweep.within(
                MatrixRows(x), SweepRequest(k: 6),
                tiling: .init(
                    rowBlock: tiling.rowBlock, columnBlock: tiling.columnBlock, workers: tiling.workers,
                    projection: .columns(4)))
        }
        for result in results.dropFirst() { #expect(result == results[0]) }
    }

    /// Above the size where the automatic mode looks, rows with a fast-falling spectrum are projected and
    /// rows without one are not; either way the lists are the plain sweep's.
    @Test func automaticModeProjectsOnlyWhereItPays() throws {
        let rows = 8_300
        let structured = decaying(rows: rows, columns: 64, clusters: 40, decay: 0.9, seed: 21)
        let request = SweepRequest(k: 5)
        #expect(NeighbourSweep.projectedColumns(MatrixRows(structured), nil, request, SweepRequest()) != nil)
        let flat = RandomMatrices.uniform(rows: rows, columns: 64, seed: 22)
        #expect(NeighbourSweep.projectedColumns(MatrixRows(flat), nil, request, SweepRequest()) == nil)
        let expected = try NeighbourSweep.within(MatrixRows(structured), request, tiling: Self.plain)
        let automatic = try NeighbourSweep.within(MatrixRows(structured), request)
        expectSame(automatic, expected, "automatic")
    }
}
