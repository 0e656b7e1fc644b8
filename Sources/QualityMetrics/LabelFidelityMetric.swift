/// `label_fidelity` and `invalid_label_rate`: whether a dataset's labels are ones the real data would
/// give its rows.
///
/// - `label_fidelity`: the share of rows (labelled, with a vector, label in the real label set) whose
///   label equals the prediction of the classifier trained on the real training rows; for the real
///   dataset, over its held-out rows (the reference a faithful dataset reaches).
/// - `invalid_label_rate`: the share of labelled rows whose label is not in the real label set.
///
/// - Complexity: O(N); the classifiers run once per audit in the engine.
struct LabelFidelityMetric: MetricFamily {
    let ids: [MetricID] = [.labelFidelity, .invalidLabelRate]

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        var values: [MetricID: MetricValue] = [:]
        let rows = context.rows
        for id in requested {
            guard let labelSet = rows.realLabelSet else {
                values[id] = .unavailable(reason: rows.labelModelUnavailable)
                continue
            }
            let labelled = rows.labels.indices.filter { rows.labels[$0] != nil }
            switch id {
            case .invalidLabelRate:
                guard !labelled.isEmpty else {
                    values[id] = .unavailable(reason: "no labelled rows")
                    continue
                }
                let invalid = labelled.filter { !labelSet.contains(rows.labels[$0] ?? "") }.count
                values[id] = .number(Double(invalid) / Double(labelled.count))
            default:
                let judged = labelled.filter {
                    rows.predictions?[$0] != nil && labelSet.contains(rows.labels[$0] ?? "")
                }
                guard !judged.isEmpty else {
                    values[id] = .unavailable(reason: "no labelled row with a vector and a real label to judge")
                    continue
                }
                let agreeing = judged.filter { rows.predictions?[$0] == rows.labels[$0] }.count
                values[id] = .number(Double(agreeing) / Double(judged.count))
            }
        }
        return values
    }
}
