import Dispatch
import LinearAlgebra

/// Exact nearest-neighbour graphs and neighbourhood-ball counts from one blocked pass over the dot
/// products of two sets of rows (or of one set with itself).
///
/// The full similarity matrix is never held: a block of rows of one side is multiplied with a block of the
/// other (`sgemm`) into a reusable tile, and every request reads that tile before the next is computed. So
/// the nearest rows overall, the nearest rows of the same label or half, and the counts of the balls
/// that contain each row all cost one product, whatever the number of requests.
///
/// Callers pass L2-normalised rows when they want cosine similarity. Ties are broken by the lower row
/// index, so the result does not depend on tiling or threads, only on the similarities; those come from
/// `sgemm` and can differ in the last bits between machines and thread counts.
public enum NeighbourSweep {
    /// Tiling and threading; package-visible so tests can force many small tiles.
    package struct Tiling: Sendable {
        /// Rows of the first side per tile.
        package var rowBlock: Int
        /// Rows of the second side per tile.
        package var columnBlock: Int
        /// Threads that read each tile; `nil` means ``LinearAlgebra/BLAS/threadCount``.
        package var workers: Int?

        /// 512 × 4096 tiles (8 MB); OpenBLAS threads each product, the workers read it.
        package static let standard = Tiling(rowBlock: 512, columnBlock: 4096, workers: nil)

        package init(rowBlock: Int, columnBlock: Int, workers: Int?) {
            precondition(rowBlock >= 1 && columnBlock >= 1, "blocks must not be empty")
            self.rowBlock = rowBlock
            self.columnBlock = columnBlock
            self.workers = workers
        }
    }

    /// What `request` asks for, for each row of `rows` against the other rows of the same set (a row is
    /// never its own neighbour).
    ///
    /// Each pair of rows is multiplied once and read from both ends, so the pass costs half of a search
    /// of the set against a copy of itself. Ball counts need two sets: ``between(_:_:_:_:)``.
    ///
    /// - Throws: ``NeighbourGraphsError/nonFinite(row:)`` when a value is NaN, infinite or above 10¹⁵ in
    ///   magnitude.
    /// - Complexity: O(N²·d / 2) in `sgemm` tiles, plus O(N²) reads of the tiles per request (O(N²·k) in
    ///   the worst case); memory O(N·k) per request plus one tile of at most 512×4096 floats.
    public static func within(_ rows: MatrixRows, _ request: SweepRequest) throws(NeighbourGraphsError) -> SweepSide {
        try within(rows, request, tiling: .standard)
    }

    /// What `forA` asks for each row of `a` against the rows of `b`, and `forB` for each row of `b`
    /// against the rows of `a`, from one pass over the products a·bᵀ.
    ///
    /// Ball counts: when `forB` gives radii, each row of `a` learns how many balls of `b` contain it
    /// (``SweepSide/ballCounts``) and each row of `b` whether its ball contains some row of `a`
    /// (``SweepSide/ballOccupied``); likewise the other way round when `forA` gives radii. Distances are
    /// Euclidean: a comparison whose single-precision value lies within a rigorous bound of the radius is
    /// recomputed from the rows in double precision, so every decision is that of exact arithmetic.
    ///
    /// - Throws: ``NeighbourGraphsError/dimensionMismatch(first:second:)`` when the column counts differ;
    ///   ``NeighbourGraphsError/nonFinite(row:)`` as ``within(_:_:)``.
    /// - Complexity: O(N·M·d) in `sgemm` tiles, plus O(N·M) reads per request and O(d) per comparison that
    ///   falls within the rounding bound; memory O((N + M)·k) plus one tile.
    public static func between(_ a: MatrixRows, _ b: MatrixRows, _ forA: SweepRequest, _ forB: SweepRequest)
        throws(NeighbourGraphsError) -> (SweepSide, SweepSide)
    {
        try between(a, b, forA, forB, tiling: .standard)
    }

