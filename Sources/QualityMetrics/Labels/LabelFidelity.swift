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
        switch Self.judged(in: scope) {
        case .failure(let reason): return .skipped(reason)
        case .success(let judged):
            let agreeing = zip(judged.labels, judged.predictions).lazy.filter { $0 == $1 }.count
            return .number(Double(agreeing) / Double(judged.labels.count))
        }
    }

    /// The labels and the real-trained classifier's predictions of the rows of `scope` it judges (a
    /// prediction and a real label), or why there are none to compare or a comparison would mean nothing.
    static func judged(in scope: MetricScope) -> Result<(labels: [String?], predictions: [String?]), SkipReason> {
        let classifier: RealClassifier
        switch scope.context.classifier {
        case .failure(let reason): return .failure(reason)
        case .success(let trained): classifier = trained
        }
        let predictions = classifier.predictions[scope.dataset]
        let labels = scope.data.labels
        let rows = scope.rows.filter { predictions[$0] != nil && classifier.classIndex(labels[$0]) != nil }
        guard !rows.isEmpty else { return .failure(.noJudgeableRows) }
        if let reason = classifier.atChance { return .failure(reason) }
        return .success((rows.map { labels[$0] }, rows.map { predictions[$0] }))
    }
}
