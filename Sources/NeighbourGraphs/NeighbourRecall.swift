import AssayUtilities
import LinearAlgebra

/// How many of the true nearest neighbours an approximate graph found, measured against exact search on a
/// seeded sample of its query rows.
public struct NeighbourRecall: Sendable, Equatable, Codable {
    /// The neighbours compared per query.
    public let k: Int
    /// Query rows sampled (all of them when there are fewer than the sample size asked for).
    public let sampledQueries: Int
    /// Mean over the sampled queries of the share of their exact k nearest neighbours the approximate list
    /// holds; a found neighbour as similar as the exact k-th (within 10⁻⁶) counts, so ties do not count as
    /// misses.
    public let recall: Double
    /// Standard error of that mean over the sampled queries (0 when every query was sampled).
    public let standardError: Double

    /// Measures the recall@k of `approximate` (the lists of `queries` among `references`, k at least `k`)
    /// against exact search for `sampleSize` seeded queries (every query when there are fewer).
    /// `excludingSameIndex` when queries and references are the same set and each row's own entry is left
    /// out, as it is in `approximate`.
    ///
    /// - Throws: ``NeighbourGraphsError`` from the exact search.
    /// - Complexity: O(sampled · M · d) for M references, in one blocked sweep; memory O(sampled · d).
    public static func measure(
        _ approximate: NeighbourList, queries: MatrixRows, references: MatrixRows, k: Int,
        excludingSameIndex: Bool, sampleSize: Int = 1000, seed: UInt64 = 20_231_012
    ) throws(NeighbourGraphsError) -> NeighbourRecall {
        precondition(k >= 1 && k <= approximate.k, "k must be in 1...approximate.k")
        precondition(approximate.queryCount == queries.count, "one list per query row")
        let sampled = sampledRows(count: queries.count, size: sampleSize, seed: seed)
        // Only the sampled queries are copied; the references are read in place.
        let exact = try NeighbourSweep.exactSample(
            queries, sampled: sampled, references: references, request: SweepRequest(k: min(k, references.count)),
            sameSet: excludingSameIndex)
        guard let truth = exact.neighbours else {
            return NeighbourRecall(k: k, sampledQueries: 0, recall: 1, standardError: 0)
        }
        return compare(approximate, exact: truth, sampled: sampled, k: k, everyQuery: sampled.count == queries.count)
    }

    /// The recall@k of `approximate` (lists of every query row) for the query rows `sampled`, whose exact
    /// lists `exact` holds in sample order. Queries without an exact neighbour (an empty group) are left
    /// out. `everyQuery`: the sample is every query row, so there is no sampling error.
    ///
    /// - Complexity: O(sampled · k).
    public static func compare(
        _ approximate: NeighbourList, exact: NeighbourList, sampled: [Int], k: Int, everyQuery: Bool
    ) -> NeighbourRecall {
        var recalls: [Double] = []
        recalls.reserveCapacity(sampled.count)
        for (position, query) in sampled.enumerated() {
            let truth = exact.neighbours(of: position).prefix(k)
            guard let kth = truth.last?.similarity else { continue }
            let trueSet = Set(truth.map(\.index))
            let found = approximate.neighbours(of: query).prefix(k)
            let hits = found.filter { trueSet.contains($0.index) || $0.similarity >= kth - 1e-6 }.count
            recalls.append(Double(min(hits, truth.count)) / Double(truth.count))
        }
        return summary(recalls, k: k, everyQuery: everyQuery)
    }

    /// The share of the sampled rows' ball memberships an approximate sweep found: per sampled row with at
    /// least one ball holding it (`exact`, in sample order), found / exact (`approximate`, every row).
    ///
    /// - Complexity: O(sampled).
    public static func compareBalls(
        _ approximate: [Int32], exact: [Int32], sampled: [Int], k: Int, everyQuery: Bool
    ) -> NeighbourRecall {
        let recalls = zip(sampled, exact).compactMap { query, truth -> Double? in
            truth > 0 ? min(1, Double(approximate[query]) / Double(truth)) : nil
        }
        return summary(recalls, k: k, everyQuery: everyQuery)
    }

    /// Mean and standard error of per-query recalls (no error when every query was measured).
    private static func summary(_ recalls: [Double], k: Int, everyQuery: Bool) -> NeighbourRecall {
        guard !recalls.isEmpty else { return NeighbourRecall(k: k, sampledQueries: 0, recall: 1, standardError: 0) }
        let mean = ExactSum.fsum(recalls) / Double(recalls.count)
        var standardError = 0.0
        if !everyQuery, recalls.count > 1 {
            let variance = ExactSum.fsum(recalls.map { ($0 - mean) * ($0 - mean) }) / Double(recalls.count - 1)
            standardError = (variance / Double(recalls.count)).squareRoot()
        }
        return NeighbourRecall(k: k, sampledQueries: recalls.count, recall: mean, standardError: standardError)
    }

    /// `size` distinct rows of `0..<count` drawn with a seeded shuffle, sorted (all rows when fewer).
    package static func sampledRows(count: Int, size: Int, seed: UInt64) -> [Int] {
        guard count > size else { return Array(0..<count) }
        var generator = SplitMix64(seed: seed)
        var rows = Array(0..<count)
        for index in 0..<size {
            let pick = index + generator.index(below: count - index)
            rows.swapAt(index, pick)
        }
        return rows.prefix(size).sorted()
    }
}