    /// For each row of `queries`, the `k` rows of `references` with the largest dot product, best first
    /// (ties to the lower index); with `excludingSameIndex`, reference `i` is skipped for query `i` (for a
    /// matrix searched against itself, prefer ``within(_:_:)``, which multiplies each pair once).
    ///
    /// - Returns: N·k neighbours; entries beyond the number of candidates are `-1` / `-.infinity`.
    /// - Throws: as ``between(_:_:_:_:)``.
    /// - Complexity: O(N·M·d) in `sgemm` tiles; memory O(N·k) plus one tile.
    public static func search(queries: Matrix, references: Matrix, k: Int, excludingSameIndex: Bool = false)
        throws(NeighbourGraphsError) -> NeighbourList
    {
        precondition(k >= 1, "k must be at least 1")
        if excludingSameIndex && queries == references {
            return try within(MatrixRows(queries), SweepRequest(k: k)).neighbours
                ?? NeighbourList(k: k, indices: [], similarities: [])
        }
        let (side, _) = try between(
            MatrixRows(queries), MatrixRows(references), SweepRequest(k: k), SweepRequest(),
            tiling: .standard, excludingSameIndex: excludingSameIndex)
        return side.neighbours ?? NeighbourList(k: k, indices: [], similarities: [])
    }

    // MARK: - Drivers

    package static func within(_ rows: MatrixRows, _ request: SweepRequest, tiling: Tiling)
        throws(NeighbourGraphsError) -> SweepSide
    {
        precondition(request.ballRadii2 == nil, "ball counts need two sets: use between(_:_:_:_:)")
        try checkFinite(rows)
        let side = SideState(rows: rows, request: request, otherCount: rows.count)
        guard rows.count >= 2, !request.isEmpty else { return side.result() }
        let pass = Pass(first: side, second: side, selfSweep: true, excludingSameIndex: false, tiling: tiling)
        pass.run()
        return side.result()
    }

    package static func between(
        _ a: MatrixRows, _ b: MatrixRows, _ forA: SweepRequest, _ forB: SweepRequest, tiling: Tiling,
        excludingSameIndex: Bool = false
    ) throws(NeighbourGraphsError) -> (SweepSide, SweepSide) {
        guard a.columns == b.columns else { throw .dimensionMismatch(first: a.columns, second: b.columns) }
        try checkFinite(a)
        try checkFinite(b)
        let first = SideState(rows: a, request: forA, otherCount: b.count)
        let second = SideState(rows: b, request: forB, otherCount: a.count)
        first.prepareBalls(own: forA.ballRadii2, otherMaxNorm: second.maxNorm2, dimension: a.columns)
        second.prepareBalls(own: forB.ballRadii2, otherMaxNorm: first.maxNorm2, dimension: b.columns)
        let needed = !forA.isEmpty || !forB.isEmpty || forA.ballRadii2 != nil || forB.ballRadii2 != nil
        if a.count > 0, b.count > 0, needed {
            let pass = Pass(
                first: first, second: second, selfSweep: false, excludingSameIndex: excludingSameIndex, tiling: tiling)
            pass.run()
        }
        return (first.result(), second.result())
    }

    /// Every value finite and at most 1e15 in magnitude, so no product is NaN or infinite.
    private static func checkFinite(_ rows: MatrixRows) throws(NeighbourGraphsError) {
        let d = rows.columns
        let bad: Int? = rows.withUnsafeBufferPointer { values in
            for index in 0..<values.count where !(abs(values[index]) <= 1e15) { return index / max(d, 1) }
            return nil
        }
        if let bad { throw .nonFinite(row: bad) }
    }
}

/// Errors of the `NeighbourGraphs` module.
public enum NeighbourGraphsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The two sets have vectors of different lengths.
    case dimensionMismatch(first: Int, second: Int)
    /// A row holds NaN, an infinity or a value above 10¹⁵ in magnitude.
    case nonFinite(row: Int)

    /// One lowercase line.
    public var description: String {
        switch self {
        case .dimensionMismatch(let first, let second):
            "the sets have \(first) and \(second) columns"
        case .nonFinite(let row):
            "row \(row) holds a value that is not finite (or above 1e15 in magnitude)"
        }
    }
}

