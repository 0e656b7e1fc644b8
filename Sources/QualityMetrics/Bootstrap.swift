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

extension MetricScope {
    /// The votes of the rows' raters (``LabelAgreement/VoteTable``), built once per scope.
    var raterVotes: VoteTable { cached("labels.raterVotes") { VoteTable(annotations: annotations) } }
}
