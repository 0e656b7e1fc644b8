import AuditModel
import AuditPlan

extension MetricID {
    /// Share of synthetic rows whose normalised text is a real row's.
    public static let realExactCopyRate = MetricID("real_exact_copy_rate")
}

/// `real_exact_copy_rate`: the share of all rows whose normalised text is a real row's.
///
/// - Complexity: O(N + M) hash lookups over the plan's normalised-text ids.
struct RealExactCopyRate: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .realExactCopyRate, title: "Real exact copy rate",
            summary: "share of synthetic rows whose normalised text is a real row's",
            direction: .lowerIsBetter, dimension: .memorisation, card: "Metrics/real-copies.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        if let skipped = comparesWithReal(scope) { return skipped }
        guard let realIndex = scope.context.inputs.realIndex else { return .skipped(.noRealDataset(.comparison)) }
        guard scope.rowCount > 0 else { return .skipped(.noRows) }
        let real = scope.context.shared("duplicates.realKeys") { Set(scope.context.textKeys[realIndex]) }
        return Self.value(copies: scope.textKeys.lazy.filter(real.contains).count, rows: scope.rowCount)
    }

    /// Wilson's interval of the share of rows.
    func interval(of value: Double, in scope: MetricScope) -> ConfidenceInterval? {
        shareInterval(value, of: scope.rowCount)
    }

    /// The value for `copies` of `rows` rows (also from merged shard counts).
    static func value(copies: Int, rows: Int) -> MetricValue {
        guard rows > 0 else { return .skipped(.noRows) }
        return .number(Double(copies) / Double(rows))
    }
}
