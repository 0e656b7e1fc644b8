import Foundation
import LinearAlgebra

/// L2-regularised multinomial logistic regression with an intercept, equal to scikit-learn's
/// `LogisticRegression(C=C, solver="lbfgs", fit_intercept=True)` (default L2 penalty).
///
/// **Objective.** With k ≥ 3 classes in the training labels it minimises
///
///     C · Σᵢ −log softmax(W xᵢ + b)[yᵢ]  +  ½ ‖W‖²_F          (the intercepts b are not penalised)
///
/// over W (k×d) and b (k). With exactly two classes scikit-learn fits one weight vector w with a sigmoid and
/// the penalty ½‖w‖²; Assay fits the same softmax form with C/2 instead of C, which has exactly the same
/// optimal probabilities: at the optimum w₀ = −w₁ (the loss only sees w₁ − w₀, and ½(‖w₀‖² + ‖w₁‖²) is
/// smallest for a given difference w at w₀ = −w₁ = −w/2, where it equals ¼‖w‖²), so the softmax objective with
/// C/2 is ½·[C·Σ logloss(w·x + b) + ½‖w‖²]. scikit-learn's `coef_` is `weights` row 1 − row 0 then.
///
/// **Classes.** The model is fitted on the classes that occur in the training labels (scikit-learn's
/// `classes_`). A class index below `classCount` that never occurs gets probability exactly 0: the objective
/// has no minimiser then (its intercept would go to −∞), and 0 is the limit. With a single class present the
/// model gives it probability 1 everywhere, without optimising.
///
/// **Optimiser.** L-BFGS (10 correction pairs) with a strong-Wolfe line search, started from W = 0, b = 0. It
/// minimises the objective divided by C·N — the mean log-loss plus ‖W‖²/(2CN), the scale scikit-learn's `tol`
/// refers to — and stops when the max-norm of that gradient (weights and intercepts, in the softmax form) is at
/// most ``Options/gradientTolerance``. The products X·Wᵀ and (P − Y)ᵀ·X run through OpenBLAS `dgemm` on blocks
/// of rows converted to Double; losses and gradients are accumulated in Double in a fixed order, so the same
/// inputs and OpenBLAS thread count give bit-identical results. Features are used as given (no scaling): Assay's
/// embeddings are unit vectors.
public struct LogisticRegression: Sendable {
    /// Training settings.
    public struct Options: Sendable, Equatable {
        /// C, the inverse regularisation strength (scikit-learn's `C`): larger C fits the training data more
        /// closely. Must be positive and finite. Default 1.
        public var inverseRegularization: Double
        /// Most L-BFGS iterations (accepted steps); 0 returns the starting model (all classes present equally
        /// likely). Default 200.
        public var maxIterations: Int
        /// The fit stops when the largest absolute entry of the gradient of the scaled objective
        /// (mean log-loss + ‖W‖²_F/(2·C·N), i.e. the objective above divided by C·N; weights and intercepts)
        /// is at most this. Independent of N. Must be ≥ 0 and finite. Default 1e-6; values below about 1e-12
        /// are lost in rounding and end with `converged == false`.
        public var gradientTolerance: Double

        /// Creates options; every argument defaults to scikit-learn's setting (C = 1) or Assay's default.
        public init(inverseRegularization: Double = 1.0, maxIterations: Int = 200, gradientTolerance: Double = 1e-6) {
            self.inverseRegularization = inverseRegularization
            self.maxIterations = maxIterations
            self.gradientTolerance = gradientTolerance
        }
    }

    /// Number of classes: labels and probability columns are `0..<classCount`.
    public let classCount: Int
    /// Number of features per row.
    public let dimension: Int
    /// L-BFGS iterations used (0 when one class is present or the start was already optimal).
    public let iterations: Int
    /// Whether the gradient tolerance was reached.
    public let converged: Bool
    /// Max-norm of the scaled objective's gradient at the returned model (see ``Options/gradientTolerance``).
    public let gradientNorm: Double
    /// The classes that occur in the training labels, ascending; the model is fitted on these.
    public let observedClasses: [Int]
    /// Weights in the softmax form, `observedClasses.count × dimension`, row-major: row j belongs to class
    /// `observedClasses[j]`.
    public let weights: [Double]
    /// Intercepts in the softmax form, one per entry of ``observedClasses``.
    public let intercepts: [Double]

