import AssayUtilities
import LinearAlgebra

/// Which sample a row of the two-sample discriminator belongs to.
public enum SampleSide: String, Sendable, Equatable, CustomStringConvertible {
    /// The real rows (classifier label 0).
    case real
    /// The synthetic rows (classifier label 1, the positive class of the AUC).
    case synthetic

    /// `real` or `synthetic`.
    public var description: String { rawValue }
}

/// A classifier two-sample test (Lopez-Paz & Oquab 2017): can a linear model tell the synthetic rows from
/// the real ones? Card: `Metrics/discriminator.md`.
///
/// **Procedure.** Every row gets a fold in `0..<folds`, stratified (each side is split on its own, so every
/// fold holds about the same share of real and of synthetic rows). For each fold f a binary
/// ``LogisticRegression`` (label 1 = synthetic; scikit-learn's `LogisticRegression(solver="lbfgs", C=C)`) is
/// fitted on the rows of the other folds — real rows in index order, then synthetic rows in index order — and
/// gives each row of fold f its out-of-fold P(synthetic). ``Result/auc`` is the ROC AUC (``ROCAUC``, ties as
/// one half) of those pooled out-of-fold scores against the truth (synthetic = positive): 0.5 means the model
/// cannot tell the samples apart, 1 that it separates them perfectly. Read it beside a real-vs-real value
/// (two seeded halves of the real data through the same procedure), the noise floor of a finite sample.
///
/// **Balance.** No side is capped or subsampled: every row is used for training and gets a score. The AUC
/// is insensitive to the ratio of the two sides (it compares each synthetic row with each real row), and the
/// model's intercept absorbs the prior; the cost is linear in the rows, so there is no reason to discard any.
///
/// **Seeded folds** (``stratifiedFolds(realCount:syntheticCount:folds:seed:)``): one ``SplitMix64`` seeded with
/// `seed` shuffles the real indices, then (continuing) the synthetic indices, each by Fisher–Yates; the row at
/// shuffled position p goes to fold p mod `folds`. Explicit fold assignments are accepted too
/// (``evaluate(real:synthetic:realFolds:syntheticFolds:folds:classifier:)``), e.g. to reproduce a reference.
///
/// **Requirement.** Every fold must hold at least 2 real and 2 synthetic rows (so with seeded folds each side
/// needs at least 2·`folds` rows); otherwise ``LabelModelError/tooFewRowsInFold(side:fold:rows:)``.
public enum TwoSampleDiscriminator {
    /// Settings of the discriminator.
    public struct Options: Sendable, Equatable {
        /// Number of cross-validation folds, at least 2. Default 5.
        public var folds: Int
        /// Seed of the stratified fold shuffle. Default 20231012 (the CLI's default `--seed`).
        public var seed: UInt64
        /// The logistic regression of each fold. Default C = 1 (scikit-learn's default and the label
        /// classifier's), at most 200 L-BFGS iterations, gradient tolerance 1e-6.
        public var classifier: LogisticRegression.Options

        /// Creates options; every argument has the default described on its property.
        public init(
            folds: Int = 5, seed: UInt64 = 20_231_012, classifier: LogisticRegression.Options = .init()
        ) {
            self.folds = folds
            self.seed = seed
            self.classifier = classifier
        }
    }

    /// The outcome of one discriminator run.
    public struct Result: Sendable, Equatable {
        /// ROC AUC of the pooled out-of-fold P(synthetic) against the truth (synthetic = positive): the
        /// `discriminator_auc`. In [0, 1]; 0.5 = indistinguishable, 1 = perfectly separable.
        public let auc: Double
        /// The ROC AUC within each fold (its rows scored by the model that did not see them), by fold.
        public let foldAUCs: [Double]
        /// Mean of ``foldAUCs`` (scikit-learn's `cross_val_score(…, scoring="roc_auc").mean()` for these folds).
        public let meanFoldAUC: Double
        /// Out-of-fold P(synthetic) of every real row, in row order.
        public let realScores: [Double]
        /// Out-of-fold P(synthetic) of every synthetic row, in row order.
        public let syntheticScores: [Double]
        /// The fold of every real row.
        public let realFolds: [Int]
        /// The fold of every synthetic row.
        public let syntheticFolds: [Int]
        /// Number of folds.
        public let folds: Int
        /// L-BFGS iterations of each fold's fit.
        public let iterations: [Int]
        /// Whether every fold's fit reached the gradient tolerance.
        public let converged: Bool
    }

