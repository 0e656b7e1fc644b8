import LinearAlgebra

/// Upper bounds on the dot products of a sweep from the rows' leading principal directions, so an exact
/// sweep multiplies m of the d columns for every pair and the whole rows only for the pairs whose bound
/// reaches what some request still needs.
///
/// With V the m leading eigenvectors of the rows' second-moment matrix (orthonormal), each row splits into
/// its projection p = Vᵀx and a residual of norm ρ = √(‖x‖² − ‖p‖²), and by Cauchy–Schwarz
/// x·y ≤ p_x·p_y + ρ_x·ρ_y. The bound is computed from single-precision projections (rounded from double) with
/// a margin that covers every rounding (the m-term product, the rounding of p, the bound's own sums), so it is
/// never below the exact product. A pair is skipped only when its bound is below the least of what its row
/// and its column still accept: each kept list's current k-th value, never below a floor proven from the rows
/// of the two nearest clusters (``NeighbourSweep/nearbyLists(_:_:_:_:probes:partition:clustersA:clustersB:)``),
/// and the ball edges.
/// Every other pair's product is recomputed from the rows (``Pass/exactDot(_:_:_:)``) and read exactly as a
/// tile value would be, so the lists, counts and flags are those of the exact sweep; only the last bit of a
/// similarity can differ from `sgemm`'s, which may reorder candidates within about 10⁻⁶ of each other.
///
/// Worth it when the rows' spectrum falls fast enough that few bounds reach the thresholds (the audit
/// benchmark's static vectors: 0.3–3 % of the pairs recomputed at m = 96–160 of 256); the automatic mode
/// estimates the cost on probe rows and leaves the sweep as it was when the projection would not pay.
package struct ProjectedBounds: @unchecked Sendable {
    /// How a sweep decides on projected bounds.
    package enum Mode: Sendable, Equatable {
        /// Estimated per sweep from probe rows when both sides have at least ``minimumRows`` rows.
        case automatic
        /// Never.
        case off
        /// Always, with this many leading directions (tests).
        case columns(Int)
    }

    /// Both sides must have at least this many rows for the automatic mode to consider projecting.
    static let minimumRows = 8_192
    /// Nearest clusters (its own first) whose rows give each row its floors.
    static let nearbyProbes = 2
    /// Rows whose whole lists the automatic mode measures to estimate the share of pairs that survive.
    static let probeRows = 96
    /// Rows per side whose second moments give the leading directions.
    static let momentRows = 32_768
    /// The cost of recomputing one surviving pair, in units of one pair's share of the full product
    /// (measured: about 12 on 256-dimensional static vectors, 2 cores).
    static let survivorCost = 12.0
    /// The cost of reading one bound and comparing it, in the same units.
    static let filterCost = 0.08

    /// Leading directions kept.
    let columns: Int
    /// The first side's projections, bounds and floors.
    let first: ProjectedRows
    /// The second side's (the same object in a sweep of a set against itself).
    let second: ProjectedRows

    // MARK: - Building

    /// The bounds for a sweep of `first` against `second` (the same side when `selfSweep`), or `nil` when
    /// `mode` says no or the estimate says the projection would not pay.
    ///
    /// - Complexity: O(S·d²) for the second moments of S ≤ ``momentRows`` rows per side; automatic, a
    ///   partition of the rows (O((N + M)·C·d)) and the probes' walks (``walkingShares(_:_:probing:_:through:clusters:selfSweep:asColumns:)``);
    ///   when projecting, O((N + M)·d·m) for the projections and
    ///   ``NeighbourSweep/nearbyLists(_:_:_:_:probes:partition:clustersA:clustersB:)`` for the floors.
    static func make(
        first: SideState, second: SideState, firstRequest: SweepRequest, secondRequest: SweepRequest,
        selfSweep: Bool, mode: Mode
    ) -> ProjectedBounds? {
        let d = first.rows.columns
        let candidates: [Int]
        switch mode {
        case .off:
            return nil
        case .columns(let m):
            candidates = [min(max(m, 1), d)]
        case .automatic:
            guard d >= 64, min(first.rows.count, second.rows.count) >= minimumRows else { return nil }
            candidates = [d / 4, 3 * d / 8, d / 2, 5 * d / 8].map { ($0 / 8) * 8 }
        }
        guard first.rows.count > 0, second.rows.count > 0, d > 0 else { return nil }
        let sides = selfSweep ? [first] : [first, second]
        let directions = leadingDirections(
            sides.map { MatrixRows($0.rows.selecting(evenlySpaced(momentRows, of: $0.rows.count))) },
            count: candidates.max() ?? 1)
        var columns = candidates[0]
        var clusters: Clusters?
        if mode == .automatic {
            guard let fitted = try? Clusters(first.rows, selfSweep ? nil : second.rows) else { return nil }
            clusters = fitted
            // Pairs survive on their row's account or on their column's: walk probes of each side through
            // the other side's rows in the order the pass reads them.
            let rowShares = walkingShares(
                candidates, directions, probing: first, firstRequest, through: second, clusters: fitted,
                selfSweep: selfSweep, asColumns: false)
            let columnShares = walkingShares(
                candidates, directions, probing: second, secondRequest, through: first, clusters: fitted,
                selfSweep: selfSweep, asColumns: true)
            let shares = zip(rowShares, columnShares).map { $0 + $1 }
            let costs = candidates.indices.map { index in
                Double(candidates[index]) / Double(d) + filterCost + survivorCost * shares[index]
            }
            guard let best = costs.indices.min(by: { costs[$0] < costs[$1] }), costs[best] < 0.85 else { return nil }
            columns = candidates[best]
        }
        let proven = floors(first, second, firstRequest, secondRequest, clusters: clusters, selfSweep: selfSweep)
        let firstRows = Projection(first.rows, norms2: first.norms2, directions: directions, candidates: [columns])
            .rows(0, floors: proven.first)
        let secondRows =
            selfSweep
            ? firstRows
            : Projection(second.rows, norms2: second.norms2, directions: directions, candidates: [columns])
                .rows(0, floors: proven.second)
        return ProjectedBounds(columns: columns, first: firstRows, second: secondRows)
    }

    /// At most `size` of `count` positions, evenly spaced (all of them when `count ≤ size`).
    static func evenlySpaced(_ size: Int, of count: Int) -> [Int] {
        let size = min(size, count)
        return (0..<size).map { $0 * count / size }
    }

    /// The `count` leading eigenvectors of Σ x xᵀ over the rows of `sides`, as a d×count row-major matrix in
    /// double precision (column j is the j-th direction).
    static func leadingDirections(_ sides: [MatrixRows], count: Int) -> [Double] {
        let d = sides[0].columns
        var moments = [Double](repeating: 0, count: d * d)
        for side in sides {
            for (index, value) in side.gramMatrixDouble().enumerated() { moments[index] += value }
        }
        var directions = [Double](repeating: 0, count: d * count)
        // dsyevd converges on any symmetric matrix of finite values (the rows were checked finite); should it
        // not, the first axes are directions too, only worse ones.
        guard let system = try? Matrix.symmetricEigensystem(moments, dimension: d) else {
            for j in 0..<min(d, count) { directions[j * count + j] = 1 }
            return directions
        }
        for j in 0..<count {
            let vector = d - 1 - j
            for i in 0..<d { directions[i * count + j] = system.vectors[vector * d + i] }
        }
        return directions
    }

    /// Per side, per request (its `k` list first, then each grouped list), per row: a value its final k-th
    /// similarity is proven not to fall below: the k-th best among the rows of its ``nearbyProbes`` nearest
    /// clusters (``NeighbourSweep/nearbyLists(_:_:_:_:probes:partition:clustersA:clustersB:)``), minus the
    /// rounding of that product
    /// and of the final one; −∞ where those hold fewer rows.
    static func floors(
        _ first: SideState, _ second: SideState, _ firstRequest: SweepRequest, _ secondRequest: SweepRequest,
        clusters: Clusters?, selfSweep: Bool
    ) -> (first: [[Float]], second: [[Float]]) {
        guard let clusters = clusters ?? (try? Clusters(first.rows, selfSweep ? nil : second.rows)),
            let (nearA, nearB) = try? NeighbourSweep.nearbyLists(
                first.rows, selfSweep ? nil : second.rows, firstRequest, secondRequest, probes: nearbyProbes,
                partition: clusters.partition, clustersA: clusters.first, clustersB: clusters.second)
        else { return ([], []) }
        let bound = Pass.roundingBound(first.rows.columns)
        func floors(_ side: SideState, _ request: SweepRequest, _ found: SweepSide, other: SideState) -> [[Float]] {
            func floorsOf(_ list: NeighbourList?) -> [Float] {
                guard let list else { return [] }
                return (0..<side.rows.count).map { row in
                    let slot = row * list.k + list.k - 1
                    guard list.indices[slot] >= 0 else { return -.infinity }
                    let slack = (bound + 1e-6) * (side.norms2[row] + other.maxNorm2)
                    return Float(Double(list.similarities[slot]) - slack).nextDown
                }
            }
            var result: [[Float]] = []
            if request.k > 0 { result.append(floorsOf(found.neighbours)) }
            for list in found.grouped { result.append(floorsOf(list)) }
            return result
        }
        let firstFloors = floors(first, firstRequest, nearA, other: second)
        return (firstFloors, selfSweep ? firstFloors : floors(second, secondRequest, nearB, other: first))
    }

    /// For each candidate count of directions, the share of the pairs that survive on `side`'s account:
    /// probe rows of `side` walk through the rows of `other` in the order the pass reads them (as rows of the
    /// first side: the other side's rows in order, in a sweep of a set against itself those after the probe;
    /// as rows of the second side, the columns: the first side's rows of every other block, which is what one
    /// of two workers reads, in a sweep against itself those before the probe). Each of the probe's lists
    /// starts from its floor (its k-th best among the rows of its ``nearbyProbes`` nearest clusters, as the
    /// pass's floors) and keeps its running k-th value from the exact products; a pair survives when its
    /// bound reaches the least of them or a ball edge.
    ///
    /// - Complexity: two passes of O(probes · M · d) in `sgemm` tiles, plus O(probes · M · Σ m) for the
    ///   bounds and O(M·d·max m) to project `other`.
    static func walkingShares(
        _ candidates: [Int], _ directions: [Double], probing side: SideState, _ request: SweepRequest,
        through other: SideState, clusters: Clusters, selfSweep: Bool, asColumns: Bool
    ) -> [Double] {
        guard !request.isEmpty || (!asColumns && (side.radii2 != nil || other.radii2 != nil)) else {
            return candidates.map { _ in 0 }
        }
        let probes = evenlySpaced(probeRows, of: side.rows.count)
            .map { min($0 + side.rows.count / (2 * probeRows), side.rows.count - 1) }
        let probeMatrix = side.rows.selecting(probes)
        let d = side.rows.columns
        let probeClusters = probes.map { asColumns ? clusters.second[$0] : clusters.first[$0] }
        let otherClusters = asColumns ? clusters.first : clusters.second
        // Lists per probe: the k list, then each grouped one (unused where the probe has no group).
        var sizes: [Int] = []
        if request.k > 0 { sizes.append(request.k) }
        sizes += request.grouped.map(\.k)
        let capacity = sizes.max() ?? 1
        func groupsOf(_ position: Int) -> [Int32] {
            request.grouped.map { $0.rowGroups[probes[position]] }
        }
        let probeGroups = probes.indices.map(groupsOf)
        func eachExactBlock(_ body: (Range<Int>, UnsafeBufferPointer<Float>, [Float]) -> Void) {
            other.rows.forEachBlock(blockRows: 4_096) { range, values in
                var exact = [Float](repeating: 0, count: probes.count * range.count)
                probeMatrix.storage.withUnsafeBufferPointer { p in
                    exact.withUnsafeMutableBufferPointer { output in
                        BLAS.sgemm(
                            .none, .transposed, m: probes.count, n: range.count, k: d, alpha: 1, a: p, lda: d,
                            b: values, ldb: d, beta: 0, c: output, ldc: range.count)
                    }
                }
                body(range, values, exact)
            }
        }
        /// Whether the pass reads the pair of probe `row` with row `y` of the other side on this side's account.
        func read(_ row: Int, _ y: Int) -> Bool {
            if selfSweep && (asColumns ? y >= row : y <= row) { return false }
            return !asColumns || (y / 512) % 2 == 0
        }
        /// Offers `value` of row `y` to probe `position`'s lists.
        func offerAll(_ lists: inout RunningBest, _ position: Int, _ y: Int, _ value: Float) {
            var slot = 0
            if request.k > 0 {
                lists.offer(position * sizes.count + slot, value)
                slot += 1
            }
            for (index, entry) in request.grouped.enumerated() {
                let group = probeGroups[position][index]
                if group >= 0 && entry.columnGroups[y] == group { lists.offer(position * sizes.count + slot, value) }
                slot += 1
            }
        }
        // The floors: each probe's lists among the rows of its nearest clusters, whatever the order.
        var floors = RunningBest(lists: probes.count, sizes: sizes, capacity: capacity)
        eachExactBlock { range, _, exact in
            for position in probes.indices {
                for y in range {
                    let offset = y - range.lowerBound
                    guard !(selfSweep && y == probes[position]),
                        clusters.partition.distance(probeClusters[position], otherClusters[y]) < Int32(nearbyProbes)
                    else { continue }
                    offerAll(&floors, position, y, exact[position * range.count + offset])
                }
            }
        }
        // The walk.
        var running = floors
        var surviving = [Int](repeating: 0, count: candidates.count)
        var checked = 0
        let probeProjection = Projection(
            MatrixRows(probeMatrix), norms2: probes.map { side.norms2[$0] }, directions: directions,
            candidates: candidates)
        let stride = probeProjection.stride
        eachExactBlock { range, values, exact in
            let width = range.count
            let blockProjection = Projection(
                MatrixRows(Matrix(uncheckedRows: width, columns: d, storage: Array(values))),
                norms2: range.map { other.norms2[$0] }, directions: directions, candidates: candidates)
            var bounds = [[Float]](repeating: [], count: candidates.count)
            for (candidate, m) in candidates.enumerated() {
                var tile = [Float](repeating: 0, count: probes.count * width)
                probeProjection.values.withUnsafeBufferPointer { p in
                    blockProjection.values.withUnsafeBufferPointer { q in
                        tile.withUnsafeMutableBufferPointer { output in
                            BLAS.sgemm(
                                .none, .transposed, m: probes.count, n: width, k: m, alpha: 1, a: p, lda: stride,
                                b: q, ldb: stride, beta: 0, c: output, ldc: width)
                        }
                    }
                }
                let residuals = blockProjection.residuals[candidate]
                let margins = blockProjection.margins[candidate]
                for position in probes.indices {
                    let rho = probeProjection.residuals[candidate][position]
                    let margin = probeProjection.margins[candidate][position]
                    for c in 0..<width { tile[position * width + c] += rho * residuals[c] + margin * margins[c] }
                }
                bounds[candidate] = tile
            }
            for (position, row) in probes.enumerated() {
                // Ball edges count on the first side's account only (the walk of the second side would
                // count the same pairs again).
                let ownEdge = side.radii2 != nil && !asColumns ? side.ballEdges[row] : Float.infinity
                let half = other.radii2 != nil && !asColumns ? side.halfNorms[row] : Float.infinity
                for c in 0..<width {
                    let y = range.lowerBound + c
                    guard read(row, y) else { continue }
                    var limit = Swift.min(
                        ownEdge + other.halfNorms[y], half.isFinite ? half + other.ballEdges[y] : .infinity)
                    var slot = 0
                    if request.k > 0 {
                        limit = Swift.min(limit, running.threshold(position * sizes.count + slot))
                        slot += 1
                    }
                    for (index, entry) in request.grouped.enumerated() {
                        let group = probeGroups[position][index]
                        if group >= 0 && entry.columnGroups[y] == group {
                            limit = Swift.min(limit, running.threshold(position * sizes.count + slot))
                        }
                        slot += 1
                    }
                    checked += 1
                    for candidate in candidates.indices where bounds[candidate][position * width + c] >= limit {
                        surviving[candidate] += 1
                    }
                    offerAll(&running, position, y, exact[position * width + c])
                }
            }
        }
        return surviving.map { Double($0) / Double(max(1, checked)) }
    }

    /// The clusters of a sweep's rows: one partition of both sides, and each row's cluster.
    struct Clusters {
        let partition: ClusterPartition
        let first: [Int32]
        /// The same array as `first` in a sweep of a set against itself.
        let second: [Int32]

        /// Fits ⌈√rows⌉ clusters (``ApproximateSearch/clusterCount(rows:)``) to `a` and `b` (`nil`: a sweep of
        /// `a` against itself) and assigns their rows.
        init(_ a: MatrixRows, _ b: MatrixRows?) throws(NeighbourGraphsError) {
            let sets = b.map { [a, $0] } ?? [a]
            partition = try ClusterPartition.fit(
                sets, clusters: ApproximateSearch().clusterCount(rows: sets.reduce(0) { $0 + $1.count }),
                seed: 0x9E37_79B9_7F4A_7C15)
            let fitted = partition
            first = try fitted.assign(a)
            if let b { second = try fitted.assign(b) } else { second = first }
        }
    }
}

