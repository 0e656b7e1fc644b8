import AuditModel
import AuditPlan
import LabelAgreement

extension MetricID {
    /// Cohen's κ between the rows' labels and the labels the classifier trained on the real data predicts.
    public static let labelFidelityKappa = MetricID("label_fidelity_kappa")
}

/// `label_fidelity_kappa`: Cohen's κ between each judged row's label and the real-trained classifier's
/// prediction, over the rows `label_fidelity` counts: its agreement corrected for the agreement the two
/// label distributions give by chance, so a dataset whose labels are mostly one class does not look
/// faithful for that alone. Per whole dataset only (within one label the given labels are constant and κ
/// says nothing); not measurable when the classifier does no better than chance.
///
/// - Complexity: O(N + K²) over the plan's classifier's predictions.
struct LabelFidelityKappa: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .labelFidelityKappa, title: "Label fidelity κ",
            summary: "Cohen's κ between the labels and the predictions of the classifier trained on the real data",
            direction: .higherIsBetter, dimension: .labels, card: "Metrics/label-fidelity.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        guard scope.isWholeDataset else { return .skipped(.wholeDatasetOnly) }
        switch LabelFidelity.judged(in: scope) {
        case .failure(let reason): return .skipped(reason)
        case .success(let judged):
            do {
                return .number(try InterRaterAgreement.cohenKappa(judged.labels, judged.predictions))
            } catch {
                return .skipped(.undefined(error.reason))
            }
        }
    }
}