// MARK: - State of one side

/// The kept neighbours of `rows` rows, `k` each, best first; written by several threads, each on its
/// own rows.
private final class TopK: @unchecked Sendable {
    let k: Int
    let rows: Int
    let indices: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<Float>

    init(rows: Int, k: Int) {
        self.k = k
        self.rows = rows
        indices = .allocate(capacity: max(rows * k, 1))
        values = .allocate(capacity: max(rows * k, 1))
        indices.initialize(repeating: -1, count: max(rows * k, 1))
        values.initialize(repeating: -.infinity, count: max(rows * k, 1))
    }

    deinit {
        indices.deallocate()
        values.deallocate()
    }

    /// The value a candidate must reach to be considered (ties are then decided by index).
    @inline(__always) func threshold(_ row: Int) -> Float { values[row * k + k - 1] }

    /// Keeps `index` with `value` if it beats the row's last kept entry: a larger value, or an equal one
    /// with a lower index.
    @inline(__always) func offer(_ row: Int, _ value: Float, _ index: Int32) {
        let base = row * k
        let lastValue = values[base + k - 1]
        guard value > lastValue || (value == lastValue && index < indices[base + k - 1]) else { return }
        var position = k - 1
        while position > 0 {
            let previousValue = values[base + position - 1]
            let previousIndex = indices[base + position - 1]
            guard value > previousValue || (value == previousValue && index < previousIndex) else { break }
            values[base + position] = previousValue
            indices[base + position] = previousIndex
            position -= 1
        }
        values[base + position] = value
        indices[base + position] = index
    }

    func list() -> NeighbourList {
        NeighbourList(
            k: k, indices: Array(UnsafeBufferPointer(start: indices, count: rows * k)),
            similarities: Array(UnsafeBufferPointer(start: values, count: rows * k)))
    }
}

/// A grouped request's state: the kept neighbours and both group arrays.
private final class GroupedTopK: @unchecked Sendable {
    let best: TopK
    /// This side's groups.
    let rowGroups: [Int32]
    /// The other side's groups.
    let columnGroups: [Int32]

    init(_ request: GroupedNeighbours, rows: Int, otherRows: Int) {
        precondition(request.rowGroups.count == rows, "one group per row")
        precondition(request.columnGroups.count == otherRows, "one group per row of the other side")
        best = TopK(rows: rows, k: request.k)
        rowGroups = request.rowGroups
        columnGroups = request.columnGroups
    }
}

/// One side of a sweep: its rows, what it keeps, and for ball counts its norms and thresholds.
private final class SideState: @unchecked Sendable {
    let rows: MatrixRows
    let best: TopK?
    let grouped: [GroupedTopK]
    /// ‖x‖² per row, in double precision.
    let norms2: [Double]
    let maxNorm2: Double
    /// Per row: ‖x‖²/2 rounded down to Float (the cheap first test of a ball comparison).
    let halfNorms: [Float]
    /// This side's squared radii, when it gave them; then ``ballEdges`` and ``occupied`` are set.
    private(set) var radii2: [Double]?
    /// Per row: a lower bound, in Float, on (‖y‖² − r²(y))/2 minus the rounding slack: a row x of the
    /// other side can be inside y's ball only if x·y ≥ ballEdges[y] + halfNorms[x].
    private(set) var ballEdges: [Float] = []
    /// Counts of the other side's balls containing each row (when the other side gave radii).
    let counts: UnsafeMutablePointer<Int32>
    var countsWanted = false
    /// Whether each row's own ball contains some row of the other side.
    let occupied: UnsafeMutablePointer<Bool>

