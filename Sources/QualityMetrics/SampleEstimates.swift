import AuditModel
import AuditPlan
import TextArtefacts

/// Intervals for the metrics of a dataset measured on a uniform sample of its rows (`assay merge` above
/// the sample size) whose value is a mean over rows of something each row has on its own: an artefact
/// flag, a naturalness score, a label the real-data classifier agrees with, a copy of a real row, a place
/// inside the real data's support, a subjectivity. The sample mean estimates the mean over every row; its
/// 95 % interval is Wilson's score interval for a share (a row has the property or not) and a percentile
/// bootstrap over the sampled rows for a mean, both without the finite-population correction (so a
/// little wide).
public enum SampleEstimates {
    /// The metrics that can be estimated this way, with each row's value (`nil`: the row does not count).
    static func rowValue(_ id: MetricID, configuration: AuditConfiguration) -> ((RowFinding) -> Double?)? {
        func share(_ holds: Bool) -> Double { holds ? 1 : 0 }
        switch id {
        case .artefactRate: return { share(!($0.flags ?? []).isEmpty) }
        case .naturalness: return { $0.naturalness }
        case .embeddingPrecision: return { $0.insideRealSupport.map(share) }
        case .realCopyRate:
            return { $0.nearestRealSimilarity.map { share($0 >= configuration.nearDuplicateThreshold) } }
        case .labelFidelity:
            return { row in
                guard let label = row.label, let predicted = row.predicted else { return nil }
                return share(label == predicted)
            }
        case .instanceSubjectivityMean, .estimatedSubjectivityMean: return { $0.subjectivity }
        case .highlySubjectiveRate:
            return { $0.subjectivity.map { share($0 >= Subjectivity.highlySubjectiveThreshold) } }
        default:
            guard let kind = ArtefactKind.allCases.first(where: { ArtefactRate.id(of: $0) == id }) else { return nil }
            return { share(($0.flags ?? []).contains(kind.rawValue)) }
        }
    }

    /// For each metric of `entry` (computed on its sampled rows) that is a mean over rows, the interval of
    /// that mean over every row, when the rows' values (`DatasetResult.rowFindings`) give back the metric's
    /// value.
    ///
    /// - Complexity: O(B · n) per metric for B resamples of n rows.
    public static func intervals(_ entry: DatasetResult, configuration: AuditConfiguration) -> [MetricID:
        ConfidenceInterval]
    {
        var intervals: [MetricID: ConfidenceInterval] = [:]
        for (id, metricValue) in entry.metrics {
            guard let value = metricValue.number, let rowValue = rowValue(id, configuration: configuration) else {
                continue
            }
            let values = entry.rowFindings.compactMap(rowValue)
            guard !values.isEmpty else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            // Row values are rounded to 6 decimals in the findings.
            guard abs(mean - value) <= 1e-6 * max(1, abs(value)) else { continue }
            if values.allSatisfy({ $0 == 0 || $0 == 1 }) {
                intervals[id] = .wilson(successes: Int(values.reduce(0, +)), trials: values.count)
            } else {
                intervals[id] = bootstrapInterval(itemCount: values.count, configuration) { rows in
                    rows.reduce(0) { $0 + values[$1] } / Double(rows.count)
                }
            }
        }
        return intervals
    }
}
