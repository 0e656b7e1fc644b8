import AssayUtilities
import LinearAlgebra

/// How an approximate sweep chooses which rows to multiply: the rows are clustered (seeded spherical
/// k-means), and a pair of rows is multiplied only when their clusters are neighbours, i.e. one cluster's
/// centroid is among the `probes` nearest centroids of the other. This is an inverted-file (IVF) search
/// whose distances are the same blocked `sgemm` tiles as the exact sweep: the tiles of a cluster's rows
/// against its neighbouring clusters' rows, so every request (nearest rows, nearest of the same group,
/// ball counts) is still read from one pass.
///
/// `probes` is tuned on every sweep: a seeded pilot sample of queries is searched exactly, and `probes` is
/// the smallest number of neighbouring clusters that holds ``targetRecall`` of the pilot's true neighbour
/// pairs. Recall must still be measured afterwards, on another sample (``NeighbourRecall``).
public struct ApproximateSearch: Sendable, Equatable, Codable {
    /// Clusters of the partition; `nil` chooses ⌈√rows⌉ of all the rows partitioned, within 8...2,048.
    public var clusters: Int?
    /// The share of the pilot's true neighbour pairs the chosen neighbouring clusters must hold.
    public var targetRecall: Double
    /// Queries of the pilot that tunes `probes`, per side of a sweep.
    public var pilotQueries: Int
    /// Seed of the k-means sample and start, and of the pilot queries.
    public var seed: UInt64
    /// A pruned sweep that would multiply more than this share of the exact sweep's pairs runs exactly.
    public var largestShare: Double

    /// The default ``targetRecall``: 0.99, so that every graph's measured recall (on other queries) clears
    /// the default floor with room to spare. A lower target compares fewer pairs; on vectors with little
    /// cluster structure it also moves the metrics that read the graphs (see `Benchmarks/README.md`).
    public static let defaultTargetRecall = 0.99
    /// The default ``largestShare``: above half of the pairs, pruning saves too little to be worth an
    /// approximate graph.
    public static let defaultLargestShare = 0.5

    /// Settings; by default automatic clusters, target 0.99, 500 pilot queries, largest share 0.5.
    public init(
        clusters: Int? = nil, targetRecall: Double = ApproximateSearch.defaultTargetRecall, pilotQueries: Int = 500,
        seed: UInt64 = 20_231_012, largestShare: Double = ApproximateSearch.defaultLargestShare
    ) {
        self.clusters = clusters
        self.targetRecall = targetRecall
        self.pilotQueries = pilotQueries
        self.seed = seed
        self.largestShare = largestShare
    }

    enum CodingKeys: String, CodingKey {
        case clusters
        case targetRecall = "target_recall"
        case pilotQueries = "pilot_queries"
        case seed
        case largestShare = "largest_share"
    }

    /// The number of clusters for `rows` rows in all.
    public func clusterCount(rows: Int) -> Int {
        if let clusters { return max(1, min(clusters, rows)) }
        let automatic = Int(Double(rows).squareRoot().rounded(.up))
        return max(1, min(rows, min(2048, max(8, automatic))))
    }
}

/// What one approximate sweep did.
public struct PrunedSweep: Sendable, Equatable, Codable {
    /// Clusters of the partition.
    public let clusters: Int
    /// Neighbouring clusters each cluster was multiplied with (itself included); equal to `clusters` when
    /// the sweep ran exactly.
    public let probes: Int
    /// The share of the exact sweep's row pairs that was multiplied (1 when it ran exactly).
    public let share: Double

    /// A record.
    public init(clusters: Int, probes: Int, share: Double) {
        self.clusters = clusters
        self.probes = probes
        self.share = share
    }

    /// Whether the sweep fell back to the exact one (pruning would not have saved enough).
    public var ranExactly: Bool { share >= 1 }
}

