import AssayUtilities
import AuditModel
import DatasetIO
import LabelAgreement
import LabelModels
import LinearAlgebra

/// A multinomial logistic regression trained on the real dataset's training rows (their embeddings), and
/// its judgement of every labelled row of every dataset: what label fidelity, label quality and the
/// train-on-real baseline of utility read.
///
/// The real rows are split by their `split` field (`test` and `validation` rows held out) when they
/// have one, else by a seeded 20 % holdout.
public struct RealClassifier: Sendable {
    /// The real label set, sorted; class `c` is `labels[c]`.
    public let labels: [String]
    /// Real unit rows the model learnt from: every training row, or a seeded sample of them stratified by
    /// label when there are more than ``AuditConfiguration/classifierRowLimit``.
    public let trainRows: [Int]
    /// The training rows there were before sampling.
    public let trainRowsAvailable: Int
    /// Real unit rows held out to test on.
    public let testRows: [Int]
    /// How the real rows were split, in words.
    public let split: String
    /// The held-out rows' vectors, in the order of ``testRows``.
    public let testMatrix: Matrix
    /// The held-out rows' classes.
    public let testTruth: [Int]
    /// The classes the model predicts for the held-out rows.
    public let testPredicted: [Int]
    /// The model's accuracy on the held-out rows (`nil` when not finite).
    public let trainedOnRealAccuracy: Double?
    /// Its macro-F1 on the held-out rows.
    public let trainedOnRealMacroF1: Double?
    /// Its balanced accuracy (mean recall over the labels) on the held-out rows; chance is 1/K.
    public let trainedOnRealBalancedAccuracy: Double?
    /// Why ratios over the model (utility, label fidelity) are not measurable: it does no better than a
    /// constant guess (``AuditModel/SkipReason/realClassifierAtChance(balancedAccuracy:lower:upper:classes:)``);
    /// `nil` when it does.
    public let atChance: SkipReason?
    /// Per dataset and row: the label the model predicts, for the rows it judged (the real dataset's
    /// held-out rows; every labelled row with a vector of the other datasets).
    public let predictions: [[String?]]
    /// Per dataset and row: the model's probability of the row's own label, where judged and the label is
    /// a real one.
    public let labelQuality: [[Double?]]

    /// The class of `label`, when it is a real label.
    public func classIndex(_ label: String?) -> Int? {
        guard let label else { return nil }
        return classOf[label]
    }

    private let classOf: [String: Int]

    /// Test and validation splits held out from training.
    public static let heldOutSplits: Set<String> = ["test", "validation", "valid", "dev"]
    /// The share of labelled real rows held out when there is no split field.
    public static let holdoutShare = 0.2
    /// The classifier's C (inverse L2 strength), scikit-learn's default. On AG News with the built-in
    /// embedder, C = 1, 10, 100 and 1000 gave held-out accuracy 0.649, 0.663, 0.636 and 0.613.
    public static let inverseRegularization = 1.0
    /// The model, in words.
    public static let description = "logistic regression (L2, C = 1) on the embeddings"

    /// Fits `features` (unit rows) to `classes` with the audit's settings.
    ///
    /// - Throws: ``AuditError/computationFailed(_:)`` when the fit fails.
    public static func fit(_ features: Matrix, _ classes: [Int], classCount: Int) throws(AuditError)
        -> LogisticRegression
    {
        do {
            return try LogisticRegression.fit(
                features: features, labels: classes, classCount: classCount,
                options: LogisticRegression.Options(inverseRegularization: inverseRegularization))
        } catch {
            throw .computationFailed("classifier: \(error)")
        }
    }

    /// The predicted classes of `features`.
    ///
    /// - Throws: ``AuditError/computationFailed(_:)`` when prediction fails.
    public static func predict(_ model: LogisticRegression, _ features: Matrix) throws(AuditError) -> [Int] {
        do {
            return try model.predict(features)
        } catch {
            throw .computationFailed("classifier: \(error)")
        }
    }

    private static func probabilities(_ model: LogisticRegression, _ features: Matrix) throws(AuditError) -> [Double] {
        do {
            return try model.probabilities(features)
        } catch {
            throw .computationFailed("classifier: \(error)")
        }
    }

