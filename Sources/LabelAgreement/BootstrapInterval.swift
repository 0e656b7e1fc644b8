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
        guard itemCount > 0, resamples > 0 else { return nil }
        var generator = SplitMix64(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(resamples)
        var indices = [Int](repeating: 0, count: itemCount)
        for _ in 0..<resamples {
            for position in indices.indices { indices[position] = generator.index(below: itemCount) }
            if let value = statistic(indices), value.isFinite { values.append(value) }
        }
        guard values.count * 2 >= resamples else { return nil }
        values.sort()
        return BootstrapInterval(
            lower: quantile(values, (1 - level) / 2), upper: quantile(values, (1 + level) / 2), level: level,
            resamples: resamples, validResamples: values.count, seed: seed)
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