    /// The seeded stratified fold of every real and every synthetic row (see the type's documentation).
    /// `folds` below 1 is treated as 1; negative counts give empty arrays.
    ///
    /// - Complexity: O(realCount + syntheticCount) time and memory.
    public static func stratifiedFolds(
        realCount: Int, syntheticCount: Int, folds: Int, seed: UInt64
    ) -> (real: [Int], synthetic: [Int]) {
        let k = max(folds, 1)
        var generator = SplitMix64(seed: seed)
        func assign(_ count: Int) -> [Int] {
            guard count > 0 else { return [] }
            let indices = generator.shuffledIndices(count)
            var fold = [Int](repeating: 0, count: count)
            for (position, row) in indices.enumerated() { fold[row] = position % k }
            return fold
        }
        let real = assign(realCount)
        return (real, assign(syntheticCount))
    }

    /// Runs the discriminator with seeded stratified folds (``Options/folds``, ``Options/seed``).
    ///
    /// - Parameters:
    ///   - real: the real rows' features (N_r × d, e.g. unit embeddings).
    ///   - synthetic: the synthetic rows' features (N_s × d).
    ///   - options: the number of folds, the seed of the fold shuffle and the logistic regression of each fold.
    /// - Returns: the pooled out-of-fold AUC with the per-fold AUCs, every row's out-of-fold score and fold,
    ///   the L-BFGS iterations of each fold's fit and whether every fit converged.
    /// - Throws: ``LabelModelError/invalidOption(name:reason:)`` (folds < 2, or a bad classifier option),
    ///   ``LabelModelError/noFeatureColumns``, ``LabelModelError/featureDimensionsDiffer(real:synthetic:)``,
    ///   ``LabelModelError/nonFiniteSampleFeature(side:row:column:)``,
    ///   ``LabelModelError/tooFewRowsInFold(side:fold:rows:)``.
    /// - Complexity: O(folds · iterations · N · d) time for N = N_r + N_s rows (one binary fit per fold on
    ///   about (folds − 1)/folds of the rows, see ``LogisticRegression/fit(features:labels:classCount:options:)``),
    ///   plus O(N log N) for the AUCs; O(N · d) extra memory for each fold's training matrix.
    public static func evaluate(
        real: Matrix, synthetic: Matrix, options: Options = Options()
    ) throws(LabelModelError) -> Result {
        try evaluate(real: MatrixRows(real), synthetic: MatrixRows(synthetic), options: options)
    }

    /// As ``evaluate(real:synthetic:options:)``, on rows of larger matrices read in place (no copy but each
    /// fold's training and test rows).
    ///
    /// - Returns: as ``evaluate(real:synthetic:options:)``.
    /// - Throws: as ``evaluate(real:synthetic:options:)``.
    /// - Complexity: as ``evaluate(real:synthetic:options:)``.
    public static func evaluate(
        real: MatrixRows, synthetic: MatrixRows, options: Options = Options()
    ) throws(LabelModelError) -> Result {
        try validateFoldCount(options.folds)
        let assignment = stratifiedFolds(
            realCount: real.count, syntheticCount: synthetic.count, folds: options.folds, seed: options.seed)
        return try evaluate(
            real: real, synthetic: synthetic, realFolds: assignment.real, syntheticFolds: assignment.synthetic,
            folds: options.folds, classifier: options.classifier)
    }

    /// Runs the discriminator with explicit folds: `realFolds[i]` and `syntheticFolds[j]` in `0..<folds`.
    ///
    /// - Throws: as ``evaluate(real:synthetic:options:)``, and
    ///   ``LabelModelError/foldCountMismatch(side:rows:folds:)``,
    ///   ``LabelModelError/foldOutOfRange(side:row:fold:folds:)``.
    /// - Complexity: as ``evaluate(real:synthetic:options:)``.
    public static func evaluate(
        real: Matrix, synthetic: Matrix, realFolds: [Int], syntheticFolds: [Int], folds: Int,
        classifier: LogisticRegression.Options = .init()
    ) throws(LabelModelError) -> Result {
        try evaluate(
            real: MatrixRows(real), synthetic: MatrixRows(synthetic), realFolds: realFolds,
            syntheticFolds: syntheticFolds, folds: folds, classifier: classifier)
    }

