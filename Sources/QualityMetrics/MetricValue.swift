/// A metric's outcome: a finite number, or no number and the reason why.
public enum MetricValue: Sendable, Equatable {
    /// The metric's value; always finite.
    case number(Double)
    /// The metric has no value here (for example self-BLEU of a single row), and why.
    case unavailable(reason: String)

    /// A value, or ``unavailable(reason:)`` if `value` is not finite.
    public static func finite(_ value: Double, otherwise reason: String) -> MetricValue {
        value.isFinite ? .number(value) : .unavailable(reason: reason)
    }

    /// The number, or `nil` when unavailable.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The reason, or `nil` when there is a number.
    public var unavailableReason: String? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }
}
