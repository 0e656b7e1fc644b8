/// A metric's confidence interval, and how it was drawn: a percentile bootstrap unless ``method`` says
/// otherwise.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    /// How an interval that is not a percentile bootstrap was computed.
    public enum Method: String, Sendable, Equatable, Codable {
        /// Wilson's score interval of a proportion (``resamples`` and ``seed`` are 0): unlike a bootstrap it
        /// does not shrink to a point when no sampled row (or every one) has the property.
        case wilson
        /// A count from a HyperLogLog sketch: the estimate ± 1.96 times the sketch's relative standard error
        /// (``resamples`` and ``seed`` are 0).
        case hyperLogLog = "hyperloglog"
    }

    /// Lower end.
    public var lower: Double
    /// Upper end.
    public var upper: Double
    /// Coverage, e.g. 0.95.
    public var level: Double
    /// Resamples drawn (of the rows, with replacement).
    public var resamples: Int
    /// Resamples on which the metric had a value.
    public var validResamples: Int
    /// The seed of the generator that drew them.
    public var seed: UInt64

    /// `nil` for a percentile bootstrap.
    public var method: Method?
    /// Creates an interval.
    public init(
        lower: Double, upper: Double, level: Double, resamples: Int, validResamples: Int, seed: UInt64,
        method: Method? = nil
    ) {
        self.method = method
        self.lower = lower
        self.upper = upper
        self.level = level
        self.resamples = resamples
        self.validResamples = validResamples
        self.seed = seed
    }

    private enum CodingKeys: String, CodingKey {
        case lower, upper, level, resamples, seed, method
        case validResamples = "valid_resamples"
    }

    /// Wilson's 95 % score interval of a proportion of `successes` in `trials` (> 0): unlike a bootstrap it
    /// does not shrink to a point when no row (or every row) has the property.
    ///
    /// (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n) with z = 1.959964.
    ///
    /// - Precondition: 0 ≤ `successes` ≤ `trials` and `trials` > 0.
    /// - Complexity: O(1).
    public static func wilson(successes: Int, trials: Int) -> ConfidenceInterval {
        precondition(trials > 0 && (0...trials).contains(successes), "a share needs 0 <= successes <= trials > 0")
        let z = 1.959_963_984_540_054
        let n = Double(trials)
        let share = Double(successes) / n
        let denominator = 1 + z * z / n
        let centre = (share + z * z / (2 * n)) / denominator
        let half = z * (share * (1 - share) / n + z * z / (4 * n * n)).squareRoot() / denominator
        // With no success (or no failure) the end is exactly 0 (or 1): centre − half cancels to rounding noise.
        return ConfidenceInterval(
            lower: successes == 0 ? 0 : max(0, centre - half), upper: successes == trials ? 1 : min(1, centre + half),
            level: 0.95, resamples: 0, validResamples: 0, seed: 0, method: .wilson)
    }

    /// Whether `value` lies inside the interval (ends included).
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
