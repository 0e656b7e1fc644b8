import AuditModel
import DistributionDistances
import LinearAlgebra
import NeighbourGraphs

/// The neighbour graphs of an audit, computed with one sweep per pair of sets
/// (``NeighbourGraphs/NeighbourSweep``): every dataset against itself, each synthetic dataset against
/// the real one, and the real data's two seeded halves against each other.
///
/// Row numbers are those of each dataset's unit rows (``EmbeddingRows``; map them to dataset rows with
/// ``EmbeddingRows/positions``). Each list holds exactly the k its ``GraphNeeds`` entry asked for.
public struct AuditGraphs: Sendable {
    /// What was asked for.
    public let needs: GraphNeeds
    /// Per dataset: each row's nearest other rows (`needs.withinDataset` of them).
    public let withinDataset: [NeighbourList?]
    /// Per dataset: each labelled row's nearest other rows of the same label (`needs.withinLabel`).
    public let withinLabel: [NeighbourList?]
    /// Per synthetic dataset: each row's nearest real rows (`needs.toReal`); `nil` for the real one.
    public let toReal: [NeighbourList?]
    /// Per synthetic dataset: each real row's nearest rows of it (`needs.fromReal`); `nil` for the real one.
    public let fromReal: [NeighbourList?]
    /// Per dataset: each row's nearest labelled real rows (`needs.toLabelledReal`, real row numbers; for the
    /// real dataset, other than the row itself); `nil` when the real dataset has fewer than two labelled
    /// rows with a vector.
    public let toLabelledReal: [NeighbourList?]
    /// Per synthetic dataset: its neighbourhood balls against the real ones (`needs.balls`); for the real
    /// dataset, those of its two halves against each other (``realHalves``); `nil` where a side has no
    /// more than k rows.
    public let balls: [BallCounts?]
    /// The real rows with a vector split in two seeded halves, when balls were asked for.
    public let realHalves: RealHalves?
    /// Exact or approximate, and the measured recall of each approximate graph.
    public let search: NeighbourSearchSummary
}

/// The neighbourhood balls of two sets, ready for precision, recall, density and coverage
/// (`EmbeddingDistances.PrecisionRecall.result`).
public struct BallCounts: Sendable {
    /// The neighbourhood size.
    public let k: Int
    /// The synthetic side (or the first half): how many real balls contain each row, whether its own ball
    /// holds a real row.
    public let synthetic: SweepSide
    /// The real side (or the second half).
    public let real: SweepSide
    /// The synthetic rows' squared k-NN radii.
    public let syntheticRadii2: [Double]
    /// The real rows' squared k-NN radii.
    public let realRadii2: [Double]
}

/// The real rows with a vector in two seeded halves (``DistributionDistances/NoiseFloorSplit``), whose
/// distance from each other is the noise floor of the real-vs-synthetic metrics.
public struct RealHalves: Sendable {
    /// The seeded halves of `real`'s unit rows, with their vectors.
    ///
    /// - Complexity: O(M·d) to copy the vectors.
    public init(_ real: EmbeddingRows, seed: UInt64) {
        let halves = NoiseFloorSplit.halves(count: real.count, seed: seed)
        a = halves.a
        b = halves.b
        matrixA = real.unitRows.selecting(halves.a)
        matrixB = real.unitRows.selecting(halves.b)
    }

    /// The real unit rows of the first half, in shuffled order.
    public let a: [Int]
    /// The second half.
    public let b: [Int]
    /// The first half's vectors, in the order of ``a``.
    public let matrixA: Matrix
    /// The second half's vectors.
    public let matrixB: Matrix
}

