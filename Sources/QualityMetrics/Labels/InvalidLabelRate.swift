import AuditModel
import AuditPlan

extension MetricID {
    /// Share of labelled rows whose label is not in the real label set.
    public static let invalidLabelRate = MetricID("invalid_label_rate")
}

/// `invalid_label_rate`: the share of labelled rows whose label is not in the real label set (the labels
/// of the real rows with a vector).
///
/// - Complexity: O(N).
struct InvalidLabelRate: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .invalidLabelRate, title: "Invalid label rate",
            summary: "share of labelled rows whose label is not in the real label set",
            direction: .lowerIsBetter, dimension: .labels, card: "Metrics/label-fidelity.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        let classifier: RealClassifier
        switch scope.context.classifier {
        case .failure(let reason): return .skipped(reason)
        case .success(let trained): classifier = trained
        }
        let labelled = scope.labels.compactMap { $0 }
        guard !labelled.isEmpty else { return .skipped(.noLabelledRows) }
        let invalid = labelled.lazy.filter { classifier.classIndex($0) == nil }.count
        return .number(Double(invalid) / Double(labelled.count))
    }

    /// Wilson's interval of the share of labelled rows.
    func interval(of value: Double, in scope: MetricScope) -> ConfidenceInterval? {
        shareInterval(value, of: scope.labels.lazy.filter { $0 != nil }.count)
    }
}