    /// Trains the model and judges every dataset's rows; the reason when the real data cannot train one.
    ///
    /// - Complexity: O(iterations · N · d · K) to fit on N real rows with K labels, O(d · K) per judged row.
    static func make(inputs: AuditInputs, vectors: EmbeddedDatasets, step: (AuditStep) -> Void) throws(AuditError)
        -> Result<RealClassifier, SkipReason>
    {
        guard let realIndex = inputs.realIndex else { return .failure(.noRealDataset(.classifier)) }
        let real = inputs.datasets[realIndex]
        let realRows = vectors[realIndex]
        let labels = Array(Set(realRows.positions.compactMap { real.labels[$0] })).sorted()
        guard labels.count >= 2 else { return .failure(.tooFewRealLabels) }
        let classOf = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let labelled = realRows.positions.indices.filter { real.labels[realRows.positions[$0]] != nil }
        let (allTrain, test, method) = split(labelled, rows: realRows, real: real, seed: inputs.configuration.seed)
        guard allTrain.count >= 2, !test.isEmpty else { return .failure(.tooFewRealRowsToHoldOut) }
        let allClasses = allTrain.map { classOf[real.labels[realRows.positions[$0]] ?? ""] ?? 0 }
        let kept = StratifiedSample.rows(
            groups: allClasses, size: inputs.configuration.classifierRowLimit, seed: inputs.configuration.seed)
        let available = allTrain.count
        let train = kept.map { allTrain[$0] }
        let trainClasses = kept.map { allClasses[$0] }
        step(
            AuditStep(
                .classifier,
                "on \(train.count) real rows\(available > train.count ? " (a stratified sample of \(available))" : ""), "
                    + "\(labels.count) labels"))
        let model = try fit(realRows.unitRows.selecting(train), trainClasses, classCount: labels.count)
        let testMatrix = realRows.unitRows.selecting(test)
        let testTruth = test.map { classOf[real.labels[realRows.positions[$0]] ?? ""] ?? 0 }
        let realPredicted = try predict(model, testMatrix)
        let balanced = finite(ClassificationScores.balancedAccuracy(truth: testTruth, predicted: realPredicted))
        let atChance = chanceCheck(
            balanced, truth: testTruth, predicted: realPredicted, classes: labels.count,
            configuration: inputs.configuration)

        var predictions: [[String?]] = []
        var qualities: [[Double?]] = []
        for (position, dataset) in inputs.datasets.enumerated() {
            let embedding = vectors[position]
            var perRow = [String?](repeating: nil, count: dataset.count)
            var quality = [Double?](repeating: nil, count: dataset.count)
            if position == realIndex {
                // The real dataset's own rows: the held-out ones, judged by the model trained on the rest.
                let probabilities = try probabilities(model, testMatrix)
                for (index, unitRow) in test.enumerated() {
                    perRow[realRows.positions[unitRow]] = labels[realPredicted[index]]
                    quality[realRows.positions[unitRow]] = probabilities[index * labels.count + testTruth[index]]
                }
            } else {
                let judged = embedding.positions.indices.filter { dataset.labels[embedding.positions[$0]] != nil }
                if !judged.isEmpty {
                    step(AuditStep(.classifier, "labels of \(dataset.name), \(judged.count) rows"))
                    let matrix = embedding.unitRows.selecting(judged)
                    let classes = try predict(model, matrix)
                    let probabilities = try probabilities(model, matrix)
                    for (index, unitRow) in judged.enumerated() {
                        let row = embedding.positions[unitRow]
                        perRow[row] = labels[classes[index]]
                        if let given = dataset.labels[row].flatMap({ classOf[$0] }) {
                            quality[row] = probabilities[index * labels.count + given]
                        }
                    }
                }
            }
            predictions.append(perRow)
            qualities.append(quality)
        }
        return .success(
            RealClassifier(
                labels: labels, trainRows: train, trainRowsAvailable: available, testRows: test, split: method,
                testMatrix: testMatrix, testTruth: testTruth, testPredicted: realPredicted,
                trainedOnRealAccuracy: finite(
                    ClassificationScores.accuracy(truth: testTruth, predicted: realPredicted)),
                trainedOnRealMacroF1: finite(ClassificationScores.macroF1(truth: testTruth, predicted: realPredicted)),
                trainedOnRealBalancedAccuracy: balanced, atChance: atChance, predictions: predictions,
                labelQuality: qualities, classOf: classOf))
    }

    private static func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }

    /// Whether the model beats chance: the lower end of the 95 % bootstrap interval of its balanced accuracy
    /// (the audit's seed and resamples, over the held-out rows) above 1/K, K the labels among the held-out
    /// rows (what any constant guess scores); without resamples, the value itself above it. The reason when
    /// it does not. `classes` numbers the labels (the counts' size).
    ///
    /// - Complexity: O(B · n) for B resamples of n held-out rows.
    static func chanceCheck(
        _ balanced: Double?, truth: [Int], predicted: [Int], classes: Int, configuration: AuditConfiguration
    ) -> SkipReason? {
        guard let balanced else { return nil }
        let present = Set(truth).count
        let chance = 1 / Double(present)
        let interval = BootstrapInterval.percentile(
            itemCount: truth.count, resamples: configuration.bootstrapResamples, seed: configuration.seed
        ) { rows in
            ClassificationScores.Counts(truth: truth, predicted: predicted, rows: rows, classCount: classes)
                .balancedAccuracy
        }
        if let interval, interval.lower > chance { return nil }
        if interval == nil, balanced > chance { return nil }
        return .realClassifierAtChance(
            balancedAccuracy: balanced, lower: interval?.lower, upper: interval?.upper, classes: present)
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
}