/// One side's rows projected on the leading directions, for several candidate numbers of directions.
struct Projection: @unchecked Sendable {
    /// The numbers of directions considered.
    let candidates: [Int]
    /// Rows × `stride` projections on the `stride` = max(candidates) leading directions, rounded from double.
    let values: [Float]
    let stride: Int
    /// Per candidate, per row: the residual norm ρ beyond that many directions, rounded up with room for the
    /// cancellation in ‖x‖² − ‖p‖².
    let residuals: [[Float]]
    /// Per candidate, per row: √c·‖x‖ rounded up, where c·‖x‖‖y‖ bounds every rounding of a bound.
    let margins: [[Float]]

    /// Projects `rows` (whose squared norms are `norms2`) on the leading `directions` (d × D, row-major,
    /// D ≥ max(candidates)).
    ///
    /// - Complexity: O(N·d·m) in `dgemm` blocks of 512 rows.
    init(_ rows: MatrixRows, norms2: [Double], directions: [Double], candidates: [Int]) {
        let d = rows.columns
        let total = directions.count / max(d, 1)
        let m = candidates.max() ?? 0
        self.candidates = candidates
        stride = m
        var values = [Float](repeating: 0, count: rows.count * m)
        var residuals = candidates.map { _ in [Float](repeating: 0, count: rows.count) }
        var margins = residuals
        let blockRows = 512
        var block = [Double](repeating: 0, count: blockRows * d)
        var projected = [Double](repeating: 0, count: blockRows * m)
        var partial = [Double](repeating: 0, count: m + 1)
        rows.forEachBlock(blockRows: blockRows) { range, floats in
            for index in 0..<(range.count * d) { block[index] = Double(floats[index]) }
            block.withUnsafeBufferPointer { a in
                directions.withUnsafeBufferPointer { b in
                    projected.withUnsafeMutableBufferPointer { output in
                        BLAS.dgemm(
                            .none, .none, m: range.count, n: m, k: d, alpha: 1, a: a, lda: d, b: b, ldb: total,
                            beta: 0, c: output, ldc: m)
                    }
                }
            }
            for r in 0..<range.count {
                let row = range.lowerBound + r
                partial[0] = 0
                for j in 0..<m {
                    let value = projected[r * m + j]
                    values[row * m + j] = Float(value)
                    partial[j + 1] = partial[j] + value * value
                }
                let norm2 = norms2[row]
                for (index, columns) in candidates.enumerated() {
                    // c covers the m-term single-precision product (γ_m), the rounding of p to Float (2u)
                    // and of the bound's own sums and products (about 12u), twice over.
                    let c = 2 * Double(columns + 16) * 0x1p-24
                    let rest = max(0, norm2 - partial[columns]) + 1e-12 * norm2
                    residuals[index][row] = Float(rest.squareRoot() * (1 + 1e-6)).nextUp
                    margins[index][row] = Float((c * norm2).squareRoot() * (1 + 1e-6)).nextUp
                }
            }
        }
        self.values = values
        self.residuals = residuals
        self.margins = margins
    }

