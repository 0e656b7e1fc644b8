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
    BootstrapInterval.percentile(
        itemCount: itemCount, resamples: configuration.bootstrapResamples, seed: configuration.seed,
        statistic: statistic
    ).map {
        ConfidenceInterval(
            lower: $0.lower, upper: $0.upper, level: $0.level, resamples: $0.resamples,
            validResamples: $0.validResamples, seed: $0.seed)
    }
}

extension MetricScope {
    /// The votes of the rows' raters (``LabelAgreement/VoteTable``), built once per scope.
    var raterVotes: VoteTable { cached("labels.raterVotes") { VoteTable(annotations: annotations) } }
}
