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
}