    /// The rows with `candidates[index]` directions and the given floors.
    func rows(_ index: Int, floors: [[Float]]) -> ProjectedRows {
        ProjectedRows(
            values: values, stride: stride, columns: candidates[index], residuals: residuals[index],
            margins: margins[index], floors: floors)
    }
}

/// What a sweep reads of one side's projection.
struct ProjectedRows: @unchecked Sendable {
    /// Rows × `stride` projections; the first `columns` of each row are used.
    let values: [Float]
    let stride: Int
    let columns: Int
    /// Per row: the residual norm beyond `columns` directions, rounded up.
    let residuals: [Float]
    /// Per row: √c·‖x‖ rounded up.
    let margins: [Float]
    /// Per request (``SweepRequest/k`` first, then the grouped ones), per row: the proven floor of its k-th
    /// value.
    let floors: [[Float]]
}

// MARK: - The projected pass

/// A worker's scratch for projected tiles.
final class ProjectedScratch {
    /// Per tile column: the least value its requests still accept.
    let thresholds: UnsafeMutablePointer<Float>
    var pairs = 0
    /// +∞ per tile column: the ball edges of a side without balls.
    let infinities: UnsafeMutablePointer<Float>

    init(columns: Int) {
        thresholds = .allocate(capacity: max(columns, 1))
        thresholds.initialize(repeating: .infinity, count: max(columns, 1))
        infinities = .allocate(capacity: max(columns, 1))
        infinities.initialize(repeating: .infinity, count: max(columns, 1))
    }

