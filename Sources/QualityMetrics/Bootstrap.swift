import AuditModel
import AuditPlan
import LabelAgreement

/// A 95 % percentile bootstrap interval of `statistic` over `itemCount` items, drawn with the audit's
/// seed and number of resamples (``LabelAgreement/BootstrapInterval``); `nil` without resamples or
/// valid values.
///
/// - Complexity: O(B · cost of the statistic) for B resamples.
func bootstrapInterval(itemCount: Int, _ configuration: AuditConfiguration, statistic: ([Int]) -> Double?)
    -> ConfidenceInterval?
{
    bootstrapIntervals(itemCount: itemCount, configuration, count: 1) { [statistic($0)] }[0]
}

/// ``bootstrapInterval(itemCount:_:statistic:)`` of `count` statistics over the same resamples, computed
/// together (``LabelAgreement/BootstrapInterval/percentiles(itemCount:resamples:level:seed:count:statistics:)``).
func bootstrapIntervals(
    itemCount: Int, _ configuration: AuditConfiguration, count: Int, statistics: ([Int]) -> [Double?]
) -> [ConfidenceInterval?] {
    BootstrapInterval.percentiles(
        itemCount: itemCount, resamples: configuration.bootstrapResamples, seed: configuration.seed, count: count,
        statistics: statistics
    ).map { interval in
        interval.map {
            ConfidenceInterval(
                lower: $0.lower, upper: $0.upper, level: $0.level, resamples: $0.resamples,
                validResamples: $0.validResamples, seed: $0.seed)
        }
    }
}

/// The 95 % percentile bootstrap interval of the mean of `values` (one per row), resampling the rows and
/// holding each row's value fixed; `nil` for fewer than two rows or without resamples.
///
/// - Complexity: O(B · n) for B resamples of n rows.
func meanInterval(_ values: [Double], _ configuration: AuditConfiguration) -> ConfidenceInterval? {
    guard values.count >= 2 else { return nil }
    return bootstrapInterval(itemCount: values.count, configuration) { rows in
        var sum = 0.0
        for row in rows { sum += values[row] }
        return sum / Double(rows.count)
    }
}

extension MetricScope {
    /// The votes of the rows' raters (``LabelAgreement/VoteTable``), built once per scope.
    var raterVotes: VoteTable { cached("labels.raterVotes") { VoteTable(annotations: annotations) } }
}
