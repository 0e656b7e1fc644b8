import DatasetIO
import LabelAgreement
import LabelModels
import LinearAlgebra

/// The classifier work an audit does once: a multinomial logistic regression on the real dataset's
/// training rows (its embeddings) judges every synthetic row's label (label fidelity), and the same
/// model trained on each dataset is tested on the real held-out rows (train on synthetic, test on real).
///
/// The real rows are split by their `split` field (`test` and `validation` rows held out) when they
/// have one, else by a seeded 20 % holdout.
struct LabelModelStage {
    /// Per dataset, per row: the real model's prediction, for labelled rows with a nonzero vector.
    let predictions: [[String?]]
    /// Per dataset, per row: the real model's probability of the row's own label, where judged.
    let labelQuality: [[Double?]]
    /// The real label set, sorted.
    let labels: [String]
    /// Per dataset, the utility metrics (whole dataset).
    let utility: [[MetricID: MetricValue]]
    /// Per dataset, what the report lists.
    let details: [LabelModelDetails]

    static let heldOutSplits: Set<String> = ["test", "validation", "valid", "dev"]
    static let holdoutShare = 0.2
    /// The classifier's C (inverse L2 strength), scikit-learn's default. On AG News with the built-in
    /// embedder, C = 1, 10, 100 and 1000 gave held-out accuracy 0.649, 0.663, 0.636 and 0.613.
    static let inverseRegularization = 1.0

    /// Runs the stage; `nil` without a real dataset with two or more labels among rows with a vector.
    static func run(
        _ datasets: [Dataset], rows: [EmbeddingRows], realIndex: Int, configuration: AuditConfiguration,
        step: (AuditStep) -> Void
    ) throws(AuditError) -> Result<LabelModelStage, UndefinedAgreement> {
        let real = datasets[realIndex]
        let realRows = rows[realIndex]
        let labels = Array(Set(realRows.positions.compactMap { real.labels[$0] })).sorted()
        guard labels.count >= 2 else {
            return .failure(UndefinedAgreement("the real dataset needs two or more labels on rows with a vector"))
        }
        let classOf = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let labelled = realRows.positions.indices.filter { real.labels[realRows.positions[$0]] != nil }
        let (train, test, splitMethod) = split(labelled, rows: realRows, real: real, seed: configuration.seed)
        guard train.count >= 2, !test.isEmpty else {
            return .failure(UndefinedAgreement("too few labelled real rows to hold some out"))
        }
        step(AuditStep(.labelModels, "classifier on \(train.count) real rows, \(labels.count) labels"))
        let trainLabels = train.map { classOf[real.labels[realRows.positions[$0]] ?? ""] ?? 0 }
        let realModel = try fit(realRows.unitRows.selectingRows(train), trainLabels, labels.count)
        let testMatrix = realRows.unitRows.selectingRows(test)
        let testTruth = test.map { classOf[real.labels[realRows.positions[$0]] ?? ""] ?? 0 }
        let realPredicted = try predict(realModel, testMatrix)
        let trtrAccuracy = ClassificationScores.accuracy(truth: testTruth, predicted: realPredicted)
        let trtrF1 = ClassificationScores.macroF1(truth: testTruth, predicted: realPredicted)

        var predictions: [[String?]] = []
        var qualities: [[Double?]] = []
        var utility: [[MetricID: MetricValue]] = []
        var details: [LabelModelDetails] = []
        for (position, dataset) in datasets.enumerated() {
            let embedding = rows[position]
            var perRow = [String?](repeating: nil, count: dataset.count)
            var quality = [Double?](repeating: nil, count: dataset.count)
            var entry = LabelModelDetails(
                classifier: "logistic regression (L2, C = 1) on the embeddings", trainRows: train.count,
                testRows: test.count, split: splitMethod)
            var values: [MetricID: MetricValue] = [
                .trtrAccuracy: value(trtrAccuracy), .trtrMacroF1: value(trtrF1),
            ]
            if position == realIndex {
                // The real dataset's own values: its held-out rows judged by the model trained on the rest.
                let realProbabilities = try probabilities(realModel, testMatrix)
                for (index, matrixRow) in test.enumerated() {
                    perRow[realRows.positions[matrixRow]] = labels[realPredicted[index]]
                    quality[realRows.positions[matrixRow]] = realProbabilities[index * labels.count + testTruth[index]]
                }
                values[.tstrAccuracy] = value(trtrAccuracy)
                values[.tstrMacroF1] = value(trtrF1)
                values[.tstrRatio] = value(trtrF1.map { $0 > 0 ? 1 : .nan })
            } else {
                // Label fidelity: the real model judges every labelled row with a vector.
                let judged = embedding.positions.indices.filter { dataset.labels[embedding.positions[$0]] != nil }
                if !judged.isEmpty {
                    step(AuditStep(.labelModels, "labels of \(dataset.name), \(judged.count) rows"))
                    let matrix = embedding.unitRows.selectingRows(judged)
                    let classes = try predict(realModel, matrix)
                    let probabilities = try probabilities(realModel, matrix)
                    var suspects: [SuspectedMislabel] = []
                    for (index, matrixRow) in judged.enumerated() {
                        let row = embedding.positions[matrixRow]
                        let predicted = labels[classes[index]]
                        perRow[row] = predicted
                        guard let label = dataset.labels[row], let given = classOf[label] else { continue }
                        quality[row] = probabilities[index * labels.count + given]
                        guard predicted != label else { continue }
                        suspects.append(
                            SuspectedMislabel(
                                row: row, text: dataset.texts[row], label: label, predicted: predicted,
                                labelQuality: EmbeddingStage.rounded(
                                    probabilities[index * labels.count + given], places: 6)))
                    }
                    suspects.sort {
                        $0.labelQuality != $1.labelQuality ? $0.labelQuality < $1.labelQuality : $0.row < $1.row
                    }
                    entry.suspectedMislabelCount = suspects.count
                    entry.suspectedMislabels = Array(suspects.prefix(configuration.listLimit))
                }
                // Train on this dataset, test on the real held-out rows.
                let usable = embedding.positions.indices.filter {
                    classOf[dataset.labels[embedding.positions[$0]] ?? ""] != nil
                }
                let classes = Set(usable.map { classOf[dataset.labels[embedding.positions[$0]] ?? ""] ?? 0 })
                if classes.count >= 2 {
                    step(AuditStep(.labelModels, "classifier on \(dataset.name), \(usable.count) rows"))
                    let model = try fit(
                        embedding.unitRows.selectingRows(usable),
                        usable.map { classOf[dataset.labels[embedding.positions[$0]] ?? ""] ?? 0 }, labels.count)
                    let predicted = try predict(model, testMatrix)
                    let accuracy = ClassificationScores.accuracy(truth: testTruth, predicted: predicted)
                    let f1 = ClassificationScores.macroF1(truth: testTruth, predicted: predicted)
                    values[.tstrAccuracy] = value(accuracy)
                    values[.tstrMacroF1] = value(f1)
                    values[.tstrRatio] = value(f1.flatMap { f1 in trtrF1.map { $0 > 0 ? f1 / $0 : .nan } })
                    entry.syntheticTrainRows = usable.count
                } else {
                    let reason = "needs rows of two or more of the real labels to train on"
                    for id in [MetricID.tstrAccuracy, .tstrMacroF1, .tstrRatio] {
                        values[id] = .unavailable(reason: reason)
                    }
                }
            }
            var invalid: [String: Int] = [:]
            for label in dataset.labels { if let label, classOf[label] == nil { invalid[label, default: 0] += 1 } }
            entry.invalidLabels = invalid
            predictions.append(perRow)
            qualities.append(quality)
            utility.append(values)
            details.append(entry)
        }
        return .success(
            LabelModelStage(
                predictions: predictions, labelQuality: qualities, labels: labels, utility: utility, details: details))
    }

