/// Scores of predicted class labels against true ones, equal to scikit-learn's `sklearn.metrics` functions.
public enum ClassificationScores {
    /// The share of positions where `predicted` equals `truth` (scikit-learn's `accuracy_score`).
    ///
    /// - Returns: a value in [0, 1]; nil when the arrays are empty or differ in length.
    /// - Complexity: O(N).
    public static func accuracy(truth: [Int], predicted: [Int]) -> Double? {
        guard !truth.isEmpty, truth.count == predicted.count else { return nil }
        var correct = 0
        for (t, p) in zip(truth, predicted) where t == p { correct += 1 }
        return Double(correct) / Double(truth.count)
    }

    /// sklearn `f1_score(truth, predicted, average="macro", zero_division=0)`: the mean F1 over the classes that
    /// occur in truth or predictions.
    ///
    /// Per class c, F1 = 2·tp / (2·tp + fp + fn). A class that occurs only in `predicted`, or is never predicted,
    /// scores 0 and still counts in the mean; a class index that occurs in neither array does not count.
    ///
    /// - Returns: a value in [0, 1]; nil when the arrays are empty or differ in length.
    /// - Complexity: O(N + L log L) for L distinct classes.
    public static func macroF1(truth: [Int], predicted: [Int]) -> Double? {
        guard !truth.isEmpty, truth.count == predicted.count else { return nil }
        var truePositives = [Int: Int]()
        var truthCounts = [Int: Int]()
        var predictedCounts = [Int: Int]()
        for (t, p) in zip(truth, predicted) {
            truthCounts[t, default: 0] += 1
            predictedCounts[p, default: 0] += 1
            if t == p { truePositives[t, default: 0] += 1 }
        }
        let classes = Set(truthCounts.keys).union(predictedCounts.keys).sorted()
        var sum = 0.0
        for c in classes {
            let tp = truePositives[c] ?? 0
            // 2tp + fp + fn = |predicted == c| + |truth == c| ≥ 1 for a class that occurs.
            let denominator = (predictedCounts[c] ?? 0) + (truthCounts[c] ?? 0)
            sum += Double(2 * tp) / Double(denominator)
        }
        return sum / Double(classes.count)
    }

    /// sklearn `balanced_accuracy_score(truth, predicted)`: the mean recall over the classes that occur in
    /// `truth` (a class only predicted does not count). A predictor that always gives one class scores 1/K
    /// on K classes, whatever their balance, so chance is 1/K.
    ///
    /// - Returns: a value in [0, 1]; nil when the arrays are empty or differ in length.
    /// - Complexity: O(N + L log L) for L distinct classes.
    public static func balancedAccuracy(truth: [Int], predicted: [Int]) -> Double? {
        guard !truth.isEmpty, truth.count == predicted.count else { return nil }
        var truePositives = [Int: Int]()
        var truthCounts = [Int: Int]()
        for (t, p) in zip(truth, predicted) {
            truthCounts[t, default: 0] += 1
            if t == p { truePositives[t, default: 0] += 1 }
        }
        var sum = 0.0
        for c in truthCounts.keys.sorted() { sum += Double(truePositives[c] ?? 0) / Double(truthCounts[c] ?? 1) }
        return sum / Double(truthCounts.count)
    }

    /// The counts accuracy, balanced accuracy and macro-F1 are computed from, for classes `0..<classCount`, over the positions
    /// `rows` (a bootstrap resample, repeats counted) without copying the arrays.
    public struct Counts: Sendable {
        /// Per class: positions whose truth is the class.
        public private(set) var truth: [Int]
        /// Per class: positions predicted as the class.
        public private(set) var predicted: [Int]
        /// Per class: positions whose truth and prediction are the class.
        public private(set) var truePositives: [Int]
        /// Positions counted.
        public private(set) var total = 0

        /// Counts `truth[i]` against `predicted[i]` for every i in `rows`; every class must be in
        /// `0..<classCount`.
        ///
        /// - Complexity: O(rows + classCount).
        public init(truth labels: [Int], predicted guesses: [Int], rows: [Int], classCount: Int) {
            truth = [Int](repeating: 0, count: classCount)
            predicted = truth
            truePositives = truth
            for row in rows {
                let (t, p) = (labels[row], guesses[row])
                truth[t] += 1
                predicted[p] += 1
                if t == p { truePositives[t] += 1 }
            }
            total = rows.count
        }

        /// ``ClassificationScores/accuracy(truth:predicted:)`` of the counted positions.
        public var accuracy: Double? {
            total == 0 ? nil : Double(truePositives.reduce(0, +)) / Double(total)
        }

        /// ``ClassificationScores/balancedAccuracy(truth:predicted:)`` of the counted positions, to the last bit.
        public var balancedAccuracy: Double? {
            guard total > 0 else { return nil }
            var sum = 0.0
            var classes = 0
            for c in truth.indices where truth[c] > 0 {
                sum += Double(truePositives[c]) / Double(truth[c])
                classes += 1
            }
            return sum / Double(classes)
        }

        /// ``ClassificationScores/macroF1(truth:predicted:)`` of the counted positions, to the last bit.
        public var macroF1: Double? {
            guard total > 0 else { return nil }
            var sum = 0.0
            var classes = 0
            for c in truth.indices where truth[c] + predicted[c] > 0 {
                sum += Double(2 * truePositives[c]) / Double(predicted[c] + truth[c])
                classes += 1
            }
            return sum / Double(classes)
        }
    }
}