    init(rows: MatrixRows, request: SweepRequest, otherCount: Int) {
        self.rows = rows
        best = request.k > 0 ? TopK(rows: rows.count, k: request.k) : nil
        grouped = request.grouped.map { GroupedTopK($0, rows: rows.count, otherRows: otherCount) }
        let d = rows.columns
        let norms: [Double] = rows.withUnsafeBufferPointer { values in
            (0..<rows.count).map { row in
                var sum = 0.0
                for column in (row * d)..<((row + 1) * d) { sum += Double(values[column]) * Double(values[column]) }
                return sum
            }
        }
        norms2 = norms
        maxNorm2 = norms.max() ?? 0
        halfNorms = norms.map { Float($0 / 2).nextDown }
        counts = .allocate(capacity: max(rows.count, 1))
        counts.initialize(repeating: 0, count: max(rows.count, 1))
        occupied = .allocate(capacity: max(rows.count, 1))
        occupied.initialize(repeating: false, count: max(rows.count, 1))
        if let radii = request.ballRadii2 { precondition(radii.count == rows.count, "one radius per row") }
    }

    deinit {
        counts.deallocate()
        occupied.deallocate()
    }

    /// Records this side's radii and the thresholds that go with them.
    func prepareBalls(own radii: [Double]?, otherMaxNorm: Double, dimension: Int) {
        guard let radii else { return }
        radii2 = radii
        let bound = Pass.roundingBound(dimension)
        ballEdges = radii.indices.map { y in
            let edge = (norms2[y] - radii[y]) / 2 - bound * (norms2[y] + otherMaxNorm) / 2
                - 1e-5 * (1 + norms2[y] + abs(radii[y]) + otherMaxNorm)
            return Float(edge).nextDown.nextDown
        }
    }

    func result() -> SweepSide {
        SweepSide(
            neighbours: best?.list(), grouped: grouped.map { $0.best.list() },
            ballCounts: countsWanted ? Array(UnsafeBufferPointer(start: counts, count: rows.count)) : nil,
            ballOccupied: radii2 == nil ? nil : Array(UnsafeBufferPointer(start: occupied, count: rows.count)))
    }
}

// MARK: - The pass

/// One pass over the tiles of first·secondᵀ. For a set against itself (`selfSweep`) only the pairs with
/// the second index above the first are read, each for both rows.
private struct Pass: @unchecked Sendable {
    let first: SideState
    let second: SideState
    let selfSweep: Bool
    let excludingSameIndex: Bool
    let tiling: NeighbourSweep.Tiling
    let dimension: Int
    let bound: Double

    init(first: SideState, second: SideState, selfSweep: Bool, excludingSameIndex: Bool, tiling: NeighbourSweep.Tiling) {
        self.first = first
        self.second = second
        self.selfSweep = selfSweep
        self.excludingSameIndex = excludingSameIndex
        self.tiling = tiling
        dimension = first.rows.columns
        bound = Self.roundingBound(dimension)
        if first.radii2 != nil && !selfSweep { second.countsWanted = true }
        if second.radii2 != nil && !selfSweep { first.countsWanted = true }
    }

    /// |fl(x·y) − x·y| ≤ γ_d ‖x‖‖y‖ ≤ γ_d (‖x‖² + ‖y‖²)/2, so the approximate squared distance is within
    /// this factor times (‖x‖² + ‖y‖²) of the exact one (with a margin of 2).
    static func roundingBound(_ dimension: Int) -> Double { 2.02 * Double(dimension + 2) * 0x1p-24 }