    /// Fits on `features` (N×d row-major `Matrix` from LinearAlgebra, Float32) and `labels` (class indices
    /// 0..<classCount).
    ///
    /// - Throws: ``LabelModelError/invalidOption(name:reason:)``, ``LabelModelError/invalidClassCount(_:)``,
    ///   ``LabelModelError/emptyTrainingSet``, ``LabelModelError/labelCountMismatch(rows:labels:)``,
    ///   ``LabelModelError/labelOutOfRange(row:label:classCount:)``, ``LabelModelError/nonFiniteFeature(row:column:)``.
    /// - Complexity: O(iterations · N · d · k) time for k classes present (each iteration evaluates the
    ///   objective about once, two BLAS products over all rows); O(k·d·10 + 256·d) extra memory.
    public static func fit(
        features: Matrix, labels: [Int], classCount: Int, options: Options = Options()
    ) throws(LabelModelError) -> LogisticRegression {
        try validate(options)
        guard classCount >= 1 else { throw .invalidClassCount(classCount) }
        guard features.rows > 0 else { throw .emptyTrainingSet }
        guard labels.count == features.rows else {
            throw .labelCountMismatch(rows: features.rows, labels: labels.count)
        }
        for (row, label) in labels.enumerated() where label < 0 || label >= classCount {
            throw .labelOutOfRange(row: row, label: label, classCount: classCount)
        }
        try checkFinite(features)

        let observed = Array(Set(labels)).sorted()
        var position = [Int: Int]()
        for (j, c) in observed.enumerated() { position[c] = j }
        let targets = labels.map { position[$0] ?? 0 }
        let k = observed.count
        let n = features.rows
        let d = features.columns
        // Two classes: the softmax form with C/2 equals scikit-learn's one-vector binary model (see above).
        let effectiveC = k == 2 ? options.inverseRegularization / 2 : options.inverseRegularization
        let objective = SoftmaxObjective(
            features: features, targets: targets, classes: k, penalty: 1 / (effectiveC * Double(n)))
        let optimizer = LBFGS(gradientTolerance: options.gradientTolerance, maxIterations: options.maxIterations)
        let start = [Double](repeating: 0, count: objective.parameterCount)
        let result = optimizer.minimize(from: start) { theta, gradient in
            objective.evaluate(theta, gradient: &gradient)
        }
        return LogisticRegression(
            classCount: classCount, dimension: d, iterations: result.iterations, converged: result.converged,
            gradientNorm: result.gradientNorm, observedClasses: observed,
            weights: Array(result.point[0..<(k * d)]), intercepts: Array(result.point[(k * d)...]))
    }

    /// Row-major N×classCount probabilities (softmax), Double. Classes absent from the training labels get 0.
    ///
    /// - Throws: ``LabelModelError/dimensionMismatch(expected:actual:)``,
    ///   ``LabelModelError/nonFiniteFeature(row:column:)``.
    /// - Complexity: O(N·d·k) time (one `dgemm` per block of 256 rows); O(N·classCount) output.
    public func probabilities(_ features: Matrix) throws(LabelModelError) -> [Double] {
        guard features.columns == dimension else {
            throw .dimensionMismatch(expected: dimension, actual: features.columns)
        }
        try Self.checkFinite(features)
        let n = features.rows
        let d = dimension
        let k = observedClasses.count
        var output = [Double](repeating: 0, count: n * classCount)
        guard n > 0 else { return output }
        let capacity = min(SoftmaxObjective.blockRows, n)
        var block = [Double](repeating: 0, count: capacity * d)
        var scores = [Double](repeating: 0, count: capacity * k)
        weights.withUnsafeBufferPointer { w in
            intercepts.withUnsafeBufferPointer { b in
                block.withUnsafeMutableBufferPointer { x in
                    scores.withUnsafeMutableBufferPointer { z in
                        var start = 0
                        while start < n {
                            let count = min(capacity, n - start)
                            SoftmaxObjective.scores(
                                features, rows: start..<(start + count), weights: w, intercepts: b, block: x, into: z)
                            for r in 0..<count {
                                let o = r * k
                                var largest = -Double.infinity
                                for c in 0..<k { largest = max(largest, z[o + c]) }
                                var sum = 0.0
                                for c in 0..<k {
                                    let e = exp(z[o + c] - largest)
                                    z[o + c] = e
                                    sum += e
                                }
                                let row = (start + r) * classCount
                                for c in 0..<k { output[row + observedClasses[c]] = z[o + c] / sum }
                            }
                            start += count
                        }
                    }
                }
            }
        }
        return output
    }

    /// Argmax class per row (ties → the smallest class index).
    ///
    /// - Throws: as ``probabilities(_:)``.
    /// - Complexity: O(N·d·k + N·classCount).
    public func predict(_ features: Matrix) throws(LabelModelError) -> [Int] {
        let p = try probabilities(features)
        return (0..<features.rows).map { row in
            var best = 0
            for c in 1..<max(classCount, 1) where p[row * classCount + c] > p[row * classCount + best] { best = c }
            return best
        }
    }

    private static func validate(_ options: Options) throws(LabelModelError) {
        let c = options.inverseRegularization
        guard c.isFinite && c > 0 else {
            throw .invalidOption(name: "inverseRegularization", reason: "must be positive and finite, got \(c)")
        }
        guard options.maxIterations >= 0 else {
            throw .invalidOption(name: "maxIterations", reason: "must be at least 0, got \(options.maxIterations)")
        }
        let tolerance = options.gradientTolerance
        guard tolerance.isFinite && tolerance >= 0 else {
            throw .invalidOption(name: "gradientTolerance", reason: "must be at least 0 and finite, got \(tolerance)")
        }
    }

    private static func checkFinite(_ features: Matrix) throws(LabelModelError) {
        guard let index = features.storage.firstIndex(where: { !$0.isFinite }) else { return }
        let columns = max(features.columns, 1)
        throw .nonFiniteFeature(row: index / columns, column: index % columns)
    }
}