/// A partition of unit rows into clusters, shared by the sweeps of one audit.
public struct ClusterPartition: Sendable {
    /// One unit centroid per row, C × d.
    public let centroids: Matrix
    /// `ranks[a · C + b]`: the rank of centroid b among a's nearest centroids (0 is a itself; ties to the
    /// lower index).
    private let ranks: [Int32]

    /// Number of clusters.
    public var count: Int { centroids.rows }

    /// Fits `clusters` centroids with seeded spherical k-means (8 Lloyd iterations) on a seeded sample of at
    /// most 40 rows per cluster drawn from all of `sets` together.
    ///
    /// - Throws: ``NeighbourGraphsError`` for non-finite rows or sets of different widths.
    /// - Complexity: O(8 · 40·C · C · d) in `sgemm` tiles, plus O(C² log C) for the ranks.
    public static func fit(_ sets: [MatrixRows], clusters: Int, seed: UInt64) throws(NeighbourGraphsError)
        -> ClusterPartition
    {
        precondition(clusters >= 1, "at least one cluster")
        let d = sets.first?.columns ?? 0
        if let other = sets.first(where: { $0.columns != d }) {
            throw .dimensionMismatch(first: d, second: other.columns)
        }
        let total = sets.reduce(0) { $0 + $1.count }
        let sampleSize = min(total, max(clusters, 40 * clusters))
        let picked = NeighbourRecall.sampledRows(count: total, size: sampleSize, seed: seed)
        // The picked rows of each set (`picked` ascends), copied row by row: a float16 store is never decoded whole.
        var local = [[Int]](repeating: [], count: sets.count)
        var setIndex = 0
        var offset = 0
        for row in picked {
            while row >= offset + sets[setIndex].count {
                offset += sets[setIndex].count
                setIndex += 1
            }
            local[setIndex].append(row - offset)
        }
        var values: [Float] = []
        values.reserveCapacity(picked.count * d)
        for (set, rows) in zip(sets, local) where !rows.isEmpty { values += set.selecting(rows).storage }
        let sample = Matrix(uncheckedRows: picked.count, columns: d, storage: values)
        // The start: `clusters` distinct sample rows, seeded.
        let count = min(clusters, max(sample.rows, 1))
        let starts = NeighbourRecall.sampledRows(count: sample.rows, size: count, seed: seed &+ 1)
        var centroids = MatrixRows(sample).selecting(starts)
        for _ in 0..<8 {
            let assigned = try NeighbourSweep.between(
                MatrixRows(sample), MatrixRows(centroids), SweepRequest(k: 1), SweepRequest())
            guard let nearest = assigned.0.neighbours else { break }
            var sums = [Double](repeating: 0, count: count * d)
            var members = [Int](repeating: 0, count: count)
            sample.storage.withUnsafeBufferPointer { rows in
                for row in 0..<sample.rows {
                    let cluster = Int(nearest.indices[row])
                    guard cluster >= 0 else { continue }
                    members[cluster] += 1
                    for column in 0..<d { sums[cluster * d + column] += Double(rows[row * d + column]) }
                }
            }
            var updated = centroids.storage
            // A cluster left empty keeps its centroid.
            for cluster in 0..<count where members[cluster] > 0 {
                var norm = 0.0
                for column in 0..<d { norm += sums[cluster * d + column] * sums[cluster * d + column] }
                guard norm > 0 else { continue }
                let scale = 1 / norm.squareRoot()
                for column in 0..<d { updated[cluster * d + column] = Float(sums[cluster * d + column] * scale) }
            }
            centroids = Matrix(uncheckedRows: count, columns: d, storage: updated)
        }
        return ClusterPartition(centroids: centroids)
    }

