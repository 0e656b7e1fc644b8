import AuditModel
import AuditPlan
import LabelModels

extension MetricID {
    /// Accuracy on the real held-out rows of a classifier trained on this dataset.
    public static let tstrAccuracy = MetricID("tstr_accuracy")
    /// Macro-F1 on the real held-out rows of a classifier trained on this dataset.
    public static let tstrMacroF1 = MetricID("tstr_macro_f1")
    /// Accuracy on the real held-out rows of a classifier trained on the real training rows.
    public static let trtrAccuracy = MetricID("trtr_accuracy")
    /// Macro-F1 on the real held-out rows of a classifier trained on the real training rows.
    public static let trtrMacroF1 = MetricID("trtr_macro_f1")
    /// `tstr_macro_f1` / `trtr_macro_f1`.
    public static let tstrRatio = MetricID("tstr_ratio")
}

/// `tstr_accuracy`, `tstr_macro_f1`, `trtr_accuracy`, `trtr_macro_f1`, `tstr_ratio`: how well a classifier
/// trained on a dataset does on the real held-out rows, beside the plan's classifier trained on the real
/// training rows. Computed per whole dataset; the real dataset's own values are the train-on-real ones.
///
/// - Complexity: O(iterations · N · d · K) to fit each synthetic dataset's classifier.
enum Utility {
    static let descriptors = [
        MetricDescriptor(
            .tstrAccuracy, title: "TSTR accuracy",
            summary: "accuracy on real held-out rows of a classifier trained on this dataset",
            direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md"),
        MetricDescriptor(
            .tstrMacroF1, title: "TSTR macro-F1",
            summary: "macro-F1 on real held-out rows of a classifier trained on this dataset",
            direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md"),
        MetricDescriptor(
            .trtrAccuracy, title: "TRTR accuracy",
            summary: "accuracy on the same rows of a classifier trained on the real training rows",
            direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md"),
        MetricDescriptor(
            .trtrMacroF1, title: "TRTR macro-F1",
            summary: "macro-F1 on the same rows of a classifier trained on the real training rows",
            direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md"),
        MetricDescriptor(
            .tstrRatio, title: "TSTR / TRTR",
            summary: "tstr_macro_f1 divided by trtr_macro_f1: the share of the real data's usefulness reached",
            direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md"),
    ]

    static let ids = descriptors.map(\.id)
    private static let trainedOnSynthetic: [MetricID] = [.tstrAccuracy, .tstrMacroF1, .tstrRatio]

    /// Each dataset's utility values, every label's rows getting ``SkipReason/wholeDatasetOnly`` (or the
    /// classifier's reason), and the rows each synthetic dataset's classifier learnt from.
    static func sections(_ context: FamilyContext) throws(AuditError) -> (
        sections: [DatasetSection], trainRows: [Int?]
    ) {
        let chosen = ids.filter(context.wants)
        let classifier: RealClassifier
        switch context.classifier {
        case .failure(let reason):
            let sections = context.inputs.datasets.indices.map { position in
                var section = DatasetSection()
                for id in chosen { section.metrics[id] = .skipped(reason) }
                for entry in context.inputs.labelRows[position] {
                    section.perLabel[entry.label] = Dictionary(
                        uniqueKeysWithValues: chosen.map { ($0, .skipped(reason)) })
                }
                return section
            }
            return (sections, [Int?](repeating: nil, count: sections.count))
        case .success(let trained): classifier = trained
        }
        var values: [[MetricID: MetricValue]] = []
        var trainRows: [Int?] = []
        for position in context.inputs.datasets.indices {
            var entry: [MetricID: MetricValue] = [
                .trtrAccuracy: value(classifier.trainedOnRealAccuracy),
                .trtrMacroF1: value(classifier.trainedOnRealMacroF1),
            ]
            var rows: Int?
            if context.inputs.isReal(position) {
                entry[.tstrAccuracy] = entry[.trtrAccuracy]
                entry[.tstrMacroF1] = entry[.trtrMacroF1]
                entry[.tstrRatio] = value(classifier.trainedOnRealMacroF1.map { $0 > 0 ? 1 : .nan })
            } else if !chosen.filter(trainedOnSynthetic.contains).isEmpty {
                let dataset = context.inputs.datasets[position]
                let embedding = context.vectors[position]
                let usable = embedding.positions.indices.filter {
                    classifier.classIndex(dataset.labels[embedding.positions[$0]]) != nil
                }
                let classes = usable.map { classifier.classIndex(dataset.labels[embedding.positions[$0]]) ?? 0 }
                if Set(classes).count >= 2 {
                    context.step("classifier on \(dataset.name), \(usable.count) rows")
                    let model = try RealClassifier.fit(
                        embedding.unitRows.selecting(usable), classes, classCount: classifier.labels.count)
                    let predicted = try RealClassifier.predict(model, classifier.testMatrix)
                    let f1 = ClassificationScores.macroF1(truth: classifier.testTruth, predicted: predicted)
                    entry[.tstrAccuracy] = value(
                        ClassificationScores.accuracy(truth: classifier.testTruth, predicted: predicted))
                    entry[.tstrMacroF1] = value(f1)
                    entry[.tstrRatio] = value(
                        f1.flatMap { f1 in classifier.trainedOnRealMacroF1.map { $0 > 0 ? f1 / $0 : .nan } })
                    rows = usable.count
                } else {
                    for id in trainedOnSynthetic { entry[id] = .skipped(.tooFewTrainingLabels) }
                }
            }
            values.append(entry)
            trainRows.append(rows)
        }
        let sections = context.wholeDatasetSections(ids) { position, id in
            values[position][id] ?? .skipped(.noHeldOutRows)
        }
        return (sections, trainRows)
    }

    private static func value(_ number: Double?) -> MetricValue {
        guard let number, number.isFinite else { return .skipped(.noHeldOutRows) }
        return .number(number)
    }
}
