import Dispatch
import LinearAlgebra
import Synchronization

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
        /// Whether exact sweeps multiply leading directions first (``ProjectedBounds``).
        package var projection: ProjectedBounds.Mode

        /// 512 × 4096 tiles (8 MB); OpenBLAS threads each product, the workers read it.
        package static let standard = Tiling(rowBlock: 512, columnBlock: 4096, workers: nil)

        package init(rowBlock: Int, columnBlock: Int, workers: Int?, projection: ProjectedBounds.Mode = .automatic) {
            precondition(rowBlock >= 1 && columnBlock >= 1, "blocks must not be empty")
            self.rowBlock = rowBlock
            self.columnBlock = columnBlock
            self.workers = workers
            self.projection = projection
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
        let bounds = ProjectedBounds.make(
            first: side, second: side, firstRequest: request, secondRequest: request, selfSweep: true,
            mode: tiling.projection)
        let pass = Pass(
            first: side, second: side, selfSweep: true, excludingSameIndex: false, tiling: tiling,
            schedule: .full(rows: rows.count, columns: rows.count, selfSweep: true, tiling: tiling), bounds: bounds)
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
            let bounds =
                excludingSameIndex
                ? nil
                : ProjectedBounds.make(
                    first: first, second: second, firstRequest: forA, secondRequest: forB, selfSweep: false,
                    mode: tiling.projection)
            let pass = Pass(
                first: first, second: second, selfSweep: false, excludingSameIndex: excludingSameIndex, tiling: tiling,
                schedule: .full(rows: a.count, columns: b.count, selfSweep: false, tiling: tiling), bounds: bounds)
            pass.run()
        }
        return (first.result(), second.result())
    }

    /// Every value finite and at most 1e15 in magnitude, so no product is NaN or infinite.
    static func checkFinite(_ rows: MatrixRows) throws(NeighbourGraphsError) {
        let d = rows.columns
        var bad: Int?
        rows.forEachBlock(blockRows: 4_096) { block, values in
            guard bad == nil else { return }
            for index in 0..<values.count where !(abs(values[index]) <= 1e15) {
                bad = block.lowerBound + index / max(d, 1)
                return
            }
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
    /// The approximate-neighbour index failed (its message: parameters, memory).
    case index(String)
    /// Rows could not be stored in cluster order (the scratch file could not be made).
    case storage(String)

    /// One lowercase line.
    public var description: String {
        switch self {
        case .dimensionMismatch(let first, let second):
            "the sets have \(first) and \(second) columns"
        case .nonFinite(let row):
            "row \(row) holds a value that is not finite (or above 1e15 in magnitude)"
        case .index(let message):
            "the approximate-neighbour index failed: \(message)"
        case .storage(let message):
            message
        }
    }
}

// MARK: - State of one side

/// The kept neighbours of `rows` rows, `k` each, best first; each row written by one thread at a time.
final class TopK: @unchecked Sendable {
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
    /// with a lower index. The kept list is the same whatever order candidates arrive in.
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

    /// Offers every entry `other` kept.
    func absorb(_ other: TopK) {
        for row in 0..<rows {
            for slot in 0..<other.k {
                let index = other.indices[row * other.k + slot]
                guard index >= 0 else { break }
                offer(row, other.values[row * other.k + slot], index)
            }
        }
    }

    func list() -> NeighbourList {
        NeighbourList(
            k: k, indices: Array(UnsafeBufferPointer(start: indices, count: rows * k)),
            similarities: Array(UnsafeBufferPointer(start: values, count: rows * k)))
    }
}

/// One side of a sweep: its rows, what it keeps, and for ball counts its norms and thresholds.
final class SideState: @unchecked Sendable {
    let rows: MatrixRows
    let best: TopK?
    let grouped: [GroupedNeighbours]
    let groupedBest: [TopK]
    /// ‖x‖² per row, in double precision.
    let norms2: [Double]
    let maxNorm2: Double
    /// Per row: ‖x‖²/2 rounded down to Float (the cheap first test of a ball comparison).
    let halfNorms: [Float]
    /// This side's squared radii, when it gave them; then ``ballEdges`` is set.
    private(set) var radii2: [Double]?
    /// Per row: a lower bound, in Float, on (‖y‖² − r²(y))/2 minus the rounding slack: a row x of the
    /// other side can be inside y's ball only if x·y ≥ ballEdges[y] + halfNorms[x].
    private(set) var ballEdges: [Float] = []
    /// Per row: how many balls of the other side contain it (when the other side gave radii); rows are
    /// written by several threads, each its own rows, so this is raw memory rather than an array.
    let counts: UnsafeMutablePointer<Int32>
    var countsWanted = false
    /// Per row: whether its own ball contains some row of the other side.
    let occupied: UnsafeMutablePointer<Bool>

    init(rows: MatrixRows, request: SweepRequest, otherCount: Int) {
        self.rows = rows
        best = request.k > 0 ? TopK(rows: rows.count, k: request.k) : nil
        for entry in request.grouped {
            precondition(entry.rowGroups.count == rows.count, "one group per row")
            precondition(entry.columnGroups.count == otherCount, "one group per row of the other side")
        }
        grouped = request.grouped
        groupedBest = request.grouped.map { TopK(rows: rows.count, k: $0.k) }
        let d = rows.columns
        var norms: [Double] = []
        norms.reserveCapacity(rows.count)
        rows.forEachBlock(blockRows: 4_096) { block, values in
            for row in 0..<block.count {
                var sum = 0.0
                for column in (row * d)..<((row + 1) * d) { sum += Double(values[column]) * Double(values[column]) }
                norms.append(sum)
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
            let edge =
                (norms2[y] - radii[y]) / 2 - bound * (norms2[y] + otherMaxNorm) / 2
                - 1e-5 * (1 + norms2[y] + abs(radii[y]) + otherMaxNorm)
            return Float(edge).nextDown.nextDown
        }
    }

    func result() -> SweepSide {
        SweepSide(
            neighbours: best?.list(), grouped: groupedBest.map { $0.list() },
            ballCounts: countsWanted ? Array(UnsafeBufferPointer(start: counts, count: rows.count)) : nil,
            ballOccupied: radii2 == nil ? nil : Array(UnsafeBufferPointer(start: occupied, count: rows.count)))
    }
}

/// What one worker finds for the second side's rows (the tiles' columns): kept apart per worker, merged
/// when every tile is done, so no two threads write the same row.
final class ColumnState: @unchecked Sendable {
    let best: TopK?
    let grouped: [TopK]
    let counts: UnsafeMutablePointer<Int32>
    let occupied: UnsafeMutablePointer<Bool>

    init(_ side: SideState) {
        best = side.best.map { TopK(rows: $0.rows, k: $0.k) }
        grouped = side.groupedBest.map { TopK(rows: $0.rows, k: $0.k) }
        counts = .allocate(capacity: max(side.rows.count, 1))
        counts.initialize(repeating: 0, count: max(side.rows.count, 1))
        occupied = .allocate(capacity: max(side.rows.count, 1))
        occupied.initialize(repeating: false, count: max(side.rows.count, 1))
    }

    deinit {
        counts.deallocate()
        occupied.deallocate()
    }
}

// MARK: - The pass

/// One pass over the tiles of first·secondᵀ. Each worker takes whole row blocks of the first side (the
/// next one free), multiplies them with single-threaded `sgemm` into its own tile and reads the tile row
/// by row: for the first side's rows (which only it writes) and for the second side's rows (into its own
/// ``ColumnState``, merged at the end). For a set against itself only the pairs with the second index
/// above the first are multiplied and read, each for both rows.
struct Pass: @unchecked Sendable {
    let first: SideState
    let second: SideState
    let selfSweep: Bool
    let excludingSameIndex: Bool
    let tiling: NeighbourSweep.Tiling
    let schedule: TileSchedule
    /// The id each row of the first side is kept under in neighbour lists (its position when `nil`): a
    /// pruned sweep reorders rows by cluster but ranks ties by the original row numbers.
    let firstIds: [Int32]?
    /// The same for the second side.
    let secondIds: [Int32]?
    let dimension: Int
    let bound: Double
    /// Bounds from leading directions, when the pass multiplies those first (exact full schedules only).
    let bounds: ProjectedBounds?

    init(
        first: SideState, second: SideState, selfSweep: Bool, excludingSameIndex: Bool, tiling: NeighbourSweep.Tiling,
        schedule: TileSchedule, firstIds: [Int32]? = nil, secondIds: [Int32]? = nil, bounds: ProjectedBounds? = nil
    ) {
        self.bounds = bounds
        self.first = first
        self.second = second
        self.selfSweep = selfSweep
        self.excludingSameIndex = excludingSameIndex
        self.tiling = tiling
        self.schedule = schedule
        self.firstIds = firstIds
        self.secondIds = secondIds
        dimension = first.rows.columns
        bound = Self.roundingBound(dimension)
        if first.radii2 != nil && !selfSweep { second.countsWanted = true }
        if second.radii2 != nil && !selfSweep { first.countsWanted = true }
    }

    /// |fl(x·y) − x·y| ≤ γ_d ‖x‖‖y‖ ≤ γ_d (‖x‖² + ‖y‖²)/2, so the approximate squared distance is within
    /// this factor times (‖x‖² + ‖y‖²) of the exact one (with a margin of 2).
    static func roundingBound(_ dimension: Int) -> Double { 2.02 * Double(dimension + 2) * 0x1p-24 }

    /// The id row `position` of the first side is kept under.
    @inline(__always) func firstId(_ position: Int) -> Int32 {
        firstIds.map { $0[position] } ?? Int32(truncatingIfNeeded: position)
    }

    /// The id row `position` of the second side is kept under.
    @inline(__always) func secondId(_ position: Int) -> Int32 {
        secondIds.map { $0[position] } ?? Int32(truncatingIfNeeded: position)
    }

    func run() {
        let blocks = schedule.blocks.count
        guard blocks > 0 else { return }
        let workers = min(max(1, tiling.workers ?? BLAS.threadCount), blocks)
        let columns = (0..<workers).map { _ in ColumnState(second) }
        let next = Atomic<Int>(0)
        let work: @Sendable (Int) -> Void = { worker in
            let state = columns[worker]
            let capacity = schedule.largestRowBlock * min(tiling.columnBlock, second.rows.count)
            let tile = UnsafeMutablePointer<Float>.allocate(capacity: max(capacity, 1))
            defer { tile.deallocate() }
            let scratch = bounds.map { _ in ProjectedScratch(columns: min(tiling.columnBlock, second.rows.count)) }
            first.rows.withUnsafeBufferPointer { a in
                second.rows.withUnsafeBufferPointer { b in
                    while true {
                        let block = next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard block < blocks else { break }
                        runBlock(schedule.blocks[block], tile: tile, a: a, b: b, columns: state, scratch: scratch)
                    }
                }
            }
        }
        if workers <= 1 {
            work(0)
        } else {
            // Each worker runs its own single-threaded products; OpenBLAS's threads would only spin.
            let saved = BLAS.threadCount
            BLAS.setThreadCount(1)
            defer { BLAS.setThreadCount(saved) }
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        for state in columns {
            if let best = state.best { second.best?.absorb(best) }
            for (kept, found) in zip(second.groupedBest, state.grouped) { kept.absorb(found) }
            for row in 0..<second.rows.count {
                second.counts[row] += state.counts[row]
                if state.occupied[row] { second.occupied[row] = true }
            }
        }
    }

    private func runBlock(
        _ block: TileSchedule.RowBlock, tile: UnsafeMutablePointer<Float>, a: UnsafeBufferPointer<Float>,
        b: UnsafeBufferPointer<Float>, columns: ColumnState, scratch: ProjectedScratch?
    ) {
        let rowStart = block.rows.lowerBound
        let rowCount = block.rows.count
        for range in block.columns {
            var columnStart = range.lowerBound
            while columnStart < range.upperBound {
                let width = bounds == nil ? tiling.columnBlock : min(tiling.columnBlock, projectedColumnBlock)
                let columnCount = min(width, range.upperBound - columnStart)
                if let bounds, let scratch {
                    runProjectedTile(
                        bounds, tile: tile, a: a, b: b, rowStart: rowStart, rowCount: rowCount,
                        columnStart: columnStart, columnCount: columnCount, columns: columns, scratch: scratch)
                    columnStart += columnCount
                    continue
                }
                fill(tile, a, b, rowStart, rowCount, columnStart, columnCount)
                let block = Block(
                    tile: tile, a: a, b: b, rowStart: rowStart, rowCount: rowCount, columnStart: columnStart,
                    columnCount: columnCount)
                readRows(block)
                readColumns(block, columns)
                columnStart += columnCount
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
    private struct Block {
        let tile: UnsafeMutablePointer<Float>
        let a: UnsafeBufferPointer<Float>
        let b: UnsafeBufferPointer<Float>
        let rowStart: Int
        let rowCount: Int
        let columnStart: Int
        let columnCount: Int

        var rows: PairRows { PairRows(a: a, b: b) }

        /// The first tile column row `r` reads: in a sweep of a set against itself, the columns above it.
        @inline(__always) func firstColumn(_ r: Int, selfSweep: Bool) -> Int {
            selfSweep ? min(columnCount, max(0, rowStart + r + 1 - columnStart)) : 0
        }
    }

    // MARK: Rows of the first side

    private func readRows(_ block: Block) {
        let wantsBalls = second.radii2 != nil || first.radii2 != nil
        for r in 0..<block.rowCount {
            let row = block.rowStart + r
            let from = block.firstColumn(r, selfSweep: selfSweep)
            guard from < block.columnCount else { continue }
            let values = UnsafePointer(block.tile + r * block.columnCount)
            let excluded = excludingSameIndex ? row - block.columnStart : -1
            if let best = first.best {
                scanTop(
                    best, row: row, values: values, from: from, to: block.columnCount, firstIndex: block.columnStart,
                    excluded: excluded)
            }
            for (request, best) in zip(first.grouped, first.groupedBest) {
                let group = request.rowGroups[row]
                guard group >= 0 else { continue }
                request.columnGroups.withUnsafeBufferPointer { groups in
                    scanGrouped(
                        best, row: row, group: group, values: values, groups: groups, from: from,
                        to: block.columnCount, firstIndex: block.columnStart, excluded: excluded)
                }
            }
            if wantsBalls { rowBalls(block, r: r, values: values) }
        }
    }

    /// Offers columns `from..<to` of a tile row (column c is row `firstIndex + c` of the other side).
    private func scanTop(
        _ best: TopK, row: Int, values: UnsafePointer<Float>, from: Int, to: Int, firstIndex: Int, excluded: Int
    ) {
        var threshold = best.threshold(row)
        var c = from
        while c + Chunk.width <= to {
            if Chunk.reaches(values + c, threshold) {
                for t in c..<(c + Chunk.width) where values[t] >= threshold && t != excluded {
                    best.offer(row, values[t], secondId(firstIndex + t))
                    threshold = best.threshold(row)
                }
            }
            c += Chunk.width
        }
        while c < to {
            if values[c] >= threshold && c != excluded {
                best.offer(row, values[c], secondId(firstIndex + c))
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
        guard let base = groups.baseAddress else { return }
        let groupBase = base + firstIndex
        var threshold = best.threshold(row)
        var c = from
        while c < to {
            let end = min(c + Chunk.width, to)
            if end - c == Chunk.width && !Chunk.reaches(values + c, groups: groupBase + c, group, threshold) {
                c = end
                continue
            }
            for t in c..<end where groupBase[t] == group && values[t] >= threshold && t != excluded {
                best.offer(row, values[t], secondId(firstIndex + t))
                threshold = best.threshold(row)
            }
            c = end
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
                forEachCandidate(values, edges: edges, offset: block.columnStart, plus: half, count: block.columnCount)
                {
                    c in
                    let y = block.columnStart + c
                    if inside(values[c], first, x, second, y, radius2: radii[y], block.rows) { count += 1 }
                }
            }
            first.counts[x] += count
        }
        // Some column inside x's own ball?
        if let radii = first.radii2, !first.occupied[x] {
            let edge = first.ballEdges[x]
            var found = false
            second.halfNorms.withUnsafeBufferPointer { halves in
                forEachCandidate(values, edges: halves, offset: block.columnStart, plus: edge, count: block.columnCount)
                {
                    c in
                    guard !found else { return }
                    let y = block.columnStart + c
                    if inside(values[c], second, y, first, x, radius2: radii[x], block.rows) { found = true }
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
        let limits = base + offset
        var c = 0
        while c < count {
            let end = min(c + Chunk.width, count)
            if end - c == Chunk.width && !Chunk.reaches(values + c, limits + c, plus: plus) {
                c = end
                continue
            }
            for t in c..<end where values[t] >= limits[t] + plus { body(t) }
            c = end
        }
    }

    /// Whether row `x` of `xs` lies inside the ball of row `y` of `ys` (‖x − y‖² < radius2), given their
    /// single-precision dot product: decided from the product unless it is within the rounding bound of the
    /// radius, then from the rows in double precision.
    @inline(__always)
    func inside(
        _ dot: Float, _ xs: SideState, _ x: Int, _ ys: SideState, _ y: Int, radius2: Double, _ block: PairRows
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

    /// Reads the tile row by row for the second side's rows, each column keeping its threshold in a small
    /// contiguous array, so the tile streams through the cache once per request.
    private func readColumns(_ block: Block, _ state: ColumnState) {
        if let best = state.best { columnTop(best, block) }
        for (request, best) in zip(second.grouped, state.grouped) { columnGrouped(request, best, block) }
        if !selfSweep && (first.radii2 != nil || second.radii2 != nil) { columnBalls(block, state) }
    }

    /// Offers the tile's rows to the kept neighbours of its columns (rows of the second side).
    private func columnTop(_ best: TopK, _ block: Block) {
        let width = block.columnCount
        var thresholds = [Float](repeating: 0, count: width)
        for c in 0..<width { thresholds[c] = best.threshold(block.columnStart + c) }
        thresholds.withUnsafeMutableBufferPointer { thresholds in
            guard let t = thresholds.baseAddress else { return }
            for r in 0..<block.rowCount {
                let row = Int32(truncatingIfNeeded: block.rowStart + r)
                let values = UnsafePointer(block.tile + r * width)
                var c = block.firstColumn(r, selfSweep: selfSweep)
                while c < width {
                    let end = min(c + Chunk.width, width)
                    if end - c == Chunk.width && !Chunk.reaches(values + c, UnsafePointer(t + c)) {
                        c = end
                        continue
                    }
                    for column in c..<end where values[column] >= t[column] {
                        offerColumn(best, column, values[column], row, block, t)
                    }
                    c = end
                }
            }
        }
    }

    @inline(__always)
    private func offerColumn(
        _ best: TopK, _ c: Int, _ value: Float, _ row: Int32, _ block: Block, _ thresholds: UnsafeMutablePointer<Float>
    ) {
        let column = block.columnStart + c
        guard !(excludingSameIndex && Int(row) == column) else { return }
        best.offer(column, value, firstId(Int(row)))
        thresholds[c] = best.threshold(column)
    }

    /// As ``columnTop(_:_:)`` among the tile rows of each column's group.
    private func columnGrouped(_ request: GroupedNeighbours, _ best: TopK, _ block: Block) {
        let width = block.columnCount
        var thresholds = [Float](repeating: .infinity, count: width)
        for c in 0..<width where request.rowGroups[block.columnStart + c] >= 0 {
            thresholds[c] = best.threshold(block.columnStart + c)
        }
        thresholds.withUnsafeMutableBufferPointer { thresholds in
            request.rowGroups.withUnsafeBufferPointer { rowGroups in
                guard let t = thresholds.baseAddress, let base = rowGroups.baseAddress else { return }
                let groups = base + block.columnStart
                for r in 0..<block.rowCount {
                    let row = block.rowStart + r
                    let group = request.columnGroups[row]
                    guard group >= 0 else { continue }
                    let values = UnsafePointer(block.tile + r * width)
                    var c = block.firstColumn(r, selfSweep: selfSweep)
                    while c < width {
                        let end = min(c + Chunk.width, width)
                        if end - c == Chunk.width
                            && !Chunk.reaches(values + c, UnsafePointer(t + c), groups: groups + c, group)
                        {
                            c = end
                            continue
                        }
                        for column in c..<end where groups[column] == group && values[column] >= t[column] {
                            offerColumn(best, column, values[column], Int32(truncatingIfNeeded: row), block, t)
                        }
                        c = end
                    }
                }
            }
        }
    }

    /// Ball comparisons of every tile row x with the columns (rows y of the second side): y inside x's ball
    /// counts for y; x inside y's ball marks y's ball occupied.
    private func columnBalls(_ block: Block, _ state: ColumnState) {
        let width = block.columnCount
        let start = block.columnStart
        for r in 0..<block.rowCount {
            let x = block.rowStart + r
            let values = UnsafePointer(block.tile + r * width)
            if let radii = first.radii2 {
                let edge = first.ballEdges[x]
                second.halfNorms.withUnsafeBufferPointer { halves in
                    forEachCandidate(values, edges: halves, offset: start, plus: edge, count: width) { c in
                        let y = start + c
                        if inside(values[c], second, y, first, x, radius2: radii[x], block.rows) {
                            state.counts[y] += 1
                        }
                    }
                }
            }
            if let radii = second.radii2 {
                let half = first.halfNorms[x]
                second.ballEdges.withUnsafeBufferPointer { edges in
                    forEachCandidate(values, edges: edges, offset: start, plus: half, count: width) { c in
                        let y = start + c
                        if !state.occupied[y] && inside(values[c], first, x, second, y, radius2: radii[y], block.rows) {
                            state.occupied[y] = true
                        }
                    }
                }
            }
        }
    }
}

// MARK: - Schedules

/// The tiles a pass multiplies: blocks of the first side's rows, each with the ranges of the second side's
/// rows it is multiplied with. The full schedule meets every row with every other (in a sweep of a set
/// against itself, each row with the rows after it); a pruned one (``ClusterPruning``) only rows of
/// neighbouring clusters.
package struct TileSchedule: Sendable {
    /// A block of rows of the first side and the second side's rows it meets.
    package struct RowBlock: Sendable, Equatable {
        /// Consecutive rows of the first side (at most the tiling's row block).
        package var rows: Range<Int>
        /// Ranges of rows of the second side, in increasing order, not overlapping.
        package var columns: [Range<Int>]
    }

    /// The blocks, in the order workers take them.
    package var blocks: [RowBlock]
    /// The most rows of any block (sizes the workers' tiles).
    package var largestRowBlock: Int

    package init(blocks: [RowBlock]) {
        self.blocks = blocks
        largestRowBlock = blocks.map(\.rows.count).max() ?? 0
    }

    /// Every pair: row blocks of `tiling.rowBlock`, each against all `columns` rows (in a sweep of a set
    /// against itself, the rows from the block's first row on).
    static func full(rows: Int, columns: Int, selfSweep: Bool, tiling: NeighbourSweep.Tiling) -> TileSchedule {
        let size = max(1, min(tiling.rowBlock, rows))
        let blocks = stride(from: 0, to: rows, by: size).map { start in
            RowBlock(rows: start..<min(start + size, rows), columns: [(selfSweep ? start : 0)..<columns])
        }
        return TileSchedule(blocks: blocks)
    }

    /// The multiply-adds the schedule costs per column of the vectors (in a sweep of a set against itself,
    /// counting the tiles' lower triangles the pass skips as well).
    var products: Int {
        blocks.reduce(0) { total, block in total + block.rows.count * block.columns.reduce(0) { $0 + $1.count } }
    }
}

// MARK: - Chunked tests

/// Tests run on 32 tile values at a time: elementwise work in SIMD registers and one horizontal
/// reduction per chunk (Swift's per-vector reductions are slow on baseline x86-64, so they are kept rare).
private enum Chunk {
    static let width = 32

    @inline(__always) static func load(_ pointer: UnsafePointer<Float>, _ offset: Int) -> SIMD8<Float> {
        UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) static func load(_ pointer: UnsafePointer<Int32>, _ offset: Int) -> SIMD8<Int32> {
        UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD8<Int32>.self)
    }

    @inline(__always) static func larger(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: b .> a)
    }

    /// The largest lane, by halving (the standard library's `max()` walks the lanes one by one).
    @inline(__always) static func largest(_ v: SIMD8<Float>) -> Float {
        let low = v.lowHalf
        let high = v.highHalf
        let four = low.replacing(with: high, where: high .> low)
        let two = four.lowHalf.replacing(with: four.highHalf, where: four.highHalf .> four.lowHalf)
        return two[0] > two[1] ? two[0] : two[1]
    }

    /// Whether some value of the 32 at `values` is at least `threshold`.
    @inline(__always) static func reaches(_ values: UnsafePointer<Float>, _ threshold: Float) -> Bool {
        let m = larger(larger(load(values, 0), load(values, 8)), larger(load(values, 16), load(values, 24)))
        return largest(m) >= threshold
    }

    /// Whether some value of the 32 at `values` is at least the value at the same place of `limits`
    /// plus `plus`.
    @inline(__always) static func reaches(
        _ values: UnsafePointer<Float>, _ limits: UnsafePointer<Float>, plus: Float = 0
    ) -> Bool {
        let add = SIMD8<Float>(repeating: plus)
        let d0 = load(values, 0) - (load(limits, 0) + add)
        let d1 = load(values, 8) - (load(limits, 8) + add)
        let d2 = load(values, 16) - (load(limits, 16) + add)
        let d3 = load(values, 24) - (load(limits, 24) + add)
        return largest(larger(larger(d0, d1), larger(d2, d3))) >= 0
    }

    /// Whether some value of the 32 at `values` whose group (at `groups`) is `group` is at least `threshold`.
    @inline(__always) static func reaches(
        _ values: UnsafePointer<Float>, groups: UnsafePointer<Int32>, _ group: Int32, _ threshold: Float
    ) -> Bool {
        let wanted = SIMD8<Int32>(repeating: group)
        let floor = SIMD8<Float>(repeating: -.infinity)
        func masked(_ offset: Int) -> SIMD8<Float> {
            load(values, offset).replacing(with: floor, where: load(groups, offset) .!= wanted)
        }
        return largest(larger(larger(masked(0), masked(8)), larger(masked(16), masked(24)))) >= threshold
    }

    /// Whether some value of the 32 at `values` whose group (at `groups`) is `group` is at least the value
    /// at the same place of `limits`.
    @inline(__always) static func reaches(
        _ values: UnsafePointer<Float>, _ limits: UnsafePointer<Float>, groups: UnsafePointer<Int32>, _ group: Int32
    ) -> Bool {
        let wanted = SIMD8<Int32>(repeating: group)
        let floor = SIMD8<Float>(repeating: -.infinity)
        func masked(_ offset: Int) -> SIMD8<Float> {
            (load(values, offset) - load(limits, offset)).replacing(with: floor, where: load(groups, offset) .!= wanted)
        }
        return largest(larger(larger(masked(0), masked(8)), larger(masked(16), masked(24)))) >= 0
    }
}