    /// A partition with these centroids (unit rows).
    ///
    /// - Complexity: O(C²·d + C² log C).
    public init(centroids: Matrix) {
        self.centroids = centroids
        let c = centroids.rows
        let d = centroids.columns
        var gram = [Float](repeating: 0, count: c * c)
        if c > 0, d > 0 {
            centroids.storage.withUnsafeBufferPointer { values in
                gram.withUnsafeMutableBufferPointer { output in
                    BLAS.sgemm(
                        .none, .transposed, m: c, n: c, k: d, alpha: 1, a: values, lda: d, b: values, ldb: d, beta: 0,
                        c: output, ldc: c)
                }
            }
        }
        var ranks = [Int32](repeating: 0, count: c * c)
        for a in 0..<c {
            let order = (0..<c).sorted { x, y in
                if x == a || y == a { return x == a && y != a }
                let sx = gram[a * c + x]
                let sy = gram[a * c + y]
                return sx > sy || (sx == sy && x < y)
            }
            for (rank, b) in order.enumerated() { ranks[a * c + b] = Int32(rank) }
        }
        self.ranks = ranks
    }

    /// The nearest centroid of each row (ties to the lower cluster).
    ///
    /// - Complexity: O(N·C·d) in `sgemm` tiles.
    public func assign(_ rows: MatrixRows) throws(NeighbourGraphsError) -> [Int32] {
        guard count > 0, rows.count > 0 else { return [Int32](repeating: 0, count: rows.count) }
        // Each row's nearest centroid depends on that row alone: blocks of rows (copied one at a time, so a
        // float16 store is never decoded whole) give the same assignment as one sweep.
        var assigned: [Int32] = []
        assigned.reserveCapacity(rows.count)
        var failure: NeighbourGraphsError?
        rows.forEachBlock(blockRows: Self.assignmentBlock) { _, values in
            guard failure == nil else { return }
            let block = Matrix(
                uncheckedRows: values.count / rows.columns, columns: rows.columns, storage: Array(values))
            do throws(NeighbourGraphsError) {
                let (side, _) = try NeighbourSweep.between(
                    MatrixRows(block), MatrixRows(centroids), SweepRequest(k: 1), SweepRequest())
                assigned += side.neighbours?.indices.map { max($0, 0) } ?? []
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return assigned
    }

    /// Rows assigned to clusters per sweep.
    static let assignmentBlock = 65_536

    /// The fewest probes that make clusters `a` and `b` neighbours, less one: the smaller of b's rank among
    /// a's nearest centroids and a's among b's.
    @inline(__always) func distance(_ a: Int32, _ b: Int32) -> Int32 {
        min(ranks[Int(a) * count + Int(b)], ranks[Int(b) * count + Int(a)])
    }
}

// MARK: - Pruned sweeps

extension NeighbourSweep {
    /// As ``within(_:_:)``, multiplying only the rows of neighbouring clusters of `partition`
    /// (``ApproximateSearch``); exact when pruning would multiply more than `search.largestShare` of the pairs.
    ///
    /// Lists rank ties by row number, as the exact sweep does; a row may find fewer than k neighbours
    /// (missing entries `-1`) when its neighbouring clusters hold fewer.
    ///
    /// - Throws: as ``within(_:_:)``.
    /// - Complexity: O(share · N²·d / 2) in `sgemm` tiles plus the pilot's O(pilot · N · d) and the
    ///   assignment's O(N·C·d).
    public static func within(
        _ rows: MatrixRows, _ request: SweepRequest, partition: ClusterPartition, search: ApproximateSearch
    ) throws(NeighbourGraphsError) -> (SweepSide, PrunedSweep) {
        precondition(request.ballRadii2 == nil, "ball counts need two sets")
        try checkFinite(rows)
        let clusters = try partition.assign(rows)
        let pilot = try pilotDistances(
            rows, clusters, references: rows, referenceClusters: clusters, request: request, sameSet: true,
            partition: partition, search: search, seed: search.seed)
        let probes = probesNeeded(pilot, target: search.targetRecall, clusters: partition.count)
        let order = clusterOrder(clusters)
        let schedule = prunedSchedule(
            rows: order, columns: order, partition: partition, probes: probes, selfSweep: true, tiling: .standard)
        let exactProducts = Double(rows.count) * Double(rows.count + 1) / 2
        let share = min(1, Double(schedule.products) / max(exactProducts, 1))
        guard share <= search.largestShare else {
            return (
                try within(rows, request), PrunedSweep(clusters: partition.count, probes: partition.count, share: 1)
            )
        }
        // The sweep reads the rows in cluster order from a copy kept where they are (a mapped file stays off
        // the heap); the originals are not read meanwhile, so a mapped store lets go of their pages.
        let permuted = try gather(rows, order.rows)
        rows.releaseResidentPages()
        let side = SideState(
            rows: permuted, request: request.permuted(rows: order.rows, columns: order.rows), otherCount: rows.count)
        if rows.count >= 2, !request.isEmpty {
            Pass(
                first: side, second: side, selfSweep: true, excludingSameIndex: false, tiling: .standard,
                schedule: schedule, firstIds: order.ids, secondIds: order.ids
            ).run()
        }
        return (
            side.result().unpermuted(order.rows), PrunedSweep(clusters: partition.count, probes: probes, share: share)
        )
    }

    /// As ``between(_:_:_:_:)``, multiplying only the rows of neighbouring clusters of `partition`; exact when
    /// pruning would multiply more than `search.largestShare` of the pairs. Ball counts count only the
    /// balls of neighbouring clusters.
    ///
    /// - Throws: as ``between(_:_:_:_:)``.
    /// - Complexity: O(share · N·M·d) in `sgemm` tiles plus the pilots' O(pilot · (N + M) · d) and the
    ///   assignments' O((N + M)·C·d).
    public static func between(
        _ a: MatrixRows, _ b: MatrixRows, _ forA: SweepRequest, _ forB: SweepRequest, partition: ClusterPartition,
        search: ApproximateSearch
    ) throws(NeighbourGraphsError) -> (SweepSide, SweepSide, PrunedSweep) {
        guard a.columns == b.columns else { throw .dimensionMismatch(first: a.columns, second: b.columns) }
        try checkFinite(a)
        try checkFinite(b)
        let clustersA = try partition.assign(a)
        let clustersB = try partition.assign(b)
        // Balls are read from the pairs a ball's own neighbours come from; the pilot looks at least that far.
        let pilotA = try pilotDistances(
            a, clustersA, references: b, referenceClusters: clustersB, request: forA, sameSet: false,
            partition: partition, search: search, seed: search.seed)
        let pilotB = try pilotDistances(
            b, clustersB, references: a, referenceClusters: clustersA, request: forB, sameSet: false,
            partition: partition, search: search, seed: search.seed &+ 2)
        let probes = probesNeeded(pilotA + pilotB, target: search.targetRecall, clusters: partition.count)
        let orderA = clusterOrder(clustersA)
        let orderB = clusterOrder(clustersB)
        let schedule = prunedSchedule(
            rows: orderA, columns: orderB, partition: partition, probes: probes, selfSweep: false, tiling: .standard)
        let share = min(1, Double(schedule.products) / max(Double(a.count) * Double(b.count), 1))
        guard share <= search.largestShare else {
            let (sideA, sideB) = try between(a, b, forA, forB)
            return (sideA, sideB, PrunedSweep(clusters: partition.count, probes: partition.count, share: 1))
        }
        let requestA = forA.permuted(rows: orderA.rows, columns: orderB.rows)
        let requestB = forB.permuted(rows: orderB.rows, columns: orderA.rows)
        let first = SideState(rows: try gather(a, orderA.rows), request: requestA, otherCount: b.count)
        let second = SideState(rows: try gather(b, orderB.rows), request: requestB, otherCount: a.count)
        a.releaseResidentPages()
        b.releaseResidentPages()
        first.prepareBalls(own: requestA.ballRadii2, otherMaxNorm: second.maxNorm2, dimension: a.columns)
        second.prepareBalls(own: requestB.ballRadii2, otherMaxNorm: first.maxNorm2, dimension: b.columns)
        let needed = !forA.isEmpty || !forB.isEmpty || forA.ballRadii2 != nil || forB.ballRadii2 != nil
        if a.count > 0, b.count > 0, needed {
            Pass(
                first: first, second: second, selfSweep: false, excludingSameIndex: false, tiling: .standard,
                schedule: schedule, firstIds: orderA.ids, secondIds: orderB.ids
            ).run()
        }
        return (
            first.result().unpermuted(orderA.rows), second.result().unpermuted(orderB.rows),
            PrunedSweep(clusters: partition.count, probes: probes, share: share)
        )
    }

    /// `rows` in the order `positions`, as ``LinearAlgebra/MatrixRows/gathered(_:)`` keeps them.
    private static func gather(_ rows: MatrixRows, _ positions: [Int]) throws(NeighbourGraphsError) -> MatrixRows {
        do {
            return try rows.gathered(positions)
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Rows in cluster order (stable), with each cluster's range in that order.
    struct ClusterOrder {
        /// Position in the new order → original row.
        let rows: [Int]
        /// The same as ids for neighbour lists.
        let ids: [Int32]
        /// Per cluster, its rows' range in the new order.
        let ranges: [Int32: Range<Int>]
        /// The clusters that have rows, in increasing order.
        let clusters: [Int32]
    }

    static func clusterOrder(_ clusters: [Int32]) -> ClusterOrder {
        let rows = clusters.indices.sorted { clusters[$0] < clusters[$1] || (clusters[$0] == clusters[$1] && $0 < $1) }
        var ranges: [Int32: Range<Int>] = [:]
        var present: [Int32] = []
        var start = 0
        while start < rows.count {
            let cluster = clusters[rows[start]]
            var end = start + 1
            while end < rows.count && clusters[rows[end]] == cluster { end += 1 }
            ranges[cluster] = start..<end
            present.append(cluster)
            start = end
        }
        return ClusterOrder(
            rows: rows, ids: rows.map { Int32(truncatingIfNeeded: $0) }, ranges: ranges, clusters: present)
    }

    /// The tiles of a pruned sweep: each cluster's rows (in row blocks) against the rows of the clusters
    /// within `probes` of it; for a set against itself, only clusters after it (and within its own cluster,
    /// the rows from the block's first row on), since each pair is read from both ends.
    static func prunedSchedule(
        rows: ClusterOrder, columns: ClusterOrder, partition: ClusterPartition, probes: Int, selfSweep: Bool,
        tiling: Tiling
    ) -> TileSchedule {
        var blocks: [TileSchedule.RowBlock] = []
        let limit = Int32(probes)
        for cluster in rows.clusters {
            guard let range = rows.ranges[cluster] else { continue }
            var neighbours: [Range<Int>] = []
            for other in columns.clusters where partition.distance(cluster, other) < limit {
                if selfSweep && other <= cluster { continue }
                guard let columnRange = columns.ranges[other] else { continue }
                if let last = neighbours.last, last.upperBound == columnRange.lowerBound {
                    neighbours[neighbours.count - 1] = last.lowerBound..<columnRange.upperBound
                } else {
                    neighbours.append(columnRange)
                }
            }
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(start + tiling.rowBlock, range.upperBound)
                var columnsOfBlock = neighbours
                if selfSweep {
                    // Its own cluster from its first row on, then the later clusters.
                    let own = start..<range.upperBound
                    if let first = columnsOfBlock.first, first.lowerBound == own.upperBound {
                        columnsOfBlock[0] = own.lowerBound..<first.upperBound
                    } else {
                        columnsOfBlock.insert(own, at: 0)
                    }
                }
                if !columnsOfBlock.isEmpty {
                    blocks.append(TileSchedule.RowBlock(rows: start..<end, columns: columnsOfBlock))
                }
                start = end
            }
        }
        return TileSchedule(blocks: blocks)
    }

    /// For a seeded pilot sample of `queries`, the cluster distance of each of its exact neighbour pairs
    /// (its nearest max(k, 10) rows and its nearest of each group).
    static func pilotDistances(
        _ queries: MatrixRows, _ queryClusters: [Int32], references: MatrixRows, referenceClusters: [Int32],
        request: SweepRequest, sameSet: Bool, partition: ClusterPartition, search: ApproximateSearch, seed: UInt64
    ) throws(NeighbourGraphsError) -> [Int32] {
        guard queries.count > 0, references.count > 0 else { return [] }
        let sampled = NeighbourRecall.sampledRows(count: queries.count, size: search.pilotQueries, seed: seed)
        var pilotRequest = request
        pilotRequest.k = max(request.k, 10)
        pilotRequest.ballRadii2 = nil
        let exact = try exactSample(
            queries, sampled: sampled, references: references, request: pilotRequest, sameSet: sameSet)
        var distances: [Int32] = []
        for list in [exact.neighbours].compactMap({ $0 }) + exact.grouped {
            for (position, query) in sampled.enumerated() {
                for neighbour in list.neighbours(of: position) {
                    distances.append(partition.distance(queryClusters[query], referenceClusters[neighbour.index]))
                }
            }
        }
        return distances
    }

    /// The fewest probes that cover `target` of the pilot pairs (at least 1, at most every cluster).
    static func probesNeeded(_ distances: [Int32], target: Double, clusters: Int) -> Int {
        guard !distances.isEmpty else { return 1 }
        let sorted = distances.sorted()
        let index = min(sorted.count - 1, max(0, Int((target * Double(sorted.count)).rounded(.up)) - 1))
        return min(clusters, Int(sorted[index]) + 1)
    }

    /// What `request` asks for each row at `sampled` of `queries`, searched exactly among `references`, in
    /// sample order; with `sameSet` (queries and references are the same rows) each row's own entry is
    /// left out. Each list keeps the request's k.
    ///
    /// - Complexity: O(sampled · M · d) in one blocked sweep.
    package static func exactSample(
        _ queries: MatrixRows, sampled: [Int], references: MatrixRows, request: SweepRequest, sameSet: Bool
    ) throws(NeighbourGraphsError) -> SweepSide {
        let extra = sameSet ? 1 : 0
        var asked = SweepRequest(k: request.k > 0 ? min(request.k + extra, references.count) : 0)
        asked.grouped = request.grouped.map { entry in
            GroupedNeighbours(
                k: min(entry.k + extra, max(references.count, 1)), rowGroups: sampled.map { entry.rowGroups[$0] },
                columnGroups: entry.columnGroups)
        }
        let (side, _) = try between(
            MatrixRows(queries.selecting(sampled)), references, asked, SweepRequest(), tiling: .standard)
        func dropSelf(_ list: NeighbourList?, k: Int) -> NeighbourList? {
            guard let list else { return nil }
            guard sameSet else { return list }
            var indices: [Int32] = []
            var similarities: [Float] = []
            for (position, query) in sampled.enumerated() {
                var kept = 0
                for slot in 0..<list.k where kept < k {
                    let index = list.indices[position * list.k + slot]
                    if Int(index) == query { continue }
                    indices.append(index)
                    similarities.append(list.similarities[position * list.k + slot])
                    kept += 1
                }
                while kept < k {
                    indices.append(-1)
                    similarities.append(-.infinity)
                    kept += 1
                }
            }
            return NeighbourList(k: k, indices: indices, similarities: similarities)
        }
        return SweepSide(
            neighbours: request.k > 0 ? dropSelf(side.neighbours, k: request.k) : nil,
            grouped: zip(side.grouped, request.grouped).compactMap { dropSelf($0, k: $1.k) })
    }
}

extension SweepRequest {
    /// The request for rows reordered so that position i holds row `rows[i]`, against a side reordered by
    /// `columns`.
    func permuted(rows: [Int], columns: [Int]) -> SweepRequest {
        SweepRequest(
            k: k,
            grouped: grouped.map { entry in
                GroupedNeighbours(
                    k: entry.k, rowGroups: rows.map { entry.rowGroups[$0] },
                    columnGroups: columns.map { entry.columnGroups[$0] })
            }, ballRadii2: ballRadii2.map { radii in rows.map { radii[$0] } })
    }
}

extension SweepSide {
    /// The result of a sweep over reordered rows (position i held row `order[i]`), in the original row order.
    func unpermuted(_ order: [Int]) -> SweepSide {
        var inverse = [Int](repeating: 0, count: order.count)
        for (position, row) in order.enumerated() { inverse[row] = position }
        func list(_ list: NeighbourList?) -> NeighbourList? {
            guard let list else { return nil }
            var indices: [Int32] = []
            var similarities: [Float] = []
            indices.reserveCapacity(list.indices.count)
            similarities.reserveCapacity(list.indices.count)
            for row in 0..<order.count {
                let position = inverse[row]
                indices.append(contentsOf: list.indices[(position * list.k)..<((position + 1) * list.k)])
                similarities.append(contentsOf: list.similarities[(position * list.k)..<((position + 1) * list.k)])
            }
            return NeighbourList(k: list.k, indices: indices, similarities: similarities)
        }
        return SweepSide(
            neighbours: list(neighbours), grouped: grouped.compactMap { list($0) },
            ballCounts: ballCounts.map { counts in inverse.map { counts[$0] } },
            ballOccupied: ballOccupied.map { occupied in inverse.map { occupied[$0] } })
    }
}

// MARK: - Nearby lists

extension NeighbourSweep {
    /// What `forA` and `forB` ask for (ball radii left out), among the rows of each row's `probes` nearest
    /// clusters of `partition` only (`clustersA`, `clustersB`: each row's cluster): a subset of each row's
    /// candidates, so each list's k-th value is a lower bound of the exact sweep's. `b == nil` sweeps `a`
    /// against itself.
    ///
    /// - Complexity: about probes / C of the exact sweep's `sgemm` tiles for C clusters, plus a copy of the rows
    ///   in cluster order.
    static func nearbyLists(
        _ a: MatrixRows, _ b: MatrixRows?, _ forA: SweepRequest, _ forB: SweepRequest, probes: Int,
        partition: ClusterPartition, clustersA: [Int32], clustersB: [Int32]
    ) throws(NeighbourGraphsError) -> (SweepSide, SweepSide) {
        let strippedA = SweepRequest(k: forA.k, grouped: forA.grouped)
        let strippedB = SweepRequest(k: forB.k, grouped: forB.grouped)
        let orderA = clusterOrder(clustersA)
        guard let b else {
            let side = SideState(
                rows: try gather(a, orderA.rows), request: strippedA.permuted(rows: orderA.rows, columns: orderA.rows),
                otherCount: a.count)
            let schedule = prunedSchedule(
                rows: orderA, columns: orderA, partition: partition, probes: probes, selfSweep: true,
                tiling: .standard)
            if a.count >= 2, !strippedA.isEmpty {
                Pass(
                    first: side, second: side, selfSweep: true, excludingSameIndex: false, tiling: .standard,
                    schedule: schedule, firstIds: orderA.ids, secondIds: orderA.ids
                ).run()
            }
            let result = side.result().unpermuted(orderA.rows)
            return (result, result)
        }
        let orderB = clusterOrder(clustersB)
        let first = SideState(
            rows: try gather(a, orderA.rows), request: strippedA.permuted(rows: orderA.rows, columns: orderB.rows),
            otherCount: b.count)
        let second = SideState(
            rows: try gather(b, orderB.rows), request: strippedB.permuted(rows: orderB.rows, columns: orderA.rows),
            otherCount: a.count)
        if a.count > 0, b.count > 0, !strippedA.isEmpty || !strippedB.isEmpty {
            let schedule = prunedSchedule(
                rows: orderA, columns: orderB, partition: partition, probes: probes, selfSweep: false,
                tiling: .standard)
            Pass(
                first: first, second: second, selfSweep: false, excludingSameIndex: false, tiling: .standard,
                schedule: schedule, firstIds: orderA.ids, secondIds: orderB.ids
            ).run()
        }
        return (first.result().unpermuted(orderA.rows), second.result().unpermuted(orderB.rows))
    }
}
