/// A metric's outcome: a finite number, or no number and the reason why.
public enum MetricValue: Sendable, Hashable {
    /// The metric's value; always finite.
    case number(Double)
    /// The metric has no value here (for example self-BLEU of a single row), and why.
    case skipped(SkipReason)

    /// A value, or ``SkipReason/notFinite`` if `value` is not finite.
    public static func finite(_ value: Double) -> MetricValue {
        value.isFinite ? .number(value) : .skipped(.notFinite)
    }

    /// The number, or `nil` when skipped.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The reason, or `nil` when there is a number.
    public var skipReason: SkipReason? {
        if case .skipped(let reason) = self { return reason }
        return nil
    }
}