extension AuditGraphs {
    /// Computes the graphs `needs` asks for.
    ///
    /// Exact, or above the size in ``AuditConfiguration/neighbourSearch`` pruned to neighbouring clusters of
    /// one partition of all rows (``GraphSearch``), each approximate graph's recall measured.
    ///
    /// - Complexity: exact: per dataset of N rows, O(N²·d / 2) for its sweep against itself; per synthetic
    ///   dataset of N rows and M real rows, O(N·M·d); O(M²·d / 4) for the halves; all in `sgemm` tiles.
    ///   Approximate: each sweep costs the share of pairs it compares (about probes / clusters) times that,
    ///   plus O((N + M)·C·d) to assign C clusters and O(1,500 · (N + M) · d) for the pilot and the recall.
    static func make(
        _ needs: GraphNeeds, inputs: AuditInputs, vectors: EmbeddedDatasets, usedBy: (String) -> [MetricID],
        step: (AuditStep) -> Void
    ) throws(AuditError) -> AuditGraphs {
        let count = inputs.datasets.count
        var settings = inputs.configuration.neighbourSearch
        settings.search.seed = inputs.configuration.seed
        let search = try GraphSearch(settings, rows: (0..<count).map { vectors[$0].unitRows })
        if search.partition != nil {
            step(AuditStep(.graphs, "approximate: \(search.partition?.count ?? 0) clusters"))
        }
        // Exact radii (with their proof) from exact lists; from an approximate list, the k-th of its candidates.
        func ballRadii(_ rows: MatrixRows, candidates: NeighbourList, k: Int, pruned: Bool) -> [Double] {
            pruned
                ? BallRadii.fromCandidates(rows, candidates: candidates, k: k)
                : BallRadii.exact(rows, candidates: candidates, k: k)
        }
        let realIndex = inputs.realIndex
        let real = realIndex.map { vectors[$0] }
        let realLabels = labelled(realIndex, inputs: inputs, vectors: vectors)
        // The labelled-real graph comes from the main lists when every real row with a vector is labelled.
        let everyRealRowLabelled = realLabels.map { !$0.contains(-1) } ?? false
        let estimates = needs.toLabelledReal > 0 && (realLabels.map { $0.filter { $0 >= 0 }.count >= 2 } ?? false)
        let halves = needs.balls > 0 ? real.map { RealHalves($0, seed: inputs.configuration.seed) } : nil

        var withinDataset = [NeighbourList?](repeating: nil, count: count)
        var withinLabel = [NeighbourList?](repeating: nil, count: count)
        var toLabelledReal = [NeighbourList?](repeating: nil, count: count)
        var radii = [[Double]?](repeating: nil, count: count)
        var halfRadii: (a: [Double], b: [Double])?

        for position in 0..<count {
            let embedding = vectors[position]
            let isReal = position == realIndex
            var k = needs.withinDataset
            let ballCandidates = needs.balls > 0 ? min(needs.balls + 3, embedding.count - 1) : 0
            let wantsRadii = needs.balls > 0 && embedding.count > needs.balls
            if wantsRadii { k = max(k, ballCandidates) }
            if isReal && estimates && everyRealRowLabelled { k = max(k, needs.toLabelledReal) }
            var grouped: [GroupedNeighbours] = []
            var names = ["within_dataset"]
            if needs.withinLabel > 0 {
                let labels = labelGroups(position, inputs: inputs, embedding: embedding)
                grouped.append(GroupedNeighbours(k: needs.withinLabel, groups: labels))
                names.append("within_label")
            }
            let labelledSlot = grouped.count
            if isReal && estimates && !everyRealRowLabelled, let realLabels {
                let columns = realLabels.map { $0 >= 0 ? Int32(0) : -1 }
                grouped.append(
                    GroupedNeighbours(
                        k: needs.toLabelledReal, rowGroups: [Int32](repeating: 0, count: embedding.count),
                        columnGroups: columns))
                names.append("to_labelled_real")
            }
            let halvesSlot = grouped.count
            if isReal, let halves, min(halves.a.count, halves.b.count) > needs.balls {
                var groups = [Int32](repeating: 0, count: embedding.count)
                for row in halves.b { groups[row] = 1 }
                let candidates = min(needs.balls + 3, max(halves.a.count, halves.b.count) - 1)
                grouped.append(GroupedNeighbours(k: candidates, groups: groups))
                names.append("real_halves")
            }
            guard k > 0 || !grouped.isEmpty, embedding.count >= 2 else { continue }
            step(AuditStep(.graphs, "\(inputs.datasets[position].name), \(embedding.count) rows"))
            let (side, pruned) = try search.within(
                embedding.unitRows, SweepRequest(k: k, grouped: grouped), dataset: inputs.datasets[position].name,
                names: names)
            if let list = side.neighbours {
                if needs.withinDataset > 0 { withinDataset[position] = list.prefix(needs.withinDataset) }
                if wantsRadii {
                    radii[position] = ballRadii(
                        embedding.unitRows, candidates: list.prefix(ballCandidates), k: needs.balls, pruned: pruned)
                }
                if isReal && estimates && everyRealRowLabelled {
                    toLabelledReal[position] = list.prefix(needs.toLabelledReal)
                }
            }
            if needs.withinLabel > 0 { withinLabel[position] = side.grouped[0] }
            if isReal && estimates && !everyRealRowLabelled { toLabelledReal[position] = side.grouped[labelledSlot] }
            if isReal, let halves, side.grouped.count > halvesSlot {
                halfRadii = halvesRadii(side.grouped[halvesSlot], halves, k: needs.balls) {
                    ballRadii($0, candidates: $1, k: $2, pruned: pruned)
                }
            }
        }

        var toReal = [NeighbourList?](repeating: nil, count: count)
        var fromReal = [NeighbourList?](repeating: nil, count: count)
        var balls = [BallCounts?](repeating: nil, count: count)
        if let realIndex, let real, real.count > 0 {
            for position in inputs.syntheticPositions {
                let embedding = vectors[position]
                let forwardK = max(needs.toReal, estimates && everyRealRowLabelled ? needs.toLabelledReal : 0)
                var grouped: [GroupedNeighbours] = []
                if estimates && !everyRealRowLabelled, let realLabels {
                    grouped.append(
                        GroupedNeighbours(
                            k: needs.toLabelledReal, rowGroups: [Int32](repeating: 0, count: embedding.count),
                            columnGroups: realLabels.map { $0 >= 0 ? 0 : -1 }))
                }
                let ballRadii = (radii[position], radii[realIndex])
                let withBalls = needs.balls > 0 && ballRadii.0 != nil && ballRadii.1 != nil
                guard forwardK > 0 || needs.fromReal > 0 || !grouped.isEmpty || withBalls, embedding.count > 0 else {
                    continue
                }
                step(
                    AuditStep(
                        .graphs, "\(inputs.datasets[position].name) × real, \(embedding.count) × \(real.count) rows"))
                let name = inputs.datasets[position].name
                let sides = try search.between(
                    embedding.unitRows, real.unitRows,
                    SweepRequest(k: forwardK, grouped: grouped, ballRadii2: withBalls ? ballRadii.0 : nil),
                    SweepRequest(k: needs.fromReal, ballRadii2: withBalls ? ballRadii.1 : nil), datasetA: name,
                    namesA: ["to_real", "to_labelled_real"], datasetB: name, namesB: ["from_real"],
                    ballK: needs.balls)
                if let list = sides.0.neighbours {
                    if needs.toReal > 0 { toReal[position] = list.prefix(needs.toReal) }
                    if estimates && everyRealRowLabelled {
                        toLabelledReal[position] = list.prefix(needs.toLabelledReal)
                    }
                }
                if estimates && !everyRealRowLabelled { toLabelledReal[position] = sides.0.grouped.first }
                fromReal[position] = sides.1.neighbours
                if withBalls, let syntheticRadii = ballRadii.0, let realRadii = ballRadii.1 {
                    balls[position] = BallCounts(
                        k: needs.balls, synthetic: sides.0, real: sides.1, syntheticRadii2: syntheticRadii,
                        realRadii2: realRadii)
                }
            }
            if let halves, let halfRadii {
                step(AuditStep(.graphs, "real halves, \(halves.a.count) × \(halves.b.count) rows"))
                let realName = inputs.datasets[realIndex].name
                let sides = try search.between(
                    MatrixRows(halves.matrixA), MatrixRows(halves.matrixB), SweepRequest(ballRadii2: halfRadii.a),
                    SweepRequest(ballRadii2: halfRadii.b), datasetA: realName, namesA: [], datasetB: realName,
                    namesB: [], ballK: needs.balls)
                balls[realIndex] = BallCounts(
                    k: needs.balls, synthetic: sides.0, real: sides.1, syntheticRadii2: halfRadii.a,
                    realRadii2: halfRadii.b)
            }
        }
        return AuditGraphs(
            needs: needs, withinDataset: withinDataset, withinLabel: withinLabel, toReal: toReal, fromReal: fromReal,
            toLabelledReal: toLabelledReal, balls: balls, realHalves: halves, search: search.summary(usedBy: usedBy))
    }