    deinit {
        thresholds.deallocate()
        infinities.deallocate()
    }
}

extension Pass {
    /// The least value row `row` of `side` still accepts in any of its lists (each list's k-th value, never
    /// below its floor); +∞ when it keeps no list.
    @inline(__always)
    func accepted(
        _ row: Int, best: TopK?, groupedBest: [TopK], requests: [GroupedNeighbours], floors: [[Float]]
    ) -> Float {
        var least = Float.infinity
        var slot = 0
        func floor(_ slot: Int) -> Float { slot < floors.count ? floors[slot][row] : -.infinity }
        if let best {
            least = Swift.max(best.threshold(row), floor(slot))
            slot += 1
        }
        for (request, kept) in zip(requests, groupedBest) {
            if request.rowGroups[row] >= 0 { least = Swift.min(least, Swift.max(kept.threshold(row), floor(slot))) }
            slot += 1
        }
        return least
    }

    /// One tile of a projected pass: the bounds of every pair from the m-column product, then each pair whose
    /// bound reaches what its row or column still accepts recomputed in double precision and read.
    func runProjectedTile(
        _ bounds: ProjectedBounds, tile: UnsafeMutablePointer<Float>, a: UnsafeBufferPointer<Float>,
        b: UnsafeBufferPointer<Float>, rowStart: Int, rowCount: Int, columnStart: Int, columnCount: Int,
        columns state: ColumnState, scratch: ProjectedScratch
    ) {
        let m = bounds.columns
        let stride = bounds.first.stride
        let output = UnsafeMutableBufferPointer(start: tile, count: rowCount * columnCount)
        bounds.first.values.withUnsafeBufferPointer { p in
            bounds.second.values.withUnsafeBufferPointer { q in
                BLAS.sgemm(
                    .none, .transposed, m: rowCount, n: columnCount, k: m, alpha: 1,
                    a: UnsafeBufferPointer(rebasing: p[(rowStart * stride)..<((rowStart + rowCount) * stride)]),
                    lda: stride,
                    b: UnsafeBufferPointer(
                        rebasing: q[(columnStart * stride)..<((columnStart + columnCount) * stride)]),
                    ldb: stride, beta: 0, c: output, ldc: columnCount)
            }
        }
        let thresholds = scratch.thresholds
        for c in 0..<columnCount {
            thresholds[c] = accepted(
                columnStart + c, best: state.best, groupedBest: state.grouped, requests: second.grouped,
                floors: bounds.second.floors)
        }
        let withBalls = first.radii2 != nil || second.radii2 != nil
        bounds.second.residuals.withUnsafeBufferPointer { residuals in
            bounds.second.margins.withUnsafeBufferPointer { margins in
                second.halfNorms.withUnsafeBufferPointer { halves in
                    second.ballEdges.withUnsafeBufferPointer { edges in
                        guard let residualBase = residuals.baseAddress, let marginBase = margins.baseAddress,
                            let halfBase = halves.baseAddress, let aBase = a.baseAddress, let bBase = b.baseAddress
                        else { return }
                        let infinities = UnsafePointer(scratch.infinities)
                        let columnResiduals = residualBase + columnStart
                        let columnMargins = marginBase + columnStart
                        let columnHalves = withBalls ? halfBase + columnStart : infinities
                        let columnEdges =
                            second.radii2 == nil ? infinities : edges.baseAddress.map { $0 + columnStart } ?? infinities
                        for r in 0..<rowCount {
                            let x = rowStart + r
                            let from = selfSweep ? min(columnCount, max(0, x + 1 - columnStart)) : 0
                            guard from < columnCount else { continue }
                            let rowEdge: Float = first.radii2 != nil ? first.ballEdges[x] : .infinity
                            let rowHalf: Float = second.radii2 != nil ? first.halfNorms[x] : .infinity
                            let limits = ProjectedLimits(
                                bounds: UnsafePointer(tile + r * columnCount), residual: bounds.first.residuals[x],
                                margin: bounds.first.margins[x],
                                accepted: accepted(
                                    x, best: first.best, groupedBest: first.groupedBest, requests: first.grouped,
                                    floors: bounds.first.floors),
                                rowEdge: rowEdge, rowHalf: rowHalf, columnResiduals: columnResiduals,
                                columnMargins: columnMargins, columnAccepted: UnsafePointer(thresholds),
                                columnHalves: columnHalves, columnEdges: columnEdges,
                                withBalls: withBalls)
                            limits.forEachSurvivor(from: from, to: columnCount) { c in
                                let y = columnStart + c
                                let value = Self.exactDot(aBase + x * dimension, bBase + y * dimension, dimension)
                                visit(x, y, value, a: a, b: b, state: state)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The product of two rows in single precision, summed in a fixed order (the same on every machine and
    /// for any thread count): 32 partial sums, then halves. Its error is within the bound the ball tests
    /// allow for `sgemm`'s (γ_d‖x‖‖y‖).
    @inline(__always)
    static func exactDot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ d: Int) -> Float {
        var s0 = SIMD8<Float>()
        var s1 = SIMD8<Float>()
        var s2 = SIMD8<Float>()
        var s3 = SIMD8<Float>()
        let px = UnsafeRawPointer(x)
        let py = UnsafeRawPointer(y)
        let stride = MemoryLayout<Float>.stride
        var i = 0
        while i + 32 <= d {
            s0 +=
                px.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
                * py.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            s1 +=
                px.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
                * py.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
            s2 +=
                px.loadUnaligned(fromByteOffset: (i + 16) * stride, as: SIMD8<Float>.self)
                * py.loadUnaligned(fromByteOffset: (i + 16) * stride, as: SIMD8<Float>.self)
            s3 +=
                px.loadUnaligned(fromByteOffset: (i + 24) * stride, as: SIMD8<Float>.self)
                * py.loadUnaligned(fromByteOffset: (i + 24) * stride, as: SIMD8<Float>.self)
            i += 32
        }
        let sum8 = (s0 + s1) + (s2 + s3)
        let sum4 = sum8.lowHalf + sum8.highHalf
        var total = (sum4[0] + sum4[2]) + (sum4[1] + sum4[3])
        while i < d {
            total += x[i] * y[i]
            i += 1
        }
        return total
    }

    /// Reads the product `value` of row `x` of the first side and row `y` of the second for every request,
    /// as the tile readers do.
    @inline(__always)
    func visit(
        _ x: Int, _ y: Int, _ value: Float, a: UnsafeBufferPointer<Float>, b: UnsafeBufferPointer<Float>,
        state: ColumnState
    ) {
        let rows = PairRows(a: a, b: b)
        // The first side's row x (in a sweep of a set against itself, the pair's first row).
        if let best = first.best, value >= best.threshold(x) { best.offer(x, value, secondId(y)) }
        for (request, best) in zip(first.grouped, first.groupedBest) {
            let group = request.rowGroups[x]
            if group >= 0 && request.columnGroups[y] == group && value >= best.threshold(x) {
                best.offer(x, value, secondId(y))
            }
        }
        // The second side's row y.
        if let best = state.best, value >= best.threshold(y) { best.offer(y, value, firstId(x)) }
        for (request, best) in zip(second.grouped, state.grouped) {
            let group = request.rowGroups[y]
            if group >= 0 && request.columnGroups[x] == group && value >= best.threshold(y) {
                best.offer(y, value, firstId(x))
            }
        }
        // Balls (sweeps between two sets only): each containment is decided once and counted for both rows.
        if let radii = second.radii2, value >= second.ballEdges[y] + first.halfNorms[x],
            inside(value, first, x, second, y, radius2: radii[y], rows)
        {
            first.counts[x] += 1
            state.occupied[y] = true
        }
        if let radii = first.radii2, value >= first.ballEdges[x] + second.halfNorms[y],
            inside(value, second, y, first, x, radius2: radii[x], rows)
        {
            first.occupied[x] = true
            state.counts[y] += 1
        }
    }
}

/// The test of one tile row of a projected pass: which columns' bounds reach the least of what the row and
/// the column still accept.
struct ProjectedLimits {
    /// The row's m-column products with the tile's columns.
    let bounds: UnsafePointer<Float>
    let residual: Float
    let margin: Float
    let accepted: Float
    /// The row's ball edge (+∞ without balls) and half squared norm (+∞ when the columns have no balls).
    let rowEdge: Float
    let rowHalf: Float
    let columnResiduals: UnsafePointer<Float>
    let columnMargins: UnsafePointer<Float>
    let columnAccepted: UnsafePointer<Float>
    let columnHalves: UnsafePointer<Float>
    let columnEdges: UnsafePointer<Float>
    let withBalls: Bool

    @inline(__always) private func load(_ pointer: UnsafePointer<Float>, _ offset: Int) -> SIMD8<Float> {
        UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) private func smaller(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: b .< a)
    }

    @inline(__always) private func larger(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: b .> a)
    }

    /// Bound minus limit for 8 columns from `c`: a lane at or above 0 survives.
    @inline(__always) private func margins(_ c: Int) -> SIMD8<Float> {
        let bound =
            load(bounds, c) + SIMD8(repeating: residual) * load(columnResiduals, c) + SIMD8(repeating: margin)
            * load(columnMargins, c)
        var limit = smaller(SIMD8(repeating: accepted), load(columnAccepted, c))
        if withBalls {
            limit = smaller(
                limit,
                smaller(
                    SIMD8(repeating: rowEdge) + load(columnHalves, c), SIMD8(repeating: rowHalf) + load(columnEdges, c))
            )
        }
        return bound - limit
    }

    /// Whether column `c` survives (the scalar form of ``margins(_:)``).
    @inline(__always) private func survives(_ c: Int) -> Bool {
        let bound = bounds[c] + residual * columnResiduals[c] + margin * columnMargins[c]
        var limit = Swift.min(accepted, columnAccepted[c])
        if withBalls { limit = Swift.min(limit, Swift.min(rowEdge + columnHalves[c], rowHalf + columnEdges[c])) }
        return bound >= limit
    }

    /// Calls `body` with each surviving column of `from..<to`, in order.
    @inline(__always) func forEachSurvivor(from: Int, to: Int, _ body: (Int) -> Void) {
        var c = from
        while c + 32 <= to {
            let top = larger(larger(margins(c), margins(c + 8)), larger(margins(c + 16), margins(c + 24)))
            let four = larger(
                SIMD8(lowHalf: top.lowHalf, highHalf: top.lowHalf), SIMD8(lowHalf: top.highHalf, highHalf: top.highHalf)
            )
            if Swift.max(Swift.max(four[0], four[1]), Swift.max(four[2], four[3])) >= 0 {
                for t in c..<(c + 32) where survives(t) { body(t) }
            }
            c += 32
        }
        while c < to {
            if survives(c) { body(c) }
            c += 1
        }
    }
}

/// The rows of both sides of a pass, for the exact recomputation of a ball comparison.
struct PairRows {
    let a: UnsafeBufferPointer<Float>
    let b: UnsafeBufferPointer<Float>
}

/// Columns per tile of a projected pass: the rows a tile's survivors read stay in the L2 cache (1 MB at d = 256).
let projectedColumnBlock = 1_024

extension NeighbourSweep {
    /// The number of leading directions the automatic mode would multiply first in a sweep of `a` against
    /// `b` (against itself when `b` is `nil`), or `nil` when it would run the plain sweep.
    ///
    /// - Complexity: as the set-up of ``ProjectedBounds``: O((N + M)·d²) plus the probes' and the floors' sweeps.
    package static func projectedColumns(
        _ a: MatrixRows, _ b: MatrixRows?, _ forA: SweepRequest, _ forB: SweepRequest
    ) -> Int? {
        let first = SideState(rows: a, request: forA, otherCount: (b ?? a).count)
        guard let b else {
            return ProjectedBounds.make(
                first: first, second: first, firstRequest: forA, secondRequest: forA, selfSweep: true,
                mode: .automatic)?.columns
        }
        let second = SideState(rows: b, request: forB, otherCount: a.count)
        first.prepareBalls(own: forA.ballRadii2, otherMaxNorm: second.maxNorm2, dimension: a.columns)
        second.prepareBalls(own: forB.ballRadii2, otherMaxNorm: first.maxNorm2, dimension: b.columns)
        return ProjectedBounds.make(
            first: first, second: second, firstRequest: forA, secondRequest: forB, selfSweep: false, mode: .automatic)?
            .columns
    }
}

/// The best values kept for several lists at once (each its own size), for the automatic mode's walk.
struct RunningBest {
    let sizes: [Int]
    let capacity: Int
    /// Per list, its kept values, best first, in `capacity` slots.
    var values: [Float]
    var counts: [Int]

    init(lists: Int, sizes: [Int], capacity: Int) {
        self.sizes = sizes
        self.capacity = capacity
        values = [Float](repeating: -.infinity, count: lists * sizes.count * capacity)
        counts = [Int](repeating: 0, count: lists * sizes.count)
    }

    /// The value list `list` still accepts: its k-th, or −∞ while it holds fewer.
    func threshold(_ list: Int) -> Float {
        let size = sizes[list % sizes.count]
        return counts[list] < size ? -.infinity : values[list * capacity + size - 1]
    }

    mutating func offer(_ list: Int, _ value: Float) {
        let size = sizes[list % sizes.count]
        let base = list * capacity
        var count = counts[list]
        guard count < size || value > values[base + size - 1] else { return }
        if count < size { count += 1 }
        var index = count - 1
        while index > 0 && values[base + index - 1] < value {
            values[base + index] = values[base + index - 1]
            index -= 1
        }
        values[base + index] = value
        counts[list] = count
    }
}