    private static func value(_ number: Double?) -> MetricValue {
        guard let number, number.isFinite else { return .unavailable(reason: "no held-out rows to score") }
        return .number(number)
    }

    /// Held-out rows: those whose split is test/validation, else a seeded 20 % of the labelled rows.
    static func split(_ labelled: [Int], rows: EmbeddingRows, real: Dataset, seed: UInt64)
        -> (train: [Int], test: [Int], method: String)
    {
        let splits = real.splits
        if !splits.isEmpty {
            let test = labelled.filter { index in
                splits[rows.positions[index]].map { heldOutSplits.contains($0.lowercased()) } ?? false
            }
            if !test.isEmpty, test.count < labelled.count {
                let held = Set(test)
                return (labelled.filter { !held.contains($0) }, test, "split field: test and validation rows held out")
            }
        }
        var order = labelled
        var generator = SplitMix64(seed: seed)
        for index in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(index, generator.index(below: index + 1))
        }
        let testCount = max(1, Int((Double(order.count) * holdoutShare).rounded()))
        let test = Array(order.prefix(testCount)).sorted()
        let held = Set(test)
        return (labelled.filter { !held.contains($0) }, test, "seeded 20 % holdout (seed \(seed))")
    }

    private static func fit(_ features: Matrix, _ labels: [Int], _ classes: Int) throws(AuditError)
        -> LogisticRegression
    {
        do {
            return try LogisticRegression.fit(
                features: features, labels: labels, classCount: classes,
                options: LogisticRegression.Options(inverseRegularization: inverseRegularization))
        } catch {
            throw .embeddingFailed("classifier: \(error)")
        }
    }

    private static func predict(_ model: LogisticRegression, _ features: Matrix) throws(AuditError) -> [Int] {
        do {
            return try model.predict(features)
        } catch {
            throw .embeddingFailed("classifier: \(error)")
        }
    }

    private static func probabilities(_ model: LogisticRegression, _ features: Matrix) throws(AuditError) -> [Double] {
        do {
            return try model.probabilities(features)
        } catch {
            throw .embeddingFailed("classifier: \(error)")
        }
    }
}
