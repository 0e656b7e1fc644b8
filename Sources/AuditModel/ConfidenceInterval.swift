/// A metric's percentile bootstrap confidence interval, and how it was drawn.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
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

    /// Creates an interval.
    public init(lower: Double, upper: Double, level: Double, resamples: Int, validResamples: Int, seed: UInt64) {
        self.lower = lower
        self.upper = upper
        self.level = level
        self.resamples = resamples
        self.validResamples = validResamples
        self.seed = seed
    }

    private enum CodingKeys: String, CodingKey {
        case lower, upper, level, resamples, seed
        case validResamples = "valid_resamples"
    }
}
