import AuditModel
import AuditPlan

extension MetricID {
    /// Distinct unigrams / all unigrams over the rows.
    public static let distinct1 = MetricID("distinct_1")
    /// Distinct bigrams / all bigrams over the rows.
    public static let distinct2 = MetricID("distinct_2")
    /// Distinct trigrams / all trigrams over the rows.
    public static let distinct3 = MetricID("distinct_3")
    /// Distinct 4-grams / all 4-grams over the rows.
    public static let distinct4 = MetricID("distinct_4")
}

/// `distinct_1` … `distinct_4`: distinct n-grams / all n-grams over the rows (corpus-level distinct-n).
///
/// N-grams never cross a row boundary. This is the corpus-level ratio; it falls as a dataset grows,
/// so compare datasets of similar size (the card explains this).
///
/// - Complexity: O(T · n) for T tokens (the scope's shared n-gram index).
struct DistinctN: ScopeMetric {
    /// The n.
    let order: Int

    /// The plan's shared tokens.
    var requirements: Requirements { Requirements(tokens: true) }

    var descriptor: MetricDescriptor {
        MetricDescriptor(
            [.distinct1, .distinct2, .distinct3, .distinct4][order - 1], title: "Distinct-\(order)",
            summary: "distinct \(order)-grams divided by all \(order)-grams in the dataset (corpus-level)",
            direction: .higherIsBetter, dimension: .diversity, card: "Metrics/distinct-n.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        let index = scope.ngramIndex
        return Self.value(
            distinct: index.distinctCounts[order - 1], total: index.totalCount(order: order), order: order)
    }

    /// The value for `distinct` distinct n-grams of `total` (also from merged shard counts).
    static func value(distinct: Int, total: Int, order: Int) -> MetricValue {
        guard total > 0 else { return .skipped(.noNGrams(order: order)) }
        return .number(Double(distinct) / Double(total))
    }
}
