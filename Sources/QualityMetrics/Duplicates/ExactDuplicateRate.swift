import AuditModel
import AuditPlan

extension MetricID {
    /// Share of rows whose normalised text occurs earlier in the dataset.
    public static let exactDuplicateRate = MetricID("exact_duplicate_rate")
}

/// `exact_duplicate_rate`: the share of rows whose normalised text (NFKC, lower-cased, whitespace
/// collapsed) equals that of an earlier row. The first occurrence is not counted, so k copies of a text
/// add k − 1.
///
/// - Complexity: O(N) over the plan's normalised-text ids.
struct ExactDuplicateRate: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .exactDuplicateRate, title: "Exact duplicate rate",
            summary: "share of rows whose normalised text already occurred earlier in the dataset",
            direction: .lowerIsBetter, dimension: .diversity, card: "Metrics/exact-duplicate-rate.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        guard scope.rowCount > 0 else { return .skipped(.noRows) }
        let keys = scope.textKeys
        var seen = [Bool](repeating: false, count: Int(keys.max() ?? 0) + 1)
        var duplicates = 0
        for key in keys {
            if seen[Int(key)] { duplicates += 1 } else { seen[Int(key)] = true }
        }
        return Self.value(rows: scope.rowCount, distinctTexts: scope.rowCount - duplicates)
    }

    /// Wilson's interval of the share of rows.
    func interval(of value: Double, in scope: MetricScope) -> ConfidenceInterval? {
        shareInterval(value, of: scope.rowCount)
    }

    /// The value for `rows` rows with `distinctTexts` distinct normalised texts (also from merged shard counts).
    static func value(rows: Int, distinctTexts: Int) -> MetricValue {
        guard rows > 0 else { return .skipped(.noRows) }
        return .number(Double(rows - distinctTexts) / Double(rows))
    }
}