    /// As ``evaluate(real:synthetic:realFolds:syntheticFolds:folds:classifier:)``, on rows read in place.
    ///
    /// - Returns: as ``evaluate(real:synthetic:options:)``.
    /// - Throws: as ``evaluate(real:synthetic:realFolds:syntheticFolds:folds:classifier:)``.
    /// - Complexity: as ``evaluate(real:synthetic:options:)``.
    public static func evaluate(
        real: MatrixRows, synthetic: MatrixRows, realFolds: [Int], syntheticFolds: [Int], folds: Int,
        classifier: LogisticRegression.Options = .init()
    ) throws(LabelModelError) -> Result {
        try validateFoldCount(folds)
        guard real.columns == synthetic.columns else {
            throw .featureDimensionsDiffer(real: real.columns, synthetic: synthetic.columns)
        }
        guard real.columns > 0 else { throw .noFeatureColumns }
        try checkFinite(real, side: .real)
        try checkFinite(synthetic, side: .synthetic)
        try validateFolds(realFolds, rows: real.count, folds: folds, side: .real)
        try validateFolds(syntheticFolds, rows: synthetic.count, folds: folds, side: .synthetic)

        let d = real.columns
        var realScores = [Double](repeating: 0, count: real.count)
        var syntheticScores = [Double](repeating: 0, count: synthetic.count)
        var foldAUCs: [Double] = []
        var iterations: [Int] = []
        var converged = true
        for fold in 0..<folds {
            let realTrain = realFolds.indices.filter { realFolds[$0] != fold }
            let syntheticTrain = syntheticFolds.indices.filter { syntheticFolds[$0] != fold }
            let realTest = realFolds.indices.filter { realFolds[$0] == fold }
            let syntheticTest = syntheticFolds.indices.filter { syntheticFolds[$0] == fold }
            let train = try gather(real, realTrain, synthetic, syntheticTrain, columns: d)
            let labels =
                [Int](repeating: 0, count: realTrain.count) + [Int](repeating: 1, count: syntheticTrain.count)
            let model = try LogisticRegression.fit(
                features: train, labels: labels, classCount: 2, options: classifier)
            iterations.append(model.iterations)
            converged = converged && model.converged
            let test = try gather(real, realTest, synthetic, syntheticTest, columns: d)
            let probabilities = try model.probabilities(test)
            var foldScores: [Double] = []
            foldScores.reserveCapacity(test.rows)
            for r in 0..<test.rows { foldScores.append(probabilities[2 * r + 1]) }
            for (position, row) in realTest.enumerated() { realScores[row] = foldScores[position] }
            for (position, row) in syntheticTest.enumerated() {
                syntheticScores[row] = foldScores[realTest.count + position]
            }
            let truth =
                [Bool](repeating: false, count: realTest.count) + [Bool](repeating: true, count: syntheticTest.count)
            // Both sides are present in the fold (validated), and the probabilities are finite.
            foldAUCs.append(ROCAUC.score(scores: foldScores, truth: truth) ?? 0.5)
        }
        let truth = [Bool](repeating: false, count: real.count) + [Bool](repeating: true, count: synthetic.count)
        let auc = ROCAUC.score(scores: realScores + syntheticScores, truth: truth) ?? 0.5
        return Result(
            auc: auc, foldAUCs: foldAUCs, meanFoldAUC: foldAUCs.reduce(0, +) / Double(folds),
            realScores: realScores, syntheticScores: syntheticScores, realFolds: realFolds,
            syntheticFolds: syntheticFolds, folds: folds, iterations: iterations, converged: converged)
    }

    private static func validateFoldCount(_ folds: Int) throws(LabelModelError) {
        guard folds >= 2 else { throw .invalidOption(name: "folds", reason: "must be at least 2, got \(folds)") }
    }

    private static func validateFolds(
        _ assignment: [Int], rows: Int, folds: Int, side: SampleSide
    ) throws(LabelModelError) {
        guard assignment.count == rows else {
            throw .foldCountMismatch(side: side, rows: rows, folds: assignment.count)
        }
        var counts = [Int](repeating: 0, count: folds)
        for (row, fold) in assignment.enumerated() {
            guard fold >= 0 && fold < folds else {
                throw .foldOutOfRange(side: side, row: row, fold: fold, folds: folds)
            }
            counts[fold] += 1
        }
        for (fold, count) in counts.enumerated() where count < 2 {
            throw .tooFewRowsInFold(side: side, fold: fold, rows: count)
        }
    }

    private static func checkFinite(_ features: MatrixRows, side: SampleSide) throws(LabelModelError) {
        let found = features.withUnsafeBufferPointer { values in values.firstIndex { !$0.isFinite } }
        guard let index = found else { return }
        let columns = max(features.columns, 1)
        throw .nonFiniteSampleFeature(side: side, row: index / columns, column: index % columns)
    }

    /// The chosen rows of `a`, then the chosen rows of `b`, as one matrix.
    private static func gather(
        _ a: MatrixRows, _ aRows: [Int], _ b: MatrixRows, _ bRows: [Int], columns d: Int
    ) throws(LabelModelError) -> Matrix {
        var storage: [Float] = []
        storage.reserveCapacity((aRows.count + bRows.count) * d)
        a.withUnsafeBufferPointer { values in
            for row in aRows { storage.append(contentsOf: values[(row * d)..<((row + 1) * d)]) }
        }
        b.withUnsafeBufferPointer { values in
            for row in bRows { storage.append(contentsOf: values[(row * d)..<((row + 1) * d)]) }
        }
        do {
            return try Matrix(rows: aRows.count + bRows.count, columns: d, storage: storage)
        } catch {
            // Unreachable: the storage holds exactly rows · d values.
            throw .dimensionMismatch(expected: d, actual: storage.count)
        }
    }
}
