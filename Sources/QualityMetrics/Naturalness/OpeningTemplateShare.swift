import AuditModel
import AuditPlan

extension MetricID {
    /// Share of rows that start with the dataset's most common 3-token opening.
    public static let openingTemplateShare = MetricID("opening_template_share")
}

/// `opening_template_share`: the rows in the largest group of two or more rows that share their first
/// ``Naturalness/openingTokens`` tokens, over all rows (0 when no two rows share an opening).
///
/// - Complexity: O(N) hash lookups of the first three token ids.
struct OpeningTemplateShare: RowDataMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .openingTemplateShare, title: "Opening template share",
            summary: "share of rows starting with the dataset's most common 3-token opening",
            direction: .lowerIsBetter, dimension: .naturalness, card: "Metrics/artefacts.md")
    }

    func value(in scope: MetricScope, _ data: RowData) -> MetricValue {
        guard scope.rowCount > 0 else { return .skipped(.noRows) }
        let corpus = scope.context.tokens.corpora[scope.dataset]
        var counts: [[UInt32]: Int] = [:]
        for row in scope.rows {
            let tokens = corpus.tokens(ofRow: row)
            guard tokens.count >= Naturalness.openingTokens else { continue }
            counts[Array(tokens.prefix(Naturalness.openingTokens)), default: 0] += 1
        }
        return Self.value(largestGroup: counts.values.max() ?? 0, rows: scope.rowCount)
    }

    /// The value for `rows` rows whose most common opening starts `largestGroup` of them (also from merged
    /// shard counts).
    static func value(largestGroup: Int, rows: Int) -> MetricValue {
        guard rows > 0 else { return .skipped(.noRows) }
        return .number(Double(largestGroup >= 2 ? largestGroup : 0) / Double(rows))
    }
}