    func run() {
        let n = first.rows.count
        let m = second.rows.count
        let rowBlock = min(tiling.rowBlock, n)
        let columnBlock = min(tiling.columnBlock, m)
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: max(rowBlock * columnBlock, 1))
        defer { tile.deallocate() }
        let workers = max(1, tiling.workers ?? BLAS.threadCount)
        first.rows.withUnsafeBufferPointer { a in
            second.rows.withUnsafeBufferPointer { b in
                var rowStart = 0
                while rowStart < n {
                    let rowCount = min(rowBlock, n - rowStart)
                    var columnStart = selfSweep ? rowStart : 0
                    while columnStart < m {
                        let columnCount = min(columnBlock, m - columnStart)
                        fill(tile, a, b, rowStart, rowCount, columnStart, columnCount)
                        let block = Block(
                            tile: tile, a: a, b: b, rowStart: rowStart, rowCount: rowCount, columnStart: columnStart,
                            columnCount: columnCount)
                        readRows(block, workers: workers)
                        readColumns(block, workers: workers)
                        columnStart += columnCount
                    }
                    rowStart += rowCount
                }
            }
        }
    }

    private func fill(
        _ tile: UnsafeMutablePointer<Float>, _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>,
        _ rowStart: Int, _ rowCount: Int, _ columnStart: Int, _ columnCount: Int
    ) {
        let d = dimension
        let output = UnsafeMutableBufferPointer(start: tile, count: rowCount * columnCount)
        guard d > 0 else {
            output.update(repeating: 0)
            return
        }
        BLAS.sgemm(
            .none, .transposed, m: rowCount, n: columnCount, k: d, alpha: 1,
            a: UnsafeBufferPointer(rebasing: a[(rowStart * d)..<((rowStart + rowCount) * d)]), lda: d,
            b: UnsafeBufferPointer(rebasing: b[(columnStart * d)..<((columnStart + columnCount) * d)]), ldb: d,
            beta: 0, c: output, ldc: columnCount)
    }

    /// The tile being read and where it sits.
    private struct Block: @unchecked Sendable {
        let tile: UnsafeMutablePointer<Float>
        let a: UnsafeBufferPointer<Float>
        let b: UnsafeBufferPointer<Float>
        let rowStart: Int
        let rowCount: Int
        let columnStart: Int
        let columnCount: Int

        @inline(__always) func value(_ row: Int, _ column: Int) -> Float { tile[row * columnCount + column] }
    }

    private func parallel(_ count: Int, workers: Int, alignment: Int = 1, _ body: @Sendable (Range<Int>) -> Void) {
        let chunks = min(workers, max(1, count / max(alignment, 16)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var lower = count * chunk / chunks
            var upper = count * (chunk + 1) / chunks
            lower -= lower % alignment
            if chunk + 1 < chunks { upper -= upper % alignment }
            body(lower..<upper)
        }
    }

    // MARK: Rows of the first side

    private func readRows(_ block: Block, workers: Int) {
        let wantsBalls = second.radii2 != nil || first.radii2 != nil
        guard first.best != nil || !first.grouped.isEmpty || wantsBalls else { return }
        parallel(block.rowCount, workers: workers) { rows in
            for r in rows {
                let row = block.rowStart + r
                // In a sweep of a set against itself, row i reads only columns above i.
                let from = selfSweep ? max(0, row + 1 - block.columnStart) : 0
                guard from < block.columnCount else { continue }
                let values = UnsafePointer(block.tile + r * block.columnCount)
                let excluded = excludingSameIndex ? row - block.columnStart : -1
                if let best = first.best {
                    scanTop(best, row: row, values: values, from: from, to: block.columnCount,
                        firstIndex: block.columnStart, excluded: excluded)
                }
                for grouped in first.grouped {
                    let group = grouped.rowGroups[row]
                    guard group >= 0 else { continue }
                    grouped.columnGroups.withUnsafeBufferPointer { groups in
                        scanGrouped(
                            grouped.best, row: row, group: group, values: values, groups: groups, from: from,
                            to: block.columnCount, firstIndex: block.columnStart, excluded: excluded)
                    }
                }
                if wantsBalls { rowBalls(block, r: r, values: values) }
            }
        }
    }

    /// Offers columns `from..<to` of a tile row (column c is row `firstIndex + c` of the other side).
    private func scanTop(
        _ best: TopK, row: Int, values: UnsafePointer<Float>, from: Int, to: Int, firstIndex: Int, excluded: Int
    ) {
        var threshold = best.threshold(row)
        var c = from
        while c + 32 <= to {
            let chunk = UnsafeRawPointer(values + c)
            let c0 = chunk.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self)
            let c1 = chunk.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            let c2 = chunk.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
            let c3 = chunk.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
            let m01 = c0.replacing(with: c1, where: c1 .> c0)
            let m23 = c2.replacing(with: c3, where: c3 .> c2)
            if m01.replacing(with: m23, where: m23 .> m01).max() >= threshold {
                for t in c..<(c + 32) where values[t] >= threshold && t != excluded {
                    best.offer(row, values[t], Int32(truncatingIfNeeded: firstIndex + t))
                    threshold = best.threshold(row)
                }
            }
            c += 32
        }
        while c < to {
            if values[c] >= threshold && c != excluded {
                best.offer(row, values[c], Int32(truncatingIfNeeded: firstIndex + c))
                threshold = best.threshold(row)
            }
            c += 1
        }
    }

    /// As ``scanTop(_:row:values:from:to:firstIndex:excluded:)`` among the columns of group `group`.
    private func scanGrouped(
        _ best: TopK, row: Int, group: Int32, values: UnsafePointer<Float>, groups: UnsafeBufferPointer<Int32>,
        from: Int, to: Int, firstIndex: Int, excluded: Int
    ) {
        guard let groupBase = groups.baseAddress else { return }
        var threshold = best.threshold(row)
        let wanted = SIMD8<Int32>(repeating: group)
        var c = from
        while c + 8 <= to {
            let v = UnsafeRawPointer(values + c).loadUnaligned(as: SIMD8<Float>.self)
            let g = UnsafeRawPointer(groupBase + firstIndex + c).loadUnaligned(as: SIMD8<Int32>.self)
            let mask = (g .== wanted) .& (v .>= SIMD8(repeating: threshold))
            if any(mask) {
                for lane in 0..<8 where mask[lane] && c + lane != excluded && v[lane] >= threshold {
                    best.offer(row, v[lane], Int32(truncatingIfNeeded: firstIndex + c + lane))
                    threshold = best.threshold(row)
                }
            }
            c += 8
        }
        while c < to {
            if groupBase[firstIndex + c] == group && values[c] >= threshold && c != excluded {
                best.offer(row, values[c], Int32(truncatingIfNeeded: firstIndex + c))
                threshold = best.threshold(row)
            }
            c += 1
        }
    }

    /// Ball comparisons of one row of the first side with every column of the tile.
    private func rowBalls(_ block: Block, r: Int, values: UnsafePointer<Float>) {
        let x = block.rowStart + r
        // x inside the balls of the second side's rows: count them.
        if let radii = second.radii2 {
            var count: Int32 = 0
            let half = first.halfNorms[x]
            second.ballEdges.withUnsafeBufferPointer { edges in
                forEachCandidate(values, edges: edges, offset: block.columnStart, plus: half, count: block.columnCount) {
                    c in
                    let y = block.columnStart + c
                    if inside(values[c], first, x, second, y, radius2: radii[y], block) { count += 1 }
                }
            }
            first.counts[x] += count
        }
        // Some column inside x's own ball?
        if let radii = first.radii2, !first.occupied[x] {
            let edge = first.ballEdges[x]
            var found = false
            second.halfNorms.withUnsafeBufferPointer { halves in
                forEachCandidate(values, edges: halves, offset: block.columnStart, plus: edge, count: block.columnCount) {
                    c in
                    guard !found else { return }
                    let y = block.columnStart + c
                    if inside(values[c], second, y, first, x, radius2: radii[x], block) { found = true }
                }
            }
            if found { first.occupied[x] = true }
        }
    }

    /// Calls `body` for each column c with values[c] ≥ thresholds[offset + c] + plus (the conservative
    /// first test of a ball comparison).
    @inline(__always)
    private func forEachCandidate(
        _ values: UnsafePointer<Float>, edges: UnsafeBufferPointer<Float>, offset: Int, plus: Float, count: Int,
        _ body: (Int) -> Void
    ) {
        guard let base = edges.baseAddress else { return }
        let add = SIMD8<Float>(repeating: plus)
        var c = 0
        while c + 8 <= count {
            let v = UnsafeRawPointer(values + c).loadUnaligned(as: SIMD8<Float>.self)
            let e = UnsafeRawPointer(base + offset + c).loadUnaligned(as: SIMD8<Float>.self)
            let mask = v .>= e + add
            if any(mask) {
                for lane in 0..<8 where mask[lane] { body(c + lane) }
            }
            c += 8
        }
        while c < count {
            if values[c] >= base[offset + c] + plus { body(c) }
            c += 1
        }
    }

    /// Whether row `x` of `xs` lies inside the ball of row `y` of `ys` (‖x − y‖² < radius2), given their
    /// single-precision dot product: decided from the product unless it is within the rounding bound of the
    /// radius, then from the rows in double precision.
    @inline(__always)
    private func inside(
        _ dot: Float, _ xs: SideState, _ x: Int, _ ys: SideState, _ y: Int, radius2: Double, _ block: Block
    ) -> Bool {
        let normX = xs.norms2[x]
        let normY = ys.norms2[y]
        let approximate = normX + normY - 2 * Double(dot)
        guard abs(approximate - radius2) <= bound * (normX + normY) else { return approximate < radius2 }
        // The first side's rows are `block.a`, the second's `block.b`.
        let xValues = xs === first ? block.a : block.b
        let yValues = ys === first ? block.a : block.b
        let d = dimension
        var sum = 0.0
        for column in 0..<d {
            let difference = Double(xValues[x * d + column]) - Double(yValues[y * d + column])
            sum += difference * difference
        }
        return sum < radius2
    }

    // MARK: Rows of the second side (the tile's columns)

    private func readColumns(_ block: Block, workers: Int) {
        // In a sweep of a set against itself the second side is the first: its rows are the columns.
        let side = second
        let wantsBalls = !selfSweep && (first.radii2 != nil || second.radii2 != nil)
        guard side.best != nil || !side.grouped.isEmpty || wantsBalls else { return }
        parallel(block.columnCount, workers: workers, alignment: 8) { columns in
            var c = columns.lowerBound
            while c < columns.upperBound {
                let width = min(8, columns.upperBound - c)
                if let best = side.best { columnTop(best, block, c, width) }
                for grouped in side.grouped { columnGrouped(grouped, block, c, width) }
                if wantsBalls { columnBalls(block, c, width) }
                c += width
            }
        }
    }

    /// The rows of the tile that column `c` reads: in a sweep of a set against itself, those below it.
    @inline(__always) private func rowLimit(_ block: Block, column c: Int) -> Int {
        selfSweep ? min(block.rowCount, max(0, block.columnStart + c - block.rowStart)) : block.rowCount
    }

    /// Offers the tile's rows to the kept neighbours of columns c..<c+width (rows of the second side).
    private func columnTop(_ best: TopK, _ block: Block, _ c: Int, _ width: Int) {
        let firstColumn = block.columnStart + c
        if width == 8 && !excludingSameIndex {
            var thresholds = SIMD8<Float>()
            var limits = SIMD8<Int32>()
            for lane in 0..<8 {
                thresholds[lane] = best.threshold(firstColumn + lane)
                limits[lane] = Int32(rowLimit(block, column: c + lane))
            }
            let rows = Int(limits.max())
            for r in 0..<rows {
                let v = UnsafeRawPointer(block.tile + r * block.columnCount + c).loadUnaligned(as: SIMD8<Float>.self)
                let mask = (v .>= thresholds) .& (SIMD8<Int32>(repeating: Int32(r)) .< limits)
                guard any(mask) else { continue }
                for lane in 0..<8 where mask[lane] {
                    best.offer(firstColumn + lane, v[lane], Int32(truncatingIfNeeded: block.rowStart + r))
                    thresholds[lane] = best.threshold(firstColumn + lane)
                }
            }
            return
        }
        for lane in 0..<width {
            let column = firstColumn + lane
            var threshold = best.threshold(column)
            for r in 0..<rowLimit(block, column: c + lane) {
                let value = block.value(r, c + lane)
                guard value >= threshold, !(excludingSameIndex && block.rowStart + r == column) else { continue }
                best.offer(column, value, Int32(truncatingIfNeeded: block.rowStart + r))
                threshold = best.threshold(column)
            }
        }
    }

    /// As ``columnTop(_:_:_:_:)`` among the tile rows of each column's group.
    private func columnGrouped(_ grouped: GroupedTopK, _ block: Block, _ c: Int, _ width: Int) {
        let best = grouped.best
        let firstColumn = block.columnStart + c
        var thresholds = SIMD8<Float>(repeating: .infinity)
        var groups = SIMD8<Int32>(repeating: -1)
        var limits = SIMD8<Int32>(repeating: 0)
        for lane in 0..<width where grouped.rowGroups[firstColumn + lane] >= 0 {
            thresholds[lane] = best.threshold(firstColumn + lane)
            groups[lane] = grouped.rowGroups[firstColumn + lane]
            limits[lane] = Int32(rowLimit(block, column: c + lane))
        }
        let rows = Int(limits.max())
        for r in 0..<rows {
            let row = block.rowStart + r
            let group = grouped.columnGroups[row]
            guard group >= 0 else { continue }
            let v = loadLanes(block, row: r, column: c, width: width)
            let mask =
                (groups .== SIMD8(repeating: group)) .& (v .>= thresholds) .& (SIMD8<Int32>(repeating: Int32(r)) .< limits)
            guard any(mask) else { continue }
            for lane in 0..<width where mask[lane] && !(excludingSameIndex && row == firstColumn + lane) {
                best.offer(firstColumn + lane, v[lane], Int32(truncatingIfNeeded: row))
                thresholds[lane] = best.threshold(firstColumn + lane)
            }
        }
    }

    /// Up to 8 values of tile row `row` from column `column` (missing lanes −∞).
    @inline(__always)
    private func loadLanes(_ block: Block, row: Int, column: Int, width: Int) -> SIMD8<Float> {
        let pointer = block.tile + row * block.columnCount + column
        if width == 8 { return UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self) }
        var v = SIMD8<Float>(repeating: -.infinity)
        for lane in 0..<width { v[lane] = pointer[lane] }
        return v
    }

    /// Up to 8 values of `array` from `start` (missing lanes `filler`).
    @inline(__always)
    private func lanes(_ array: [Float], _ start: Int, _ width: Int, filler: Float) -> SIMD8<Float> {
        var v = SIMD8<Float>(repeating: filler)
        for lane in 0..<width { v[lane] = array[start + lane] }
        return v
    }

    /// Ball comparisons of columns c..<c+width (rows y of the second side) with every tile row x.
    private func columnBalls(_ block: Block, _ c: Int, _ width: Int) {
        let firstColumn = block.columnStart + c
        // Lanes beyond `width` get thresholds no value reaches.
        let halves = lanes(second.halfNorms, firstColumn, width, filler: .infinity)
        let edges = second.radii2 == nil ? SIMD8<Float>() : lanes(second.ballEdges, firstColumn, width, filler: .infinity)
        var counts = SIMD8<Int32>()
        var occupied = SIMD8<Int32>(repeating: 1)
        for lane in 0..<width where !second.occupied[firstColumn + lane] { occupied[lane] = 0 }
        for r in 0..<block.rowCount {
            let x = block.rowStart + r
            let v = loadLanes(block, row: r, column: c, width: width)
            // y inside the ball of x: count it for y.
            if let radii = first.radii2 {
                let mask = v .>= halves + SIMD8(repeating: first.ballEdges[x])
                if any(mask) {
                    for lane in 0..<width where mask[lane] {
                        let y = firstColumn + lane
                        if inside(v[lane], second, y, first, x, radius2: radii[x], block) { counts[lane] += 1 }
                    }
                }
            }
            // x inside the ball of y: y's ball is occupied.
            if let radii = second.radii2 {
                let mask = (v .>= edges + SIMD8(repeating: first.halfNorms[x])) .& (occupied .== 0)
                if any(mask) {
                    for lane in 0..<width where mask[lane] {
                        let y = firstColumn + lane
                        if inside(v[lane], first, x, second, y, radius2: radii[y], block) { occupied[lane] = 1 }
                    }
                }
            }
        }
        for lane in 0..<width {
            second.counts[firstColumn + lane] += counts[lane]
            if occupied[lane] == 1 { second.occupied[firstColumn + lane] = true }
        }
    }
}
