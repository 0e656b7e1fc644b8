import AuditModel
import AuditPlan

extension MetricID {
    /// Share of rows whose label the classifier trained on the real data also predicts.
    public static let labelFidelity = MetricID("label_fidelity")
}

/// `label_fidelity`: the share of rows (labelled, with a vector, label in the real label set) whose label
/// equals the prediction of the classifier trained on the real training rows; for the real dataset, over
/// its held-out rows (the reference a faithful dataset reaches). Not measurable when that classifier does
/// no better than chance (``AuditPlan/RealClassifier/atChance``): agreeing with a constant guess only
/// measures the share of its label.
///
/// - Complexity: O(N) over the plan's classifier's predictions.
struct LabelFidelity: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .labelFidelity, title: "Label fidelity",
            summary: "share of rows whose label the classifier trained on the real data also predicts",
            direction: .higherIsBetter, dimension: .labels, card: "Metrics/label-fidelity.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        let classifier: RealClassifier
        switch scope.context.classifier {
        case .failure(let reason): return .skipped(reason)
        case .success(let trained): classifier = trained
        }
        let predictions = classifier.predictions[scope.dataset]
        let labels = scope.data.labels
        let judged = scope.rows.filter { predictions[$0] != nil && classifier.classIndex(labels[$0]) != nil }
        guard !judged.isEmpty else { return .skipped(.noJudgeableRows) }
        if let reason = classifier.atChance { return .skipped(reason) }
        let agreeing = judged.lazy.filter { predictions[$0] == labels[$0] }.count
        return .number(Double(agreeing) / Double(judged.count))
    }
}
