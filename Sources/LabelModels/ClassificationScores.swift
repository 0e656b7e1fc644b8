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
}
