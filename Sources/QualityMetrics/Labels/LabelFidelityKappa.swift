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

    /// The 95 % percentile bootstrap interval over the judged rows: each resample's κ from its confusion counts.
    ///
    /// - Complexity: O(B · (n + K²)) for B resamples of n rows and K labels.
    func interval(of value: Double, in scope: MetricScope) -> ConfidenceInterval? {
        guard case .success(let judged) = LabelFidelity.judged(in: scope) else { return nil }
        var codes: [String: Int] = [:]
        func code(_ label: String?) -> Int {
            let key = label ?? ""
            if let known = codes[key] { return known }
            codes[key] = codes.count
            return codes.count - 1
        }
        let given = judged.labels.map(code)
        let predicted = judged.predictions.map(code)
        let classes = codes.count
        return bootstrapInterval(itemCount: given.count, scope.context.inputs.configuration) { rows in
            Self.kappa(given, predicted, rows: rows, classes: classes)
        }
    }

    /// Cohen's κ of the two codings of `rows` (with repeats), from their counts; `nil` when chance agreement is 1.
    static func kappa(_ a: [Int], _ b: [Int], rows: [Int], classes: Int) -> Double? {
        var agree = 0
        var marginalA = [Int](repeating: 0, count: classes)
        var marginalB = [Int](repeating: 0, count: classes)
        for row in rows {
            if a[row] == b[row] { agree += 1 }
            marginalA[a[row]] += 1
            marginalB[b[row]] += 1
        }
        let n = Double(rows.count)
        let observed = Double(agree) / n
        var expected = 0.0
        for c in 0..<classes { expected += Double(marginalA[c]) / n * Double(marginalB[c]) / n }
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }
}
