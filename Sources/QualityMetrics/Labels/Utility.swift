import AssayUtilities
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
    /// Balanced accuracy (mean recall over the labels) on the real held-out rows of a classifier trained on
    /// this dataset.
    public static let tstrBalancedAccuracy = MetricID("tstr_balanced_accuracy")
    /// Balanced accuracy on the real held-out rows of a classifier trained on the real training rows.
    public static let trtrBalancedAccuracy = MetricID("trtr_balanced_accuracy")
    /// `tstr_macro_f1` / `trtr_macro_f1`.
    public static let tstrRatio = MetricID("tstr_ratio")
}

/// `tstr_accuracy`, `tstr_macro_f1`, `tstr_balanced_accuracy`, `trtr_…` and `tstr_ratio`: how well a
/// classifier trained on a dataset does on the real held-out rows, beside the plan's classifier trained on
/// the real training rows. Computed per whole dataset; the real dataset's own values are the train-on-real
/// ones. The ratio is not measurable when the train-on-real classifier does no better than chance
/// (``AuditPlan/RealClassifier/atChance``): a ratio over a constant guess says nothing.
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
            .tstrBalancedAccuracy, title: "TSTR balanced accuracy",
            summary: "mean recall over the labels on real held-out rows of a classifier trained on this dataset",
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
            .trtrBalancedAccuracy, title: "TRTR balanced accuracy",
            summary: "mean recall over the labels on the same rows of a classifier trained on the real training rows "
                + "(chance: 1/labels)",
            direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md"),
        MetricDescriptor(
            .tstrRatio, title: "TSTR / TRTR",
            summary: "tstr_macro_f1 divided by trtr_macro_f1: the share of the real data's usefulness reached",
            direction: .higherIsBetter, dimension: .utility, card: "Metrics/utility.md"),
    ]

    static let ids = descriptors.map(\.id)
    private static let trainedOnSynthetic: [MetricID] = [
        .tstrAccuracy, .tstrMacroF1, .tstrBalancedAccuracy, .tstrRatio,
    ]

    /// Each dataset's utility values with their 95 % bootstrap intervals over the real held-out rows, every
    /// label's rows getting ``SkipReason/wholeDatasetOnly`` (or the classifier's reason), and the rows each
    /// synthetic dataset's classifier learnt from (a stratified sample above the classifier row limit) of
    /// those it had, and the classes each dataset's classifier predicted for the real held-out rows (`nil`:
    /// none trained).
    static func sections(_ context: FamilyContext) throws(AuditError) -> (
        sections: [DatasetSection], trainRows: [(used: Int, available: Int)?], predictions: [[Int]?]
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
            let none = [Int](repeating: 0, count: sections.count).map { _ in nil as [Int]? }
            return (sections, [(used: Int, available: Int)?](repeating: nil, count: sections.count), none)
        case .success(let trained): classifier = trained
        }
        var values: [[MetricID: MetricValue]] = []
        var trainRows: [(used: Int, available: Int)?] = []
        var predictions: [[Int]?] = []
        for position in context.inputs.datasets.indices {
            var entry: [MetricID: MetricValue] = [
                .trtrAccuracy: value(classifier.trainedOnRealAccuracy),
                .trtrMacroF1: value(classifier.trainedOnRealMacroF1),
                .trtrBalancedAccuracy: value(classifier.trainedOnRealBalancedAccuracy),
            ]
            var rows: (used: Int, available: Int)?
            var predicted: [Int]?
            if context.inputs.isReal(position) {
                entry[.tstrAccuracy] = entry[.trtrAccuracy]
                entry[.tstrMacroF1] = entry[.trtrMacroF1]
                entry[.tstrBalancedAccuracy] = entry[.trtrBalancedAccuracy]
                entry[.tstrRatio] = value(classifier.trainedOnRealMacroF1.map { $0 > 0 ? 1 : .nan })
            } else if !chosen.filter(trainedOnSynthetic.contains).isEmpty {
                let dataset = context.inputs.datasets[position]
                let embedding = context.vectors[position]
                let usable = embedding.positions.indices.filter {
                    classifier.classIndex(dataset.labels[embedding.positions[$0]]) != nil
                }
                let allClasses = usable.map { classifier.classIndex(dataset.labels[embedding.positions[$0]]) ?? 0 }
                if Set(allClasses).count >= 2 {
                    let kept = StratifiedSample.rows(
                        groups: allClasses, size: context.inputs.configuration.classifierRowLimit,
                        seed: context.inputs.configuration.seed)
                    let sampled = kept.count < usable.count ? " (a stratified sample of \(usable.count))" : ""
                    context.step("classifier on \(dataset.name), \(kept.count) rows\(sampled)")
                    let model = try RealClassifier.fit(
                        embedding.unitRows.selecting(kept.map { usable[$0] }), kept.map { allClasses[$0] },
                        classCount: classifier.labels.count)
                    let tested = try RealClassifier.predict(model, classifier.testMatrix)
                    let f1 = ClassificationScores.macroF1(truth: classifier.testTruth, predicted: tested)
                    entry[.tstrAccuracy] = value(
                        ClassificationScores.accuracy(truth: classifier.testTruth, predicted: tested))
                    entry[.tstrMacroF1] = value(f1)
                    entry[.tstrBalancedAccuracy] = value(
                        ClassificationScores.balancedAccuracy(truth: classifier.testTruth, predicted: tested))
                    entry[.tstrRatio] = value(
                        f1.flatMap { f1 in classifier.trainedOnRealMacroF1.map { $0 > 0 ? f1 / $0 : .nan } })
                    rows = (kept.count, usable.count)
                    predicted = tested
                } else {
                    for id in trainedOnSynthetic { entry[id] = .skipped(.tooFewTrainingLabels) }
                }
            }
            if let reason = classifier.atChance { entry[.tstrRatio] = .skipped(reason) }
            values.append(entry)
            trainRows.append(rows)
            predictions.append(predicted)
        }
        var sections = context.wholeDatasetSections(ids) { position, id in
            values[position][id] ?? .skipped(.noHeldOutRows)
        }
        for position in sections.indices {
            let intervals = Self.intervals(
                classifier, tstr: context.inputs.isReal(position) ? classifier.testPredicted : predictions[position],
                isReal: context.inputs.isReal(position), configuration: context.inputs.configuration)
            for (id, interval) in intervals where chosen.contains(id) && sections[position].metrics[id]?.number != nil {
                sections[position].intervals[id] = interval
            }
        }
        return (sections, trainRows, predictions)
    }

    /// 95 % percentile bootstrap intervals over the real held-out rows (the same resamples for every metric,
    /// so the ratio's interval pairs its two macro-F1s): the train-on-real values, and those of `tstr`, the
    /// classes a dataset's classifier predicted for the held-out rows (`nil`: none); no ratio interval for
    /// the real dataset, whose ratio is 1 by definition.
    ///
    /// - Complexity: O(B · n · 4) for B resamples of n held-out rows.
    static func intervals(
        _ classifier: RealClassifier, tstr: [Int]?, isReal: Bool, configuration: AuditConfiguration
    ) -> [MetricID: ConfidenceInterval] {
        let truth = classifier.testTruth
        let real = classifier.testPredicted
        let classes = classifier.labels.count
        var ids: [MetricID] = [.trtrAccuracy, .trtrMacroF1, .trtrBalancedAccuracy]
        if tstr != nil { ids += [.tstrAccuracy, .tstrMacroF1, .tstrBalancedAccuracy] + (isReal ? [] : [.tstrRatio]) }
        // Each resample's counts once, for every metric.
        let found = bootstrapIntervals(itemCount: truth.count, configuration, count: ids.count) { rows in
            let onReal = ClassificationScores.Counts(truth: truth, predicted: real, rows: rows, classCount: classes)
            var values = [onReal.accuracy, onReal.macroF1, onReal.balancedAccuracy]
            guard let tstr else { return values }
            let onSynthetic = ClassificationScores.Counts(
                truth: truth, predicted: tstr, rows: rows, classCount: classes)
            values += [onSynthetic.accuracy, onSynthetic.macroF1, onSynthetic.balancedAccuracy]
            if !isReal {
                guard let synthetic = onSynthetic.macroF1, let real = onReal.macroF1, real > 0 else {
                    return values + [nil]
                }
                values.append(synthetic / real)
            }
            return values
        }
        var intervals: [MetricID: ConfidenceInterval] = [:]
        for (id, interval) in zip(ids, found) { intervals[id] = interval }
        return intervals
    }

    private static func value(_ number: Double?) -> MetricValue {
        guard let number, number.isFinite else { return .skipped(.noHeldOutRows) }
        return .number(number)
    }
}
