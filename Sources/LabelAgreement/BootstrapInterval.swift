import AssayUtilities

/// A percentile bootstrap confidence interval: resample the items with replacement, recompute the
/// statistic, take the (1 − level)/2 and (1 + level)/2 quantiles of the resampled values.
public struct BootstrapInterval: Sendable, Equatable, Codable {
    /// Lower end.
    public let lower: Double
    /// Upper end.
    public let upper: Double
    /// Coverage, e.g. 0.95.
    public let level: Double
    /// Resamples drawn.
    public let resamples: Int
    /// Resamples on which the statistic had a value (the others are left out).
    public let validResamples: Int
    /// The seed of the ``SplitMix64`` generator that drew them.
    public let seed: UInt64

    /// Default number of resamples.
    public static let defaultResamples = 1000
    /// Default seed.
    public static let defaultSeed: UInt64 = 20_231_012

    /// The interval of `statistic` over `itemCount` items: each resample draws `itemCount` indices with
    /// replacement (``SplitMix64/index(below:)``, one generator for all resamples) and calls `statistic`
    /// with them. Quantiles interpolate linearly between order statistics (numpy's default). `nil` when
    /// fewer than half the resamples give a value.
    ///
    /// - Complexity: `resamples` evaluations of `statistic`.
    public static func percentile(
        itemCount: Int, resamples: Int = defaultResamples, level: Double = 0.95, seed: UInt64 = defaultSeed,
        statistic: ([Int]) -> Double?
    ) -> BootstrapInterval? {
        percentiles(itemCount: itemCount, resamples: resamples, level: level, seed: seed, count: 1) {
            [statistic($0)]
        }[0]
    }

    /// The intervals of `count` statistics over the same resamples, computed together: `statistics`
    /// returns one value per statistic (`count` of them) for each resample. Each interval equals the one
    /// ``percentile(itemCount:resamples:level:seed:statistic:)`` gives for that statistic alone, at the
    /// cost of one pass over the resamples (for statistics that share work, such as counts).
    ///
    /// - Complexity: `resamples` evaluations of `statistics`.
    public static func percentiles(
        itemCount: Int, resamples: Int = defaultResamples, level: Double = 0.95, seed: UInt64 = defaultSeed,
        count: Int, statistics: ([Int]) -> [Double?]
    ) -> [BootstrapInterval?] {
        guard itemCount > 0, resamples > 0 else { return [BootstrapInterval?](repeating: nil, count: count) }
        var generator = SplitMix64(seed: seed)
        var values = [[Double]](repeating: [], count: count)
        for index in values.indices { values[index].reserveCapacity(resamples) }
        var indices = [Int](repeating: 0, count: itemCount)
        for _ in 0..<resamples {
            for position in indices.indices { indices[position] = generator.index(below: itemCount) }
            let computed = statistics(indices)
            precondition(computed.count == count, "one value per statistic")
            for (index, value) in computed.enumerated() {
                if let value, value.isFinite { values[index].append(value) }
            }
        }
        return values.map { valid in
            guard valid.count * 2 >= resamples else { return nil }
            let sorted = valid.sorted()
            return BootstrapInterval(
                lower: quantile(sorted, (1 - level) / 2), upper: quantile(sorted, (1 + level) / 2), level: level,
                resamples: resamples, validResamples: sorted.count, seed: seed)
        }
    }

    /// The q-quantile of sorted `values` with linear interpolation (numpy `percentile`, method "linear").
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let position = q * Double(values.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, values.count - 1)
        let fraction = position - Double(below)
        return values[below] + (values[above] - values[below]) * fraction
    }
}