    /// Per unit row of dataset `position`, the id of its label (labels in sorted order), −1 without one.
    private static func labelGroups(_ position: Int, inputs: AuditInputs, embedding: EmbeddingRows) -> [Int32] {
        var ids: [String: Int32] = [:]
        for (index, entry) in inputs.labelRows[position].enumerated() { ids[entry.label] = Int32(index) }
        let labels = inputs.datasets[position].labels
        return embedding.positions.map { row in labels[row].flatMap { ids[$0] } ?? -1 }
    }

    /// Per real unit row, 0 when the row is labelled, −1 when not; `nil` without a real dataset.
    private static func labelled(_ realIndex: Int?, inputs: AuditInputs, vectors: EmbeddedDatasets) -> [Int32]? {
        guard let realIndex else { return nil }
        let labels = inputs.datasets[realIndex].labels
        return vectors[realIndex].positions.map { labels[$0] == nil ? -1 : 0 }
    }

    /// Each half's exact radii, from the real rows' nearest rows within their own half (real numbering),
    /// renumbered within the half.
    private static func halvesRadii(
        _ list: NeighbourList, _ halves: RealHalves, k: Int,
        radii measure: (MatrixRows, NeighbourList, Int) -> [Double]
    ) -> (a: [Double], b: [Double]) {
        var local = [Int32](repeating: -1, count: list.queryCount)
        for (index, row) in halves.a.enumerated() { local[row] = Int32(index) }
        for (index, row) in halves.b.enumerated() { local[row] = Int32(index) }
        func radii(_ rows: [Int], _ matrix: Matrix) -> [Double] {
            let candidates = min(list.k, rows.count - 1)
            var indices: [Int32] = []
            var similarities: [Float] = []
            for row in rows {
                for slot in 0..<candidates {
                    let neighbour = list.indices[row * list.k + slot]
                    indices.append(neighbour >= 0 ? local[Int(neighbour)] : -1)
                    similarities.append(list.similarities[row * list.k + slot])
                }
            }
            let renumbered = NeighbourList(k: candidates, indices: indices, similarities: similarities)
            return measure(MatrixRows(matrix), renumbered, k)
        }
        return (radii(halves.a, halves.matrixA), radii(halves.b, halves.matrixB))
    }
}
